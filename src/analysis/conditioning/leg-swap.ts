// Left/right leg swap correction: when the legs cross in side view, detectors often exchange their labels.
// Method: frame-to-frame assignment against a constant-velocity prediction of each leg (nearest-neighbour
// tracking as in multi-target tracking, e.g. Bar-Shalom 1988); a frame whose swapped labels fit the
// prediction clearly better is swapped back.

/** Pairs of [left, right] keypoint indices that belong to the legs. */
export type LegPairs = readonly (readonly [number, number])[];

/**
 * Corrects swaps in place on per-keypoint x/y series and returns the number of frames relabelled.
 * margin: a swap is applied only when its cost is below margin × the cost of keeping the labels.
 */
export function correctLegSwaps(
  xs: Float64Array[],
  ys: Float64Array[],
  pairs: LegPairs,
  margin = 0.5,
): number {
  const n = xs[0]?.length ?? 0;
  let swapped = 0;
  for (let i = 1; i < n; i++) {
    let keep = 0;
    let swap = 0;
    let used = 0;
    for (const [l, r] of pairs) {
      const plx = predict(xs[l], i);
      const ply = predict(ys[l], i);
      const prx = predict(xs[r], i);
      const pry = predict(ys[r], i);
      const lx = xs[l][i];
      const ly = ys[l][i];
      const rx = xs[r][i];
      const ry = ys[r][i];
      const k = sq(lx - plx, ly - ply) + sq(rx - prx, ry - pry);
      const s = sq(rx - plx, ry - ply) + sq(lx - prx, ly - pry);
      if (Number.isFinite(k) && Number.isFinite(s)) {
        keep += k;
        swap += s;
        used++;
      }
    }
    if (used > 0 && swap < margin * keep) {
      for (const [l, r] of pairs) {
        exchange(xs[l], xs[r], i);
        exchange(ys[l], ys[r], i);
      }
      swapped++;
    }
  }
  return swapped;
}

/** Constant-velocity prediction of sample i from the last two finite samples within 3 frames, else the last one. */
function predict(v: Float64Array, i: number): number {
  const a = v[i - 1];
  if (!Number.isFinite(a)) return i >= 2 ? v[i - 2] : NaN;
  const b = i >= 2 ? v[i - 2] : NaN;
  return Number.isFinite(b) ? 2 * a - b : a;
}

const sq = (dx: number, dy: number): number => dx * dx + dy * dy;

function exchange(a: Float64Array, b: Float64Array, i: number): void {
  const t = a[i];
  a[i] = b[i];
  b[i] = t;
}
