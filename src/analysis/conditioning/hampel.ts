// Outlier rejection: the Hampel identifier (Hampel 1974; Pearson et al. 2016), sliding median ± n·1.4826·MAD.

/**
 * Marks as NaN every finite sample further than nSigma robust standard deviations from the median of its
 * window (halfWindow samples each side). NaN samples are ignored in the window. Returns a new array.
 */
export function hampel(values: Float64Array, halfWindow = 3, nSigma = 3, minScale = 1.5): Float64Array {
  const out = new Float64Array(values);
  const win = new Float64Array(2 * halfWindow + 1);
  const dev = new Float64Array(2 * halfWindow + 1);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) continue;
    let m = 0;
    for (let j = Math.max(0, i - halfWindow); j <= Math.min(values.length - 1, i + halfWindow); j++) {
      if (Number.isFinite(values[j])) win[m++] = values[j];
    }
    if (m < 3) continue;
    const med = medianInPlace(win, m);
    for (let j = 0; j < m; j++) dev[j] = Math.abs(win[j] - med);
    const mad = medianInPlace(dev, m);
    // A floor on the scale (data units) keeps near-constant runs from flagging sub-pixel wiggles.
    const scale = Math.max(1.4826 * mad, minScale);
    if (Math.abs(x - med) > nSigma * scale) out[i] = NaN;
  }
  return out;
}

/** Median of the first n entries of buf (reorders them). */
export function medianInPlace(buf: Float64Array, n: number): number {
  const a = buf.subarray(0, n).sort();
  return n % 2 ? a[(n - 1) / 2] : 0.5 * (a[n / 2 - 1] + a[n / 2]);
}
