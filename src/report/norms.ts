// Reference values drawn on progress charts: age/sex norms and smallest meaningful changes. Sources: docs/progress-references.md.
import type { Sex } from '../storage/types';
import type { MetricId } from './metrics';

export interface ReferenceBand {
  /** 95 % confidence interval of the group mean (not a range of individuals) and the mean, metric's unit. */
  low: number;
  high: number;
  mean: number;
  /** The age band the stratum covers, years. */
  fromAge: number;
  toAge: number;
  source: string;
}

interface GaitSpeedStratum {
  fromAge: number;
  toAge: number;
  /** Mean and 95% CI of the mean, cm/s, as tabulated by Bohannon & Andrews 2011. */
  men: [mean: number, low: number, high: number];
  women: [mean: number, low: number, high: number];
}

/**
 * Comfortable gait speed of healthy adults by decade and sex.
 * Bohannon RW, Andrews AW. Normal walking speed: a descriptive meta-analysis. Physiotherapy 2011;97:182-9.
 */
const BOHANNON_2011: readonly GaitSpeedStratum[] = [
  { fromAge: 20, toAge: 29, men: [135.8, 127.0, 144.7], women: [134.1, 123.9, 144.3] },
  { fromAge: 30, toAge: 39, men: [143.3, 131.6, 155.0], women: [133.7, 126.6, 140.7] },
  { fromAge: 40, toAge: 49, men: [143.4, 135.3, 151.4], women: [139.0, 129.6, 148.3] },
  { fromAge: 50, toAge: 59, men: [143.3, 137.9, 148.8], women: [131.3, 123.0, 139.6] },
  { fromAge: 60, toAge: 69, men: [133.9, 126.6, 141.2], women: [124.1, 118.3, 130.0] },
  { fromAge: 70, toAge: 79, men: [126.2, 121.0, 131.4], women: [113.2, 107.9, 118.6] },
  { fromAge: 80, toAge: 99, men: [96.8, 83.4, 110.1], women: [94.3, 85.2, 103.4] },
];

/** Age in whole years at a date, from the birth year alone (so up to a year early). */
export function ageAt(birthYear: number, date: Date): number {
  return date.getUTCFullYear() - birthYear;
}

/** The norm band for a metric at an age and sex, or null where no norm is used (other metrics, ages, sexes). */
export function referenceBand(metric: MetricId, sex: Sex, age: number | null): ReferenceBand | null {
  if (metric !== 'gait-speed' || age === null || (sex !== 'female' && sex !== 'male')) return null;
  const stratum = BOHANNON_2011.find((s) => age >= s.fromAge && age <= s.toAge);
  if (!stratum) return null;
  const [mean, low, high] = sex === 'male' ? stratum.men : stratum.women;
  return {
    mean: mean / 100,
    low: low / 100,
    high: high / 100,
    fromAge: stratum.fromAge,
    toAge: stratum.toAge,
    source: `Bohannon & Andrews 2011, ${sex === 'male' ? 'men' : 'women'} ${stratum.fromAge}–${stratum.toAge} y`,
  };
}

export interface MeaningfulChange {
  /** Thresholds in the metric's unit, smallest first. */
  thresholds: number[];
  labels: string[];
  /** What each threshold is, for labels in other languages. */
  kinds: ('small' | 'substantial' | 'mdc')[];
  source: string;
}

/** Smallest meaningful change per metric, where the literature gives one; null means none is drawn. */
export function meaningfulChange(metric: MetricId): MeaningfulChange | null {
  switch (metric) {
    case 'gait-speed':
      return {
        thresholds: [0.05, 0.1],
        labels: ['small meaningful change (0.05 m/s)', 'substantial change (0.10 m/s)'],
        kinds: ['small', 'substantial'],
        source: 'Perera et al. 2006',
      };
    case 'fingertip-to-floor':
      // Ekedahl H, Jönsson B, Frobell RB. Fingertip-to-floor test and straight leg raising test: validity,
      // responsiveness, and predictive value in patients with acute/subacute low back pain. Arch Phys Med Rehabil
      // 2012;93:2210-5: minimal detectable change 4.5 cm.
      return {
        thresholds: [4.5],
        labels: ['minimal detectable change (4.5 cm)'],
        kinds: ['mdc'],
        source: 'Ekedahl et al. 2012',
      };
    case 'step-length':
    case 'stride-length':
    case 'cadence':
    case 'double-support':
    case 'step-length-symmetry':
    case 'step-time-symmetry':
    case 'guarded-outside':
    case 'forward-flexion-rom':
    case 'lateral-flexion-left':
    case 'lateral-flexion-right':
    case 'lateral-drop-left':
    case 'lateral-drop-right':
    case 'extension-rom':
    case 'forward-head':
    case 'standing-trunk-lean':
    case 'shoulder-obliquity':
    case 'pelvic-obliquity':
      return null;
  }
}
