// Spatiotemporal gait metrics from cleaned heel strikes, toe offs and step geometry.
import type { Foot, GaitV1 } from '../../shared/analysis-format';
import { degrees, radians, radToDeg, seconds, type Degrees, type Px, type Seconds } from '../../shared/units';
import { round } from '../round';
import type { HeelStrike } from './events';
import { indexAt, STEP_LENGTH_DEFINITION, STEP_WINDOW, stepGeometry } from './steps';
import { derivative, type GaitSignals } from './signals';
import { sampleAt } from './peaks';
import { mean, median, pooledCvPct, symmetryIndexPct } from './stats';

export interface StepRow {
  foot: Foot;
  tS: number;
  /** Step length, px along the walk; NaN when not measurable. */
  lengthPx: number;
  timeS: number;
  footprintPx: number;
  /** How far apart the feet are along the walk at the strike, px (StepGeometry.apartU): plausibility only. */
  apartPx: number;
  /** Footprint to footprint even where a stance is cut off by the recording's ends, px: plausibility only. */
  plausibleLengthPx: number;
  /** The recording's start or end cuts off one of the step's stances, so it has no length (not a tracking loss). */
  cutOff: boolean;
  /** Index of the pass the step belongs to, when passes are pooled (poolParts); absent for one pass. */
  pass?: number;
}

/** Plausible step time, s: outside it a "step" is a false event (too short) or spans a pause or gap (too long). */
export const STEP_TIME_S = { min: 0.25, max: 2.0 } as const;
/** A step shorter than this share of standing height (or not positive) is a false event or no step at all. */
export const MIN_STEP_HEIGHTS = 0.08;

/** A heel strike left out because its step is implausible, and why. */
export interface RejectedStep {
  foot: Foot;
  tS: number;
  reason: 'length' | 'time';
  lengthPx: number;
  timeS: number;
}

/** Sums of a least-squares fit, pooled over gap-free segments (and passes): slope = sxy / sxx. */
export interface FitSums {
  sxy: number;
  sxx: number;
}

/**
 * Everything the summary numbers are computed from, in px and s, so that passes can be pooled (scaled to a
 * common px) before summarising.
 */
export interface GaitParts {
  steps: StepRow[];
  strideLensPx: number[];
  strideTimesS: number[];
  stancePct: number[];
  doubleSupportPct: number[];
  heelVelPxPerS: number[];
  /** Foot pitch at each heel strike, deg, toes up positive (footStrikeAngleDeg); NaN without heel and toe points. */
  footStrikeDeg: number[];
  /** Heel-strike time on step number, and footprint on time, over whole strides of each segment. */
  cadenceFit: FitSums;
  speedFit: FitSums;
  strides: number;
  rejected: RejectedStep[];
}

export interface GaitNumbers {
  steps: StepRow[];
  /**
   * cv: within-leg coefficient of variation, % (pooledCvPct): variability, not asymmetry. Pooled passes are pooled
   * within each leg of each pass: the near and far legs swap between passes, and so does the near/far bias.
   */
  stepLengthPx: { mean: number; left: number; right: number; cv: number };
  stepTimeS: { mean: number; left: number; right: number; cv: number };
  strideLengthPx: number;
  strideTimeS: number;
  cadence: number;
  speedPxPerS: number;
  stancePct: number;
  swingPct: number;
  doubleSupportPct: number;
  /** Asymmetry, % symmetry index (0 = symmetric, lower is better); the names are kept from ganglag.analysis/v1. */
  stepLengthSymmetryPct: number;
  stepTimeSymmetryPct: number;
  /**
   * Mean of the foot's fastest descent in the 0.15 s before each heel strike, px/s. Not validated: at 30 fps
   * and after a 6 Hz low-pass the signal cannot resolve the impact, so it is kept for continuity only.
   */
  heelStrikeVelocityPxPerS: number;
  /** Mean foot-strike angle, deg (footStrikeAngleDeg): the side-view proxy of how hard the heel strikes. */
  footStrikeAngleDeg: number;
  /** Number of whole strides the speed and cadence span. */
  strides: number;
  parts: GaitParts;
}

