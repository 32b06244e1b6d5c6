// The gait engine's scale (src/analysis/scale) applied to a spine recording: its still upright frames only.
import { extractTracks } from '../conditioning/tracks';
import { MIN_SCORE } from '../geometry/landmarks';
import { STATURE } from '../scale/anthropometry';
import { chooseScale } from '../scale/choose';
import { estimateHeightPx } from '../scale/scale';
import { px, type Px } from '../../shared/units';
import type { Recording } from './recording';

export type SpineScaleMethod = 'height' | 'world' | 'pixels';

export interface SpineScale {
  method: SpineScaleMethod;
  /** NaN with method 'pixels'. */
  metresPerPixel: number;
  /** Standing height, px, from segment lengths in the upright frames; NaN when the legs are not seen there. */
  heightPx: number;
}

/**
 * Height method: metresPerPixel = stature / standing height in px, the height in px from the median shank,
 * thigh and hip→eye lengths over the still upright frames (estimateHeightPx). World method: BlazePose world
 * segment lengths over image ones in the same frames (worldMetresPerPixel). Assumes the subject stands at one
 * distance from the camera; without upright frames there is no scale (pixels).
 */
export function estimateScale(rec: Recording, heightM: number | undefined): SpineScale {
  const t = extractTracks(rec.file, MIN_SCORE);
  const height = estimateHeightPx(t, rec.k, rec.upright);
  const given = heightM !== undefined && heightM > 0 ? heightM : undefined;
  const s = chooseScale(rec.file, t, rec.k, height, given, undefined, rec.upright);
  const heightPx = height?.heightPx ?? NaN;
  if (s.metresPerPixel === null || !(s.metresPerPixel > 0) || !(heightPx > 0) || s.method === 'reference') {
    return { method: 'pixels', metresPerPixel: NaN, heightPx };
  }
  return { method: s.method, metresPerPixel: s.metresPerPixel, heightPx };
}

/** Standing ankle-joint height in pixels, for placing the floor under COCO-17 ankles. */
export function ankleToFloorPx(scale: SpineScale): Px {
  return px(STATURE.ankle * scale.heightPx);
}

/** Hand length (wrist crease to fingertip) in pixels. */
export function handPx(scale: SpineScale): Px {
  return px(STATURE.hand * scale.heightPx);
}
