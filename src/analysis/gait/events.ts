// Gait events (heel strike, toe off) per foot: two named kinematic methods and the clean-up to alternation.
import type { Foot } from '../../shared/analysis-format';
import { findPeaks, sampleAt, spread, type Peak } from './peaks';
import { derivative, type GaitSignals } from './signals';
import { indexAt } from './steps';

export const EVENT_METHODS = ['zeni2008-footstop', 'zeni2008', 'oconnor2007'] as const;
export type EventMethod = (typeof EVENT_METHODS)[number];

export interface FootEvents {
  /** Heel-strike and toe-off times, s, in order, with the detector's peak prominence (for clean-up). */
  hs: { tS: number; strength: number }[];
  to: number[];
}

/** Shortest plausible stride in walking, s; sets the minimum spacing of same-foot events. */
const MIN_STRIDE_S = 0.7;

function peaksAt(
  signals: GaitSignals,
  v: Float64Array,
  minShare: number,
): { tS: number; strength: number }[] {
  const fs = signals.sampleHz;
  const minDistance = 0.6 * MIN_STRIDE_S * fs;
  const peaks: Peak[] = findPeaks(v, minDistance, minShare * spread(v), Math.round(0.6 * fs));
  return peaks.map((p) => ({ tS: sampleAt(signals.tS, p.index), strength: p.prominence }));
}

function negate(v: Float64Array): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = -v[i];
  return out;
}

/**
 * Zeni et al. 2008 (Gait & Posture 27:710-714), coordinate-based.
 * Formula: heel strike at each maximum of (heel − pelvis) along the walking direction; toe off at each
 * minimum of (toe − pelvis). COCO-17 uses the ankle for both.
 * Assumes: steady walking at roughly constant speed, pelvis (hip midpoint) tracked, direction known.
 * Fails: at gait initiation/termination and turns, shuffling gait with tiny excursions, and it fires
 * slightly before contact when the heel still moves forward at touchdown.
 */
export function zeni2008(signals: GaitSignals, foot: Foot): FootEvents {
  const f = signals.feet[foot];
  const n = signals.tS.length;
  const heelRel = new Float64Array(n);
  const toeRel = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    heelRel[i] = f.heelU[i] - signals.pelvisU[i];
    toeRel[i] = f.toeU[i] - signals.pelvisU[i];
  }
  return { hs: peaksAt(signals, heelRel, 0.3), to: peaksAt(signals, negate(toeRel), 0.3).map((e) => e.tS) };
}

/**
 * O'Connor et al. 2007 (Gait & Posture 25:469-474), foot-velocity algorithm (FVA).
 * Formula: foot centre = midpoint of heel and toe; v = its vertical velocity (up positive). Heel strike
 * at each trough of v (fastest descent as the foot lands); toe off at each peak of v (foot lifting).
 * Assumes: clear vertical foot motion; heel and toe tracked (COCO-17 falls back to the ankle).
 * Fails: with flat-footed or shuffling gait (small vertical velocity), with noisy foot tracks, and
 * it tends to fire after contact as the forefoot slaps down.
 */
export function oconnor2007(signals: GaitSignals, foot: Foot): FootEvents {
  const v = derivative(signals.feet[foot].centreV, signals.tS);
  return { hs: peaksAt(signals, negate(v), 0.3), to: peaksAt(signals, v, 0.3).map((e) => e.tS) };
}

/**
 * Zeni et al. 2008 detection with heel-strike and toe-off timing refined (default).
 * Heel strike: Zeni's maximum refined by a least-squares parabola, shifted by a fixed share of the stride
 * (zeniShifted).
 * Toe off: for each Zeni toe off t_z, the first time in [t_z, t_z + 0.15 s] at which the toe's speed along the
 * walk rises above TOE_OFF_LEVEL × the walking speed. Zeni's minimum falls where the toe's speed equals the
 * pelvis speed; after the 6 Hz zero-phase low-pass the toe seems to start moving before it leaves the floor,
 * so that minimum came 7–27 ms early on the generator and double support read up to 4.8 points short. The
 * levels are set on the generator (tests/fixtures/gait-validation-report.ts): 1.4 with the BlazePose toe
 * point, 1.15 with the COCO-17 ankle (which already moves in the heel rise). Cf. the horizontal-velocity
 * algorithms of Hreljac & Marshall 2000, J Biomech 33:783-786. Assumes: the toe rests in stance.
 * Fails: with sliding or shuffling feet (then the Zeni time is kept).
 * Each foot's toe-off times are steadied against the foot's median lag (steadyRefine).
 */
/** Toe-off levels, × walking speed: BlazePose toe point, COCO-17 ankle (see zeniFootStop). */
const TOE_OFF_LEVEL = { toe: 1.4, ankle: 1.15 } as const;

