// Small causal streaming filters for live display (apply, reset; allocation-free), beside the One Euro filter.
// LowPass1 is the fixed-cutoff core of One Euro with the exact exponential step (tau = 1 / (2 pi fc)), for
// irregular frame times and held values; RunningMedian drops isolated glitches before it.

/** One-pole low-pass with a time constant, for irregular frame times. Streaming filter: apply, reset. */
export class LowPass1 {
  private y = NaN;
  constructor(private readonly tauMs: number) {}
  apply(x: number, dtMs: number): number {
    if (!Number.isFinite(this.y) || !(dtMs > 0)) this.y = x;
    else this.y += (1 - Math.exp(-dtMs / this.tauMs)) * (x - this.y);
    return this.y;
  }
  reset(): void {
    this.y = NaN;
  }
  /** The last output; NaN before the first input. */
  get value(): number {
    return this.y;
  }
}

/** Median of the last n inputs (fewer at the start); allocation-free streaming filter: apply, reset. */
export class RunningMedian {
  private readonly ring: Float64Array;
  private readonly sorted: Float64Array;
  private count = 0;
  private next = 0;
  constructor(n: number) {
    this.ring = new Float64Array(n);
    this.sorted = new Float64Array(n);
  }
  apply(x: number): number {
    this.ring[this.next] = x;
    this.next = (this.next + 1) % this.ring.length;
    if (this.count < this.ring.length) this.count++;
    // Insertion sort of at most n values: no allocation, and n is tiny.
    const c = this.count;
    for (let i = 0; i < c; i++) {
      const v = this.ring[i];
      let j = i - 1;
      while (j >= 0 && this.sorted[j] > v) {
        this.sorted[j + 1] = this.sorted[j];
        j--;
      }
      this.sorted[j + 1] = v;
    }
    return c % 2 ? this.sorted[(c - 1) / 2] : (this.sorted[c / 2 - 1] + this.sorted[c / 2]) / 2;
  }
  reset(): void {
    this.count = this.next = 0;
  }
}
