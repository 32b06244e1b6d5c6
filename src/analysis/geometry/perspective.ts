// Near/far leg perspective: in a pinhole view the leg nearer the camera looks larger and its points lie
// further from the image centre than the same walking-line positions would. Equal true leg lengths give
// the depth ratio of the two legs; each leg's x is scaled about the principal point to the walking line.
import type { Tracks } from '../conditioning/tracks';
import type { Landmarks, Side } from './landmarks';

function medianLength(t: Tracks, a: number, b: number): number {
  const v: number[] = [];
  for (let i = 0; i < t.tS.length; i++) {
    const d = Math.hypot(t.xs[a][i] - t.xs[b][i], t.ys[a][i] - t.ys[b][i]);
    if (Number.isFinite(d)) v.push(d);
  }
  v.sort((p, q) => p - q);
  return v.length ? v[v.length >> 1] : NaN;
}

const legLength = (t: Tracks, s: Side): number =>
  medianLength(t, s.hip, s.knee) + medianLength(t, s.knee, s.ankle);

export interface PerspectiveCorrection {
  tracks: Tracks;
  /** Apparent left/right leg length ratio (1 in an orthographic or distant view). */
  leftRightRatio: number;
}

/**
 * Scales the x of each leg's keypoints about principalX (px, assumed the image centre column) by the
 * inverse of that leg's relative size (s_left = √ratio, s_right = 1/√ratio), so both legs are measured
 * on the walking line's scale. Assumes equal leg lengths and a camera looking square to the walk.
 */
export function correctLegPerspective(t: Tracks, lm: Landmarks, principalX: number): PerspectiveCorrection {
  const ratio = legLength(t, lm.left) / legLength(t, lm.right);
  if (!Number.isFinite(ratio) || ratio <= 0) return { tracks: t, leftRightRatio: NaN };
  // Below 1 % the ratio is mostly keypoint noise (SD about 0.3 % at 2 px), not depth: leave it.
  const log = Math.log(ratio);
  if (Math.abs(log) < 0.01) return { tracks: t, leftRightRatio: ratio };
  const xs = t.xs.slice();
  const apply = (s: Side, scale: number): void => {
    for (const k of new Set([s.hip, s.knee, s.ankle, s.heel, s.toe])) {
      xs[k] = t.xs[k].map((x) => principalX + (x - principalX) / scale);
    }
  };
  apply(lm.left, Math.exp(log / 2));
  apply(lm.right, Math.exp(-log / 2));
  return { tracks: { ...t, xs }, leftRightRatio: ratio };
}