export function zeniFootStop(signals: GaitSignals, foot: Foot): FootEvents {
  const coarse = zeni2008(signals, foot);
  const walking = walkingSpeedPxPerS(signals);
  const toeSpeed = absolute(derivative(signals.feet[foot].toeU, signals.tS));
  const toLevel = (signals.hasFoot ? TOE_OFF_LEVEL.toe : TOE_OFF_LEVEL.ankle) * walking;
  const tol = LAG_TOLERANCE_FRAMES / signals.sampleHz;
  const hs = zeniShifted(signals, foot, coarse.hs);
  const to = steadyRefine(coarse.to, (t) => rising(signals.tS, toeSpeed, t, 0.15, toLevel), tol);
  return { hs, to };
}

/** Heel strike after Zeni's maximum, as a share of the stride: BlazePose heel, COCO-17 ankle (zeniShifted). */
export const STRIKE_SHIFT = { heel: 0.028, ankle: 0.025 } as const;
/** Half-width of the least-squares parabola fitted around each Zeni maximum, s. */
const PARABOLA_HALF_S = 0.1;

/**
 * Heel strike = Zeni's maximum of (heel − pelvis) along the walk, refined by a least-squares parabola through the
 * samples within ±PARABOLA_HALF_S, plus a fixed share of the walk's median stride time (STRIKE_SHIFT).
 * Why: Zeni's maximum falls where the heel's speed equals the pelvis speed, a fixed phase of the stride just
 * before contact; a position maximum over ±0.1 s is steady on a noisy (far, occluded) foot where a speed
 * threshold jitters by frames. The shares are set on the generator (tests/fixtures/gait-validation-report.ts).
 * Assumes: steady walking. Fails: at gait initiation and termination (the phase changes), and keeps the 3-point
 * peak where the fit has no maximum inside the window.
 */
function zeniShifted(
  signals: GaitSignals,
  foot: Foot,
  coarse: { tS: number; strength: number }[],
): { tS: number; strength: number }[] {
  const f = signals.feet[foot];
  const n = signals.tS.length;
  const rel = new Float64Array(n);
  for (let i = 0; i < n; i++) rel[i] = f.heelU[i] - signals.pelvisU[i];
  const strideS = medianStrideS(signals);
  const shift = (signals.hasFoot ? STRIKE_SHIFT.heel : STRIKE_SHIFT.ankle) * strideS;
  return coarse.map((e) => {
    const t = parabolaPeak(signals.tS, rel, e.tS, PARABOLA_HALF_S) ?? e.tS;
    return { tS: t + (Number.isFinite(shift) ? shift : 0), strength: e.strength };
  });
}

/** Median stride time over both feet's Zeni maxima (same-foot intervals within 0.7–2.5 s), s. */
function medianStrideS(signals: GaitSignals): number {
  const d: number[] = [];
  for (const foot of ['left', 'right'] as const) {
    const hs = zeni2008(signals, foot).hs.map((e) => e.tS);
    for (let k = 1; k < hs.length; k++) {
      const x = hs[k] - hs[k - 1];
      if (x >= MIN_STRIDE_S && x <= 2.5) d.push(x);
    }
  }
  return d.length ? median(d) : NaN;
}

/** Vertex time of the least-squares parabola through v within t0 ± halfS; null when it has no maximum there. */
function parabolaPeak(tS: Float64Array, v: Float64Array, t0: number, halfS: number): number | null {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let y0 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < tS.length; i++) {
    const x = tS[i] - t0;
    if (Math.abs(x) > halfS + 1e-9 || !Number.isFinite(v[i])) continue;
    s0 += 1;
    s1 += x;
    s2 += x * x;
    s3 += x * x * x;
    s4 += x * x * x * x;
    y0 += v[i];
    y1 += x * v[i];
    y2 += x * x * v[i];
  }
  if (s0 < 5) return null;
  // Normal equations for y = a x² + b x + c, solved by Cramer's rule.
  const det = (m: number[]) =>
    m[0] * (m[4] * m[8] - m[5] * m[7]) -
    m[1] * (m[3] * m[8] - m[5] * m[6]) +
    m[2] * (m[3] * m[7] - m[4] * m[6]);
  const M = [s4, s3, s2, s3, s2, s1, s2, s1, s0];
  const D = det(M);
  if (D === 0) return null;
  const a = det([y2, s3, s2, y1, s2, s1, y0, s1, s0]) / D;
  const b = det([s4, y2, s2, s3, y1, s1, s2, y0, s0]) / D;
  if (!(a < 0)) return null;
  const x = -b / (2 * a);
  return Math.abs(x) <= halfS ? t0 + x : null;
}

