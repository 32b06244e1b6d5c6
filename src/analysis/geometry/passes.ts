// Walking passes: a recording may hold several passes across the view with turns (or pauses) between them.
import { fillGaps } from '../conditioning/interpolate';
import type { Tracks } from '../conditioning/tracks';
import { midpoint } from './frame';
import type { Landmarks } from './landmarks';

export interface Pass {
  /** Frame range [start, end). */
  start: number;
  end: number;
  /** +1 towards image right, -1 towards image left. */
  direction: 1 | -1;
  /**
   * The pass's reference instant, s: the pelvis crossing ORIGIN_SHARE of the view's width from the side it
   * entered, interpolated between frames (a mirrored pass crosses at the mirrored instant, whatever frame its
   * detection starts on); NaN when the width is unknown or the pelvis is already past that line.
   */
  originS: number;
}

/** The share of the view's width from the entry side where a pass's reference instant is taken. */
export const ORIGIN_SHARE = 0.2;

/** A loss of the subject up to this long within one walk does not split it: the pelvis is bridged across it. */
export const MAX_BRIDGED_GAP_S = 1;

/**
 * Splits a recording at turns and pauses: frames whose horizontal pelvis velocity (over ±0.25 s) is above
 * a quarter of the typical walking speed, grouped by sign; runs shorter than 1 s are dropped. The pelvis is
 * first bridged linearly across gaps up to MAX_BRIDGED_GAP_S, so a subject briefly lost (occluded, out of
 * frame, or undetected) mid-walk stays one pass, while a longer gap splits it.
 */
export function findPasses(t: Tracks, lm: Landmarks, widthPx = NaN): Pass[] {
  const x = fillGaps(midpoint(t.xs, lm.left.hip, lm.right.hip), Math.round(MAX_BRIDGED_GAP_S * t.sampleHz));
  const n = x.length;
  const h = Math.max(1, Math.round(0.25 * t.sampleHz));
  const v = new Float64Array(n).fill(NaN);
  for (let i = h; i + h < n; i++) v[i] = (x[i + h] - x[i - h]) / (t.tS[i + h] - t.tS[i - h]);
  const speeds = Array.from(v, Math.abs)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (speeds.length === 0) return [];
  const typical = speeds[Math.floor(0.75 * (speeds.length - 1))];
  const sign = (i: number): number => (Math.abs(v[i]) > 0.25 * typical ? Math.sign(v[i]) : 0);
  const passes: Pass[] = [];
  let i = 0;
  while (i < n) {
    const s = sign(i);
    let j = i + 1;
    while (j < n && sign(j) === s) j++;
    if (s !== 0 && t.tS[j - 1] - t.tS[i] >= 1) {
      // Extend by the velocity window so the pass keeps its first and last steps.
      const start = Math.max(0, i - h);
      const end = Math.min(n, j + h);
      const direction = s > 0 ? 1 : -1;
      passes.push({ start, end, direction, originS: crossing(t.tS, x, start, end, direction, widthPx) });
    }
    i = j;
  }
  return passes;
}

/** When x first crosses ORIGIN_SHARE of the width from the entry side within [start, end), linearly, s. */
function crossing(
  tS: Float64Array,
  x: Float64Array,
  start: number,
  end: number,
  direction: 1 | -1,
  widthPx: number,
): number {
  const line = direction > 0 ? ORIGIN_SHARE * widthPx : (1 - ORIGIN_SHARE) * widthPx;
  if (!Number.isFinite(line)) return NaN;
  const before = (v: number) => (direction > 0 ? v < line : v > line);
  let prev = -1;
  for (let i = start; i < end; i++) {
    if (!Number.isFinite(x[i])) continue;
    if (!before(x[i])) {
      if (prev < 0) return NaN;
      const f = (line - x[prev]) / (x[i] - x[prev]);
      return tS[prev] + f * (tS[i] - tS[prev]);
    }
    prev = i;
  }
  return NaN;
}
