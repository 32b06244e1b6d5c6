// Condensed pose series for storage: the subject's keypoints at reduced precision (about 3x smaller as JSON).
import type { KeypointTuple, PosesFileV1, WorldTuple } from '../shared/poses-format';

const round = (x: number, step: number): number => Math.round(x / step) * step;
const r = (x: number, digits: number): number => Number(round(x, 10 ** -digits).toFixed(digits));

/**
 * Rounds image keypoints to 0.1 px, scores to 0.01 and world landmarks to 1 mm, and drops keypoints with
 * score below minScore (they are noise to every consumer). Timestamps keep 0.001 ms so order is preserved.
 */
export function condensePoses(file: PosesFileV1, opts: { minScore?: number } = {}): PosesFileV1 {
  const minScore = opts.minScore ?? 0;
  const frames = file.frames.map((f) => {
    const keypoints = f.keypoints.map((k): KeypointTuple | null =>
      k && k[2] >= minScore ? [r(k[0], 1), r(k[1], 1), r(k[2], 2)] : null,
    );
    if (!f.world) return { tMs: r(f.tMs, 3), keypoints };
    const world = f.world.map((w): WorldTuple | null =>
      w && w[3] >= minScore ? [r(w[0], 3), r(w[1], 3), r(w[2], 3), r(w[3], 2)] : null,
    );
    return { tMs: r(f.tMs, 3), keypoints, world };
  });
  return { ...file, frames };
}
