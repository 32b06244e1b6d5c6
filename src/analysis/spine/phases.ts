// Repetition and phase detection on a trunk-angle excursion signal: neutral hold → movement → end-range hold → return.
import { quantile } from '../conditioning/quantile';

export type SpinePhase = 'neutral' | 'moving' | 'end-range' | 'returning';

/** Frame indices of one repetition; ranges are half-open [from, to). */
export interface RepWindow {
  /** The neutral hold before it: after the previous repetition, within NEUTRAL_WINDOW_MS of its start. */
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

/** A swing counts when it exceeds this share of the 98th-percentile excursion (and MIN_REP_DEG). */
export const SWING_SHARE = 0.35;

/**
 * Turning-point (zigzag) detector. Method: alternating valleys and peaks of the excursion, each confirmed once
 * the signal has moved back from it by δ = max(MIN_REP_DEG, 35 % of the 98th-percentile excursion). Every peak
 * that rises δ above the valley before it and falls δ after it is a repetition, so partial returns between
 * repetitions still separate them. For each repetition:
 * - movement start and return: the last and first samples within max(2°, 10 % of the swing) of the valley
 *   before and the valley after;
 * - end-range hold: from the first to the last sample within max(2.5°, 5 % of the swing) of the peak;
 * - neutral hold: from the first to the last sample within the same tolerance of the valley before, between
 *   the previous return (or NEUTRAL_WINDOW_MS before the start, if later) and the movement start.
 * Assumes e is a low-pass filtered excursion (deg, larger toward the end of the range); NaN samples are skipped.
 * Fails when a repetition is less than 35 % of the largest one, or the subject stops at end range.
 */
export function detectReps(e: Float64Array, tMs: Float64Array): RepWindow[] {
  const n = e.length;
  const top = quantile(e, 0.98);
  if (!(top >= MIN_REP_DEG)) return [];
  const delta = Math.max(MIN_REP_DEG, SWING_SHARE * top);
  // Turning points: indices of alternating valley, peak, valley, ... (valleys first).
  const turns: number[] = [];
  let seekingPeak = true;
  let ext = -1;
  let valley = -1;
  for (let i = 0; i < n; i++) {
    const v = e[i];
    if (!Number.isFinite(v)) continue;
    if (ext < 0) {
      ext = valley = i;
      continue;
    }
    if (seekingPeak) {
      // Before the first peak the valley is the lowest point so far, and the peak is sought after it.
      if (turns.length === 0 && v < e[valley]) {
        valley = ext = i;
        continue;
      }
      if (v > e[ext]) ext = i;
      if (e[ext] - e[valley] >= delta && v <= e[ext] - delta) {
        if (turns.length === 0) turns.push(valley);
        turns.push(ext);
        seekingPeak = false;
        ext = i;
      }
    } else {
      if (v < e[ext]) ext = i;
      if (v >= e[ext] + delta) {
        turns.push(ext);
        valley = ext;
        seekingPeak = true;
        ext = i;
      }
    }
  }
  // The valley after the last confirmed peak is wherever the signal bottomed out since.
  if (!seekingPeak) turns.push(ext);
  const reps: RepWindow[] = [];
  let prevEnd = 0;
  for (let t = 1; t + 1 < turns.length; t += 2) {
    const v0 = turns[t - 1];
    const peak = turns[t];
    const v1 = turns[t + 1];
    const pv = e[peak];
    const swing = pv - e[v0];
    if (!(pv >= MIN_REP_DEG)) continue;
    const lo0 = e[v0] + Math.max(2, 0.1 * swing);
    const lo1 = e[v1] + Math.max(2, 0.1 * (pv - e[v1]));
    let start = peak;
    while (start > v0 && !(e[start - 1] <= lo0)) start--;
    let end = peak;
    while (end < v1 && !(e[end] <= lo1)) end++;
    if (tMs[Math.min(end, n - 1)] - tMs[start] < MIN_REP_MS) continue;
    const tol = Math.max(2.5, 0.05 * swing);
    // Outermost samples within tol of the peak: noise dips inside a hold must not cut it short.
    let pFrom = start;
    while (pFrom < peak && !(e[pFrom] >= pv - tol)) pFrom++;
    let pTo = end;
    while (pTo > peak + 1 && !(e[pTo - 1] >= pv - tol)) pTo--;
    // Neutral hold: outermost samples within the same tolerance of the valley, in the window before the start.
    let lo = start;
    while (lo > prevEnd && tMs[start] - tMs[lo - 1] <= NEUTRAL_WINDOW_MS) lo--;
    const band = e[v0] + Math.max(2.5, 0.05 * swing);
    let nFrom = lo;
    while (nFrom < start && !(e[nFrom] <= band)) nFrom++;
    let nTo = start;
    while (nTo > nFrom && !(e[nTo - 1] <= band)) nTo--;
    reps.push({ neutralFrom: nFrom, neutralTo: nTo, start, plateauFrom: pFrom, plateauTo: pTo, end, peak });
    prevEnd = end;
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
