// Gait-speed norms for the timed walk tests by age and sex, and the smallest meaningful changes. Pure data;
// sources and what was checked against them: docs/clinical-tests.md.
import type { WalkPace } from '../../shared/clinical-tests';
import {
  GAIT_SPEED_NORMS,
  GAIT_SPEED_SMALL_CHANGE_MPS,
  GAIT_SPEED_SUBSTANTIAL_CHANGE_MPS,
  type Sex,
} from '../guarded/norms';

export type WalkNormSource = 'bohannon-andrews-2011' | 'bohannon-1997';

export interface SpeedNorm {
  pace: WalkPace;
  sex: Sex;
  /** Age band, years, inclusive. */
  minAge: number;
  maxAge: number;
  /** Mean speed of healthy adults in the band, m/s. */
  meanMps: number;
  source: WalkNormSource;
}

const band = (
  pace: WalkPace,
  sex: Sex,
  minAge: number,
  maxAge: number,
  cmPerS: number,
  source: WalkNormSource,
): SpeedNorm => ({ pace, sex, minAge, maxAge, meanMps: Math.round(cmPerS * 10) / 1000, source });

/**
 * Comfortable pace: the one gait-speed table, Bohannon & Andrews 2011 (src/analysis/guarded/norms.ts). Fast pace:
 * Bohannon 1997, Age Ageing 26:15 (maximum speed over 7.62 m, 230 adults), means by sex and decade; no band above
 * 79 years. A fast trial is never judged against the comfortable norm.
 */
export const WALK_SPEED_NORMS: readonly SpeedNorm[] = [
  ...GAIT_SPEED_NORMS.map((b): SpeedNorm => ({
    pace: 'comfortable',
    sex: b.sex,
    minAge: b.minAge,
    maxAge: b.maxAge,
    meanMps: b.meanMps,
    source: 'bohannon-andrews-2011',
  })),
  ...(
    [
      [20, 29, 253.3, 247.4],
      [30, 39, 245.6, 234.2],
      [40, 49, 245.8, 212.3],
      [50, 59, 207.7, 201.0],
      [60, 69, 192.8, 177.3],
      [70, 79, 208.4, 174.9],
    ] as const
  ).flatMap(([a, b, m, f]) => [
    band('fast', 'male', a, b, m, 'bohannon-1997'),
    band('fast', 'female', a, b, f, 'bohannon-1997'),
  ]),
];

/** Smallest meaningful change in gait speed, m/s, and a substantial one (Perera et al. 2006). */
export { GAIT_SPEED_SMALL_CHANGE_MPS, GAIT_SPEED_SUBSTANTIAL_CHANGE_MPS };

/** The norm for a pace, age and sex; null outside the published bands. */
export function walkSpeedNorm(pace: WalkPace, ageYears: number, sex: Sex): SpeedNorm | null {
  return (
    WALK_SPEED_NORMS.find(
      (n) => n.pace === pace && n.sex === sex && ageYears >= n.minAge && ageYears < n.maxAge + 1,
    ) ?? null
  );
}
