// Fixed rounding for output: same input, byte-identical output (no -0, NaN becomes null).

export function round(x: number, digits: number): number | null {
  if (!Number.isFinite(x)) return null;
  const k = 10 ** digits;
  const r = Math.round(x * k) / k;
  return r === 0 ? 0 : r;
}
