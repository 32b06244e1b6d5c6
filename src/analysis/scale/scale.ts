// Pixel-to-metre scale, three ways (height, floor reference, BlazePose world landmarks), or none (pixels).
import type { PosesFileV1 } from '../../shared/poses-format';
import type { Tracks } from '../conditioning/tracks';
import { midpoint } from '../geometry/frame';
import type { Landmarks } from '../geometry/landmarks';

/**
 * Standing heights as fractions of stature H (Drillis & Contini 1966, as drawn in Winter 2009, Fig. 4.1):
 * ankle joint 0.039, knee 0.285, hip 0.530, shoulder 0.818, eye 0.936; the eye lies about 0.045 H in front
 * of the hip joint. The head-top offset is the remaining 1 − 0.936 = 0.064 H above the eye, and the
 * ankle-to-floor offset is 0.039 H; both are implied by dividing the chain below by its share of H.
 */
export const STATURE = {
  ankle: 0.039,
  knee: 0.285,
  hip: 0.53,
  shoulder: 0.818,
  eye: 0.936,
  ear: 0.925,
  eyeForward: 0.045,
  footLength: 0.152,
} as const;

// Chains ankle → knee → hip → eye/ear/shoulder as shares of stature; summing lengths makes joint definitions cancel.
const HIP_TO_EYE = Math.hypot(STATURE.eye - STATURE.hip, STATURE.eyeForward);
const EYE_CHAIN_SHARE = STATURE.hip - STATURE.ankle + HIP_TO_EYE;
const EAR_CHAIN_SHARE = STATURE.hip - STATURE.ankle + Math.hypot(STATURE.ear - STATURE.hip, 0.0);
const SHOULDER_CHAIN_SHARE = STATURE.shoulder - STATURE.ankle;

function medianFinite(v: ArrayLike<number>): number {
  const a: number[] = [];
  for (let i = 0; i < v.length; i++) if (Number.isFinite(v[i])) a.push(v[i]);
  if (a.length === 0) return NaN;
  a.sort((p, q) => p - q);
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : 0.5 * (a[m - 1] + a[m]);
}

function distances(
  t: Tracks,
  ax: Float64Array,
  ay: Float64Array,
  bx: Float64Array,
  by: Float64Array,
): Float64Array {
  const out = new Float64Array(t.tS.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.hypot(ax[i] - bx[i], ay[i] - by[i]);
  return out;
}

/** Median 2D length of a segment between two keypoints, px (full length when it lies in the image plane). */
function segmentPx(t: Tracks, a: number, b: number): number {
  return medianFinite(distances(t, t.xs[a], t.ys[a], t.xs[b], t.ys[b]));
}

function meanFinite(...v: number[]): number {
  const f = v.filter(Number.isFinite);
  return f.length ? f.reduce((s, x) => s + x, 0) / f.length : NaN;
}

export interface HeightEstimate {
  heightPx: number;
  /** Which chain was used. */
  chain: 'eye' | 'ear' | 'shoulder';
  /** The shoulder chain's height over the chosen chain's (NaN without shoulders): a proportions check. */
  shoulderAgreement: number;
}

/**
 * Standing height in px from segment lengths (robust to knee flexion and bob, unlike the bounding box):
 * H = (shank + thigh + hip→eye) / 0.899, each segment the median over frames and over both sides.
 * Falls back to the ear, then the shoulder chain. Assumes a side-on walk at constant depth.
 */
export function estimateHeightPx(t: Tracks, lm: Landmarks): HeightEstimate | null {
  const shank = meanFinite(
    segmentPx(t, lm.left.knee, lm.left.ankle),
    segmentPx(t, lm.right.knee, lm.right.ankle),
  );
  const thigh = meanFinite(
    segmentPx(t, lm.left.hip, lm.left.knee),
    segmentPx(t, lm.right.hip, lm.right.knee),
  );
  const hx = midpoint(t.xs, lm.left.hip, lm.right.hip);
  const hy = midpoint(t.ys, lm.left.hip, lm.right.hip);
  const upper = (a: number, b: number): number =>
    medianFinite(distances(t, hx, hy, midpoint(t.xs, a, b), midpoint(t.ys, a, b)));
  const leg = shank + thigh;
  if (!Number.isFinite(leg)) return null;
  const byShoulder = (leg + upper(lm.left.shoulder, lm.right.shoulder)) / SHOULDER_CHAIN_SHARE;
  const eye = upper(lm.left.eye, lm.right.eye);
  const ear = upper(lm.left.ear, lm.right.ear);
  const est = (heightPx: number, chain: HeightEstimate['chain']): HeightEstimate => ({
    heightPx,
    chain,
    shoulderAgreement: byShoulder / heightPx,
  });
  if (Number.isFinite(eye)) return est((leg + eye) / EYE_CHAIN_SHARE, 'eye');
  if (Number.isFinite(ear)) return est((leg + ear) / EAR_CHAIN_SHARE, 'ear');
  if (Number.isFinite(byShoulder)) return est(byShoulder, 'shoulder');
  return null;
}

/** A distance marked on the floor: two image points (px) and the metres between them. */
export interface FloorReference {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  metres: number;
}

/** Scale from a floor reference; assumes the marks lie on the walking line (same depth as the feet). */
export function referenceMetresPerPixel(ref: FloorReference): number | null {
  const d = Math.hypot(ref.x2 - ref.x1, ref.y2 - ref.y1);
  return d > 0 && ref.metres > 0 ? ref.metres / d : null;
}

/**
 * Scale from BlazePose world landmarks (metres, hip-centred): ratio of the summed median segment lengths
 * in world and image (thighs, shanks, hip→shoulder). Assumes those segments lie in the image plane (side-on).
 */
export function worldMetresPerPixel(file: PosesFileV1, t: Tracks, lm: Landmarks): number | null {
  const n = file.frames.length;
  const segs: [number, number][] = [
    [lm.left.hip, lm.left.knee],
    [lm.right.hip, lm.right.knee],
    [lm.left.knee, lm.left.ankle],
    [lm.right.knee, lm.right.ankle],
    [lm.left.hip, lm.left.shoulder],
    [lm.right.hip, lm.right.shoulder],
  ];
  let worldSum = 0;
  let imageSum = 0;
  for (const [a, b] of segs) {
    const w = new Float64Array(n).fill(NaN);
    for (let i = 0; i < n; i++) {
      const wa = file.frames[i].world?.[a];
      const wb = file.frames[i].world?.[b];
      if (wa && wb && wa[3] >= 0.3 && wb[3] >= 0.3)
        w[i] = Math.hypot(wa[0] - wb[0], wa[1] - wb[1], wa[2] - wb[2]);
    }
    const wm = medianFinite(w);
    const im = segmentPx(t, a, b);
    if (Number.isFinite(wm) && Number.isFinite(im)) {
      worldSum += wm;
      imageSum += im;
    }
  }
  return imageSum > 0 ? worldSum / imageSum : null;
}
