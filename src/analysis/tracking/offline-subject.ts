// Chooses the subject of a whole recorded video with hindsight. People are tracked by box overlap; track
// fragments are chained across short gaps where they continue each other's motion; the chain that walks
// farthest (in body heights) is the subject (when nobody walks, as in a spine test, the one visible longest
// and largest). Then the subject is re-identified across exits of any length (turning outside the frame,
// walking behind an object) by what stays stable: the apparent size and the ground line (the feet's image
// height, i.e. the depth) of the walk, the side where they left and came back with the time that takes, and
// never being in two places at once. A chain seen at the same time as the subject is someone else.
// Frames without the subject are -1.
import { MIN_KEYPOINT_SCORE } from '../../shared/keypoints';
import type { PoseFrame } from '../../shared/pose-frame';
import type { SkeletonId } from '../../shared/skeletons';
import { poseBox, SubjectTracker } from './subject-tracker';

interface Fragment {
  frames: number[];
  poses: number[];
  x: number[];
  t: number[];
  heights: number[];
  /** Lowest keypoint's image y (the feet when the whole body is in view), px. */
  bottoms: number[];
  scores: number[];
}

interface Chain {
  frags: Fragment[];
  travel: number;
  presence: number;
  heightPx: number;
  bottomPx: number;
}

const MAX_GAP_MS = 1000;
/** Body heights of horizontal travel that mark someone as walking across the view. */
const WALKER_TRAVEL = 1;
/** Apparent-size ratio within which a chain at the same depth can be the same person. */
const SIZE_RATIO = 1.25;
/** Ground-line difference (feet image height) within which a chain walks at the same depth, body heights. */
const DEPTH_HEIGHTS = 0.15;
/** Time overlap with the subject (frames) beyond which a chain is someone else. */
const MAX_OVERLAP_FRAMES = 2;
/** Median pose score under which a fragment is a model's guess at an empty view, not a person. */
const MIN_POSE_SCORE = MIN_KEYPOINT_SCORE;

function median(v: number[]): number {
  const s = v.slice().sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : NaN;
}

function chainStats(frags: Fragment[]): Chain {
  const xs = frags.flatMap((f) => f.x);
  const heightPx = median(frags.flatMap((f) => f.heights));
  return {
    frags,
    travel: (Math.max(...xs) - Math.min(...xs)) / Math.max(1, heightPx),
    presence: xs.length * heightPx,
    heightPx,
    bottomPx: median(frags.flatMap((f) => f.bottoms)),
  };
}

/** Track fragments of everyone, by box overlap (the live tracker's matching). */
function fragmentsOf(frames: readonly PoseFrame[], skeleton: SkeletonId): Fragment[] {
  const tracker = new SubjectTracker(skeleton);
  const fragments = new Map<number, Fragment>();
  frames.forEach((frame, fi) => {
    tracker.update(frame);
    tracker.lastTrackIds().forEach((id, pi) => {
      if (id < 0) return;
      const box = poseBox(frame.poses[pi]);
      if (!box) return;
      let f = fragments.get(id);
      if (!f)
        fragments.set(
          id,
          (f = { frames: [], poses: [], x: [], t: [], heights: [], bottoms: [], scores: [] }),
        );
      f.frames.push(fi);
      f.poses.push(pi);
      f.x.push((box.x0 + box.x1) / 2);
      f.t.push(frame.tMs);
      f.heights.push(box.y1 - box.y0);
      f.bottoms.push(box.y1);
      f.scores.push(frame.poses[pi].score);
    });
  });
  // A single-person model searching an empty view returns a low-scored guess: that is nobody.
  return [...fragments.values()]
    .filter((f) => median(f.scores) >= MIN_POSE_SCORE)
    .sort((a, b) => a.t[0] - b.t[0]);
}

/** Chains fragments: B continues A when it starts soon after A ends, near where A was heading. */
function chainsOf(fragments: Fragment[]): Chain[] {
  const chains: Fragment[][] = [];
  for (const frag of fragments) {
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
      // Nobody changes size or ground line much within a second (a single-person model that jumps from one
      // person to another does).
      const h = median(last.heights.slice(-5));
      const ratio = median(frag.heights.slice(0, 5)) / h;
      const dy = Math.abs(median(frag.bottoms.slice(0, 5)) - median(last.bottoms.slice(-5)));
      if (dist < 0.6 * h && ratio < 1.5 && ratio > 1 / 1.5 && dy < 0.3 * h && dist < bestDist) {
        best = chain;
        bestDist = dist;
      }
    }
    if (best) best.push(frag);
    else chains.push([frag]);
  }
  return chains.map(chainStats);
}