/**
 * Gait numbers from cleaned heel strikes. Strikes whose step is implausible (step time under
 * STEP_TIME_S.min, or the footprint step length or the feet's distance apart at the strike not above
 * MIN_STEP_HEIGHTS × height, or not positive without a height) are
 * false events: they are removed, one at a time, and recorded in parts.rejected. The strikes then split into
 * segments at gaps (more than STEP_TIME_S.max between strikes, or the pelvis untracked between them); the first
 * step of a segment has no step time, and cadence and speed are fitted over whole strides within each segment.
 */
export function gaitNumbers(
  s: GaitSignals,
  hs: HeelStrike[],
  toeOffs: Record<Foot, number[]>,
  hasFoot: boolean,
  heightPx: Px,
): GaitNumbers {
  return summarize(gaitParts(s, hs, toeOffs, hasFoot, heightPx));
}

export function gaitParts(
  s: GaitSignals,
  strikes: HeelStrike[],
  toeOffs: Record<Foot, number[]>,
  hasFoot: boolean,
  heightPx: Px,
): GaitParts {
  const minLen = heightPx > 0 ? MIN_STEP_HEIGHTS * heightPx : 0;
  const rejected: RejectedStep[] = [];
  let hs = strikes;
  for (;;) {
    const rows = stepRows(s, hs, hasFoot, heightPx);
    const bad = rows.findIndex(
      (r) => r.timeS < STEP_TIME_S.min || r.apartPx <= minLen || r.plausibleLengthPx <= minLen,
    );
    if (bad < 0) return partsFrom(s, hs, rows, toeOffs, rejected);
    const r = rows[bad];
    rejected.push({
      foot: r.foot,
      tS: r.tS,
      reason: r.timeS < STEP_TIME_S.min ? 'time' : 'length',
      // Feet not apart at the strike: say how far apart they were; else the footprint step length.
      lengthPx: r.apartPx <= minLen ? r.apartPx : r.plausibleLengthPx,
      timeS: r.timeS,
    });
    hs = hs.filter((_, i) => i !== bad);
  }
}

/** True when strike i starts a new gap-free segment (a long interval, or the pelvis lost in between). */
export function startsSegment(s: GaitSignals, hs: readonly HeelStrike[], i: number): boolean {
  if (i === 0) return true;
  if (hs[i].tS - hs[i - 1].tS > STEP_TIME_S.max) return true;
  const a = Math.ceil(indexAt(s.tS, hs[i - 1].tS));
  const b = Math.floor(indexAt(s.tS, hs[i].tS));
  for (let k = a; k <= b; k++) if (!Number.isFinite(s.pelvisU[k])) return true;
  return false;
}

function stepRows(s: GaitSignals, hs: HeelStrike[], hasFoot: boolean, heightPx: Px): StepRow[] {
  // A step is measured only after a strike of the other foot; a same-foot pair means one was missed.
  const alternates = (i: number): boolean =>
    i > 0 && hs[i - 1].foot !== hs[i].foot && !startsSegment(s, hs, i);
  const stepTimes = hs.map((e, i) => (alternates(i) ? e.tS - hs[i - 1].tS : NaN));
  const strideS = 2 * median(stepTimes);
  const first = s.tS[0];
  const last = s.tS[s.tS.length - 1];
  return hs.map((e, i) => {
    const g = stepGeometry(s, e.foot, seconds(e.tS), seconds(strideS), hasFoot, heightPx);
    // Both footprints must lie in the recording: a stance cut off by its start or end (the walker leaving the
    // view at a pass's end) leaves the quietest part of what is left, often the foot still landing.
    const whole = e.tS - STEP_WINDOW.trail * strideS >= first && e.tS + STEP_WINDOW.lead * strideS <= last;
    return {
      foot: e.foot,
      tS: e.tS,
      lengthPx: whole ? g.leadU - g.trailU : NaN,
      apartPx: g.apartU,
      plausibleLengthPx: g.leadU - g.trailU,
      cutOff: !whole,
      timeS: stepTimes[i],
      footprintPx: g.leadFootprintU,
    };
  });
}

