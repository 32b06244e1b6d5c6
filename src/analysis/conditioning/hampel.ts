// Outlier rejection: the Hampel identifier (Hampel 1974; Pearson 2002, IEEE TCST 10(1)), sliding median ± n·1.4826·MAD.

/**
 * Marks as NaN every finite sample further than nSigma robust standard deviations (1.4826 × MAD, at least
 * minScale in data units) from the median of its window: the sample and up to 2 × halfWindow finite
 * neighbours, nearest first, looked for at most `reach` samples either side. With reach = halfWindow (the
 * default) the window is the plain ±halfWindow neighbourhood; a larger reach widens it past missing samples
 * so a spike beside a gap still has enough neighbours. Windows with fewer than 3 samples are left alone.
 * A linear ramp's centre is its window's median, so steady movement is kept. Returns a new array.
 */
export function hampel(
  values: Float64Array,
  halfWindow = 3,
  nSigma = 3,
  minScale = 1.5,
  reach = halfWindow,
): Float64Array {
  const out = new Float64Array(values);
  const win = new Float64Array(2 * halfWindow + 1);
  const dev = new Float64Array(2 * halfWindow + 1);
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) continue;
    let m = 1;
    win[0] = x;
    for (let d = 1; d <= reach && m < win.length; d++) {
      if (i - d >= 0 && Number.isFinite(values[i - d])) win[m++] = values[i - d];
      if (m < win.length && i + d < n && Number.isFinite(values[i + d])) win[m++] = values[i + d];
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
