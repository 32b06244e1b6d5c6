// Stands in for @mediapipe/pose, which pose-detection imports only for its 'mediapipe' runtime (never used here).
export class Pose {
  constructor() {
    throw new Error('The mediapipe runtime is not bundled; Ganglag uses the tfjs runtime.');
  }
}
export const VERSION = 'stub';
export const POSE_CONNECTIONS: [number, number][] = [];
