// Chair tests timed from side-on poses: five-times sit-to-stand, 30-second chair stand, Timed Up and Go.
import type { FunctionalPhaseV1, FunctionalTestId, FunctionalV1 } from '../../shared/clinical-tests';
import type { WarningOf } from '../../shared/messages/codes';
import { MIN_KEYPOINT_SCORE } from '../../shared/keypoints';
import type { PosesFileV1 } from '../../shared/poses-format';
import { hz } from '../../shared/units';
import { filtfiltRuns } from '../conditioning/butterworth';
import { medianOf, quantile } from '../conditioning/quantile';
import { conditionTracks, DEFAULT_CONDITIONING, extractTracks, type Tracks } from '../conditioning/tracks';
import { midpoint } from '../geometry/frame';
import { landmarks, type Landmarks } from '../geometry/landmarks';
import { round } from '../round';

/** Movement onset and completion: speed under this share (10 %) of the movement's peak speed. */
const REST_SHARE = 0.1;
/** Chair movements are slow (under 2 Hz): the hip and trunk signals are smoothed again at this cutoff, Hz. */
const CHAIR_CUTOFF_HZ = 4;
/** The 30-second chair stand's duration, s (Jones, Rikli & Beam 1999). */
export const CHAIR_STAND_S = 30;

/** What the caller words (shared/messages renders them). */
export type FunctionalNote = WarningOf<
  'no-sit-stand' | 'too-few-stands' | 'recording-shorter' | 'tug-incomplete'
>;

export interface FunctionalResult {
  functional: FunctionalV1;
  notes: FunctionalNote[];
}

/** One rise or sit: onset (movement starts) and completion (standing, or seated), s. */
interface Move {
  startS: number;
  endS: number;
  /** Time the hip passed halfway between the seated and the standing height, s. */
  halfwayS: number;
}

export interface ChairSignals {
  tS: Float64Array;
  /** Hip height above the ankles in leg lengths (thigh + shank): about 0.5 seated, 1 standing. */
  z: Float64Array;
  /** Trunk lean forward: shoulder midpoint ahead of the hips, leg lengths. */
  lean: Float64Array;
  /** Hip midpoint x, leg lengths. */
  hipX: Float64Array;
}

/** The hip-height, trunk-lean and pelvis-x signals, normalised by the median leg length (scale-free). */
export function chairSignals(file: PosesFileV1, minScore = MIN_KEYPOINT_SCORE): ChairSignals | null {
  const lm = landmarks(file.skeleton);
  const t = conditionTracks(extractTracks(file, minScore), {
    ...DEFAULT_CONDITIONING,
    legPairs: lm.legPairs,
  }).tracks;
  const leg = legLengthPx(t, lm);
  if (!(leg > 0)) return null;
  const hx = midpoint(t.xs, lm.left.hip, lm.right.hip);
  const hy = midpoint(t.ys, lm.left.hip, lm.right.hip);
  const ay = midpoint(t.ys, lm.left.ankle, lm.right.ankle);
  const ax = midpoint(t.xs, lm.left.ankle, lm.right.ankle);
  const sx = midpoint(t.xs, lm.left.shoulder, lm.right.shoulder);
  const n = t.tS.length;
  // The feet stay on the floor: a robust floor level even while a foot swings.
  const floor = quantile(ay, 0.9);
  // Facing: the feet are ahead of the seated hips; sign of ankle x − hip x over the recording.
  const diff = new Float64Array(n);
  for (let i = 0; i < n; i++) diff[i] = ax[i] - hx[i];
  const face = Math.sign(medianOf(diff)) || 1;
  const z = new Float64Array(n);
  const lean = new Float64Array(n);
  const hipX = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    z[i] = (floor - hy[i]) / leg;
    lean[i] = (face * (sx[i] - hx[i])) / leg;
    hipX[i] = hx[i] / leg;
  }
  const f = (v: Float64Array): Float64Array => filtfiltRuns(v, hz(CHAIR_CUTOFF_HZ), hz(t.sampleHz));
  return { tS: t.tS, z: f(z), lean: f(lean), hipX: f(hipX) };
}

function legLengthPx(t: Tracks, lm: Landmarks): number {
  const seg = (a: number, b: number): number => {
    const d = new Float64Array(t.tS.length);
    for (let i = 0; i < d.length; i++) d[i] = Math.hypot(t.xs[a][i] - t.xs[b][i], t.ys[a][i] - t.ys[b][i]);
    return medianOf(d);
  };
  const side = (s: Landmarks['left']): number => seg(s.hip, s.knee) + seg(s.knee, s.ankle);
  const l = side(lm.left);
  const r = side(lm.right);
  return Number.isFinite(l) && Number.isFinite(r) ? 0.5 * (l + r) : Number.isFinite(l) ? l : r;
}

