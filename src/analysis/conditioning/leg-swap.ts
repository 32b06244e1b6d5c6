// Left/right leg swap correction: when the legs cross in side view, detectors often exchange their labels.
// Method: a Viterbi search (Viterbi 1967) over per-frame labellings {kept, swapped} that minimises the
// summed squared acceleration of all leg keypoints, i.e. the smoothest trajectories; the labelling that
// keeps most frames as detected is chosen between the two mirror-image solutions.

/** Pairs of [left, right] keypoint indices that belong to the legs. */
export type LegPairs = readonly (readonly [number, number])[];

/** Corrects swaps in place on per-keypoint x/y series and returns the number of frames relabelled. */
export function correctLegSwaps(xs: Float64Array[], ys: Float64Array[], pairs: LegPairs): number {
  return applyLegLabels(xs, ys, pairs, legSwapLabels(xs, ys, pairs));
}

/** Exchanges left and right leg keypoints in place in every frame labelled 1; returns how many. */
export function applyLegLabels(
  xs: Float64Array[],
  ys: Float64Array[],
  pairs: LegPairs,
  labels: Uint8Array,
): number {
  let changed = 0;
  for (let i = 0; i < labels.length; i++) {
    if (!labels[i]) continue;
    changed++;
    for (const [l, r] of pairs) {
      exchange(xs[l], xs[r], i);
      exchange(ys[l], ys[r], i);
    }
  }
  return changed;
}

/**
 * Per-frame labels (1: left and right legs are exchanged in this frame). Missing samples add no cost, so
 * callers should bridge short gaps first. switchCostPx2: cost of changing labelling between frames, px²,
 * so noise alone never flips labels.
 */
export function legSwapLabels(
  xs: Float64Array[],
  ys: Float64Array[],
  pairs: LegPairs,
  switchCostPx2 = 50,
): Uint8Array {
  const n = xs[0]?.length ?? 0;
  if (n < 3 || pairs.length === 0) return new Uint8Array(n);
  // State at frame i: 2 × s(i−1) + s(i), s = 1 when frame's labels are swapped.
  const cost = new Float64Array(4);
  const next = new Float64Array(4);
  const back = new Uint8Array(n * 4);
  for (let s = 0; s < 4; s++) cost[s] = ((s >> 1) ^ (s & 1)) * switchCostPx2;
  for (let i = 2; i < n; i++) {
    for (let s = 0; s < 4; s++) {
      const s1 = s >> 1;
      const s0 = s & 1;
      let best = Infinity;
      let arg = 0;
      for (let s2 = 0; s2 < 2; s2++) {
        const c =
          cost[2 * s2 + s1] + acceleration(xs, ys, pairs, i, s2, s1, s0) + (s1 !== s0 ? switchCostPx2 : 0);
        if (c < best) {
          best = c;
          arg = s2;
        }
      }
      next[s] = best;
      back[i * 4 + s] = arg;
    }
    cost.set(next);
  }
  const labels = new Uint8Array(n);
  let state = 0;
  for (let s = 1; s < 4; s++) if (cost[s] < cost[state]) state = s;
  labels[n - 1] = state & 1;
  labels[n - 2] = state >> 1;
  for (let i = n - 1; i >= 2; i--) {
    const s2 = back[i * 4 + 2 * labels[i - 1] + labels[i]];
    labels[i - 2] = s2;
  }
  let swapped = 0;
  for (let i = 0; i < n; i++) swapped += labels[i];
  if (swapped > n / 2) for (let i = 0; i < n; i++) labels[i] ^= 1;
  return labels;
}

/** Squared acceleration at frame i of all leg keypoints under labellings s2, s1, s0 of frames i−2, i−1, i. */
function acceleration(
  xs: Float64Array[],
  ys: Float64Array[],
  pairs: LegPairs,
  i: number,
  s2: number,
  s1: number,
  s0: number,
): number {
  let sum = 0;
  for (const [l, r] of pairs) {
    for (let side = 0; side < 2; side++) {
      const k0 = (side ^ s0) === 0 ? l : r;
      const k1 = (side ^ s1) === 0 ? l : r;
      const k2 = (side ^ s2) === 0 ? l : r;
      const ax = xs[k0][i] - 2 * xs[k1][i - 1] + xs[k2][i - 2];
      const ay = ys[k0][i] - 2 * ys[k1][i - 1] + ys[k2][i - 2];
      const a = ax * ax + ay * ay;
      if (Number.isFinite(a)) sum += a;
    }
  }
  return sum;
}

function exchange(a: Float64Array, b: Float64Array, i: number): void {
  const t = a[i];
  a[i] = b[i];
  b[i] = t;
}
