// Metres per pixel for the spine measures, from the subject's height or BlazePose world landmarks.
// Candidate for consolidation with the gait engine's scaling (src/analysis/scale).
import type { PosesFileV1 } from '../../shared/poses-format';
import { ANKLE_HEIGHT, SHOULDER_ANKLE_SPAN } from './body';
import { medianOf } from '../conditioning/quantile';
import { F, FRAME_FIELDS } from './frame';
import { MIN_SCORE, type SpineKeypointIndices } from './keypoints';

export type SpineScaleMethod = 'height' | 'world' | 'pixels';

export interface SpineScale {
  method: SpineScaleMethod;
  /** NaN with method 'pixels'. */
  metresPerPixel: number;
  /** Stature, m: given, or estimated from world landmarks; NaN with 'pixels'. */
  statureM: number;
}

/**
 * Height method: metresPerPixel = (0.818 − 0.039) × stature / median vertical shoulder-to-ankle span in upright
 * frames (Drillis & Contini 1966 proportions). World method: median ratio of the same span in BlazePose world
 * landmarks (m) to pixels, stature = world span / 0.779. Assumes the camera is level and the subject stands
 * at one distance; fails (falls back to pixels) without upright frames.
 */
export function estimateScale(
  file: PosesFileV1,
  k: SpineKeypointIndices,
  m: Float64Array,
  upright: Uint8Array,
  heightM: number | undefined,
): SpineScale {
  const n = file.frames.length;
  const span = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) if (upright[i]) span[i] = m[i * FRAME_FIELDS + F.spanPx];
  const spanPx = medianOf(span);
  if (heightM !== undefined && heightM > 0 && spanPx > 0) {
    return { method: 'height', metresPerPixel: (SHOULDER_ANKLE_SPAN * heightM) / spanPx, statureM: heightM };
  }
  const ratio = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const w = file.frames[i].world;
    if (!w || !upright[i]) continue;
    const sy = worldMeanY(w, k.leftShoulder, k.rightShoulder);
    const ay = worldMeanY(w, k.leftAnkle, k.rightAnkle);
    const px = span[i];
    if (px > 0 && Number.isFinite(sy + ay)) ratio[i] = (ay - sy) / px;
  }
  const mpp = medianOf(ratio);
  if (mpp > 0)
    return { method: 'world', metresPerPixel: mpp, statureM: (mpp * spanPx) / SHOULDER_ANKLE_SPAN };
  return { method: 'pixels', metresPerPixel: NaN, statureM: NaN };
}

function worldMeanY(w: NonNullable<PosesFileV1['frames'][number]['world']>, a: number, b: number): number {
  const pa = w[a];
  const pb = w[b];
  const ya = pa && pa[3] >= MIN_SCORE ? pa[1] : NaN;
  const yb = pb && pb[3] >= MIN_SCORE ? pb[1] : NaN;
  if (Number.isFinite(ya)) return Number.isFinite(yb) ? (ya + yb) / 2 : ya;
  return yb;
}

/** Standing ankle-joint height in pixels, for placing the floor under COCO-17 ankles. */
export function ankleToFloorPx(scale: SpineScale): number {
  return (ANKLE_HEIGHT * scale.statureM) / scale.metresPerPixel;
}
