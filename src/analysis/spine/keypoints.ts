// The keypoints the spine measures read, as indices into a skeleton's order (-1 where the skeleton lacks one).
import { keypointIndex, type SkeletonId } from '../../shared/skeletons';

/** A keypoint counts only at or above this score; below it is treated as missing (NaN). */
export const MIN_SCORE = 0.3;

export interface SpineKeypointIndices {
  readonly nose: number;
  readonly leftEar: number;
  readonly rightEar: number;
  readonly leftEye: number;
  readonly rightEye: number;
  readonly leftShoulder: number;
  readonly rightShoulder: number;
  readonly leftElbow: number;
  readonly rightElbow: number;
  readonly leftWrist: number;
  readonly rightWrist: number;
  /** BlazePose index-finger knuckle; -1 in COCO-17. */
  readonly leftIndex: number;
  readonly rightIndex: number;
  readonly leftHip: number;
  readonly rightHip: number;
  readonly leftKnee: number;
  readonly rightKnee: number;
  readonly leftAnkle: number;
  readonly rightAnkle: number;
  /** BlazePose feet; -1 in COCO-17. */
  readonly leftHeel: number;
  readonly rightHeel: number;
  readonly leftFootIndex: number;
  readonly rightFootIndex: number;
}

export function spineKeypoints(skeleton: SkeletonId): SpineKeypointIndices {
  const i = (name: Parameters<typeof keypointIndex>[1]): number => keypointIndex(skeleton, name);
  return {
    nose: i('nose'),
    leftEar: i('left_ear'),
    rightEar: i('right_ear'),
    leftEye: i('left_eye'),
    rightEye: i('right_eye'),
    leftShoulder: i('left_shoulder'),
    rightShoulder: i('right_shoulder'),
    leftElbow: i('left_elbow'),
    rightElbow: i('right_elbow'),
    leftWrist: i('left_wrist'),
    rightWrist: i('right_wrist'),
    leftIndex: i('left_index'),
    rightIndex: i('right_index'),
    leftHip: i('left_hip'),
    rightHip: i('right_hip'),
    leftKnee: i('left_knee'),
    rightKnee: i('right_knee'),
    leftAnkle: i('left_ankle'),
    rightAnkle: i('right_ankle'),
    leftHeel: i('left_heel'),
    rightHeel: i('right_heel'),
    leftFootIndex: i('left_foot_index'),
    rightFootIndex: i('right_foot_index'),
  };
}

/** x of keypoint k in an interleaved [x, y, score] frame, NaN when absent or below MIN_SCORE. */
export function kx(kp: Float32Array, k: number): number {
  if (k < 0) return NaN;
  const s = kp[3 * k + 2];
  return s >= MIN_SCORE ? kp[3 * k] : NaN;
}

/** y of keypoint k, NaN when absent or below MIN_SCORE. */
export function ky(kp: Float32Array, k: number): number {
  if (k < 0) return NaN;
  const s = kp[3 * k + 2];
  return s >= MIN_SCORE ? kp[3 * k + 1] : NaN;
}

/** Mean of two values, or the one that is finite, or NaN. */
export function mean2(a: number, b: number): number {
  if (Number.isFinite(a)) return Number.isFinite(b) ? (a + b) / 2 : a;
  return Number.isFinite(b) ? b : NaN;
}

/** Mean of two values only when both are finite. */
export function both2(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) ? (a + b) / 2 : NaN;
}
