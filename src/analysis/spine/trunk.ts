// Trunk range of motion per repetition for forward flexion, extension and lateral flexion.
import type { SpineRepV1, SpineTestId } from '../../shared/analysis-format';
import { medianOf, quantileOf } from '../conditioning/quantile';
import { F, fingertipY, floorY, FRAME_FIELDS } from './frame';
import { detectReps, type RepWindow } from './phases';
import { condition, neutralBounds, neutralLevel, type NeutralRule, type Recording } from './recording';
import { ankleToFloorPx, handPx as handLengthPx, type SpineScale } from './scale';

/**
 * A hold's value is this quantile toward its extreme (end range: 70th percentile; neutral: 30th). With a real
 * hold it is within noise of the median; without one (a bend straight back up) the median would sit well short
 * of the peak or valley the subject reached.
 */
export const HOLD_QUANTILE = 0.7;

/** Noise floor of a frame's fingertip height for spike removal, cm (about 2 px). */
const MIN_SIGMA_CM = 0.7;

export type MovementTest = Exclude<SpineTestId, 'posture'>;

/** Signed per-frame trunk angle in the test's direction, deg, and the excursion the phase detector reads. */
export interface DirectedSignal {
  /** Flexion: forward positive; extension: backward positive; lateral flexion: toward the subject's left positive. */
  s: Float64Array;
  /** Excursion from the neutral level, ≥ 0 toward the test's end range (both sides for lateral flexion). */
  e: Float64Array;
  neutral: number;
}

/** The sign that turns image-plane angles into the test's direction; 0 when the orientation is unknown. */
export function directionSign(rec: Recording, test: MovementTest): number {
  switch (test) {
    case 'forward-flexion':
      return rec.facing;
    case 'extension':
      return -rec.facing;
    case 'lateral-flexion':
      return rec.leftToward;
  }
}

export function directedSignal(
  rec: Recording,
  sign: number,
  bothSides: boolean,
  rule: NeutralRule = bothSides ? 'closest' : 'lowest',
  bounds?: readonly [number, number],
): DirectedSignal {
  const s = new Float64Array(rec.n);
  for (let i = 0; i < rec.n; i++) s[i] = sign * rec.trunkDeg[i];
  const neutral = neutralLevel(s, rec.still, rec.tMs, rule, bounds);
  const e = new Float64Array(rec.n);
  for (let i = 0; i < rec.n; i++) e[i] = bothSides ? Math.abs(s[i] - neutral) : s[i] - neutral;
  return { s, e, neutral };
}

export interface RepMeasure {
  rep: SpineRepV1;
  window: RepWindow;
  /** Change in the thigh–trunk angle from neutral to end range, deg, in the test's direction. */
  hipRomDeg: number;
  /**
   * Lateral flexion: how far the fingertip on the side bent toward moves down from neutral to end range, cm
   * (the clinical fingertip-to-thigh drop); NaN for other tests or without a metric scale.
   */
  fingertipDropCm: number;
}

/**
 * Trunk inclination (method: angle of the hip-midpoint → shoulder-midpoint line from vertical, in the image
 * plane, which is the sagittal plane side-on and the frontal plane facing the camera). Per repetition:
 * neutral over the neutral hold before it and end range over its end-range hold (HOLD_QUANTILE),
 * range = end range − neutral. Unscaled values are NaN. Flexion and extension repetitions whose neutral is not
 * upright or stooped (outside neutralBounds) are dropped: they are the return from a bend in the other direction.
 */
