// Keypoint conventions every layer shares: when a keypoint counts as seen, and the flat typed-array layout
// that crosses threads and feeds the per-frame measures.
import type { KeypointTuple } from './poses-format';

/**
 * A keypoint counts as seen at or above this score; below it is missing (NaN), never 0. A working choice, not
 * a published value: MoveNet and BlazePose score visible joints well above it and guessed, hidden ones below.
 */
export const MIN_KEYPOINT_SCORE = 0.3;

/**
 * ganglag.poses/v1 keypoint tuples as interleaved [x, y, score] (px): a missing keypoint (null) is NaN in all
 * three, so a score test (`>= MIN_KEYPOINT_SCORE`) and any sum both treat it as missing. Writes into `out` when
 * given (per-frame paths reuse one array), else allocates.
 */
export function keypointsToArray(
  tuples: readonly (KeypointTuple | null)[],
  out: Float32Array = new Float32Array(tuples.length * 3),
): Float32Array {
  for (let i = 0; i < tuples.length; i++) {
    const p = tuples[i];
    out[3 * i] = p ? p[0] : NaN;
    out[3 * i + 1] = p ? p[1] : NaN;
    out[3 * i + 2] = p ? p[2] : NaN;
  }
  return out;
}
