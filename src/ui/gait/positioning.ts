// Positioning check before a guided gait recording, from one frame of the followed subject's keypoints.
// Pure and allocation-free per call: problems come back as a bit mask, smoothed over frames by the gait protocol (src/analysis/protocols).
import { keypointIndex, type KeypointName, type SkeletonId } from '../../shared/skeletons';

/** Stable codes, in display order; the UI maps each to text saying what to fix. */
export const GAIT_PROBLEMS = [
  'no-person',
  'body-not-in-view',
  'turn-side-on',
  'too-small',
  'too-close',
  'low-confidence',
] as const;
export type GaitProblem = (typeof GAIT_PROBLEMS)[number];

export const problemBit = (p: GaitProblem): number => 1 << GAIT_PROBLEMS.indexOf(p);

/** Keypoints scored below this count as not seen. */
const MIN_SCORE = 0.3;
/** Keypoints this close to the frame edge (fraction of its size) count as cut off. */
const EDGE = 0.01;
/** Stature as a fraction of the frame height: below, too few pixels per step; above, no room to walk. */
const MIN_EXTENT = 0.3;
const MAX_EXTENT = 0.95;
/**
 * (shoulder width + hip width) / trunk length in the image. Facing the camera it is about 1.5 (shoulders
 * ≈ 0.26 H, hips ≈ 0.19 H, trunk ≈ 0.29 H); side-on well under 0.5. Above 0.8 the walk is not across the view.
 */
const MAX_FRONTAL_RATIO = 0.8;
/** Mean score of the better side's shoulder, hip, knee and ankle under which detection is too unsure. */
const MIN_MEAN_SCORE = 0.45;
/** Eye height (0.936 H) minus ankle height (0.039 H), as a fraction of stature (Drillis & Contini 1966). */
const EYE_TO_ANKLE = 0.897;

interface Indices {
  head: number[];
  ls: number;
  rs: number;
  lh: number;
  rh: number;
  lk: number;
  rk: number;
  la: number;
  ra: number;
}

const cache: Partial<Record<SkeletonId, Indices>> = {};

function indices(skeleton: SkeletonId): Indices {
  const at = (n: KeypointName): number => keypointIndex(skeleton, n);
  const head = (['nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear'] as const).map(at);
  return {
    head,
    ls: at('left_shoulder'),
    rs: at('right_shoulder'),
    lh: at('left_hip'),
    rh: at('right_hip'),
    lk: at('left_knee'),
    rk: at('right_knee'),
    la: at('left_ankle'),
    ra: at('right_ankle'),
  };
}

function score(kp: Float32Array, i: number): number {
  return kp[3 * i + 2] >= 0 ? kp[3 * i + 2] : 0;
}

/** Confident and inside the frame (not at its edge, where the model guesses cut-off parts). */
function seen(kp: Float32Array, i: number, width: number, height: number): boolean {
  const x = kp[3 * i];
  const y = kp[3 * i + 1];
  const mx = EDGE * width;
  const my = EDGE * height;
  return score(kp, i) >= MIN_SCORE && x >= mx && x <= width - mx && y >= my && y <= height - my;
}

function best(kp: Float32Array, a: number, b: number): number {
  return Math.max(score(kp, a), score(kp, b));
}

/**
 * Problems with one frame, as a bit mask of GAIT_PROBLEMS (0: fine). `kp` is x, y, score interleaved in the
 * skeleton's order (px, NaN missing), or null when no subject is followed. Allocates nothing.
 */
export function checkGaitPositioning(
  kp: Float32Array | null,
  skeleton: SkeletonId,
  width: number,
  height: number,
): number {
  if (!kp) return problemBit('no-person');
  const k = (cache[skeleton] ??= indices(skeleton));
  const meanScore =
    (best(kp, k.ls, k.rs) + best(kp, k.lh, k.rh) + best(kp, k.lk, k.rk) + best(kp, k.la, k.ra)) / 4;
  if (meanScore < 0.1) return problemBit('no-person');

  let mask = 0;
  if (meanScore < MIN_MEAN_SCORE) mask |= problemBit('low-confidence');
  let headY = Infinity;
  for (let j = 0; j < k.head.length; j++) {
    const i = k.head[j];
    if (seen(kp, i, width, height)) headY = Math.min(headY, kp[3 * i + 1]);
  }
  let ankleY = -Infinity;
  if (seen(kp, k.la, width, height)) ankleY = kp[3 * k.la + 1];
  if (seen(kp, k.ra, width, height)) ankleY = Math.max(ankleY, kp[3 * k.ra + 1]);
  const torso =
    (seen(kp, k.ls, width, height) || seen(kp, k.rs, width, height)) &&
    (seen(kp, k.lh, width, height) || seen(kp, k.rh, width, height));
  if (!torso || headY === Infinity || ankleY === -Infinity) {
    mask |= problemBit('body-not-in-view');
  } else {
    const extent = (ankleY - headY) / EYE_TO_ANKLE / height;
    if (extent < MIN_EXTENT) mask |= problemBit('too-small');
    else if (extent > MAX_EXTENT) mask |= problemBit('too-close');
  }
  // Side-on: both shoulders and both hips nearly on top of each other in x. A hidden far side is fine.
  const both = Math.min(score(kp, k.ls), score(kp, k.rs), score(kp, k.lh), score(kp, k.rh));
  if (both >= MIN_SCORE) {
    const sw = Math.abs(kp[3 * k.ls] - kp[3 * k.rs]);
    const hw = Math.abs(kp[3 * k.lh] - kp[3 * k.rh]);
    const trunk = Math.hypot(
      0.5 * (kp[3 * k.ls] + kp[3 * k.rs] - kp[3 * k.lh] - kp[3 * k.rh]),
      0.5 * (kp[3 * k.ls + 1] + kp[3 * k.rs + 1] - kp[3 * k.lh + 1] - kp[3 * k.rh + 1]),
    );
    if (trunk > 0 && (sw + hw) / trunk > MAX_FRONTAL_RATIO) mask |= problemBit('turn-side-on');
  }
  return mask;
}
