// Spatiotemporal gait metrics from cleaned heel strikes, toe offs and step geometry.
import type { Foot } from '../../shared/analysis-format';
import type { HeelStrike } from './events';
import { indexAt, stepGeometry } from './steps';
import { derivative, type GaitSignals } from './signals';
import { sampleAt } from './peaks';
import { cvPct, mean, median, symmetryIndexPct } from './stats';

export interface StepRow {
  foot: Foot;
  tS: number;
  /** Step length, px along the walk; NaN when not measurable. */
  lengthPx: number;
  timeS: number;
  footprintPx: number;
}

export interface GaitNumbers {
  steps: StepRow[];
  stepLengthPx: { mean: number; left: number; right: number; cv: number };
  stepTimeS: { mean: number; left: number; right: number; cv: number };
  strideLengthPx: number;
  strideTimeS: number;
  cadence: number;
  speedPxPerS: number;
  stancePct: number;
  swingPct: number;
  doubleSupportPct: number;
  stepLengthSymmetryPct: number;
  stepTimeSymmetryPct: number;
  /** Mean of the foot's fastest descent in the 0.15 s before each heel strike, px/s. */
  heelStrikeVelocityPxPerS: number;
  /** Number of whole strides the speed and cadence span. */
  strides: number;
}

export function gaitNumbers(
  s: GaitSignals,
  hs: HeelStrike[],
  toeOffs: Record<Foot, number[]>,
  hasFoot: boolean,
  heightPx: number,
): GaitNumbers {
  // A step is measured only after a strike of the other foot; a same-foot pair means one was missed.
  const alternates = (i: number): boolean => i > 0 && hs[i - 1].foot !== hs[i].foot;
  const stepTimes = hs.map((e, i) => (alternates(i) ? e.tS - hs[i - 1].tS : NaN));
  const stepS = median(stepTimes);
  const strideS = 2 * stepS;
  const steps: StepRow[] = hs.map((e, i) => {
    const g = stepGeometry(s, e.foot, e.tS, strideS, hasFoot, heightPx);
    return {
      foot: e.foot,
      tS: e.tS,
      lengthPx: g.leadU - g.trailU,
      timeS: stepTimes[i],
      footprintPx: g.leadFootprintU,
    };
  });
  const len = (f?: Foot): number[] => steps.filter((r) => !f || r.foot === f).map((r) => r.lengthPx);
  const tim = (f?: Foot): number[] => steps.filter((r) => !f || r.foot === f).map((r) => r.timeS);

  // Step numbers count missed strikes too, so cadence stays right when one is missing.
  const number: number[] = [];
  for (let i = 0; i < hs.length; i++) {
    number.push(i === 0 ? 0 : number[i - 1] + Math.max(1, Math.round((hs[i].tS - hs[i - 1].tS) / stepS)));
  }
  // Whole strides: from the first footprint to the last footprint of the same foot.
  const a = steps.findIndex((r) => Number.isFinite(r.footprintPx));
  let b = -1;
  for (let j = steps.length - 1; a >= 0 && j > a; j--) {
    if (steps[j].foot === steps[a].foot && Number.isFinite(steps[j].footprintPx)) {
      b = j;
      break;
    }
  }
  const whole = b > a ? steps.slice(a, b + 1) : [];
  const strideLens: number[] = [];
  const strideTimes: number[] = [];
  for (let i = 0; i < steps.length; i++) {
    const j = steps.findIndex((r, k) => k > i && r.foot === steps[i].foot);
    if (j < 0 || number[j] - number[i] !== 2) continue;
    strideLens.push(steps[j].footprintPx - steps[i].footprintPx);
    strideTimes.push(steps[j].tS - steps[i].tS);
  }
  const phases = cyclePhases(hs, toeOffs);
  const vDown: number[] = [];
  const heelVel = { left: derivative(s.feet.left.heelV, s.tS), right: derivative(s.feet.right.heelV, s.tS) };
  for (const e of hs) {
    const vel = heelVel[e.foot];
    let fastest = NaN;
    for (let t = e.tS - 0.15; t <= e.tS; t += 0.25 / s.sampleHz) {
      const v = sampleAt(vel, indexAt(s.tS, t));
      if (Number.isFinite(v) && !(v >= fastest)) fastest = v;
    }
    vDown.push(-fastest);
  }
  const lenL = mean(len('left'));
  const lenR = mean(len('right'));
  const timL = mean(tim('left'));
  const timR = mean(tim('right'));
  return {
    steps,
    stepLengthPx: { mean: mean(len()), left: lenL, right: lenR, cv: cvPct(len()) },
    stepTimeS: { mean: mean(tim()), left: timL, right: timR, cv: cvPct(tim()) },
    strideLengthPx: mean(strideLens),
    strideTimeS: mean(strideTimes),
    cadence: whole.length ? 60 / slope(whole.map((r, i) => [number[a + i], r.tS])) : NaN,
    speedPxPerS: whole.length ? slope(whole.map((r) => [r.tS, r.footprintPx])) : NaN,
    stancePct: phases.stance,
    swingPct: 100 - phases.stance,
    doubleSupportPct: phases.doubleSupport,
    stepLengthSymmetryPct: symmetryIndexPct(lenL, lenR),
    stepTimeSymmetryPct: symmetryIndexPct(timL, timR),
    heelStrikeVelocityPxPerS: mean(vDown),
    strides: whole.length ? (number[b] - number[a]) / 2 : 0,
  };
}

/**
 * Least-squares slope of y on x over whole strides: uses every heel strike, not just the two ends, so
 * one badly timed end event moves cadence and speed less. Points with NaN are skipped.
 */
function slope(points: [number, number][]): number {
  const p = points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (p.length < 2) return NaN;
  const mx = p.reduce((s, [x]) => s + x, 0) / p.length;
  const my = p.reduce((s, [, y]) => s + y, 0) / p.length;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of p) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return sxy / sxx;
}

/**
 * Stance and double support as % of each gait cycle HS(k) → HS(k+2) of one foot, averaged:
 * stance = TO(same foot) − HS(k); double support = [TO(other) − HS(k)] + [TO(same) − HS(k+1)].
 */
function cyclePhases(
  hs: HeelStrike[],
  toeOffs: Record<Foot, number[]>,
): { stance: number; doubleSupport: number } {
  const stance: number[] = [];
  const ds: number[] = [];
  const firstAfter = (v: number[], t0: number, t1: number): number => v.find((t) => t > t0 && t < t1) ?? NaN;
  for (let k = 0; k + 2 < hs.length; k++) {
    const [h0, h1, h2] = [hs[k], hs[k + 1], hs[k + 2]];
    if (h1.foot === h0.foot || h2.foot !== h0.foot) continue;
    const cycle = h2.tS - h0.tS;
    const toOther = firstAfter(toeOffs[h1.foot], h0.tS, h1.tS);
    const toSame = firstAfter(toeOffs[h0.foot], h1.tS, h2.tS);
    stance.push((100 * (toSame - h0.tS)) / cycle);
    ds.push((100 * (toOther - h0.tS + (toSame - h1.tS))) / cycle);
  }
  return { stance: mean(stance), doubleSupport: mean(ds) };
}