function partsFrom(
  s: GaitSignals,
  hs: HeelStrike[],
  steps: StepRow[],
  toeOffs: Record<Foot, number[]>,
  rejected: RejectedStep[],
): GaitParts {
  const stepS = median(steps.map((r) => r.timeS));
  // Step numbers count missed strikes too, so cadence stays right when one is missing.
  const number: number[] = [];
  for (let i = 0; i < hs.length; i++) {
    number.push(i === 0 ? 0 : number[i - 1] + Math.max(1, Math.round((hs[i].tS - hs[i - 1].tS) / stepS)));
  }
  const cadenceFit: FitSums = { sxy: 0, sxx: 0 };
  const speedFit: FitSums = { sxy: 0, sxx: 0 };
  const strideLensPx: number[] = [];
  const strideTimesS: number[] = [];
  let strides = 0;
  let from = 0;
  for (let to = 1; to <= hs.length; to++) {
    if (to < hs.length && !startsSegment(s, hs, to)) continue;
    // Whole strides: from the first footprint to the last footprint of the same foot in the segment.
    const a = steps.findIndex((r, k) => k >= from && k < to && Number.isFinite(r.footprintPx));
    let b = -1;
    for (let j = to - 1; a >= 0 && j > a; j--) {
      if (steps[j].foot === steps[a].foot && Number.isFinite(steps[j].footprintPx)) {
        b = j;
        break;
      }
    }
    if (b > a) {
      const whole = steps.slice(a, b + 1);
      addFit(
        cadenceFit,
        whole.map((r, i) => [number[a + i], r.tS]),
      );
      addFit(
        speedFit,
        whole.map((r) => [r.tS, r.footprintPx]),
      );
      strides += (number[b] - number[a]) / 2;
    }
    for (let i = from; i < to; i++) {
      const j = steps.findIndex((r, k) => k > i && k < to && r.foot === steps[i].foot);
      if (j < 0 || number[j] - number[i] !== 2) continue;
      strideLensPx.push(steps[j].footprintPx - steps[i].footprintPx);
      strideTimesS.push(steps[j].tS - steps[i].tS);
    }
    from = to;
  }
  const phases = cyclePhases(hs, toeOffs, (i) => startsSegment(s, hs, i));
  const heelVelPxPerS: number[] = [];
  const heelVel = { left: derivative(s.feet.left.heelV, s.tS), right: derivative(s.feet.right.heelV, s.tS) };
  for (const e of hs) {
    const vel = heelVel[e.foot];
    let fastest = NaN;
    for (let t = e.tS - 0.15; t <= e.tS; t += 0.25 / s.sampleHz) {
      const v = sampleAt(vel, indexAt(s.tS, t));
      if (Number.isFinite(v) && !(v >= fastest)) fastest = v;
    }
    heelVelPxPerS.push(-fastest);
  }
  const footStrikeDeg = hs.map((e) => footStrikeAngleDeg(s, e.foot, seconds(e.tS)));
  return {
    steps,
    strideLensPx,
    strideTimesS,
    stancePct: phases.stance,
    doubleSupportPct: phases.doubleSupport,
    heelVelPxPerS,
    footStrikeDeg,
    cadenceFit,
    speedFit,
    strides,
    rejected,
  };
}

