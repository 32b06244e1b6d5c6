// Where each guarded-gait threshold comes from, and how an indicator without a published norm is judged against
// the patient's own baseline once one exists. Pure: indicator lists in, judgements out.
import type { IndicatorV1 } from '../../shared/analysis-format';
import type { JudgedIndicatorId } from '../../shared/messages';

export interface ThresholdSource {
  /** 'published': a population norm or cut-off from the cited source; 'screening': no published norm. */
  basis: 'published' | 'screening';
  /** Direction that is worse: 'low' flags values below the threshold, 'high' above. */
  worse: 'low' | 'high';
  /** Whether the threshold is adjusted for age (and sex). */
  ageAdjusted: boolean;
  /** The source, or why there is none. */
  source: string;
  /**
   * Screening thresholds: the change from the patient's baseline, as a share of the baseline value, that counts
   * as a worsening. A screening margin of our choosing, not a validated minimal important change (docs/metrics.md).
   */
  baselineChange?: number;
  /**
   * Screening thresholds judged by an absolute change instead, in the indicator's unit (asymmetry: its index is
   * already a relative measure near 0, where a share of the baseline means nothing). Also a screening margin.
   */
  baselineChangeUnits?: number;
}

/**
 * Every threshold in guardedIndicators, with its source or its "screening threshold, no published norm" mark.
 * Heel-strike descent velocity has none: it is not validated at 30 fps and no longer judged (docs/metrics.md).
 */
export const THRESHOLD_SOURCES: Readonly<Record<JudgedIndicatorId, ThresholdSource>> = {
  'slow-gait-speed': {
    basis: 'published',
    worse: 'low',
    ageAdjusted: true,
    source:
      'With age and sex: 80 % of the comfortable-speed mean of Bohannon & Andrews 2011. Without: 1.0 m/s, the speed ' +
      'under which older adults are at higher risk of adverse health outcomes (Fritz & Lusardi 2009, citing Cesari ' +
      'et al. 2005); community ambulation is > 0.8 m/s in the same paper. Not an age-matched norm.',
  },
  'short-steps': {
    basis: 'screening',
    worse: 'low',
    ageAdjusted: false,
    source:
      'Screening threshold, no published norm: 0.35 x height, under the healthy-adult ratio of about 0.41 ' +
      '(Grieve & Gear 1966); not adjusted for age, though step length shortens with age.',
    baselineChange: 0.1,
  },
  'long-double-support': {
    basis: 'screening',
    worse: 'high',
    ageAdjusted: false,
    source:
      'Screening threshold, no published norm: 30 % of the gait cycle, above the healthy-adult 20-24 % ' +
      '(Perry & Burnfield 2010); not adjusted for age, though double support lengthens with age.',
    baselineChange: 0.15,
  },
  'reduced-arm-swing': {
    basis: 'screening',
    worse: 'low',
    ageAdjusted: false,
    source: 'Screening threshold, no published norm: 10 % of height.',
    baselineChange: 0.25,
  },
  'reduced-trunk-sway': {
    basis: 'screening',
    worse: 'low',
    ageAdjusted: false,
    source:
      'Screening threshold, no published norm: 2 deg peak-to-peak (healthy about 3-6 deg, Thorstensson et al. ' +
      '1984); reported only when the recording noise floor is under 2 deg (docs/validation.md).',
    baselineChange: 0.3,
  },
  asymmetry: {
    basis: 'screening',
    worse: 'high',
    ageAdjusted: false,
    source:
      'Screening threshold, no published norm for this method: 8 % asymmetry index (0 = symmetric), after the ' +
      'step-length and swing-time ratio 1.08 of Patterson et al. 2010 (a cut-off from people after stroke, ' +
      'measured on a walkway). Judged against the baseline: a rise of 5 units (percentage points of the index).',
    baselineChangeUnits: 5,
  },
};

/** One indicator judged against the patient's baseline. */
export interface BaselineJudgement {
  id: string;
  value: number | null;
  baseline: number | null;
  /** Change from the baseline: a share of it (positive = larger), or in the indicator's unit (changeIn 'units'). */
  change: number | null;
  changeIn: 'share' | 'units';
  /**
   * 'threshold': judged against its published threshold (the indicator's own `outside`); 'baseline': a screening
   * threshold judged against the patient's baseline; 'no-baseline': a screening threshold with no baseline yet;
   * 'not-judged': an indicator an older result stored that is no longer judged (heel-strike velocity).
   */
  judgedBy: 'threshold' | 'baseline' | 'no-baseline' | 'not-judged';
  outside: boolean;
}

const sourceOf = (id: string): ThresholdSource | undefined =>
  Object.hasOwn(THRESHOLD_SOURCES, id) ? THRESHOLD_SOURCES[id as JudgedIndicatorId] : undefined;

/**
 * Judges indicators as docs/metrics.md promises: published thresholds as they are; screening thresholds (no
 * published norm) against the patient's baseline once one exists: outside when the value moved from the baseline
 * in the worse direction by more than baselineChange of it (or baselineChangeUnits, asymmetry: 5 units). Without a
 * baseline a screening indicator keeps its screening flag and says so (judgedBy 'no-baseline'). An indicator with
 * no source (heel-strike velocity in older results) is never outside.
 */
export function judgeAgainstBaseline(
  current: readonly IndicatorV1[],
  baseline: readonly IndicatorV1[] | null,
): BaselineJudgement[] {
  return current.map((ind) => {
    const src = sourceOf(ind.id);
    const base = baseline?.find((b) => b.id === ind.id)?.value ?? null;
    const units = src?.baselineChangeUnits !== undefined;
    const change =
      ind.value === null || base === null
        ? null
        : units
          ? ind.value - base
          : base !== 0
            ? (ind.value - base) / Math.abs(base)
            : null;
    const out = {
      id: ind.id,
      value: ind.value,
      baseline: base,
      change,
      changeIn: units ? 'units' : 'share',
    } as const;
    if (!src) return { ...out, judgedBy: 'not-judged', outside: false };
    const margin = src.baselineChangeUnits ?? src.baselineChange;
    if (src.basis === 'published' || margin === undefined) {
      return { ...out, judgedBy: 'threshold', outside: ind.outside };
    }
    if (change === null) return { ...out, judgedBy: 'no-baseline', outside: ind.outside };
    const worse = src.worse === 'low' ? -change : change;
    return { ...out, judgedBy: 'baseline', outside: worse > margin };
  });
}
