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
