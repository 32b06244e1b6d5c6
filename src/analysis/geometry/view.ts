// Which way the subject faces the camera in one frame, from how wide the shoulders and hips look against the
// trunk. One test for the spine analysis, spine positioning and gait positioning.
import { MIN_KEYPOINT_SCORE } from '../../shared/keypoints';
import type { Px } from '../../shared/units';

/** Side view when both shoulder and hip widths are small against the trunk; front when large; else oblique. */
export type View = 'side' | 'front' | 'oblique';

/** Width-to-trunk ratio at or under which a frame is side-on, and at or over which it faces the camera. */
export const SIDE_MAX_RATIO = 0.25;
export const FRONT_MIN_RATIO = 0.4;

/**
 * View from (shoulder width + hip width) / (2 × trunk length), all px in the image; about 0.55 facing the
 * camera (shoulder joints ≈ 0.2 H apart, hips ≈ 0.12 H, trunk ≈ 0.29 H), near 0 side-on, ≈ 0.4 at 45°.
 * Null when the trunk or a width is unknown (NaN).
 */
export function viewFromWidths(shoulderWidthPx: Px, hipWidthPx: Px, trunkPx: Px): View | null {
  if (!(trunkPx > 0) || !Number.isFinite(shoulderWidthPx + hipWidthPx)) return null;
  const r = (shoulderWidthPx + hipWidthPx) / (2 * trunkPx);
  if (r <= SIDE_MAX_RATIO) return 'side';
  if (r >= FRONT_MIN_RATIO) return 'front';
  return 'oblique';
}

/** Keypoints this close to the frame edge (fraction of its size) count as cut off: the model guesses them. */
export const EDGE_FRACTION = 0.01;

/**
 * Keypoint i of interleaved [x, y, score] keypoints (px) is seen: scored at least MIN_KEYPOINT_SCORE and inside
 * the frame, off its edge. False for i < 0 (a keypoint the skeleton lacks) and for NaN (missing).
 */
export function seenInFrame(kp: Float32Array, i: number, width: number, height: number): boolean {
  if (i < 0) return false;
  const x = kp[3 * i];
  const y = kp[3 * i + 1];
  const mx = EDGE_FRACTION * width;
  const my = EDGE_FRACTION * height;
  return kp[3 * i + 2] >= MIN_KEYPOINT_SCORE && x >= mx && x <= width - mx && y >= my && y <= height - my;
}