/** Central-difference derivative per second; NaN at the ends and next to missing samples. */
function derivative(tS: Float64Array, v: Float64Array): Float64Array {
  const d = new Float64Array(v.length).fill(NaN);
  for (let i = 1; i + 1 < v.length; i++) d[i] = (v[i + 1] - v[i - 1]) / (tS[i + 1] - tS[i - 1]);
  return d;
}

/** Interpolated time where a moves from above thr (at i) to at-or-below thr (at j = i ± 1). */
function crossTime(tS: Float64Array, a: Float64Array, i: number, j: number, thr: number): number {
  const w = (a[i] - thr) / (a[i] - a[j]);
  return tS[i] + (Number.isFinite(w) ? Math.max(0, Math.min(1, w)) : 0) * (tS[j] - tS[i]);
}

/**
 * From a peak-speed sample, walk (step −1 back, +1 forward) to where the speed first falls to REST_SHARE of the
 * peak: the movement's onset or completion, interpolated. The window bounds the walk.
 */
function restEdge(
  tS: Float64Array,
  speed: Float64Array,
  peak: number,
  step: 1 | -1,
  lo: number,
  hi: number,
): number {
  const thr = REST_SHARE * speed[peak];
  for (let i = peak; i + step >= lo && i + step <= hi; i += step) {
    const j = i + step;
    if (!(speed[j] > thr)) return crossTime(tS, speed, i, j, thr);
  }
  return tS[step > 0 ? hi : lo];
}

function argmax(v: Float64Array, lo: number, hi: number): number {
  let k = -1;
  for (let i = lo; i <= hi; i++) if (Number.isFinite(v[i]) && (k < 0 || v[i] > v[k])) k = i;
  return k;
}

/**
 * Rises and sits. Levels: seated = 5th, standing = 95th percentile of z. A rise passes halfway upwards; its
 * completion is where the hip's rising speed falls to 5 % of its peak; its onset is the earlier of the trunk's
 * forward lean starting (lean speed up from 5 % of its peak in the second before halfway) and the hip starting
 * to rise. A sit mirrors it: the hip's descent from 5 % of its peak speed to 5 % again (on the seat).
 */
export function findMoves(s: ChairSignals): { rises: Move[]; sits: Move[]; rangeLegs: number } {
  const { tS, z, lean } = s;
  const n = tS.length;
  const seat = quantile(z, 0.05);
  const stand = quantile(z, 0.95);
  const range = stand - seat;
  const rises: Move[] = [];
  const sits: Move[] = [];
  if (!(range > 0.2)) return { rises, sits, rangeLegs: Number.isFinite(range) ? range : 0 };
  const mid = seat + 0.5 * range;
  const vz = derivative(tS, z);
  const up = vz.map((v) => Math.max(0, v));
  const down = vz.map((v) => Math.max(0, -v));
  const vl = derivative(tS, lean).map((v) => Math.max(0, v));
  const crossings: { i: number; up: boolean; tS: number }[] = [];
  for (let i = 1; i < n; i++) {
    if (!Number.isFinite(z[i - 1] + z[i])) continue;
    if (z[i - 1] < mid && z[i] >= mid) crossings.push({ i, up: true, tS: crossTime(tS, z, i - 1, i, mid) });
    if (z[i - 1] >= mid && z[i] < mid) crossings.push({ i, up: false, tS: crossTime(tS, z, i - 1, i, mid) });
  }
  crossings.forEach((c, k) => {
    const lo = k > 0 ? crossings[k - 1].i : 0;
    const hi = k + 1 < crossings.length ? crossings[k + 1].i : n - 1;
    const speed = c.up ? up : down;
    const peak = argmax(speed, lo, hi);
    if (peak < 0) return;
    let startS = restEdge(tS, speed, peak, -1, lo, hi);
    const endS = restEdge(tS, speed, peak, 1, lo, hi);
    if (c.up) {
      // The trunk leans forward before the seat-off: its onset counts, within the second before halfway.
      let from = c.i;
      while (from > lo && tS[from - 1] >= c.tS - 1.5) from--;
      const lp = argmax(vl, from, c.i);
      if (lp >= 0 && vl[lp] > 0) startS = Math.min(startS, restEdge(tS, vl, lp, -1, lo, c.i));
      rises.push({ startS, endS, halfwayS: c.tS });
    } else sits.push({ startS, endS, halfwayS: c.tS });
  });
  return { rises, sits, rangeLegs: range };
}

/**
 * Method `hip-height-trunk-lean`: the tests timed from the hip's height over the ankles (in leg lengths), the
 * trunk's forward lean and the pelvis's horizontal motion, side-on.
 * - sit-to-stand-5: from the onset of the first rise to the completion of the fifth (Guralnik et al. 1994,
 *   J Gerontol 49:M85, SPPB chair stands: timed to the fifth full stand); count = full stands.
 * - chair-stand-30s: full stands whose hip passed halfway up within 30 s of the first onset (Jones, Rikli &
 *   Beam 1999, Res Q Exerc Sport 70:113: over halfway up at 30 s counts).
 * - tug: from the onset of the rise to seated again (Podsiadlo & Richardson 1991, J Am Geriatr Soc 39:142);
 *   phases rise, walk out, turn, walk back, sit, split where the pelvis's horizontal speed crosses half the
 *   walking speed (90th percentile), the turn around the point furthest from the chair.
 * Assumes a side-on camera, feet on the floor while seated and standing, and one chair.
 */
