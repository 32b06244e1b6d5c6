// Upper-body gait measures: arm swing (wrist relative to shoulder) and trunk sagittal sway, per stride.
import type { Tracks } from '../conditioning/tracks';
import { unwrapRadians } from '../conditioning/unwrap';
import { along, midpoint, up, type WalkFrame } from '../geometry/frame';
import type { Landmarks } from '../geometry/landmarks';
import type { HeelStrike } from './events';
import { indexAt } from './steps';
import { mean, median } from './stats';

/** Range (max − min) of v within each stride HS(k) → HS(k+2), median over strides. */
function strideRange(tS: Float64Array, v: Float64Array, hs: HeelStrike[]): number {
  const ranges: number[] = [];
  for (let k = 0; k + 2 < hs.length; k++) {
    const a = Math.ceil(indexAt(tS, hs[k].tS));
    const b = Math.floor(indexAt(tS, hs[k + 2].tS));
    let lo = Infinity;
    let hi = -Infinity;
    let ok = b > a;
    for (let i = a; ok && i <= b; i++) {
      if (!Number.isFinite(v[i])) ok = false;
      lo = Math.min(lo, v[i]);
      hi = Math.max(hi, v[i]);
    }
    if (ok) ranges.push(hi - lo);
  }
  return median(ranges);
}

/** Arm swing: per-stride range of (wrist − shoulder) along the walk, mean of both arms, px. */
export function armSwingPx(t: Tracks, f: WalkFrame, lm: Landmarks, hs: HeelStrike[]): number {
  const arm = (wrist: number, shoulder: number): number => {
    const rel = new Float64Array(t.tS.length);
    for (let i = 0; i < rel.length; i++) {
      rel[i] = along(f, t.xs[wrist][i], t.ys[wrist][i]) - along(f, t.xs[shoulder][i], t.ys[shoulder][i]);
    }
    return strideRange(t.tS, rel, hs);
  };
  return mean([arm(lm.left.wrist, lm.left.shoulder), arm(lm.right.wrist, lm.right.shoulder)]);
}

/**
 * Trunk sagittal sway: per-stride range of the trunk angle (hip midpoint → shoulder midpoint against the
 * floor normal, unwrapped), degrees.
 */
export function trunkSwayDeg(t: Tracks, f: WalkFrame, lm: Landmarks, hs: HeelStrike[]): number {
  const hx = midpoint(t.xs, lm.left.hip, lm.right.hip);
  const hy = midpoint(t.ys, lm.left.hip, lm.right.hip);
  const sx = midpoint(t.xs, lm.left.shoulder, lm.right.shoulder);
  const sy = midpoint(t.ys, lm.left.shoulder, lm.right.shoulder);
  const angle = new Float64Array(hx.length);
  for (let i = 0; i < angle.length; i++) {
    const du = along(f, sx[i], sy[i]) - along(f, hx[i], hy[i]);
    const dv = up(f, sx[i], sy[i]) - up(f, hx[i], hy[i]);
    angle[i] = Math.atan2(du, dv);
  }
  return (strideRange(t.tS, unwrapRadians(angle), hs) * 180) / Math.PI;
}
