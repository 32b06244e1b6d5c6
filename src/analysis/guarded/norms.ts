// The one gait-speed norm table (Bohannon & Andrews 2011) used by the guarded-gait indicator, the timed walk tests,
// the progress charts and the FHIR export, with the smallest meaningful change in gait speed (Perera et al. 2006).
import { metersPerSecond, type MetersPerSecond } from '../../shared/units';

export type Sex = 'female' | 'male';

/** One age band of the comfortable gait-speed norm: group mean and 95 % confidence interval of that mean, m/s. */
export interface GaitSpeedBand {
  sex: Sex;
  /** Age band, years, inclusive. */
  minAge: number;
  maxAge: number;
  meanMps: number;
  ciLowMps: number;
  ciHighMps: number;
}

/**
 * Comfortable gait speed of healthy adults by sex and decade: Bohannon RW, Andrews AW. Normal walking speed: a
 * descriptive meta-analysis. Physiotherapy 2011;97:182-9 (41 studies, 23 111 adults, 3-30 m at usual pace), cm/s:
 * mean (95 % CI of the mean). The abstract confirms the extremes (143.4 men 40-49; 94.3 women 80-99).
 */
const BOHANNON_ANDREWS_2011_CM_S: readonly [minAge: number, maxAge: number, men: Cell, women: Cell][] = [
  [20, 29, [135.8, 127.0, 144.7], [134.1, 123.9, 144.3]],
  [30, 39, [143.3, 131.6, 155.0], [133.7, 126.6, 140.7]],
  [40, 49, [143.4, 135.3, 151.4], [139.0, 129.6, 148.3]],
  [50, 59, [143.3, 137.9, 148.8], [131.3, 123.0, 139.6]],
  [60, 69, [133.9, 126.6, 141.2], [124.1, 118.3, 130.0]],
  [70, 79, [126.2, 121.0, 131.4], [113.2, 107.9, 118.6]],
  [80, 99, [96.8, 83.4, 110.1], [94.3, 85.2, 103.4]],
];
type Cell = readonly [mean: number, low: number, high: number];

const cmToM = (cm: number): number => Math.round(cm * 10) / 1000;

/** The table, in m/s, one row per sex and decade. */
export const GAIT_SPEED_NORMS: readonly GaitSpeedBand[] = BOHANNON_ANDREWS_2011_CM_S.flatMap(
  ([minAge, maxAge, men, women]) =>
    (
      [
        ['male', men],
        ['female', women],
      ] as const
    ).map(([sex, [m, l, h]]) => ({
      sex,
      minAge,
      maxAge,
      meanMps: cmToM(m),
      ciLowMps: cmToM(l),
      ciHighMps: cmToM(h),
    })),
);

/** The band for an age (whole years) and sex; null under 20 or over 99. */
export function gaitSpeedNorm(ageYears: number, sex: Sex): GaitSpeedBand | null {
  return (
    GAIT_SPEED_NORMS.find((b) => b.sex === sex && ageYears >= b.minAge && ageYears < b.maxAge + 1) ?? null
  );
}

/** Normal comfortable gait speed for an age (years, clamped to 20-99) and sex, m/s. */
export function normalGaitSpeedMps(ageYears: number, sex: Sex): MetersPerSecond {
  const band = gaitSpeedNorm(Math.min(99, Math.max(20, Math.floor(ageYears))), sex);
  return metersPerSecond(band ? band.meanMps : NaN);
}

/** Smallest meaningful change in gait speed, m/s, and a substantial one (Perera et al. 2006, J Am Geriatr Soc 54:743). */
export const GAIT_SPEED_SMALL_CHANGE_MPS = 0.05;
export const GAIT_SPEED_SUBSTANTIAL_CHANGE_MPS = 0.1;

/** Share of the age/sex norm below which gait speed is flagged. */
export const SLOW_SHARE_OF_NORM = 0.8;
/**
 * Threshold when age and sex are unknown, m/s: in Fritz & Lusardi 2009 the speed under which older adults are at
 * higher risk of adverse health outcomes (citing Cesari et al. 2005), not the community-ambulation cut-off
 * (> 0.8 m/s in the same paper) and not an age-matched norm.
 */
export const ADULT_SLOW_MPS = 1.0;