/** Pools parts of several passes, each scaled by its factor to a common px (lengths only; times as they are). */
export function poolParts(list: { parts: GaitParts; scale: number }[]): GaitParts {
  const scaled = (v: number[], k: number): number[] => v.map((x) => x * k);
  return {
    steps: list.flatMap(({ parts, scale: k }, pass) =>
      parts.steps.map((r) => ({
        ...r,
        pass,
        lengthPx: r.lengthPx * k,
        apartPx: r.apartPx * k,
        footprintPx: r.footprintPx * k,
      })),
    ),
    strideLensPx: list.flatMap(({ parts, scale: k }) => scaled(parts.strideLensPx, k)),
    strideTimesS: list.flatMap(({ parts }) => parts.strideTimesS),
    stancePct: list.flatMap(({ parts }) => parts.stancePct),
    doubleSupportPct: list.flatMap(({ parts }) => parts.doubleSupportPct),
    heelVelPxPerS: list.flatMap(({ parts, scale: k }) => scaled(parts.heelVelPxPerS, k)),
    footStrikeDeg: list.flatMap(({ parts }) => parts.footStrikeDeg),
    cadenceFit: {
      sxy: list.reduce((a, { parts }) => a + parts.cadenceFit.sxy, 0),
      sxx: list.reduce((a, { parts }) => a + parts.cadenceFit.sxx, 0),
    },
    speedFit: {
      sxy: list.reduce((a, { parts, scale: k }) => a + k * parts.speedFit.sxy, 0),
      sxx: list.reduce((a, { parts }) => a + parts.speedFit.sxx, 0),
    },
    strides: list.reduce((a, { parts }) => a + parts.strides, 0),
    rejected: list.flatMap(({ parts, scale: k }) =>
      parts.rejected.map((r) => ({ ...r, lengthPx: r.lengthPx * k })),
    ),
  };
}

/** The values of key grouped by leg and pass (one group per leg of each pass). */
function perLeg(steps: readonly StepRow[], key: 'lengthPx' | 'timeS'): number[][] {
  const groups = new Map<string, number[]>();
  for (const r of steps) {
    const id = `${r.pass ?? 0} ${r.foot}`;
    const g = groups.get(id);
    if (g) g.push(r[key]);
    else groups.set(id, [r[key]]);
  }
  return [...groups.values()];
}

/** The summary numbers: means over all steps and cycles; cadence and speed from the pooled fits. */
export function summarize(p: GaitParts): GaitNumbers {
  const steps = p.steps;
  const len = (f?: Foot): number[] => steps.filter((r) => !f || r.foot === f).map((r) => r.lengthPx);
  const tim = (f?: Foot): number[] => steps.filter((r) => !f || r.foot === f).map((r) => r.timeS);
  const lenL = mean(len('left'));
  const lenR = mean(len('right'));
  const timL = mean(tim('left'));
  const timR = mean(tim('right'));
  const stance = mean(p.stancePct);
  const fit = (f: FitSums): number => (p.strides > 0 && f.sxx > 0 ? f.sxy / f.sxx : NaN);
  return {
    steps,
    stepLengthPx: {
      mean: mean(len()),
      left: lenL,
      right: lenR,
      cv: pooledCvPct(perLeg(steps, 'lengthPx')),
    },
    stepTimeS: { mean: mean(tim()), left: timL, right: timR, cv: pooledCvPct(perLeg(steps, 'timeS')) },
    strideLengthPx: mean(p.strideLensPx),
    strideTimeS: mean(p.strideTimesS),
    cadence: 60 / fit(p.cadenceFit),
    speedPxPerS: fit(p.speedFit),
    stancePct: stance,
    swingPct: 100 - stance,
    doubleSupportPct: mean(p.doubleSupportPct),
    stepLengthSymmetryPct: symmetryIndexPct(lenL, lenR),
    stepTimeSymmetryPct: symmetryIndexPct(timL, timR),
    heelStrikeVelocityPxPerS: mean(p.heelVelPxPerS),
    footStrikeAngleDeg: mean(p.footStrikeDeg),
    strides: p.strides,
    parts: p,
  };
}

