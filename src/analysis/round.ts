// Fixed rounding for output, shared by gait and spine: same input, byte-identical output (no -0, NaN becomes null).

export function round(x: number, digits: number): number | null {
  if (!Number.isFinite(x)) return null;
  const k = 10 ** digits;
  const r = Math.round(x * k) / k;
  return r === 0 ? 0 : r;
}

/** One decimal: the precision of degrees and centimetres in the spine results. */
export function round1(x: number): number | null {
  return round(x, 1);
}

/** Six significant digits, for metres per pixel (no -0; NaN becomes null). */
export function roundSig6(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  const r = Number(x.toPrecision(6));
  return r === 0 ? 0 : r;
}
