// Chooses the subject of a whole recorded video with hindsight: people are tracked by box overlap, track
// fragments are chained across short gaps, and the chain that walks farthest (in body heights) is the subject.
// When nobody walks (a spine test), the person visible longest and largest is. Frames without them are -1.
import type { PoseFrame } from '../../shared/pose-frame';
import type { SkeletonId } from '../../shared/skeletons';
import { poseBox, SubjectTracker } from './subject-tracker';

interface Fragment {
  frames: number[];
  poses: number[];
  x: number[];
  t: number[];
  heights: number[];
}

const MAX_GAP_MS = 1000;
/** Body heights of horizontal travel that mark someone as walking across the view. */
const WALKER_TRAVEL = 1;

function median(v: number[]): number {
  const s = v.slice().sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : NaN;
}

/** Per frame, the index in frame.poses of the subject, or -1. */
export function chooseSubjectOffline(frames: readonly PoseFrame[], skeleton: SkeletonId): Int32Array {
  const tracker = new SubjectTracker(skeleton);
  const fragments = new Map<number, Fragment>();
  frames.forEach((frame, fi) => {
    tracker.update(frame);
    tracker.lastTrackIds().forEach((id, pi) => {
      if (id < 0) return;
      const box = poseBox(frame.poses[pi]);
      if (!box) return;
      let f = fragments.get(id);
      if (!f) fragments.set(id, (f = { frames: [], poses: [], x: [], t: [], heights: [] }));
      f.frames.push(fi);
      f.poses.push(pi);
      f.x.push((box.x0 + box.x1) / 2);
      f.t.push(frame.tMs);
      f.heights.push(box.y1 - box.y0);
    });
  });
  // Chain fragments: B continues A when it starts soon after A ends, near where A was heading.
  const sorted = [...fragments.values()].sort((a, b) => a.t[0] - b.t[0]);
  const chains: Fragment[][] = [];
  for (const frag of sorted) {
    let best: Fragment[] | null = null;
    let bestDist = Infinity;
    for (const chain of chains) {
      const last = chain[chain.length - 1];
      const n = last.t.length - 1;
      const gap = frag.t[0] - last.t[n];
      if (gap <= 0 || gap > MAX_GAP_MS) continue;
      const k = Math.max(0, n - 10);
      const v = n > k ? (last.x[n] - last.x[k]) / (last.t[n] - last.t[k]) : 0;
      const dist = Math.abs(frag.x[0] - (last.x[n] + v * gap));
      if (dist < 0.6 * median(last.heights) && dist < bestDist) {
        best = chain;
        bestDist = dist;
      }
    }
    if (best) best.push(frag);
    else chains.push([frag]);
  }
  let chosen: Fragment[] | null = null;
  let bestTravel = -1;
  let bestPresence = -1;
  for (const chain of chains) {
    const xs = chain.flatMap((f) => f.x);
    const h = median(chain.flatMap((f) => f.heights));
    const travel = (Math.max(...xs) - Math.min(...xs)) / Math.max(1, h);
    const presence = xs.length * h;
    const better =
      travel >= WALKER_TRAVEL || bestTravel >= WALKER_TRAVEL ? travel > bestTravel : presence > bestPresence;
    if (!chosen || better) {
      chosen = chain;
      bestTravel = travel;
      bestPresence = presence;
    }
  }
  const out = new Int32Array(frames.length).fill(-1);
  for (const f of chosen ?? []) f.frames.forEach((fi, i) => (out[fi] = f.poses[i]));
  return out;
}
