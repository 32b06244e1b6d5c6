// Whether a guarded-gait indicator can be judged at all from this walk: its 95 % interval from the walk's own
// step-to-step spread against the threshold, and whether both sides of the body have faced the camera.
import type { Foot, IndicatorV1 } from '../../shared/analysis-format';
import type { IndicatorReference } from '../../shared/messages';
import { renderGuardedSummary } from '../../shared/messages';
import { round } from '../round';
import { mean, sd, symmetryIndexPct } from './stats';

/** within / outside: the whole 95 % interval lies on that side of the threshold; otherwise cannot-judge. */
export type Judgement = 'within' | 'outside' | 'cannot-judge';
/**
 * measurement-noise: the 95 % interval contains the threshold (a short walk, noisy detections), or the walk has
 * too few measured steps or cycles to bound the value at all (then interval95 is absent).
 * one-side-view: an asymmetry seen with only one side of the body towards the camera; the detector's near/far
 * leg bias alone can make one, so it is not flagged until passes in both directions are pooled.
 * not-computable: the walk gave no value (value null).
 */
export type CannotJudgeReason = 'measurement-noise' | 'one-side-view' | 'not-computable';

/** IndicatorV1 with the judgement (additive to ganglag.analysis/v1: IndicatorV1 allows extra fields). */
export interface JudgedIndicatorV1 extends IndicatorV1 {
  judgement: Judgement;
  /** Set when judgement is cannot-judge. */
  judgementReason?: CannotJudgeReason;
  /** The value's 95 % interval from the walk's own spread, in the indicator's unit; absent when not estimated. */
  interval95?: [number, number];
}

/** What the intervals are computed from: the steps and cycles the indicators were computed from. */
export interface JudgementEvidence {
  steps: readonly { foot: Foot; lengthPx: number; timeS: number }[];
  /** Double support per gait cycle, %. */
  doubleSupportPct: readonly number[];
  /** m per px (NaN without a scale) and height, m: for the step-length-to-height ratio. */
  metresPerPixel: number;
  heightM: number;
  /** The side that faced the camera in each pooled pass (from its walking direction). */
  cameraSides: readonly Foot[];
}

/** Two-sided 97.5 % Student t quantiles for 1–30 degrees of freedom (then 1.96). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
const t975 = (df: number): number => (df >= 1 ? (T975[Math.min(df, 30) - 1] ?? 1.96) : NaN);

type Interval = [number, number];

/** 95 % interval of a mean (Student t). */
function meanInterval(v: readonly number[]): Interval | null {
  const f = v.filter(Number.isFinite);
  if (f.length < 2) return null;
  const h = (t975(f.length - 1) * sd(f)) / Math.sqrt(f.length);
  return [mean(f) - h, mean(f) + h];
}

/**
 * 95 % interval of the symmetry index 200·|L − R|/(L + R), %: delta method with Welch's standard error of L − R
 * and Welch–Satterthwaite degrees of freedom (Welch 1947, Biometrika 34:28-35); lower bound at 0.
 */
export function asymmetryInterval(l: readonly number[], r: readonly number[]): Interval | null {
  const a = l.filter(Number.isFinite);
  const b = r.filter(Number.isFinite);
  if (a.length < 2 || b.length < 2) return null;
  const va = sd(a) ** 2 / a.length;
  const vb = sd(b) ** 2 / b.length;
  const se = Math.sqrt(va + vb);
  const df = Math.floor((va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1) || 1));
  const si = symmetryIndexPct(mean(a), mean(b));
  const h = (200 * t975(Math.max(1, df)) * se) / (mean(a) + mean(b));
  return [Math.max(0, si - h), si + h];
}

function judge(iv: Interval | null, outsideAbove: boolean, threshold: number): Judgement | null {
  if (!iv || !Number.isFinite(iv[0] + iv[1])) return null;
  const [lo, hi] = iv;
  if (outsideAbove) return lo > threshold ? 'outside' : hi <= threshold ? 'within' : 'cannot-judge';
  return hi < threshold ? 'outside' : lo >= threshold ? 'within' : 'cannot-judge';
}

const maxOf = (r: IndicatorReference): number | null =>
  r.code === 'asymmetry' ? r.maxPct : r.code === 'double-support' ? r.maxPct : null;

/**
 * Judges the indicators that a walk's own step-to-step spread can bound: step asymmetry (length and time),
 * double support and the step-length-to-height ratio. An indicator whose 95 % interval contains its threshold
 * is not flagged (outside: false) and says cannot-judge; so is an asymmetry flag from one side of the body only.
 * The others keep their plain outside/within. The summary is rendered again from the judged list.
 */
export function judgeIndicators(
  guarded: { indicators: IndicatorV1[]; summary: string },
  e: JudgementEvidence,
): { indicators: JudgedIndicatorV1[]; summary: string } {
  const by = (f: Foot, k: 'lengthPx' | 'timeS'): number[] =>
    e.steps.filter((s) => s.foot === f).map((s) => s[k]);
  const sides = new Set(e.cameraSides);
  const indicators = guarded.indicators.map((ind): JudgedIndicatorV1 => {
    if (ind.value === null) return { ...ind, judgement: 'cannot-judge', judgementReason: 'not-computable' };
    const plain: JudgedIndicatorV1 = { ...ind, judgement: ind.outside ? 'outside' : 'within' };
    if (!ind.referenceCode) return plain;
    let iv: Interval | null = null;
    let j: Judgement | null = null;
    let judged = true;
    const max = maxOf(ind.referenceCode);
    if (ind.id === 'asymmetry' && max !== null) {
      const len = asymmetryInterval(by('left', 'lengthPx'), by('right', 'lengthPx'));
      const tim = asymmetryInterval(by('left', 'timeS'), by('right', 'timeS'));
      const jl = judge(len, true, max);
      const jt = judge(tim, true, max);
      if (jl && jt) {
        j =
          jl === 'outside' || jt === 'outside'
            ? 'outside'
            : jl === 'within' && jt === 'within'
              ? 'within'
              : 'cannot-judge';
        iv = [Math.max(len![0], tim![0]), Math.max(len![1], tim![1])];
      }
    } else if (ind.id === 'long-double-support' && max !== null) {
      iv = meanInterval(e.doubleSupportPct);
      j = judge(iv, true, max);
    } else if (ind.id === 'short-steps' && ind.referenceCode.code === 'step-length-height') {
      const k = e.metresPerPixel / e.heightM;
      iv = meanInterval(e.steps.map((s) => s.lengthPx * k));
      j = judge(iv, false, ind.referenceCode.min);
    } else judged = false;
    if (!judged) return plain;
    // Too few measured steps or cycles for an interval: a flag or an all-clear would rest on one or two values.
    if (!j || !iv)
      return { ...ind, outside: false, judgement: 'cannot-judge', judgementReason: 'measurement-noise' };
    const interval95: [number, number] = [round(iv[0], 3) ?? NaN, round(iv[1], 3) ?? NaN];
    if (ind.id === 'asymmetry' && j === 'outside' && sides.size < 2) {
      return {
        ...ind,
        outside: false,
        judgement: 'cannot-judge',
        judgementReason: 'one-side-view',
        interval95,
      };
    }
    if (j === 'cannot-judge') {
      return { ...ind, outside: false, judgement: j, judgementReason: 'measurement-noise', interval95 };
    }
    // The interval and the plain threshold test agree except at the rounding edge; the interval decides.
    return { ...ind, outside: j === 'outside', judgement: j, interval95 };
  });
  return { indicators, summary: renderGuardedSummary(indicators, 'en') };
}
