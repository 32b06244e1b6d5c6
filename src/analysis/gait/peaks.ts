// Peak picking on smooth series: local maxima with a minimum prominence and spacing, refined to sub-sample time.

export interface Peak {
  /** Fractional sample index (parabolic interpolation through the three samples around the maximum). */
  index: number;
  value: number;
  prominence: number;
}

/**
 * Local maxima of v (NaN never counts) whose prominence within ±window samples is at least minProminence,
 * at least minDistance samples apart (higher peaks win). Returned in time order.
 */
export function findPeaks(
  v: Float64Array,
  minDistance: number,
  minProminence: number,
  window: number,
): Peak[] {
  const cands: Peak[] = [];
  for (let i = 1; i + 1 < v.length; i++) {
    const a = v[i - 1];
    const b = v[i];
    const c = v[i + 1];
    if (!(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c))) continue;
    if (!(b > a && b >= c)) continue;
    let minL = b;
    for (let j = i - 1; j >= Math.max(0, i - window) && Number.isFinite(v[j]); j--) {
      if (v[j] > b) break;
      minL = Math.min(minL, v[j]);
    }
    let minR = b;
    for (let j = i + 1; j <= Math.min(v.length - 1, i + window) && Number.isFinite(v[j]); j++) {
      if (v[j] > b) break;
      minR = Math.min(minR, v[j]);
    }
    const prominence = b - Math.max(minL, minR);
    if (prominence < minProminence) continue;
    const den = a - 2 * b + c;
    const off = den < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / den)) : 0;
    cands.push({ index: i + off, value: b - 0.25 * (a - c) * off, prominence });
  }
  const byHeight = [...cands].sort((p, q) => q.value - p.value || p.index - q.index);
  const kept: Peak[] = [];
  for (const p of byHeight) if (kept.every((k) => Math.abs(k.index - p.index) >= minDistance)) kept.push(p);
  return kept.sort((p, q) => p.index - q.index);
}

/** Spread of a series: 95th minus 5th percentile of its finite values. */
export function spread(v: Float64Array): number {
  const a = Array.from(v)
    .filter(Number.isFinite)
    .sort((p, q) => p - q);
  if (a.length < 2) return NaN;
  return a[Math.floor(0.95 * (a.length - 1))] - a[Math.floor(0.05 * (a.length - 1))];
}

/** Linear interpolation of v at fractional index x; NaN outside or next to a gap. */
export function sampleAt(v: Float64Array, x: number): number {
  const i = Math.floor(x);
  if (i < 0 || i >= v.length) return NaN;
  if (i === v.length - 1) return x === i ? v[i] : NaN;
  const w = x - i;
  return v[i] * (1 - w) + v[i + 1] * w;
}
