// PoseFrame: the model-agnostic result of one inference, as plain data that crosses threads.
import type { Ms } from './units';
import type { SkeletonId } from './skeletons';

/** A region of the source frame, px (x right, y down from its top-left corner), e.g. around the followed subject. */
export interface Roi {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface DetectedPose {
  /** x px, y px, score per keypoint in skeleton order, in the source frame's pixels; NaN x/y where missing. */
  keypoints: Float32Array;
  /** BlazePose world landmarks: x, y, z metres and score per keypoint (hip-centred, y down). */
  world?: Float32Array;
  /** Mean keypoint score, 0..1. */
  score: number;
  /** Track id from the model's tracker, when it has one. */
  trackId?: number;
}

export interface PoseFrame {
  skeleton: SkeletonId;
  /** Capture time of the frame (media time for files, performance.now() for live). */
  tMs: Ms;
  inferenceMs: Ms;
  /** Source frame size in px. */
  width: number;
  height: number;
  poses: DetectedPose[];
  /**
   * Index in `poses` of the person the analysis's subject tracker held as the subject in this frame (-1: not in
   * it); set where a tracker chose the regions (single-person models on files), absent otherwise.
   */
  tracked?: number;
}
