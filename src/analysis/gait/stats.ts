// Small statistics over plain arrays; NaN entries are ignored.

const finite = (v: readonly number[]): number[] => v.filter(Number.isFinite);

export function mean(v: readonly number[]): number {
  const f = finite(v);
  return f.length ? f.reduce((s, x) => s + x, 0) / f.length : NaN;
}

export function median(v: readonly number[]): number {
  const f = finite(v).sort((a, b) => a - b);
  if (!f.length) return NaN;
  const m = f.length >> 1;
  return f.length % 2 ? f[m] : 0.5 * (f[m - 1] + f[m]);
}

/** Sample standard deviation. */
export function sd(v: readonly number[]): number {
  const f = finite(v);
  if (f.length < 2) return NaN;
  const m = mean(f);
  return Math.sqrt(f.reduce((s, x) => s + (x - m) ** 2, 0) / (f.length - 1));
}

/** Coefficient of variation, % (SD / mean × 100). */
export const cvPct = (v: readonly number[]): number => (100 * sd(v)) / mean(v);

/** Symmetry index, % (Robinson et al. 1987): |L − R| / ((L + R) / 2) × 100; 0 is perfect symmetry. */
export const symmetryIndexPct = (l: number, r: number): number => (100 * Math.abs(l - r)) / (0.5 * (l + r));
