// Positioning check before a guided gait recording, from one frame of the followed subject's keypoints.
// Pure and allocation-free per call: problems come back as a bit mask, smoothed over frames by GaitPositioning.
// The side-on test is the spine analysis's view test (geometry/view.ts): a walk that faces the camera is refused.
import { MIN_KEYPOINT_SCORE } from '../../shared/keypoints';
import type { SkeletonId } from '../../shared/skeletons';
import { px } from '../../shared/units';
import { landmarks, type Landmarks } from '../geometry/landmarks';
import { seenInFrame, viewFromWidths } from '../geometry/view';
import { STATURE } from '../scale/anthropometry';

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

/** Stature as a fraction of the frame height: below, too few pixels per step; above, no room to walk. */
const MIN_EXTENT = 0.3;
const MAX_EXTENT = 0.95;
/** Mean score of the better side's shoulder, hip, knee and ankle under which detection is too unsure. */
const MIN_MEAN_SCORE = 0.45;
/** Under this mean score nobody is there: a single-person model's guess at an empty view. */
const NOBODY_SCORE = 0.1;
/** Eye height minus ankle height, as a fraction of stature (Drillis & Contini 1966). */
const EYE_TO_ANKLE = STATURE.eye - STATURE.ankle;

/** Per skeleton: its landmarks and its head keypoints (nose, eyes, ears), resolved once. */
const cache: Partial<Record<SkeletonId, { k: Landmarks; head: Int32Array }>> = {};

function resolve(skeleton: SkeletonId): { k: Landmarks; head: Int32Array } {
  const k = landmarks(skeleton);
  return { k, head: Int32Array.from([k.nose, k.left.eye, k.right.eye, k.left.ear, k.right.ear]) };
}

/** A keypoint's score; 0 where the skeleton lacks it or it is missing (NaN). */
function score(kp: Float32Array, i: number): number {
  const s = i >= 0 ? kp[3 * i + 2] : NaN;
  return s >= 0 ? s : 0;
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
  const { k, head } = (cache[skeleton] ??= resolve(skeleton));
  const { left: l, right: r } = k;
  const meanScore =
    (best(kp, l.shoulder, r.shoulder) +
      best(kp, l.hip, r.hip) +
      best(kp, l.knee, r.knee) +
      best(kp, l.ankle, r.ankle)) /
    4;
  if (meanScore < NOBODY_SCORE) return problemBit('no-person');

  const seen = (i: number): boolean => seenInFrame(kp, i, width, height);
  let mask = 0;
  if (meanScore < MIN_MEAN_SCORE) mask |= problemBit('low-confidence');
  let headY = Infinity;
  for (let j = 0; j < head.length; j++) if (seen(head[j])) headY = Math.min(headY, kp[3 * head[j] + 1]);
  let ankleY = -Infinity;
  if (seen(l.ankle)) ankleY = kp[3 * l.ankle + 1];
  if (seen(r.ankle)) ankleY = Math.max(ankleY, kp[3 * r.ankle + 1]);
  const torso = (seen(l.shoulder) || seen(r.shoulder)) && (seen(l.hip) || seen(r.hip));
  if (!torso || headY === Infinity || ankleY === -Infinity) {
    mask |= problemBit('body-not-in-view');
  } else {
    const extent = (ankleY - headY) / EYE_TO_ANKLE / height;
    if (extent < MIN_EXTENT) mask |= problemBit('too-small');
    else if (extent > MAX_EXTENT) mask |= problemBit('too-close');
  }
  // Side-on: both shoulders and both hips nearly on top of each other in x. A hidden far side is fine, and so
  // is an oblique view: only a walk facing the camera (or away) is not across it.
  const both = Math.min(score(kp, l.shoulder), score(kp, r.shoulder), score(kp, l.hip), score(kp, r.hip));
  if (both >= MIN_KEYPOINT_SCORE) {
    const x = (i: number): number => kp[3 * i];
    const y = (i: number): number => kp[3 * i + 1];
    const trunk = Math.hypot(
      0.5 * (x(l.shoulder) + x(r.shoulder) - x(l.hip) - x(r.hip)),
      0.5 * (y(l.shoulder) + y(r.shoulder) - y(l.hip) - y(r.hip)),
    );
    const sw = px(Math.abs(x(l.shoulder) - x(r.shoulder)));
    const hw = px(Math.abs(x(l.hip) - x(r.hip)));
    if (viewFromWidths(sw, hw, px(trunk)) === 'front') mask |= problemBit('turn-side-on');
  }
  return mask;
}

/** Smooths per-frame problem masks (exponential average per problem) so the advice does not flicker. */
export class GaitPositioning {
  private readonly level = new Float64Array(GAIT_PROBLEMS.length);
  private frames = 0;

  /** Feeds one frame's mask; returns the smoothed mask (a problem shows while present in most recent frames). */
  push(mask: number): number {
    const a = this.frames < 5 ? 0.5 : 0.15;
    this.frames++;
    let out = 0;
    for (let i = 0; i < this.level.length; i++) {
      this.level[i] += a * ((mask >> i) & 1 ? 1 - this.level[i] : -this.level[i]);
      if (this.level[i] > 0.5) out |= 1 << i;
    }
    return out;
  }

  /** Frames seen since the last reset (the check is trusted after about a second). */
  get count(): number {
    return this.frames;
  }

  reset(): void {
    this.level.fill(0);
    this.frames = 0;
  }
}