/**
 * Foot-strike angle, deg (method: pitch of the BlazePose heel → foot-index line against the walking direction at
 * the heel strike, toes up positive; Perry & Burnfield 2010 describe the heel-first contact with the foot
 * dorsiflexed about 20–25° to the floor). A flatter foot at contact is the side-view sign of a foot that lands
 * flat or is placed carefully; a steeper one loads the heel first. NaN without heel and toe keypoints (COCO-17).
 */
export function footStrikeAngleDeg(s: GaitSignals, foot: Foot, tS: Seconds): Degrees {
  if (!s.hasFoot) return degrees(NaN);
  const f = s.feet[foot];
  const at = indexAt(s.tS, tS);
  const du = sampleAt(f.toeU, at) - sampleAt(f.heelU, at);
  const dv = sampleAt(f.toeV, at) - sampleAt(f.heelV, at);
  return radToDeg(radians(Math.atan2(dv, Math.abs(du))));
}

/**
 * The issue-10 fields of ganglag.analysis/v1's gait object, for gaitV1 to spread in: the step-length definition,
 * the asymmetry indices under their own names, and the mean foot-strike angle.
 */
export function gaitV1Additions(
  g: GaitNumbers,
): Pick<
  GaitV1,
  'stepLengthDefinition' | 'stepLengthAsymmetryPct' | 'stepTimeAsymmetryPct' | 'footStrikeAngleDeg'
> {
  return {
    stepLengthDefinition: STEP_LENGTH_DEFINITION,
    stepLengthAsymmetryPct: round(g.stepLengthSymmetryPct, 1),
    stepTimeAsymmetryPct: round(g.stepTimeSymmetryPct, 1),
    footStrikeAngleDeg: { mean: round(g.footStrikeAngleDeg, 1) },
  };
}

/**
 * Least-squares sums of y on x over whole strides: uses every heel strike, not just the two ends, so
 * one badly timed end event moves cadence and speed less. Points with NaN are skipped.
 */
function addFit(sums: FitSums, points: [number, number][]): void {
  const p = points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (p.length < 2) return;
  const mx = p.reduce((s, [x]) => s + x, 0) / p.length;
  const my = p.reduce((s, [, y]) => s + y, 0) / p.length;
  for (const [x, y] of p) {
    sums.sxy += (x - mx) * (y - my);
    sums.sxx += (x - mx) ** 2;
  }
}

/**
 * Stance and double support as % of each gait cycle HS(k) → HS(k+2) of one foot, averaged:
 * stance = TO(same foot) − HS(k); double support = [TO(other) − HS(k)] + [TO(same) − HS(k+1)].
 */
function cyclePhases(
  hs: HeelStrike[],
  toeOffs: Record<Foot, number[]>,
  startsSegment: (i: number) => boolean,
): { stance: number[]; doubleSupport: number[] } {
  const stance: number[] = [];
  const ds: number[] = [];
  const firstAfter = (v: number[], t0: number, t1: number): number => v.find((t) => t > t0 && t < t1) ?? NaN;
  for (let k = 0; k + 2 < hs.length; k++) {
    const [h0, h1, h2] = [hs[k], hs[k + 1], hs[k + 2]];
    if (h1.foot === h0.foot || h2.foot !== h0.foot || startsSegment(k + 1) || startsSegment(k + 2)) continue;
    const cycle = h2.tS - h0.tS;
    const toOther = firstAfter(toeOffs[h1.foot], h0.tS, h1.tS);
    const toSame = firstAfter(toeOffs[h0.foot], h1.tS, h2.tS);
    stance.push((100 * (toSame - h0.tS)) / cycle);
    ds.push((100 * (toOther - h0.tS + (toSame - h1.tS))) / cycle);
  }
  return { stance, doubleSupport: ds };
}