export function measureReps(
  rec: Recording,
  test: MovementTest,
  sign: number,
  scale: SpineScale,
): RepMeasure[] {
  const lateral = test === 'lateral-flexion';
  const bounds = lateral ? undefined : neutralBounds(test);
  const { s, e, neutral } = directedSignal(rec, sign, lateral, undefined, bounds);
  const windows = detectReps(e, rec.tMs);
  const hip = new Float64Array(rec.n);
  for (let i = 0; i < rec.n; i++) hip[i] = sign * (rec.trunkDeg[i] - rec.thighDeg[i]);
  const toCm = fingertipToFloorCm(rec, scale);
  const sideTip = lateral
    ? { left: sideFingertipCm(rec, scale, 'left'), right: sideFingertipCm(rec, scale, 'right') }
    : null;
  const out: RepMeasure[] = [];
  for (const w of windows) {
    const dir = lateral ? Math.sign(s[w.peak] - neutral) || 1 : 1;
    // Directed quantiles: toward neutral over the neutral hold, toward the end of range over the end-range hold.
    const atNeutral = (x: Float64Array): number =>
      dir * quantileOf(x, dir > 0 ? 1 - HOLD_QUANTILE : HOLD_QUANTILE, w.neutralFrom, w.neutralTo);
    const atEnd = (x: Float64Array): number =>
      dir * quantileOf(x, dir > 0 ? HOLD_QUANTILE : 1 - HOLD_QUANTILE, w.plateauFrom, w.plateauTo);
    let neutralDeg = atNeutral(s);
    if (!Number.isFinite(neutralDeg)) neutralDeg = dir * neutral;
    const endRangeDeg = atEnd(s);
    const hipRomDeg = atEnd(hip) - atNeutral(hip);
    const tip =
      test === 'forward-flexion' ? quantileOf(toCm, 1 - HOLD_QUANTILE, w.plateauFrom, w.plateauTo) : NaN;
    const rep: SpineRepV1 = {
      neutralDeg,
      endRangeDeg,
      romDeg: endRangeDeg - neutralDeg,
      fingertipToFloorCm: Number.isFinite(tip) ? tip : null,
    };
    let fingertipDropCm = NaN;
    if (sideTip) {
      rep.side = dir > 0 ? 'left' : 'right';
      // Height of that side's fingertip: its neutral hold's upper quantile minus its end-range hold's lower one.
      const h = sideTip[rep.side];
      fingertipDropCm =
        quantileOf(h, HOLD_QUANTILE, w.neutralFrom, w.neutralTo) -
        quantileOf(h, 1 - HOLD_QUANTILE, w.plateauFrom, w.plateauTo);
    }
    if (bounds && !(neutralDeg >= bounds[0] && neutralDeg <= bounds[1])) continue;
    out.push({ rep, window: w, hipRomDeg, fingertipDropCm });
  }
  return out;
}

/**
 * One side's fingertip height per frame, cm, positive up from an arbitrary origin (method: wrist + one hand length
 * along that hand's direction, as fingertipToFloorCm); for differences such as the lateral fingertip drop
 * (Frost et al. 1982, fingertip-to-thigh distance in lateral flexion). All NaN without a metric scale.
 */
export function sideFingertipCm(rec: Recording, scale: SpineScale, side: 'left' | 'right'): Float64Array {
  const out = new Float64Array(rec.n).fill(NaN);
  const mpp = scale.metresPerPixel;
  if (!(mpp > 0) || !(scale.heightPx > 0)) return out;
  const handPx = handLengthPx(scale);
  const [wy, uy] = side === 'left' ? [F.leftWristY, F.leftHandUy] : [F.rightWristY, F.rightHandUy];
  for (let i = 0; i < rec.n; i++) {
    const b = i * FRAME_FIELDS;
    out[i] = -(rec.m[b + wy] + handPx * rec.m[b + uy]) * mpp * 100;
  }
  return condition(out, rec.tMs, rec.file.fps, MIN_SIGMA_CM);
}

/**
 * Fingertip-to-floor distance per frame, cm, positive above the floor (method: fingertip = wrist + one hand
 * length, 0.108 × stature, along wrist → BlazePose index knuckle, or along elbow → wrist in COCO-17 and when the
 * BlazePose hand is bent more than HAND_BEND_MAX_DEG off the forearm; floor =
 * median over the recording of the lowest heel/toe point, or ankle + 0.039 × stature in COCO-17). All NaN
 * without a metric scale; gap-filled and low-pass filtered like the trunk angle. Clinical test: Perret et al. 2001
 * (validity against radiographs rs = −0.96; reliability ICC 0.99).
 */
export function fingertipToFloorCm(rec: Recording, scale: SpineScale): Float64Array {
  const out = new Float64Array(rec.n).fill(NaN);
  const mpp = scale.metresPerPixel;
  if (!(mpp > 0) || !(scale.heightPx > 0)) return out;
  const handPx = handLengthPx(scale);
  const ankle = ankleToFloorPx(scale);
  const floor = new Float64Array(rec.n);
  for (let i = 0; i < rec.n; i++) floor[i] = floorY(rec.m, i * FRAME_FIELDS, ankle);
  const floorPx = medianOf(floor);
  for (let i = 0; i < rec.n; i++) {
    out[i] = (floorPx - fingertipY(rec.m, i * FRAME_FIELDS, handPx)) * mpp * 100;
  }
  return condition(out, rec.tMs, rec.file.fps, MIN_SIGMA_CM);
}