export function analyzeFunctional(file: PosesFileV1, test: FunctionalTestId): FunctionalResult {
  const notes: FunctionalNote[] = [];
  const out: FunctionalV1 = { test, timeS: null, count: null, phases: [] };
  const s = chairSignals(file);
  const moves = s ? findMoves(s) : null;
  if (!s || !moves || moves.rises.length === 0) {
    notes.push({ code: 'no-sit-stand', rangeLegs: round(moves?.rangeLegs ?? 0, 2) ?? 0 });
    if (test !== 'tug') out.count = 0;
    return { functional: out, notes };
  }
  const { rises, sits } = moves;
  const r3 = (x: number): number => round(x, 3) as number;
  const phase = (name: string, a: number, b: number): FunctionalPhaseV1 => ({
    name,
    startS: r3(a),
    endS: r3(b),
  });
  const t0 = rises[0].startS;
  const lastS = s.tS[s.tS.length - 1];
  switch (test) {
    case 'sit-to-stand-5': {
      out.count = rises.length;
      if (rises.length >= 5) out.timeS = r3(rises[4].endS - t0);
      else notes.push({ code: 'too-few-stands', found: rises.length, expected: 5 });
      out.phases = repPhases(rises.slice(0, 5), sits, phase);
      break;
    }
    case 'chair-stand-30s': {
      const counted = rises.filter((r) => r.halfwayS <= t0 + CHAIR_STAND_S);
      out.count = counted.length;
      if (lastS >= t0 + CHAIR_STAND_S) out.timeS = CHAIR_STAND_S;
      else notes.push({ code: 'recording-shorter', recordedS: r3(lastS - t0), neededS: CHAIR_STAND_S });
      out.phases = repPhases(counted, sits, phase);
      break;
    }
    case 'tug': {
      const sit = sits.filter((x) => x.halfwayS > rises[0].halfwayS).at(-1);
      const split = sit ? tugSplit(s, rises[0].endS, sit.startS) : null;
      if (!sit || !split) {
        notes.push({ code: 'tug-incomplete' });
        break;
      }
      out.timeS = r3(sit.endS - t0);
      const [a, b, c] = split;
      out.phases = [
        phase('rise', t0, rises[0].endS),
        phase('walk-out', rises[0].endS, a),
        phase('turn', a, b),
        phase('walk-back', b, c),
        phase('sit', c, sit.endS),
      ];
      break;
    }
  }
  return { functional: out, notes };
}

function repPhases(
  rises: Move[],
  sits: Move[],
  phase: (name: string, a: number, b: number) => FunctionalPhaseV1,
): FunctionalPhaseV1[] {
  const out: FunctionalPhaseV1[] = [];
  rises.forEach((r, k) => {
    out.push(phase(`rise-${k + 1}`, r.startS, r.endS));
    const next = rises[k + 1]?.halfwayS ?? Infinity;
    const sit = sits.find((x) => x.halfwayS > r.halfwayS && x.halfwayS < next);
    if (sit) out.push(phase(`sit-${k + 1}`, sit.startS, sit.endS));
  });
  return out;
}

/**
 * Turn start, turn end and walk-back end between standing (fromS) and the sit's onset (toS): where the pelvis's
 * horizontal speed crosses half the walking speed, around the point furthest from where the walk began.
 */
function tugSplit(s: ChairSignals, fromS: number, toS: number): [number, number, number] | null {
  const { tS, hipX } = s;
  let lo = 0;
  while (lo < tS.length && tS[lo] < fromS) lo++;
  let hi = tS.length - 1;
  while (hi > lo && tS[hi] > toS) hi--;
  if (hi - lo < 4) return null;
  const vx = derivative(tS, hipX).map(Math.abs);
  const walking = quantile(vx.subarray(lo, hi + 1), 0.9);
  if (!(walking > 0)) return null;
  const dist = new Float64Array(tS.length).fill(NaN);
  for (let i = lo; i <= hi; i++) dist[i] = Math.abs(hipX[i] - hipX[lo]);
  const far = argmax(dist, lo, hi);
  const thr = 0.5 * walking;
  const fast = (i: number): boolean => vx[i] >= thr;
  let a = far;
  while (a > lo && !fast(a)) a--;
  let b = far;
  while (b < hi && !fast(b)) b++;
  let c = hi;
  while (c > b && !fast(c)) c--;
  if (a <= lo || b >= hi) return null;
  const at = (i: number, j: number): number => crossTime(tS, vx, i, j, thr);
  return [at(a, a + 1), at(b, b - 1), at(c, c + 1)];
}
