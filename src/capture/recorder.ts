// Collects the followed subject's keypoints frame by frame into a ganglag.poses/v1 recording.
import type { PoseFrame } from '../shared/pose-frame';
import { POSES_FORMAT, type KeypointTuple, type PosesFileV1, type WorldTuple } from '../shared/poses-format';
import { keypointCount, type SkeletonId } from '../shared/skeletons';

export class PoseRecorder {
  private file: PosesFileV1;
  private readonly n: number;

  constructor(opts: {
    skeleton: SkeletonId;
    fps: number;
    width: number;
    height: number;
    heightM?: number;
    model?: string;
    backend?: string;
    name?: string;
    recordedAt?: string;
  }) {
    this.n = keypointCount(opts.skeleton);
    this.file = {
      format: POSES_FORMAT,
      skeleton: opts.skeleton,
      fps: opts.fps,
      width: Math.round(opts.width),
      height: Math.round(opts.height),
      subject: opts.heightM ? { heightM: opts.heightM } : {},
      source: { model: opts.model, backend: opts.backend, name: opts.name, recordedAt: opts.recordedAt },
      frames: [],
    };
  }

  get frameCount(): number {
    return this.file.frames.length;
  }

  /** Adds one frame; subjectIndex -1 records a frame with every keypoint missing. */
  add(frame: PoseFrame, subjectIndex: number, tMs: number = frame.tMs): void {
    const frames = this.file.frames;
    if (frames.length && tMs <= frames[frames.length - 1].tMs) return; // keep timestamps strictly increasing
    const pose = subjectIndex >= 0 ? frame.poses[subjectIndex] : undefined;
    const keypoints: (KeypointTuple | null)[] = new Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const x = pose?.keypoints[3 * i];
      keypoints[i] =
        pose && x !== undefined && !Number.isNaN(x)
          ? [x, pose.keypoints[3 * i + 1], Math.min(1, Math.max(0, pose.keypoints[3 * i + 2]))]
          : null;
    }
    const entry: PosesFileV1['frames'][number] = { tMs, keypoints };
    if (pose?.world) {
      const w = pose.world;
      const world: (WorldTuple | null)[] = new Array(this.n);
      for (let i = 0; i < this.n; i++) {
        world[i] = Number.isNaN(w[4 * i])
          ? null
          : [w[4 * i], w[4 * i + 1], w[4 * i + 2], Math.min(1, Math.max(0, w[4 * i + 3]))];
      }
      entry.world = world;
    }
    frames.push(entry);
  }

  setFps(fps: number): void {
    this.file.fps = fps;
  }

  setHeight(heightM: number | undefined): void {
    this.file.subject = heightM ? { heightM } : {};
  }

  result(): PosesFileV1 {
    return this.file;
  }
}
