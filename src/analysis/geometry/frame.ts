// Walking frame from the data: floor line (robust fit through stance-foot points) and walking direction along it.
import { radians, radToDeg } from '../../shared/units';
import type { Tracks } from '../conditioning/tracks';
import type { Landmarks } from './landmarks';

/** Image-to-walk transform: u along the walking direction, v up, both in pixels. */
export interface WalkFrame {
  /** Unit vector along the floor in image pixels, pointing the way the subject walks. */
  ux: number;
  uy: number;
  /** Unit vector perpendicular to the floor, pointing up in the image. */
  vx: number;
  vy: number;
  /** +1 when walking towards image right, -1 towards image left. */
  direction: 1 | -1;
  /** Floor tilt in the image, degrees (positive: floor drops to the right, y down). */
  tiltDeg: number;
  /** Pelvis travel along the floor, px. */
  travelPx: number;
}

export const along = (f: WalkFrame, x: number, y: number): number => x * f.ux + y * f.uy;
export const up = (f: WalkFrame, x: number, y: number): number => x * f.vx + y * f.vy;

/** Midpoint series of two keypoints, falling back to whichever is present. */
export function midpoint(v: Float64Array[], a: number, b: number): Float64Array {
  const out = new Float64Array(v[a].length);
  for (let i = 0; i < out.length; i++) {
    const p = v[a][i];
    const q = v[b][i];
    out[i] = Number.isFinite(p) && Number.isFinite(q) ? 0.5 * (p + q) : Number.isFinite(p) ? p : q;
  }
  return out;
}

/**
 * Fits the floor through ankle positions while the foot is still (speed under a third of the pelvis speed):
 * least squares, then once more without points beyond 3 robust SDs. The floor's slope gives the tilt; the
 * sign of the pelvis travel along it gives the direction. Null when there are too few points.
 */
export function walkFrame(t: Tracks, lm: Landmarks): WalkFrame | null {
  const px = midpoint(t.xs, lm.left.hip, lm.right.hip);
  const py = midpoint(t.ys, lm.left.hip, lm.right.hip);
  const both = new Float64Array(px.length);
  for (let i = 0; i < both.length; i++) both[i] = px[i] + py[i];
  const first = firstFinite(both);
  const last = lastFinite(both);
  if (first < 0 || last <= first) return null;
  const dtS = t.tS[last] - t.tS[first];
  const pelvisSpeed = Math.abs(px[last] - px[first]) / Math.max(dtS, 1e-6);
  const fx: number[] = [];
  const fy: number[] = [];
  for (const s of [lm.left, lm.right]) {
    const x = t.xs[s.ankle];
    const y = t.ys[s.ankle];
    for (let i = 1; i + 1 < x.length; i++) {
      const sp = Math.hypot(x[i + 1] - x[i - 1], y[i + 1] - y[i - 1]) / (t.tS[i + 1] - t.tS[i - 1]);
      if (sp < pelvisSpeed / 3) {
        fx.push(x[i]);
        fy.push(y[i]);
      }
    }
  }
  let slope = 0;
  if (fx.length >= 4) {
    let fit = lineFit(fx, fy, null);
    const res = fx.map((x, i) => Math.abs(fy[i] - (fit.a + fit.b * x)));
    const mad = [...res].sort((p, q) => p - q)[res.length >> 1] * 1.4826;
    fit = lineFit(fx, fy, (i) => res[i] <= 3 * Math.max(mad, 1));
    slope = fit.b;
  }
  const norm = Math.hypot(1, slope);
  let ux = 1 / norm;
  let uy = slope / norm;
  const travel = (px[last] - px[first]) * ux + (py[last] - py[first]) * uy;
  const direction: 1 | -1 = travel >= 0 ? 1 : -1;
  ux *= direction;
  uy *= direction;
  // Up is the floor normal with negative image y.
  const vx = slope / norm;
  const vy = -1 / norm;
  return {
    ux,
    uy,
    vx,
    vy,
    direction,
    tiltDeg: radToDeg(radians(Math.atan(slope))),
    travelPx: Math.abs(travel),
  };
}

function lineFit(x: number[], y: number[], keep: ((i: number) => boolean) | null): { a: number; b: number } {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    if (keep && !keep(i)) continue;
    n++;
    sx += x[i];
    sy += y[i];
    sxx += x[i] * x[i];
    sxy += x[i] * y[i];
  }
  const d = n * sxx - sx * sx;
  if (n < 2 || Math.abs(d) < 1e-9) return { a: n ? sy / n : 0, b: 0 };
  const b = (n * sxy - sx * sy) / d;
  return { a: (sy - b * sx) / n, b };
}

export function firstFinite(v: Float64Array): number {
  for (let i = 0; i < v.length; i++) if (Number.isFinite(v[i])) return i;
  return -1;
}

export function lastFinite(v: Float64Array): number {
  for (let i = v.length - 1; i >= 0; i--) if (Number.isFinite(v[i])) return i;
  return -1;
}
