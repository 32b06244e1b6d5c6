// Draws skeletons over the video at display rate. Allocation-free per frame: bone indices are precomputed, and a
// recorded frame (nullable tuples) is drawn through one reused buffer.
import type { PoseFrame } from '../shared/pose-frame';
import type { PoseFrameV1 } from '../shared/poses-format';
import { MIN_KEYPOINT_SCORE as MIN_SCORE } from '../shared/keypoints';
import { boneIndices, keypointCount, type SkeletonId } from '../shared/skeletons';

export class Overlay {
  private readonly ctx: CanvasRenderingContext2D;
  private bones: Int16Array = new Int16Array(0);
  private skeleton: SkeletonId | null = null;
  private scratch = new Float32Array(0);

  constructor(readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('2D canvas is not available');
    this.ctx = ctx;
  }

  resize(width: number, height: number): void {
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
  }

  clear(): void {
    this.ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
  }

  private useSkeleton(skeleton: SkeletonId): void {
    if (skeleton === this.skeleton) return;
    this.skeleton = skeleton;
    this.bones = boneIndices(skeleton);
  }

  /**
   * `picture`: the analysed frame's own pixels (file analysis sends some), drawn under its skeleton so that the two
   * always match, whatever the video element shows.
   */
  draw(frame: PoseFrame | null, subject: number, picture: ImageBitmap | null = null): void {
    this.clear();
    if (picture) this.ctx.drawImage(picture, 0, 0, this.canvas.width, this.canvas.height);
    if (!frame) return;
    this.useSkeleton(frame.skeleton);
    for (let p = 0; p < frame.poses.length; p++) this.drawPose(frame.poses[p].keypoints, p === subject);
  }

  /** A recorded frame of the followed subject (ganglag.poses/v1), e.g. while scrubbing an analysed file. */
  drawRecorded(skeleton: SkeletonId, frame: PoseFrameV1 | null): void {
    this.clear();
    if (!frame) return;
    this.useSkeleton(skeleton);
    const n = keypointCount(skeleton);
    if (this.scratch.length !== 3 * n) this.scratch = new Float32Array(3 * n);
    const kp = this.scratch;
    for (let i = 0; i < n; i++) {
      const k = frame.keypoints[i];
      kp[3 * i] = k ? k[0] : Number.NaN;
      kp[3 * i + 1] = k ? k[1] : Number.NaN;
      kp[3 * i + 2] = k ? k[2] : 0;
    }
    this.drawPose(kp, true);
  }

  private drawPose(kp: Float32Array, main: boolean): void {
    const ctx = this.ctx;
    const scale = Math.max(1, this.canvas.width / 640);
    ctx.strokeStyle = main ? '#22d3ee' : 'rgba(255,255,255,0.45)';
    ctx.fillStyle = main ? '#f97316' : 'rgba(255,255,255,0.6)';
    ctx.lineWidth = (main ? 3 : 1.5) * scale;
    ctx.beginPath();
    for (let b = 0; b < this.bones.length; b += 2) {
      const i = this.bones[b] * 3;
      const j = this.bones[b + 1] * 3;
      if (i < 0 || j < 0 || !(kp[i + 2] >= MIN_SCORE) || !(kp[j + 2] >= MIN_SCORE)) continue;
      ctx.moveTo(kp[i], kp[i + 1]);
      ctx.lineTo(kp[j], kp[j + 1]);
    }
    ctx.stroke();
    const r = (main ? 3.5 : 2) * scale;
    for (let i = 0; i < kp.length; i += 3) {
      if (!(kp[i + 2] >= MIN_SCORE)) continue;
      ctx.beginPath();
      ctx.arc(kp[i], kp[i + 1], r, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
}
