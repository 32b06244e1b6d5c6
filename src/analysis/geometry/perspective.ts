// Near/far leg perspective: in a pinhole view the leg nearer the camera looks larger and its points lie
// further from the image centre than the same walking-line positions would. Equal true leg lengths give
// the depth ratio of the two legs; each leg's x is scaled about the principal point to the walking line.
// A far leg the detector draws short (partly hidden) gives a ratio that is not depth, so the gait analysis keeps
// the correction only where the steps show its predicted error (perspectiveEvidence).
import type { Tracks } from '../conditioning/tracks';
import type { Landmarks, Side } from './landmarks';
import { tCritical95 } from '../gait/stats';

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

/** One step measured without and with the leg-perspective correction. */
export interface PerspectiveStep {
  /** Step length without the correction and with it, px along the walk. */
  uncorrectedPx: number;
  correctedPx: number;
  /** Midpoint of the two footprints along the walk, px. */
  midU: number;
  /** Leading foot (its constant near/far offset is fitted separately). */
  leftLed: boolean;
}

export interface PerspectiveEvidence {
  /** Share of the predicted near/far error the steps show (1: the leg ratio's depth is right; 0: none). */
  gamma: number;
  t: number;
  df: number;
  /**
   * gamma > 0 at the one-sided 95 % level and at least 0.5: the steps show the near/far depth the legs predict
   * (a small but significant gamma is nearer to no depth difference than to the legs' one).
   */
  significant: boolean;
}

/**
 * Do the steps show the near/far error the leg ratio predicts? Ordinary least squares with a Student t-test on
 * one coefficient (Draper & Smith 1998, ch. 3 and 5). The uncorrected step lengths are regressed on an intercept, a
 * linear trend along the walk (the walk not square to the camera, or speeding up), a constant offset of the
 * left-led steps (a real or detector asymmetry) and the predicted error (uncorrected − corrected):
 * y = b0 + b1·u + b2·[left] + gamma·e.
 * A near/far depth difference makes the steps led by one foot long on one side of the principal point and
 * short on the other (the sign flips at the centre), which none of the other terms can mimic.
 */
export function perspectiveEvidence(steps: readonly PerspectiveStep[]): PerspectiveEvidence {
  const rows = steps.filter(
    (s) => Number.isFinite(s.uncorrectedPx) && Number.isFinite(s.correctedPx) && Number.isFinite(s.midU),
  );
  const p = 4;
  const df = rows.length - p;
  const none = { gamma: NaN, t: NaN, df, significant: false };
  if (df < 1) return none;
  const u0 = rows.reduce((a, s) => a + s.midU, 0) / rows.length;
  const X = rows.map((s) => [1, s.midU - u0, s.leftLed ? 1 : 0, s.uncorrectedPx - s.correctedPx]);
  const y = rows.map((s) => s.uncorrectedPx);
  // Normal equations with the inverse (4×4, Gauss–Jordan): the coefficient's variance needs (XᵀX)⁻¹.
  const A = Array.from({ length: p }, (_, a) => [
    ...Array.from({ length: p }, (_, b) => X.reduce((sum, r) => sum + r[a] * r[b], 0)),
    ...Array.from({ length: p }, (_, b) => (a === b ? 1 : 0)),
  ]);
  for (let c = 0; c < p; c++) {
    let m = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(A[r][c]) > Math.abs(A[m][c])) m = r;
    [A[c], A[m]] = [A[m], A[c]];
    if (!(Math.abs(A[c][c]) > 1e-9)) return none;
    const d = A[c][c];
    for (let q = 0; q < 2 * p; q++) A[c][q] /= d;
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const k = A[r][c];
      for (let q = 0; q < 2 * p; q++) A[r][q] -= k * A[c][q];
    }
  }
  const inv = A.map((r) => r.slice(p));
  const xty = Array.from({ length: p }, (_, a) => X.reduce((sum, r, i) => sum + r[a] * y[i], 0));
  const b = inv.map((r) => r.reduce((sum, v, j) => sum + v * xty[j], 0));
  const rss = X.reduce((sum, r, i) => sum + (y[i] - r.reduce((q, v, j) => q + v * b[j], 0)) ** 2, 0);
  const se = Math.sqrt((rss / df) * inv[3][3]);
  const t = se > 0 ? b[3] / se : b[3] > 0 ? Infinity : 0;
  // gamma nearer 1 than 0: of the two hypotheses (the legs' depth ratio, or none), the steps favour the ratio.
  return { gamma: b[3], t, df, significant: t >= tCritical95(df) && b[3] >= 0.5 };
}
