// Causal smoothing for live display: the One Euro filter (Casiez, Roussel & Vogel, CHI 2012).
import type { Hz } from '../../shared/units';

/** Adaptive low-pass: little lag when the signal moves fast, little jitter when it is still. Allocation-free. */
export class OneEuroFilter {
  private prevX = NaN;
  private prevDx = 0;
  private prevTMs = NaN;

  constructor(
    private readonly minCutoff: Hz = 1.5 as Hz,
    private readonly beta = 0.01,
    private readonly dCutoff: Hz = 1 as Hz,
  ) {}

  /** Filters sample x taken at tMs (ms). NaN input passes through as NaN and leaves the state unchanged. */
  apply(x: number, tMs: number): number {
    if (!Number.isFinite(x)) return NaN;
    if (!Number.isFinite(this.prevX) || !(tMs > this.prevTMs)) {
      this.prevX = x;
      this.prevDx = 0;
      this.prevTMs = tMs;
      return x;
    }
    const dt = (tMs - this.prevTMs) / 1000;
    const dx = (x - this.prevX) / dt;
    const aD = alpha(this.dCutoff, dt);
    this.prevDx += aD * (dx - this.prevDx);
    const cutoff = this.minCutoff + this.beta * Math.abs(this.prevDx);
    this.prevX += alpha(cutoff, dt) * (x - this.prevX);
    this.prevTMs = tMs;
    return this.prevX;
  }

  reset(): void {
    this.prevX = NaN;
    this.prevDx = 0;
    this.prevTMs = NaN;
  }
}

function alpha(cutoffHz: number, dtS: number): number {
  const tau = 1 / (2 * Math.PI * cutoffHz);
  return 1 / (1 + tau / dtS);
}
