// Condensed pose series for storage: the subject's keypoints at reduced precision (about 3x smaller as JSON).
import type { KeypointTuple, PoseFrameV1, PosesFileV1, WorldTuple } from '../shared/poses-format';

/** Rounds to `digits` decimals; values too large for that precision to matter stay as they are (1e308 / 0.1 overflows). */
const r = (x: number, digits: number): number => {
  if (!(Math.abs(x) < 1e15)) return x;
  const k = 10 ** digits;
  return Number((Math.round(x * k) / k).toFixed(digits));
};

/**
 * Rounds image keypoints to 0.1 px, scores to 0.01 and world landmarks to 1 mm, and drops keypoints with
 * score below minScore (they are noise to every consumer). Timestamps keep 0.001 ms; a frame whose rounded
 * timestamp does not follow the previous one (0 and 0.0004 ms) is dropped, so timestamps still increase.
 */
export function condensePoses(file: PosesFileV1, opts: { minScore?: number } = {}): PosesFileV1 {
  const minScore = opts.minScore ?? 0;
  const frames: PoseFrameV1[] = [];
  let prev = -Infinity;
  for (const f of file.frames) {
    const tMs = r(f.tMs, 3);
    if (!(tMs > prev)) continue;
    prev = tMs;
    const keypoints = f.keypoints.map((k): KeypointTuple | null =>
      k && k[2] >= minScore ? [r(k[0], 1), r(k[1], 1), r(k[2], 2)] : null,
    );
    if (!f.world) {
      frames.push({ tMs, keypoints });
      continue;
    }
    const world = f.world.map((w): WorldTuple | null =>
      w && w[3] >= minScore ? [r(w[0], 3), r(w[1], 3), r(w[2], 3), r(w[3], 2)] : null,
    );
    frames.push({ tMs, keypoints, world });
  }
  return { ...file, frames };
}
