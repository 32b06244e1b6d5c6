// Upper-body gait measures: arm swing (wrist relative to shoulder) and trunk sagittal sway, per stride.
import { degrees, px, radians, radToDeg, type Degrees, type Px } from '../../shared/units';
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
export function armSwingPx(t: Tracks, f: WalkFrame, lm: Landmarks, hs: HeelStrike[]): Px {
  const arm = (wrist: number, shoulder: number): number => {
    const rel = new Float64Array(t.tS.length);
    for (let i = 0; i < rel.length; i++) {
      rel[i] = along(f, t.xs[wrist][i], t.ys[wrist][i]) - along(f, t.xs[shoulder][i], t.ys[shoulder][i]);
    }
    return strideRange(t.tS, rel, hs);
  };
  return px(mean([arm(lm.left.wrist, lm.left.shoulder), arm(lm.right.wrist, lm.right.shoulder)]));
}

/**
 * Least-squares solution of the normal equations a·x = b (n × n, row-major), by Gaussian elimination with
 * partial pivoting; NaN when singular.
 */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const x = new Float64Array(n).fill(NaN);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]) > Math.abs(a[p * n + c])) p = r;
    if (!(Math.abs(a[p * n + c]) > 1e-12)) return x;
    for (let k = 0; k < n; k++) [a[c * n + k], a[p * n + k]] = [a[p * n + k], a[c * n + k]];
    [b[c], b[p]] = [b[p], b[c]];
    for (let r = c + 1; r < n; r++) {
      const f = a[r * n + c] / a[c * n + c];
      for (let k = c; k < n; k++) a[r * n + k] -= f * a[c * n + k];
      b[r] -= f * b[c];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let v = b[r];
    for (let k = r + 1; k < n; k++) v -= a[r * n + k] * x[k];
    x[r] = v / a[r * n + r];
  }
  return x;
}

/**
 * Peak-to-peak of the twice-per-stride oscillation of v, median over strides HS(k) → HS(k+2) (method: per stride,
 * least-squares fit of v = c + d·t + a·cos ωt + b·sin ωt with ω = 2 × 2π / stride time; peak-to-peak = 2√(a² + b²)).
 * The trunk sways forward and back once per step; a fit over the whole stride averages the keypoint noise out,
 * where the raw range (max − min) would add the noise's own range to it (issue 10: 2–3° with no sway at 2 px).
 * noise: median over strides of the fit's residual SD / √samples, the scale of what noise alone reads.
 */
function strideHarmonicPtp(
  tS: Float64Array,
  v: Float64Array,
  hs: HeelStrike[],
): { ptp: number; noise: number } {
  const out: number[] = [];
  const floors: number[] = [];
  const a = new Float64Array(16);
  const b = new Float64Array(4);
  const row = new Float64Array(4);
  for (let k = 0; k + 2 < hs.length; k++) {
    const i0 = Math.ceil(indexAt(tS, hs[k].tS));
    const i1 = Math.floor(indexAt(tS, hs[k + 2].tS));
    if (!(i1 - i0 >= 8)) continue;
    const t0 = hs[k].tS;
    const w = (4 * Math.PI) / (hs[k + 2].tS - t0);
    a.fill(0);
    b.fill(0);
    let ok = true;
    for (let i = i0; ok && i <= i1; i++) {
      if (!Number.isFinite(v[i])) ok = false;
      const t = tS[i] - t0;
      row[0] = 1;
      row[1] = t;
      row[2] = Math.cos(w * t);
      row[3] = Math.sin(w * t);
      for (let r = 0; r < 4; r++) {
        b[r] += row[r] * v[i];
        for (let c = 0; c < 4; c++) a[r * 4 + c] += row[r] * row[c];
      }
    }
    if (!ok) continue;
    const x = solve(a, b, 4);
    out.push(2 * Math.hypot(x[2], x[3]));
    let ss = 0;
    for (let i = i0; i <= i1; i++) {
      const t = tS[i] - t0;
      ss += (v[i] - x[0] - x[1] * t - x[2] * Math.cos(w * t) - x[3] * Math.sin(w * t)) ** 2;
    }
    const n = i1 - i0 + 1;
    floors.push(Math.sqrt(ss / (n - 4) / n));
  }
  return { ptp: median(out), noise: median(floors) };
}

/**
 * What zero true sway reads, as a multiple of the fit's residual SD / √samples: on the generator (BlazePose and
 * COCO-17, 1–6 px noise, 10 seeds each) no zero-sway reading exceeded 12 times it; 13 leaves a margin.
 */
export const TRUNK_SWAY_FLOOR_K = 13;
/**
 * The reduced-sway screening threshold, deg: when the recording's own noise floor reaches it, a reading above it
 * cannot be told from noise, so the sway is not reported (NaN).
 */
export const TRUNK_SWAY_MAX_FLOOR_DEG = 2;

export interface TrunkSway {
  /** Peak-to-peak sagittal sway, deg. */
  deg: number;
  /** What noise alone would read on this recording, deg (TRUNK_SWAY_FLOOR_K × residual SD / √samples). */
  floorDeg: number;
}

/**
 * Trunk sagittal sway: peak-to-peak of the trunk angle's twice-per-stride oscillation (hip midpoint → shoulder
 * midpoint against the floor normal, unwrapped; strideHarmonicPtp), degrees, with the recording's noise floor
 * (docs/validation.md shows it on the generator).
 */
export function trunkSway(t: Tracks, f: WalkFrame, lm: Landmarks, hs: HeelStrike[]): TrunkSway {
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
  const h = strideHarmonicPtp(t.tS, unwrapRadians(angle), hs);
  return { deg: radToDeg(radians(h.ptp)), floorDeg: TRUNK_SWAY_FLOOR_K * radToDeg(radians(h.noise)) };
}

/**
 * Trunk sagittal sway, deg (trunkSway), or NaN when the recording is too noisy to tell a sway at the screening
 * threshold from none (its floor is at or above TRUNK_SWAY_MAX_FLOOR_DEG).
 */
export function trunkSwayDeg(t: Tracks, f: WalkFrame, lm: Landmarks, hs: HeelStrike[]): Degrees {
  const s = trunkSway(t, f, lm, hs);
  return degrees(s.floorDeg < TRUNK_SWAY_MAX_FLOOR_DEG ? s.deg : NaN);
}
