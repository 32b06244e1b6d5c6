// Offline signal conditioning for the spine measures: bounded gap filling, then a zero-lag low-pass per gap-free run.
// Candidates for consolidation with the gait engine's conditioning (src/analysis/conditioning).

/**
 * Fills NaN gaps of at most maxGap samples by linear interpolation between their finite neighbours; longer gaps
 * and gaps at either end stay NaN. Returns a new array.
 */
export function fillGaps(x: Float64Array, maxGap: number): Float64Array {
  const y = Float64Array.from(x);
  let last = -1;
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) continue;
    const gap = i - last - 1;
    if (last >= 0 && gap > 0 && gap <= maxGap) {
      for (let j = last + 1; j < i; j++) y[j] = y[last] + ((y[i] - y[last]) * (j - last)) / (i - last);
    }
    last = i;
  }
  return y;
}

/**
 * Hampel identifier (Pearson 2002, "Outliers in process modeling and identification", IEEE TCST 10(1)): a sample
 * more than nSigma × max(1.4826 × MAD, minSigma) from the median of its ±halfWindow neighbourhood is set to NaN,
 * for the bounded gap filling to replace. A linear ramp's centre is its window's median, so steady movement is
 * kept; isolated spikes (one keypoint thrown tens of pixels) are removed. Returns a new array.
 */
export function hampelToNaN(
  x: Float64Array,
  halfWindow: number,
  nSigma: number,
  minSigma: number,
): Float64Array {
  const y = Float64Array.from(x);
  const win = new Float64Array(2 * halfWindow + 1);
  const dev = new Float64Array(2 * halfWindow + 1);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) continue;
    // Widen past missing samples (up to 3 × halfWindow) so a spike beside a gap still has enough neighbours.
    let c = 1;
    win[0] = x[i];
    for (let d = 1; d <= 3 * halfWindow && c < win.length; d++) {
      if (i - d >= 0 && Number.isFinite(x[i - d])) win[c++] = x[i - d];
      if (c < win.length && i + d < x.length && Number.isFinite(x[i + d])) win[c++] = x[i + d];
    }
    if (c < 3) continue;
    const med = medianInPlace(win, c);
    for (let j = 0; j < c; j++) dev[j] = Math.abs(win[j] - med);
    const sigma = Math.max(1.4826 * medianInPlace(dev, c), minSigma);
    if (Math.abs(x[i] - med) > nSigma * sigma) y[i] = NaN;
  }
  return y;
}

/** Median of buf[0, n), sorting that part in place. */
function medianInPlace(buf: Float64Array, n: number): number {
  const v = buf.subarray(0, n).sort();
  return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/**
 * Second-order Butterworth low-pass run forwards then backwards (zero lag, fourth order overall), on each
 * gap-free run separately; NaN stays NaN. Method and coefficients: Winter 2009, Biomechanics and Motor Control
 * of Human Movement, §3.4.4. Runs shorter than 4 samples are left unfiltered.
 */
export function lowPassZeroLag(x: Float64Array, cutoffHz: number, sampleHz: number): Float64Array {
  const y = Float64Array.from(x);
  if (!(cutoffHz > 0) || !(sampleHz > 2 * cutoffHz)) return y;
  // Each pass attenuates the cutoff; correct so the two passes together are -3 dB at cutoffHz (Winter §3.4.4.3).
  const corrected = cutoffHz / Math.sqrt(Math.SQRT2 - 1);
  const wc = Math.tan((Math.PI * Math.min(corrected, 0.45 * sampleHz)) / sampleHz);
  const k1 = Math.SQRT2 * wc;
  const k2 = wc * wc;
  const a0 = k2 / (1 + k1 + k2);
  const a1 = 2 * a0;
  const k3 = (2 * a0) / k2;
  const b1 = -2 * a0 + k3;
  const b2 = 1 - 2 * a0 - k3;
  let i = 0;
  while (i < y.length) {
    if (!Number.isFinite(y[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < y.length && Number.isFinite(y[j])) j++;
    if (j - i >= 4) {
      pass(y, i, j, 1, a0, a1, b1, b2);
      pass(y, j - 1, i - 1, -1, a0, a1, b1, b2);
    }
    i = j;
  }
  return y;
}

function pass(
  y: Float64Array,
  from: number,
  to: number,
  step: number,
  a0: number,
  a1: number,
  b1: number,
  b2: number,
) {
  // Start in steady state at the first sample so the run's ends do not ring.
  let x1 = y[from];
  let x2 = x1;
  let y1 = x1;
  let y2 = x1;
  for (let i = from; i !== to; i += step) {
    const x0 = y[i];
    const out = a0 * x0 + a1 * x1 + a0 * x2 + b1 * y1 + b2 * y2;
    x2 = x1;
    x1 = x0;
    y2 = y1;
    y1 = out;
    y[i] = out;
  }
}

/** Median of the finite values in x[from, to); NaN when none. */
export function medianOf(x: ArrayLike<number>, from = 0, to = x.length): number {
  return quantileOf(x, 0.5, from, to);
}

/** Quantile q in [0, 1] (linear interpolation) of the finite values in x[from, to); NaN when none. */
export function quantileOf(x: ArrayLike<number>, q: number, from = 0, to = x.length): number {
  const v: number[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, x.length); i++) if (Number.isFinite(x[i])) v.push(x[i]);
  return quantileSorted(
    v.sort((a, b) => a - b),
    q,
  );
}

/** Quantile q of all finite values of x. */
export function quantile(x: ArrayLike<number>, q: number): number {
  return quantileOf(x, q);
}

function quantileSorted(v: number[], q: number): number {
  if (v.length === 0) return NaN;
  const p = q * (v.length - 1);
  const lo = Math.floor(p);
  const hi = Math.min(lo + 1, v.length - 1);
  return v[lo] + (v[hi] - v[lo]) * (p - lo);
}
