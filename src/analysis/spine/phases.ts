// Repetition and phase detection on a trunk-angle excursion signal: neutral hold → movement → end-range hold → return.
import { quantile } from './filter';

export type SpinePhase = 'neutral' | 'moving' | 'end-range' | 'returning';

/** Frame indices of one repetition; ranges are half-open [from, to). */
export interface RepWindow {
  /** The neutral hold before it: after the previous repetition, at most NEUTRAL_WINDOW_MS long. */
  neutralFrom: number;
  neutralTo: number;
  /** Movement starts (excursion leaves the neutral band). */
  start: number;
  /** End-range hold: samples within the plateau tolerance of the peak, around it. */
  plateauFrom: number;
  plateauTo: number;
  /** Back in the neutral band (or at the next repetition). */
  end: number;
  peak: number;
}

/** Smallest excursion, deg, counted as a repetition: well above filtered 2 px noise (< 1°) and postural sway (≈ 2°). */
export const MIN_REP_DEG = 8;
/** A repetition lasts at least this long, so a single glitch cannot count. */
export const MIN_REP_MS = 400;
/** The neutral value of a repetition is taken over at most this long before its movement starts. */
export const NEUTRAL_WINDOW_MS = 1500;

/**
 * Hysteresis threshold detector (method: excursion above max(6°, 35 % of the 98th-percentile excursion) opens a
 * repetition, falling under max(3°, 15 %) closes it). Then movement start and return are the last/first samples
 * within max(2°, 10 % of the peak) of neutral, and the end-range hold is the contiguous run within
 * max(2.5°, 5 % of the peak) of the peak. Assumes e is an excursion (deg, ≥ 0 in the test's direction) from the
 * recording's neutral level, low-pass filtered; NaN samples neither open nor close a repetition.
 * Fails when the subject never returns toward neutral between repetitions (they merge into one).
 */
export function detectReps(e: Float64Array, tMs: Float64Array): RepWindow[] {
  const n = e.length;
  const top = quantile(e, 0.98);
  if (!(top >= MIN_REP_DEG)) return [];
  const on = Math.max(6, 0.35 * top);
  const off = Math.max(3, 0.15 * top);
  const reps: RepWindow[] = [];
  let prevEnd = 0;
  let i = 0;
  while (i < n) {
    if (!(e[i] >= on)) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && !(e[j] < off)) j++;
    let peak = i;
    for (let k = i; k < j; k++) if (e[k] > e[peak] || !Number.isFinite(e[peak])) peak = k;
    const pv = e[peak];
    if (!(pv >= MIN_REP_DEG)) {
      i = j;
      continue;
    }
    const level = Math.max(2, 0.1 * pv);
    let start = peak;
    while (start > prevEnd && !(e[start - 1] <= level)) start--;
    let nextOn = j;
    while (nextOn < n && !(e[nextOn] >= on)) nextOn++;
    let end = peak;
    while (end < nextOn && !(e[end] <= level)) end++;
    if (tMs[Math.min(end, n - 1)] - tMs[start] < MIN_REP_MS) {
      i = j;
      continue;
    }
    const tol = Math.max(2.5, 0.05 * pv);
    let pFrom = peak;
    while (pFrom > start && !(e[pFrom - 1] < pv - tol)) pFrom--;
    let pTo = peak + 1;
    while (pTo < end && !(e[pTo] < pv - tol)) pTo++;
    let nFrom = start;
    while (nFrom > prevEnd && tMs[start] - tMs[nFrom - 1] <= NEUTRAL_WINDOW_MS) nFrom--;
    reps.push({ neutralFrom: nFrom, neutralTo: start, start, plateauFrom: pFrom, plateauTo: pTo, end, peak });
    prevEnd = end;
    i = Math.max(j, end);
  }
  return reps;
}

/** Phase of sample i given the detected repetitions (for timelines and tests). */
export function phaseAt(reps: readonly RepWindow[], i: number): SpinePhase {
  for (const r of reps) {
    if (i < r.start) break;
    if (i < r.plateauFrom) return 'moving';
    if (i < r.plateauTo) return 'end-range';
    if (i < r.end) return 'returning';
  }
  return 'neutral';
}
