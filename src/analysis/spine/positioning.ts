// Positioning check before a guided test: is the whole body in view, at a usable size, facing the right way?
import type { SpineTestId } from '../../shared/analysis-format';
import type { SkeletonId } from '../../shared/skeletons';
import { STATURE } from '../scale/anthropometry';
import { FRAME_FIELDS, measureFrame, viewOf } from './frame';
import { MIN_SCORE, landmarks, type Landmarks } from '../geometry/landmarks';
import { seenInFrame } from '../geometry/view';

/** Stable codes, in the order the UI should address them; it maps each to English and Norwegian text. */
export const POSITIONING_PROBLEMS = [
  'body-not-in-view',
  'too-dark-or-low-confidence',
  'head-not-visible',
  'feet-not-visible',
  'too-close',
  'too-far',
  'turn-side-on',
  'face-camera',
] as const;
export type PositioningProblem = (typeof POSITIONING_PROBLEMS)[number];

export interface PositioningResult {
  ok: boolean;
  problems: PositioningProblem[];
}

/** Stature limits, fraction of the frame height: margins above and below, yet enough pixels to measure. */
const MAX_EXTENT = 0.9;
const MIN_EXTENT = 0.35;
/** Mean score of the torso and leg keypoints under which the picture is too dark or blurred to trust. */
const MIN_MEAN_SCORE = 0.5;
/** A forward bend reaches about 0.65 statures ahead of the feet; the frame must be that wide (side-on). */
const BEND_REACH = 0.65;

const indices: Partial<Record<SkeletonId, Landmarks>> = {};
const scratch = new Float64Array(FRAME_FIELDS);

/** The view each test needs: the trunk moves in the image plane only side-on (sagittal) or facing (frontal). */
export function requiredView(test: SpineTestId, view: 'side' | 'front'): 'side' | 'front' {
  switch (test) {
    case 'forward-flexion':
    case 'extension':
      return 'side';
    case 'lateral-flexion':
      return 'front';
    case 'posture':
      return view;
  }
}

/**
 * Checks one frame of interleaved [x, y, score] keypoints (px, NaN missing) for a test. `view` is the view the
 * current step asks for; it only matters for posture, since flexion and extension need side-on and lateral
 * flexion needs facing the camera whatever is passed. Side vs front from (shoulder + hip width) / trunk length.
 */
export function checkPositioning(
  keypoints: Float32Array,
  skeleton: SkeletonId,
  frameWidth: number,
  frameHeight: number,
  test: SpineTestId,
  view: 'side' | 'front',
): PositioningResult {
  const k = (indices[skeleton] ??= landmarks(skeleton));
  const problems: PositioningProblem[] = [];
  const seen = (i: number): boolean => seenInFrame(keypoints, i, frameWidth, frameHeight);
  // Per joint, the better-seen side: side-on, the far side is often hidden and that is fine.
  const shoulder = bestScore(keypoints, k.left.shoulder, k.right.shoulder);
  const hip = bestScore(keypoints, k.left.hip, k.right.hip);
  const knee = bestScore(keypoints, k.left.knee, k.right.knee);
  const ankle = bestScore(keypoints, k.left.ankle, k.right.ankle);
  const anyScore = Math.max(shoulder, hip, knee, ankle);
  const meanScore = (shoulder + hip + knee + ankle) / 4;
  if (anyScore < 0.1) return { ok: false, problems: ['body-not-in-view'] };
  if (meanScore < MIN_MEAN_SCORE) problems.push('too-dark-or-low-confidence');

  const torso = (seen(k.left.shoulder) || seen(k.right.shoulder)) && (seen(k.left.hip) || seen(k.right.hip));
  const head = seen(k.nose) || seen(k.left.eye) || seen(k.right.eye) || seen(k.left.ear) || seen(k.right.ear);
  const feet =
    (seen(k.left.ankle) || seen(k.right.ankle)) &&
    (k.left.heelPoint < 0 ||
      seen(k.left.heelPoint) ||
      seen(k.right.heelPoint) ||
      seen(k.left.toePoint) ||
      seen(k.right.toePoint));
  if (!torso) problems.push('body-not-in-view');
  if (!head) problems.push('head-not-visible');
  if (!feet) problems.push('feet-not-visible');

  const statPx = staturePx(keypoints, k);
  const extent = statPx / frameHeight;
  const need = requiredView(test, view);
  const bends = test === 'forward-flexion';
  if (extent > MAX_EXTENT || (bends && need === 'side' && BEND_REACH * statPx > frameWidth)) {
    problems.push('too-close');
  } else if (!head && !feet && torso) {
    problems.push('too-close');
  } else if (head && feet && extent < MIN_EXTENT) {
    problems.push('too-far');
  }

  if (torso) {
    measureFrame(keypoints, k, false, scratch, 0);
    const actual = viewOf(scratch, 0);
    if (actual !== null && actual !== need) problems.push(need === 'side' ? 'turn-side-on' : 'face-camera');
  }
  problems.sort((a, b) => POSITIONING_PROBLEMS.indexOf(a) - POSITIONING_PROBLEMS.indexOf(b));
  return { ok: problems.length === 0, problems };
}

/**
 * Stature in pixels from the highest head keypoint to the lowest foot keypoint (even when off the frame, as
 * long as the model placed it), scaled up by the body fraction the highest of them (the eye, 0.936 H) sits at.
 */
function staturePx(kp: Float32Array, k: Landmarks): number {
  let top = Math.min(yOf(kp, k.nose), yOf(kp, k.left.eye), yOf(kp, k.right.eye));
  top = Math.min(top, yOf(kp, k.left.ear), yOf(kp, k.right.ear));
  const ankles = Math.max(-yOf(kp, k.left.ankle), -yOf(kp, k.right.ankle));
  let soles = Math.max(-yOf(kp, k.left.heelPoint), -yOf(kp, k.right.heelPoint));
  soles = Math.max(soles, -yOf(kp, k.left.toePoint), -yOf(kp, k.right.toePoint));
  if (top < Infinity && soles > -Infinity) return (-soles - top) / STATURE.eye;
  if (top < Infinity && ankles > -Infinity) return (-ankles - top) / (STATURE.eye - STATURE.ankle);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < kp.length / 3; i++) {
    if (!(kp[3 * i + 2] >= MIN_SCORE)) continue;
    lo = Math.min(lo, kp[3 * i + 1]);
    hi = Math.max(hi, kp[3 * i + 1]);
  }
  return hi > lo ? hi - lo : 0;
}

/** y of a seen keypoint; +Infinity when missing, so that Math.min skips it (and −y, under Math.max). */
function yOf(kp: Float32Array, i: number): number {
  const y = i >= 0 && kp[3 * i + 2] >= MIN_SCORE ? kp[3 * i + 1] : NaN;
  return Number.isFinite(y) ? y : Infinity;
}

function bestScore(kp: Float32Array, a: number, b: number): number {
  const sa = kp[3 * a + 2];
  const sb = kp[3 * b + 2];
  return Math.max(Number.isFinite(sa) ? sa : 0, Number.isFinite(sb) ? sb : 0);
}
