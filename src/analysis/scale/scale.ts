// Pixel-to-metre scale, three ways (height, floor reference, BlazePose world landmarks), or none (pixels).
import type { PosesFileV1 } from '../../shared/poses-format';
import { px, type Px } from '../../shared/units';
import type { Tracks } from '../conditioning/tracks';
import { midpoint } from '../geometry/frame';
import { medianOf } from '../conditioning/quantile';
import { kx, ky, mean2, MIN_SCORE, type Landmarks } from '../geometry/landmarks';
import { STATURE } from './anthropometry';

export { referenceMetresPerPixel, type FloorReference } from '../../shared/reference';

// Chains ankle → knee → hip → eye/ear/shoulder as shares of stature; summing lengths makes joint definitions cancel.
const HIP_TO_EYE = Math.hypot(STATURE.eye - STATURE.hip, STATURE.eyeForward);
const EYE_CHAIN_SHARE = STATURE.hip - STATURE.ankle + HIP_TO_EYE;
const EAR_CHAIN_SHARE = STATURE.hip - STATURE.ankle + Math.hypot(STATURE.ear - STATURE.hip, 0.0);
const SHOULDER_CHAIN_SHARE = STATURE.shoulder - STATURE.ankle;

/** Median of the finite values, over the frames where use is 1 (all frames without use). */
function medianFinite(v: Float64Array, use?: Uint8Array): number {
  if (use) for (let i = 0; i < v.length; i++) if (!use[i]) v[i] = NaN;
  return medianOf(v);
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
function segmentPx(t: Tracks, a: number, b: number, use?: Uint8Array): number {
  return medianFinite(distances(t, t.xs[a], t.ys[a], t.xs[b], t.ys[b]), use);
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
 * H = (shank + thigh + hip→eye) / 0.899, each segment the median over frames (those where use is 1, when
 * given) and over both sides. Falls back to the ear, then the shoulder chain. Assumes the segments lie in the
 * image plane at one depth: a side-on walk, or upright standing (the spine tests pass their still upright
 * frames, since a bent trunk foreshortens hip→eye).
 */
export function estimateHeightPx(t: Tracks, lm: Landmarks, use?: Uint8Array): HeightEstimate | null {
  const shank = meanFinite(
    segmentPx(t, lm.left.knee, lm.left.ankle, use),
    segmentPx(t, lm.right.knee, lm.right.ankle, use),
  );
  const thigh = meanFinite(
    segmentPx(t, lm.left.hip, lm.left.knee, use),
    segmentPx(t, lm.right.hip, lm.right.knee, use),
  );
  const hx = midpoint(t.xs, lm.left.hip, lm.right.hip);
  const hy = midpoint(t.ys, lm.left.hip, lm.right.hip);
  const upper = (a: number, b: number): number =>
    medianFinite(distances(t, hx, hy, midpoint(t.xs, a, b), midpoint(t.ys, a, b)), use);
  return heightFromChain(
    shank + thigh,
    upper(lm.left.eye, lm.right.eye),
    upper(lm.left.ear, lm.right.ear),
    upper(lm.left.shoulder, lm.right.shoulder),
  );
}

/**
 * Standing height in px of one interleaved [x, y, score] frame by the same chains (one frame's segments, so
 * noisier: for live display, smoothed by the caller); NaN when the legs are not seen. Allocation-free.
 */
export function frameHeightPx(kp: Float32Array, lm: Landmarks): Px {
  const L = lm.left;
  const R = lm.right;
  const shank = mean2(segLen(kp, L.knee, L.ankle), segLen(kp, R.knee, R.ankle));
  const thigh = mean2(segLen(kp, L.hip, L.knee), segLen(kp, R.hip, R.knee));
  const hx = mean2(kx(kp, L.hip), kx(kp, R.hip));
  const hy = mean2(ky(kp, L.hip), ky(kp, R.hip));
  return px(
    chainHeightPx(
      shank + thigh,
      fromHip(kp, L.eye, R.eye, hx, hy),
      fromHip(kp, L.ear, R.ear, hx, hy),
      fromHip(kp, L.shoulder, R.shoulder, hx, hy),
    ),
  );
}

function segLen(kp: Float32Array, a: number, b: number): number {
  return Math.hypot(kx(kp, a) - kx(kp, b), ky(kp, a) - ky(kp, b));
}

/** Distance from (hx, hy) to the midpoint of keypoints a and b (or the one seen), px. */
function fromHip(kp: Float32Array, a: number, b: number, hx: number, hy: number): number {
  return Math.hypot(mean2(kx(kp, a), kx(kp, b)) - hx, mean2(ky(kp, a), ky(kp, b)) - hy);
}

/** The chain's height estimate, px: eye chain, else ear, else shoulder; NaN without the legs. */
function chainHeightPx(leg: number, eye: number, ear: number, shoulder: number): number {
  if (!Number.isFinite(leg)) return NaN;
  if (Number.isFinite(eye)) return (leg + eye) / EYE_CHAIN_SHARE;
  if (Number.isFinite(ear)) return (leg + ear) / EAR_CHAIN_SHARE;
  return (leg + shoulder) / SHOULDER_CHAIN_SHARE;
}

/** Height in px from the leg (shank + thigh) and hip→eye, hip→ear and hip→shoulder-midpoint lengths, px. */
function heightFromChain(leg: number, eye: number, ear: number, shoulder: number): HeightEstimate | null {
  const heightPx = chainHeightPx(leg, eye, ear, shoulder);
  if (!Number.isFinite(heightPx)) return null;
  const chain: HeightEstimate['chain'] = Number.isFinite(eye)
    ? 'eye'
    : Number.isFinite(ear)
      ? 'ear'
      : 'shoulder';
  return { heightPx, chain, shoulderAgreement: (leg + shoulder) / SHOULDER_CHAIN_SHARE / heightPx };
}

/**
 * Scale from BlazePose world landmarks (metres, hip-centred): ratio of the summed median segment lengths
 * in world and image (thighs, shanks, hip→shoulder). Assumes those segments lie in the image plane (side-on).
 */
export function worldMetresPerPixel(
  file: PosesFileV1,
  t: Tracks,
  lm: Landmarks,
  use?: Uint8Array,
): number | null {
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
      if (wa && wb && wa[3] >= MIN_SCORE && wb[3] >= MIN_SCORE)
        w[i] = Math.hypot(wa[0] - wb[0], wa[1] - wb[1], wa[2] - wb[2]);
    }
    const wm = medianFinite(w, use);
    const im = segmentPx(t, a, b, use);
    if (Number.isFinite(wm) && Number.isFinite(im)) {
      worldSum += wm;
      imageSum += im;
    }
  }
  return imageSum > 0 ? worldSum / imageSum : null;
}
