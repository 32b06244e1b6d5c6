// Fixed output precision: 0.1 for degrees and centimetres; NaN becomes null.

export function round1(x: number): number | null {
  return Number.isFinite(x) ? Math.round(x * 10) / 10 + 0 : null;
}

/** Six significant digits, for metres per pixel. */
export function roundSig6(x: number): number | null {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : null;
}
