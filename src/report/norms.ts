// Reference values drawn on progress charts: the one gait-speed norm table (src/analysis/guarded/norms.ts) and
// smallest meaningful changes. Sources: docs/progress-references.md.
import {
  GAIT_SPEED_SMALL_CHANGE_MPS,
  GAIT_SPEED_SUBSTANTIAL_CHANGE_MPS,
  gaitSpeedNorm,
} from '../analysis/guarded/norms';
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

/** Age in whole years at a date, from the birth year alone (so up to a year early). */
export function ageAt(birthYear: number, date: Date): number {
  return date.getUTCFullYear() - birthYear;
}

/** The norm band for a metric at an age and sex, or null where no norm is used (other metrics, ages, sexes). */
export function referenceBand(metric: MetricId, sex: Sex, age: number | null): ReferenceBand | null {
  if (metric !== 'gait-speed' || age === null || (sex !== 'female' && sex !== 'male')) return null;
  const b = gaitSpeedNorm(age, sex);
  if (!b) return null;
  return {
    mean: b.meanMps,
    low: b.ciLowMps,
    high: b.ciHighMps,
    fromAge: b.minAge,
    toAge: b.maxAge,
    source: `Bohannon & Andrews 2011, ${sex === 'male' ? 'men' : 'women'} ${b.minAge}–${b.maxAge} y`,
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
        thresholds: [GAIT_SPEED_SMALL_CHANGE_MPS, GAIT_SPEED_SUBSTANTIAL_CHANGE_MPS],
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
