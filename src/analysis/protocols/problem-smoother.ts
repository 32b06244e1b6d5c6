// Smooths a per-frame bit mask of positioning problems, so a check that flickers for a frame or two neither
// shows nor hides a problem. Per-bit exponential moving average, fast for the first frames. No allocation.

export class ProblemSmoother {
  private readonly level: Float64Array;
  private frames = 0;

  /** `bits`: how many problem bits the mask has (at most 31). */
  constructor(bits: number) {
    this.level = new Float64Array(bits);
  }

  /** Feeds one frame's mask; returns the smoothed mask (a problem shows while present in most recent frames). */
  push(mask: number): number {
    const a = this.frames < 5 ? 0.5 : 0.15;
    this.frames++;
    let out = 0;
    for (let i = 0; i < this.level.length; i++) {
      this.level[i] += a * ((mask >> i) & 1 ? 1 - this.level[i] : -this.level[i]);
      if (this.level[i] >= 0.5) out |= 1 << i;
    }
    return out;
  }

  /** Frames seen since the last reset. */
  get count(): number {
    return this.frames;
  }

  reset(): void {
    this.level.fill(0);
    this.frames = 0;
  }
}