/** How far, in frames, an event's own refinement may stray from its foot's median lag before the median replaces it. */
const LAG_TOLERANCE_FRAMES = 0.5;

/**
 * Refined event times: each event's own refinement (speed threshold) where its lag behind Zeni's time is within
 * tolS of the foot's median lag, else Zeni's time plus the median lag (and Zeni's time when no event refines).
 * Why: on a noisy, partly occluded foot (the far one in a side view) the threshold crossing jitters from event
 * to event by several frames while Zeni's position maximum does not; on a cleanly tracked foot the lags agree and
 * each event keeps its own.
 */
function steadyRefine(
  times: readonly number[],
  refine: (t: number) => number | null,
  tolS: number,
): number[] {
  const own = times.map((t) => refine(t));
  const lags = own.flatMap((r, i) => (r === null ? [] : [r - times[i]]));
  const lag = lags.length ? median(lags) : 0;
  return times.map((t, i) => {
    const r = own[i];
    return r !== null && Math.abs(r - t - lag) <= tolS ? r : t + lag;
  });
}

/** First time in [t0, t0 + spanS] at which speed rises to level, interpolated; null when none. */
function rising(
  tS: Float64Array,
  speed: Float64Array,
  t0: number,
  spanS: number,
  level: number,
): number | null {
  const i0 = Math.floor(indexAt(tS, Math.max(t0, tS[0])));
  const i1 = Math.floor(indexAt(tS, Math.min(t0 + spanS, tS[tS.length - 1])));
  if (!Number.isFinite(i0) || !Number.isFinite(i1) || !(level > 0)) return null;
  for (let i = i0 + 1; i <= i1; i++) {
    const a = speed[i - 1];
    const b = speed[i];
    if (Number.isFinite(a) && Number.isFinite(b) && a < level && b >= level) {
      return tS[i - 1] + ((level - a) / (b - a)) * (tS[i] - tS[i - 1]);
    }
  }
  return null;
}

function absolute(v: Float64Array): Float64Array {
  return v.map(Math.abs);
}

/** Median absolute pelvis speed along the walk, px/s. */
function walkingSpeedPxPerS(s: GaitSignals): number {
  const v = Array.from(absolute(derivative(s.pelvisU, s.tS)))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  return v.length ? v[v.length >> 1] : NaN;
}

export function detectEvents(signals: GaitSignals, foot: Foot, method: EventMethod): FootEvents {
  switch (method) {
    case 'zeni2008-footstop':
      return zeniFootStop(signals, foot);
    case 'zeni2008':
      return zeni2008(signals, foot);
    case 'oconnor2007':
      return oconnor2007(signals, foot);
  }
}

export interface HeelStrike {
  foot: Foot;
  tS: number;
}

/**
 * Merges both feet's heel strikes and cleans them to alternate left/right: of two same-foot strikes in a
 * row the stronger detection (larger peak prominence) is kept, unless they are a whole stride apart
 * (1.5 to 2.5 median steps), which means the other foot's strike between them was missed: it is put back
 * halfway (the rhythm). Farther apart, the walk was interrupted (a gap), and nothing is invented.
 */
export function alternate(left: FootEvents, right: FootEvents): HeelStrike[] {
  type E = HeelStrike & { strength: number };
  const all: E[] = [
    ...left.hs.map((e) => ({ foot: 'left' as const, ...e })),
    ...right.hs.map((e) => ({ foot: 'right' as const, ...e })),
  ].sort((a, b) => a.tS - b.tS || (a.foot < b.foot ? -1 : 1));
  const strides = [left, right].flatMap((f) => f.hs.slice(1).map((e, i) => e.tS - f.hs[i].tS));
  const step = 0.5 * median(strides);
  const out: E[] = [];
  for (const e of all) {
    const prev = out[out.length - 1];
    if (prev && prev.foot === e.foot && !(e.tS - prev.tS > 1.5 * step)) {
      if (e.strength > prev.strength) out[out.length - 1] = e;
    } else {
      // One whole stride between two strikes of the same foot: the other foot's strike between them was
      // missed; recover it from the rhythm (halfway), so the feet alternate within the walk.
      if (prev && prev.foot === e.foot && e.tS - prev.tS < 2.5 * step) {
        out.push({ foot: e.foot === 'left' ? 'right' : 'left', tS: 0.5 * (prev.tS + e.tS), strength: 0 });
      }
      out.push(e);
    }
  }
  return out.map(({ foot, tS }) => ({ foot, tS }));
}

function median(v: number[]): number {
  const a = [...v].sort((p, q) => p - q);
  return a.length ? a[a.length >> 1] : NaN;
}
