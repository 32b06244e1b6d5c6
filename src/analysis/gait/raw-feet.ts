// The raw detections relabelled frame by frame to follow the label-free feet, before any smoothing.
// Why: foot-spread.ts names the feet on smoothed tracks; where the model's labels flip, the smoother has already
// blended the two feet over the filter's span (a 6 Hz Butterworth: about ±3 frames), and swapping smoothed values
// cannot undo that. So the assignment found there is carried back to the raw keypoints: in each frame the model's
// leg whose heel (the ankle in COCO-17) lies nearer the named foot's smoothed track takes that foot's label
// (the pairing of the two legs with the smaller total distance along the walk), and the tracks are smoothed
// again with the leg-swap search off (the labels are decided).
import type { Foot } from '../../shared/analysis-format';
import type { Tracks } from '../conditioning/tracks';
import { along, type WalkFrame } from '../geometry/frame';
import type { Landmarks } from '../geometry/landmarks';

/**
 * Raw tracks (image px) with the legs exchanged in every frame where the model's labels disagree with the
 * named feet; feetU: each named foot's smoothed heel along the walk (px) per frame. Returns how many frames changed.
 */
export function relabelRawFeet(
  raw: Tracks,
  lm: Landmarks,
  f: WalkFrame,
  feetU: Record<Foot, Float64Array>,
): { tracks: Tracks; swappedFrames: number } {
  const xs = raw.xs.map((v) => new Float64Array(v));
  const ys = raw.ys.map((v) => new Float64Array(v));
  const u = (s: 'left' | 'right', i: number): number => {
    const k = lm[s].heel;
    const j = Number.isFinite(raw.xs[k][i]) ? k : lm[s].ankle;
    return along(f, raw.xs[j][i], raw.ys[j][i]);
  };
  let swapped = 0;
  for (let i = 0; i < raw.tS.length; i++) {
    const a = feetU.left[i];
    const b = feetU.right[i];
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    const l = u('left', i);
    const r = u('right', i);
    let swap: boolean;
    if (Number.isFinite(l) && Number.isFinite(r))
      swap = Math.abs(l - b) + Math.abs(r - a) < Math.abs(l - a) + Math.abs(r - b);
    else if (Number.isFinite(l)) swap = Math.abs(l - b) < Math.abs(l - a);
    else if (Number.isFinite(r)) swap = Math.abs(r - a) < Math.abs(r - b);
    else continue;
    if (!swap) continue;
    swapped++;
    for (const [p, q] of lm.legPairs) {
      for (const v of [xs, ys]) {
        const t = v[p][i];
        v[p][i] = v[q][i];
        v[q][i] = t;
      }
    }
  }
  return { tracks: { ...raw, xs, ys }, swappedFrames: swapped };
}
