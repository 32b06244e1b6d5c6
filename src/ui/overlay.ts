// Draws skeletons over the video at display rate. Allocation-free per frame: bone indices are precomputed.
import type { PoseFrame } from '../shared/pose-frame';
import { boneIndices, type SkeletonId } from '../shared/skeletons';

const MIN_SCORE = 0.3;

export class Overlay {
  private readonly ctx: CanvasRenderingContext2D;
  private bones: Int16Array = new Int16Array(0);
  private skeleton: SkeletonId | null = null;

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

  draw(frame: PoseFrame | null, subject: number): void {
    const ctx = this.ctx;
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    if (!frame) return;
    if (frame.skeleton !== this.skeleton) {
      this.skeleton = frame.skeleton;
      this.bones = boneIndices(frame.skeleton);
    }
    const scale = Math.max(1, this.canvas.width / 640);
    for (let p = 0; p < frame.poses.length; p++) {
      const kp = frame.poses[p].keypoints;
      const main = p === subject;
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
}
