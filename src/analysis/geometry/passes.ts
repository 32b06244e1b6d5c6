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
}

/** A loss of the subject up to this long within one walk does not split it: the pelvis is bridged across it. */
export const MAX_BRIDGED_GAP_S = 1;

/**
 * Splits a recording at turns and pauses: frames whose horizontal pelvis velocity (over ±0.25 s) is above
 * a quarter of the typical walking speed, grouped by sign; runs shorter than 1 s are dropped. The pelvis is
 * first bridged linearly across gaps up to MAX_BRIDGED_GAP_S, so a subject briefly lost (occluded, out of
 * frame, or undetected) mid-walk stays one pass, while a longer gap splits it.
 */
export function findPasses(t: Tracks, lm: Landmarks): Pass[] {
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
      passes.push({ start: Math.max(0, i - h), end: Math.min(n, j + h), direction: s > 0 ? 1 : -1 });
    }
    i = j;
  }
  return passes;
}
