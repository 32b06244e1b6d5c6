// Zero-phase low-pass for recorded data: 2nd-order Butterworth run forward and backward (Winter 2009, ch. 3).
import { hz, type Hz } from '../../shared/units';

/** Biquad coefficients of a 2nd-order Butterworth low-pass (bilinear transform). */
export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/** Coefficients for cutoff cutoffHz at sample rate sampleHz; the cutoff is capped at 0.45 × sampleHz. */
export function butterworthLowpass(cutoffHz: Hz, sampleHz: Hz): Biquad {
  const fc = Math.min(cutoffHz, 0.45 * sampleHz);
  const k = Math.tan((Math.PI * fc) / sampleHz);
  const norm = 1 / (1 + Math.SQRT2 * k + k * k);
  const b0 = k * k * norm;
  return { b0, b1: 2 * b0, b2: b0, a1: 2 * (k * k - 1) * norm, a2: (1 - Math.SQRT2 * k + k * k) * norm };
}

/** One pass in direct form II transposed, started in steady state on the first sample to avoid a start-up transient. */
function pass(c: Biquad, buf: Float64Array, reverse: boolean): void {
  const n = buf.length;
  const x0 = buf[reverse ? n - 1 : 0];
  let z2 = (c.b2 - c.a2) * x0;
  let z1 = (c.b1 - c.a1) * x0 + z2;
  for (let j = 0; j < n; j++) {
    const i = reverse ? n - 1 - j : j;
    const x = buf[i];
    const y = c.b0 * x + z1;
    z1 = c.b1 * x - c.a1 * y + z2;
    z2 = c.b2 * x - c.a2 * y;
    buf[i] = y;
  }
}

/**
 * Forward-backward (zero-lag) filter of one gap-free run, padded at both ends by odd reflection
 * (as scipy's filtfilt) so the ends are not pulled towards a step.
 */
export function filtfilt(c: Biquad, run: ArrayLike<number>, padLen: number): Float64Array {
  const n = run.length;
  const p = Math.max(0, Math.min(padLen, n - 1));
  const buf = new Float64Array(n + 2 * p);
  for (let i = 0; i < p; i++) buf[i] = 2 * run[0] - run[p - i];
  for (let i = 0; i < n; i++) buf[p + i] = run[i];
  for (let i = 0; i < p; i++) buf[p + n + i] = 2 * run[n - 1] - run[n - 2 - i];
  pass(c, buf, false);
  pass(c, buf, true);
  return buf.subarray(p, p + n);
}

/** Applies filtfilt to each run of finite values on its own (NaN stays NaN); runs shorter than 3 samples are kept. */
export function filtfiltRuns(values: Float64Array, cutoffHz: Hz, sampleHz: Hz): Float64Array {
  const c = butterworthLowpass(cutoffHz, sampleHz);
  const out = new Float64Array(values);
  const padLen = Math.round((3 * sampleHz) / Math.min(cutoffHz, 0.45 * sampleHz));
  let i = 0;
  while (i < values.length) {
    if (!Number.isFinite(values[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < values.length && Number.isFinite(values[j])) j++;
    if (j - i >= 3) out.set(filtfilt(c, values.subarray(i, j), padLen), i);
    i = j;
  }
  return out;
}

/**
 * Per-pass cutoff that puts a forward-backward run's −3 dB point at cutoffHz: two passes of a 2nd-order
 * Butterworth attenuate more than one, so the cutoff is divided by (2^(1/2) − 1)^(1/4) ≈ 0.802 (Winter 2009,
 * §3.4.4.3, n = 2 passes).
 */
export function twoPassCutoffHz(cutoffHz: Hz): Hz {
  return hz(cutoffHz / (Math.SQRT2 - 1) ** 0.25);
}
