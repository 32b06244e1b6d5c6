// Recording-quality checks: not side-on, too short, partly out of view, leg swaps corrected.
import type { WarningMessage } from '../../shared/messages/codes';
import type { Tracks } from '../conditioning/tracks';
import type { WalkFrame } from './frame';
import type { Landmarks } from './landmarks';

export interface QualityInputs {
  raw: Tracks;
  conditioned: Tracks;
  frame: WalkFrame;
  lm: Landmarks;
  heelStrikes: number;
  legSwapFrames: number;
}

function medianOf(v: number[]): number {
  const a = v.filter(Number.isFinite).sort((p, q) => p - q);
  return a.length ? a[a.length >> 1] : NaN;
}

/**
 * Trunk length (shoulder midpoint → hip midpoint) per frame, px. The trunk, not the legs: on real video a leg
 * reads 20-23 % short while it steps out from behind an object or the far leg is hidden, though the walk stays
 * side-on, while the trunk changes 3-6 % within such a pass (docs/validation.md, real video).
 */
function trunkLengths(t: Tracks, lm: Landmarks, from: number, to: number): number[] {
  const out: number[] = [];
  const { left: l, right: r } = lm;
  for (let i = from; i < to; i++) {
    const sx = (t.xs[l.shoulder][i] + t.xs[r.shoulder][i]) / 2;
    const sy = (t.ys[l.shoulder][i] + t.ys[r.shoulder][i]) / 2;
    const hx = (t.xs[l.hip][i] + t.xs[r.hip][i]) / 2;
    const hy = (t.ys[l.hip][i] + t.ys[r.hip][i]) / 2;
    out.push(Math.hypot(sx - hx, sy - hy));
  }
  return out;
}

export function qualityWarnings(q: QualityInputs): WarningMessage[] {
  const w: WarningMessage[] = [];
  const n = q.raw.tS.length;
  const third = Math.floor(n / 3);
  if (third >= 3) {
    const early = medianOf(trunkLengths(q.conditioned, q.lm, 0, third));
    const late = medianOf(trunkLengths(q.conditioned, q.lm, n - third, n));
    const change = Math.abs(late / early - 1);
    if (change > 0.15) {
      w.push({ code: 'body-size-changes', pct: Math.round(100 * change) });
    }
  }
  if (Math.abs(q.frame.tiltDeg) > 8) w.push({ code: 'floor-tilted', deg: Math.round(q.frame.tiltDeg) });
  if (q.heelStrikes < 5) w.push({ code: 'short-recording', heelStrikes: q.heelStrikes });
  const keys = [
    q.lm.left.hip,
    q.lm.right.hip,
    q.lm.left.ankle,
    q.lm.right.ankle,
    q.lm.left.knee,
    q.lm.right.knee,
  ];
  let missing = 0;
  for (let i = 0; i < n; i++) if (keys.some((k) => !Number.isFinite(q.raw.xs[k][i]))) missing++;
  if (missing > 0.1 * n) {
    w.push({ code: 'partly-out-of-view', frames: missing, total: n });
  }
  if (q.legSwapFrames > 0) w.push({ code: 'legs-swapped', frames: q.legSwapFrames });
  return w;
}
