// Norms for the chair tests by age (and sex where published), and smallest meaningful changes. Pure data;
// sources and what was checked against them: docs/clinical-tests.md.
import type { Sex } from '../guarded/norms';

export interface AgeBand {
  minAge: number;
  maxAge: number;
}

/**
 * Five-times sit-to-stand: times above these are worse than average for the age (Bohannon 2006, Percept Mot
 * Skills 103:215, meta-analysis; sexes pooled), s.
 */
export const STS5_UPPER_S: readonly (AgeBand & { upperS: number })[] = [
  { minAge: 60, maxAge: 69, upperS: 11.4 },
  { minAge: 70, maxAge: 79, upperS: 12.6 },
  { minAge: 80, maxAge: 89, upperS: 14.8 },
];

/** Smallest meaningful change in the five-times sit-to-stand, s: 1.7 s in COPD (Jones et al. 2013, Thorax 68:1015). */
export const STS5_MEANINGFUL_CHANGE_S = 1.7;

/**
 * 30-second chair stand: the normal range (25th to 75th percentile) of full stands, community-residing adults
 * aged 60-94 (Rikli & Jones 1999, J Aging Phys Act 7:162). Fewer than 8 stands went with lower function.
 */
export const CHAIR_STAND_30S_RANGE: readonly (AgeBand & { sex: Sex; low: number; high: number })[] = (
  [
    [60, 64, 12, 17, 14, 19],
    [65, 69, 11, 16, 12, 18],
    [70, 74, 10, 15, 12, 17],
    [75, 79, 10, 15, 11, 17],
    [80, 84, 9, 14, 10, 15],
    [85, 89, 8, 13, 8, 14],
    [90, 94, 4, 11, 7, 12],
  ] as const
).flatMap(([minAge, maxAge, fl, fh, ml, mh]) => [
  { minAge, maxAge, sex: 'female' as const, low: fl, high: fh },
  { minAge, maxAge, sex: 'male' as const, low: ml, high: mh },
]);

/** Timed Up and Go: mean and 95 % confidence interval of healthy elders (Bohannon 2006, J Geriatr Phys Ther 29:64), s. */
export const TUG_REFERENCE_S: readonly (AgeBand & { meanS: number; ciLowS: number; ciHighS: number })[] = [
  { minAge: 60, maxAge: 69, meanS: 8.1, ciLowS: 7.1, ciHighS: 9.0 },
  { minAge: 70, maxAge: 79, meanS: 9.2, ciLowS: 8.2, ciHighS: 10.2 },
  { minAge: 80, maxAge: 99, meanS: 11.3, ciLowS: 10.0, ciHighS: 12.7 },
];

/** Timed Up and Go at or above this predicted falls in community-dwelling elders (Shumway-Cook et al. 2000, Phys Ther 80:896), s. */
export const TUG_FALL_RISK_S = 13.5;

const inBand = (b: AgeBand, age: number): boolean => age >= b.minAge && age < b.maxAge + 1;

export function sts5Norm(ageYears: number): (typeof STS5_UPPER_S)[number] | null {
  return STS5_UPPER_S.find((b) => inBand(b, ageYears)) ?? null;
}

export function chairStandNorm(ageYears: number, sex: Sex): (typeof CHAIR_STAND_30S_RANGE)[number] | null {
  return CHAIR_STAND_30S_RANGE.find((b) => b.sex === sex && inBand(b, ageYears)) ?? null;
}

export function tugNorm(ageYears: number): (typeof TUG_REFERENCE_S)[number] | null {
  return TUG_REFERENCE_S.find((b) => inBand(b, ageYears)) ?? null;
}
