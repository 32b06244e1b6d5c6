// The keypoints the gait and spine measures read, resolved per skeleton once, and the score-gated lookup of a
// keypoint in an interleaved frame. COCO-17 has no heel, toe or finger keypoints.
import { MIN_KEYPOINT_SCORE } from '../../shared/keypoints';
import { keypointIndex, type KeypointName, type SkeletonId } from '../../shared/skeletons';
import type { LegPairs } from '../conditioning/leg-swap';

export interface Side {
  hip: number;
  knee: number;
  ankle: number;
  /** Heel; the ankle in COCO-17. */
  heel: number;
  /** Toe tip (foot_index); the ankle in COCO-17. */
  toe: number;
  shoulder: number;
  wrist: number;
  elbow: number;
  eye: number;
  ear: number;
  /** BlazePose index-finger knuckle; -1 in COCO-17. */
  index: number;
  /** The heel and toe keypoints themselves; -1 in COCO-17 (no ankle stand-in). */
  heelPoint: number;
  toePoint: number;
}

export interface Landmarks {
  skeleton: SkeletonId;
  hasFoot: boolean;
  left: Side;
  right: Side;
  nose: number;
  legPairs: LegPairs;
}

function side(skeleton: SkeletonId, s: 'left' | 'right'): Side {
  const at = (name: string): number => keypointIndex(skeleton, `${s}_${name}` as KeypointName);
  const ankle = at('ankle');
  const heel = at('heel');
  const toe = at('foot_index');
  return {
    hip: at('hip'),
    knee: at('knee'),
    ankle,
    heel: heel >= 0 ? heel : ankle,
    toe: toe >= 0 ? toe : ankle,
    shoulder: at('shoulder'),
    elbow: at('elbow'),
    wrist: at('wrist'),
    eye: at('eye'),
    ear: at('ear'),
    index: at('index'),
    heelPoint: heel,
    toePoint: toe,
  };
}

export function landmarks(skeleton: SkeletonId): Landmarks {
  const left = side(skeleton, 'left');
  const right = side(skeleton, 'right');
  const hasFoot = left.heel !== left.ankle;
  const pairs: [number, number][] = [
    [left.hip, right.hip],
    [left.knee, right.knee],
    [left.ankle, right.ankle],
  ];
  if (hasFoot) pairs.push([left.heel, right.heel], [left.toe, right.toe]);
  return { skeleton, hasFoot, left, right, nose: keypointIndex(skeleton, 'nose'), legPairs: pairs };
}

/** A keypoint counts only at or above this score; below it is missing (NaN), never 0 (shared/keypoints.ts). */
export const MIN_SCORE = MIN_KEYPOINT_SCORE;

/** x of keypoint k in an interleaved [x, y, score] frame, px; NaN when absent (k < 0) or below MIN_SCORE. */
export function kx(kp: Float32Array, k: number): number {
  if (k < 0) return NaN;
  return kp[3 * k + 2] >= MIN_SCORE ? kp[3 * k] : NaN;
}

/** y of keypoint k, px; NaN when absent or below MIN_SCORE. */
export function ky(kp: Float32Array, k: number): number {
  if (k < 0) return NaN;
  return kp[3 * k + 2] >= MIN_SCORE ? kp[3 * k + 1] : NaN;
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
