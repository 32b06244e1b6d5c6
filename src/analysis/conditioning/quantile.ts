// Robust summaries of series with missing samples (NaN ignored), shared by the gait and spine measures.

/** Median of the finite values in x[from, to); NaN when none. */
export function medianOf(x: ArrayLike<number>, from = 0, to = x.length): number {
  const v = finiteSorted(x, from, to);
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

/** Quantile q in [0, 1] (linear interpolation between order statistics) of the finite values in x[from, to). */
export function quantileOf(x: ArrayLike<number>, q: number, from = 0, to = x.length): number {
  const v = finiteSorted(x, from, to);
  if (v.length === 0) return NaN;
  const p = q * (v.length - 1);
  const lo = Math.floor(p);
  const hi = Math.min(lo + 1, v.length - 1);
  return v[lo] + (v[hi] - v[lo]) * (p - lo);
}

/** Quantile q of all finite values of x; NaN when none. */
export function quantile(x: ArrayLike<number>, q: number): number {
  return quantileOf(x, q);
}

function finiteSorted(x: ArrayLike<number>, from: number, to: number): number[] {
  const v: number[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, x.length); i++) if (Number.isFinite(x[i])) v.push(x[i]);
  return v.sort((a, b) => a - b);
}
