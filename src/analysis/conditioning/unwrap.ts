// Angle unwrapping: remove 2π jumps so differences and ranges of angle series are meaningful.
/** Unwraps a series of angles in radians; NaN samples are skipped and stay NaN. Returns a new array (radians). */
export function unwrapRadians(angles: Float64Array): Float64Array {
  const out = new Float64Array(angles);
  let prev = NaN;
  let offset = 0;
  for (let i = 0; i < out.length; i++) {
    const a = angles[i];
    if (!Number.isFinite(a)) continue;
    if (Number.isFinite(prev)) {
      const d = a - prev;
      if (d > Math.PI) offset -= 2 * Math.PI * Math.round(d / (2 * Math.PI));
      else if (d < -Math.PI) offset += 2 * Math.PI * Math.round(-d / (2 * Math.PI));
    }
    prev = a;
    out[i] = a + offset;
  }
  return out;
}
