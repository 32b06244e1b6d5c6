// Gap filling: linear interpolation of interior gaps up to a bound only (longer gaps stay NaN; never zeros).

/** Fills interior NaN gaps of at most maxGap samples linearly; edges and longer gaps stay NaN. Returns a new array. */
export function fillGaps(values: Float64Array, maxGap: number): Float64Array {
  const out = new Float64Array(values);
  let last = -1;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    const gap = i - last - 1;
    if (last >= 0 && gap > 0 && gap <= maxGap) {
      for (let j = last + 1; j < i; j++) {
        const w = (j - last) / (i - last);
        out[j] = values[last] * (1 - w) + values[i] * w;
      }
    }
    last = i;
  }
  return out;
}
