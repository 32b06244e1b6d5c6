// Small statistics over plain arrays; NaN entries are ignored.
import { percent, type Percent } from '../../shared/units';

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

/** One-sided 95 % quantiles of Student's t for 1-30 degrees of freedom. */
const T95 = [
  6.314, 2.92, 2.353, 2.132, 2.015, 1.943, 1.895, 1.86, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761, 1.753,
  1.746, 1.74, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697,
];
const Z95 = 1.6449;

/**
 * One-sided 95 % critical value of Student's t for df degrees of freedom (Infinity below 1): the table for df ≤ 30,
 * beyond it the first Cornish–Fisher term, z + (z³ + z) / (4·df) (Abramowitz & Stegun 1964, 26.7.5; within 0.001).
 */
export function tCritical95(df: number): number {
  if (!(df >= 1)) return Infinity;
  const k = Math.floor(df);
  return k <= 30 ? T95[k - 1] : Z95 + (Z95 ** 3 + Z95) / (4 * k);
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

/**
 * Within-leg coefficient of variation, %: the SD pooled within each group (each leg), over the mean of all
 * values, × 100. Pooling within legs keeps a steady left–right difference (asymmetry) out of variability:
 * SD_pooled = √(Σ (n_g − 1) s_g² / Σ (n_g − 1)). NaN with fewer than two values in every group.
 */
export function pooledCvPct(groups: readonly (readonly number[])[]): Percent {
  let ss = 0;
  let dof = 0;
  for (const g of groups) {
    const f = finite(g);
    if (f.length < 2) continue;
    ss += (f.length - 1) * sd(f) ** 2;
    dof += f.length - 1;
  }
  return percent(dof > 0 ? (100 * Math.sqrt(ss / dof)) / mean(groups.flat()) : NaN);
}

/**
 * Symmetry index, % (Robinson et al. 1987): |L − R| / ((L + R) / 2) × 100. It measures asymmetry: 0 is
 * perfectly symmetric and lower is better.
 */
export const symmetryIndexPct = (l: number, r: number): number => (100 * Math.abs(l - r)) / (0.5 * (l + r));