/** Typical horizontal walking speed of a chain, px/ms (median over its fragments' own speeds). */
function speedPxPerMs(c: Chain): number {
  const v: number[] = [];
  for (const f of c.frags) {
    const n = f.t.length - 1;
    if (n >= 5 && f.t[n] > f.t[0]) v.push(Math.abs(f.x[n] - f.x[0]) / (f.t[n] - f.t[0]));
  }
  return median(v);
}

/**
 * Can `c` be the subject (frames `owner`, appearance of `ref`)? Not when it is in view at the same time,
 * not at another size or depth, and not when it comes back on another side sooner than walking there takes.
 */
function sameSubject(
  c: Chain,
  ref: Chain,
  owner: Int32Array,
  ownerX: Map<number, number>,
  times: readonly number[],
): boolean {
  let overlap = 0;
  for (const f of c.frags) for (const fi of f.frames) if (owner[fi] >= 0) overlap++;
  if (overlap > MAX_OVERLAP_FRAMES) return false;
  const ratio = c.heightPx / ref.heightPx;
  if (!(ratio <= SIZE_RATIO && ratio >= 1 / SIZE_RATIO)) return false;
  if (!(Math.abs(c.bottomPx - ref.bottomPx) <= DEPTH_HEIGHTS * ref.heightPx)) return false;
  // Side and timing: from where the subject was last seen before c appears (or first seen after it leaves)
  // to c's own nearest end, the subject could have walked at most speed × gap (a turn outside the view
  // brings them back on the side they left, quickly).
  const first = c.frags[0];
  const last = c.frags[c.frags.length - 1];
  const t0 = first.t[0];
  const t1 = last.t[last.t.length - 1];
  let before = -1;
  let after = -1;
  for (let i = 0; i < owner.length; i++) {
    if (owner[i] < 0) continue;
    if (times[i] < t0) before = i;
    else if (times[i] > t1 && after < 0) after = i;
  }
  const speed = speedPxPerMs(ref);
  const reachable = (fromX: number, fromT: number, toX: number, toT: number): boolean =>
    !Number.isFinite(speed) ||
    Math.abs(toX - fromX) <= 0.5 * ref.heightPx + 1.5 * speed * Math.abs(toT - fromT);
  const xAt = (fi: number): number => ownerX.get(fi) ?? NaN;
  if (before >= 0 && !reachable(xAt(before), times[before], first.x[0], t0)) return false;
  if (after >= 0 && !reachable(last.x[last.x.length - 1], t1, xAt(after), times[after])) return false;
  return true;
}

/** Per frame, the index in frame.poses of the subject, or -1. */
export function chooseSubjectOffline(frames: readonly PoseFrame[], skeleton: SkeletonId): Int32Array {
  const chains = chainsOf(fragmentsOf(frames, skeleton));
  const out = new Int32Array(frames.length).fill(-1);
  let seed: Chain | null = null;
  for (const c of chains) {
    const better = !seed
      ? true
      : c.travel >= WALKER_TRAVEL || seed.travel >= WALKER_TRAVEL
        ? c.travel > seed.travel
        : c.presence > seed.presence;
    if (better) seed = c;
  }
  if (!seed) return out;
  // Subject's box centre x per frame it holds.
  const subjectX = new Map<number, number>();
  const assign = (c: Chain): void => {
    for (const f of c.frags)
      f.frames.forEach((fi, i) => {
        if (out[fi] >= 0) return;
        out[fi] = f.poses[i];
        subjectX.set(fi, f.x[i]);
      });
  };
  assign(seed);
  // The rest, most subject-like first (walkers, then those in view longest), each checked against the subject
  // as assigned so far.
  const times = frames.map((f) => f.tMs as number);
  const rest = chains
    .filter((c) => c !== seed)
    .sort((a, b) => b.travel - a.travel || b.presence - a.presence);
  for (const c of rest) if (sameSubject(c, seed, out, subjectX, times)) assign(c);
  return out;
}
