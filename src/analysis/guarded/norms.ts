// Reference values for the guarded-gait indicators, each with its source.
import { metersPerSecond, type MetersPerSecond } from '../../shared/units';

export type Sex = 'female' | 'male';

/**
 * Comfortable gait speed, m/s, by sex and age band (Bohannon & Andrews 2011, Physiotherapy 97:182-189,
 * meta-analysis, grand means). Bands: 20-29, 30-39, 40-49, 50-59, 60-69, 70-79, 80-99.
 */
const BOHANNON_2011: Record<Sex, readonly number[]> = {
  male: [1.358, 1.433, 1.434, 1.433, 1.339, 1.262, 0.968],
  female: [1.341, 1.337, 1.39, 1.313, 1.241, 1.132, 0.943],
};

/** Normal comfortable gait speed for an age (years, clamped to 20-99) and sex, m/s. */
export function normalGaitSpeedMps(ageYears: number, sex: Sex): MetersPerSecond {
  const band = Math.min(6, Math.max(0, Math.floor((Math.min(99, Math.max(20, ageYears)) - 20) / 10)));
  return metersPerSecond(BOHANNON_2011[sex][band]);
}

/** Share of the age/sex norm below which gait speed is flagged. */
export const SLOW_SHARE_OF_NORM = 0.8;
/**
 * Threshold when age and sex are unknown, m/s: in Fritz & Lusardi 2009 the speed under which older adults are at
 * higher risk of adverse health outcomes (citing Cesari et al. 2005), not the community-ambulation cut-off
 * (> 0.8 m/s in the same paper) and not an age-matched norm.
 */
export const ADULT_SLOW_MPS = 1.0;
