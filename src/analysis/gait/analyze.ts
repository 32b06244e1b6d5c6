// The offline gait analysis: ganglag.poses/v1 in, ganglag.analysis/v1 out (plus plot data for the gait panel).
import { ANALYSIS_FORMAT, type AnalysisV1, type Foot, type GaitV1 } from '../../shared/analysis-format';
import type { PosesFileV1 } from '../../shared/poses-format';
import { conditionTracks, DEFAULT_CONDITIONING, extractTracks } from '../conditioning/tracks';
import { walkFrame } from '../geometry/frame';
import { landmarks } from '../geometry/landmarks';
import { correctLegPerspective } from '../geometry/perspective';
import { findPasses } from '../geometry/passes';
import { qualityWarnings } from '../geometry/checks';
import { guardedIndicators } from '../guarded/indicators';
import type { Sex } from '../guarded/norms';
import { round } from '../round';
import { chooseScale } from '../scale/choose';
import { estimateHeightPx, type FloorReference } from '../scale/scale';
import { alternate, detectEvents, type EventMethod, type HeelStrike } from './events';
import { gaitNumbers, type GaitNumbers } from './metrics';
import { gaitSignals, type GaitSignals } from './signals';
import { armSwingPx, trunkSwayDeg } from './upper-body';

export interface AnalyzeOptions {
  /** Subject height, m; overrides file.subject.heightM. */
  heightM?: number;
  /** A distance marked on the floor; takes precedence over height. */
  reference?: FloorReference;
  /** Gait-event method (default zeni2008-footstop). */
  method?: EventMethod;
  /** For age- and sex-matched gait speed norms. */
  ageYears?: number;
  sex?: Sex;
  /** Minimum keypoint score kept (default 0.3). */
  minScore?: number;
}

/** Conditioned trajectories and events, in metres when scaled (else px), for the clinician's plots. */
export interface GaitPlotData {
  unit: 'm' | 'px';
  tS: number[];
  pelvisAlong: number[];
  feet: Record<Foot, { heelAlong: number[]; heelUp: number[]; heelStrikesS: number[]; toeOffsS: number[] }>;
  method: EventMethod;
}

export interface GaitAnalysis {
  result: AnalysisV1;
  plot: GaitPlotData | null;
}

/** Analyzes a walk: the ganglag.analysis/v1 result. Pure and deterministic. */
export function analyzeGait(file: PosesFileV1, opts: AnalyzeOptions = {}): AnalysisV1 {
  return analyzeGaitDetailed(file, opts).result;
}

/** Plot data for the gait panel (conditioned foot trajectories and events per foot). */
export function gaitPlotData(file: PosesFileV1, opts: AnalyzeOptions = {}): GaitPlotData | null {
  return analyzeGaitDetailed(file, opts).plot;
}

export interface PassAnalysis {
  /** Seconds from the recording's first frame. */
  startS: number;
  endS: number;
  direction: 1 | -1;
  analysis: GaitAnalysis;
}

/** Splits the recording into passes across the view (at turns and pauses) and analyzes each on its own. */
export function analyzeGaitPasses(file: PosesFileV1, opts: AnalyzeOptions = {}): PassAnalysis[] {
  const lm = landmarks(file.skeleton);
  const raw = extractTracks(file, opts.minScore ?? 0.3);
  const t = conditionTracks(raw, { ...DEFAULT_CONDITIONING, legPairs: lm.legPairs }).tracks;
  const t0Ms = file.frames[0]?.tMs ?? 0;
  return findPasses(t, lm).map((p) => ({
    startS: t.tS[p.start],
    endS: t.tS[p.end - 1],
    direction: p.direction,
    analysis: analyzeFrames({ ...file, frames: file.frames.slice(p.start, p.end) }, opts, t0Ms),
  }));
}

/**
 * The whole analysis. A recording with several passes (turns between them) is analyzed on its longest
 * pass, with a warning; analyzeGaitPasses gives every pass.
 */
export function analyzeGaitDetailed(file: PosesFileV1, opts: AnalyzeOptions = {}): GaitAnalysis {
  const lm = landmarks(file.skeleton);
  const t = conditionTracks(extractTracks(file, opts.minScore ?? 0.3), {
    ...DEFAULT_CONDITIONING,
    legPairs: lm.legPairs,
  }).tracks;
  const passes = findPasses(t, lm);
  if (passes.length < 2) return analyzeFrames(file, opts, file.frames[0]?.tMs ?? 0);
  const longest = passes.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
  const k = passes.indexOf(longest);
  const part = { ...file, frames: file.frames.slice(longest.start, longest.end) };
  const out = analyzeFrames(part, opts, file.frames[0].tMs);
  const q = out.result.quality;
  q.framesTotal = file.frames.length;
  q.warnings.unshift(
    `${passes.length} passes across the view found; analysed the longest, pass ${k + 1} ` +
      `(${t.tS[longest.start].toFixed(2)}-${t.tS[longest.end - 1].toFixed(2)} s)`,
  );
  return out;
}

function analyzeFrames(file: PosesFileV1, opts: AnalyzeOptions, t0Ms: number): GaitAnalysis {
  const method = opts.method ?? 'zeni2008-footstop';
  const lm = landmarks(file.skeleton);
  const raw = extractTracks(file, opts.minScore ?? 0.3, t0Ms);
  const cond = conditionTracks(raw, { ...DEFAULT_CONDITIONING, legPairs: lm.legPairs });
  const t = cond.tracks;
  const warnings: string[] = [];
  const frame = walkFrame(t, lm);
  const height = estimateHeightPx(t, lm);
  const heightM = opts.heightM ?? file.subject.heightM;

  const scale = chooseScale(file, t, lm, height, heightM, opts.reference);
  const scaleMethod = scale.method;
  const mpp = scale.metresPerPixel;
  if (scale.warning) warnings.push(scale.warning);
  if (scale.method === 'height' && height && Math.abs(height.shoulderAgreement - 1) > 0.08) {
    const pct = Math.round(100 * (height.shoulderAgreement - 1));
    warnings.push(
      `height scale uncertain: the ${height.chain} and shoulder chains disagree by ${pct} % (unusual proportions or keypoints); a floor reference is safer`,
    );
  }

  const empty = (): GaitAnalysis => ({
    result: {
      format: ANALYSIS_FORMAT,
      scale: { method: scaleMethod, metresPerPixel: round(mpp ?? NaN, 6) },
      quality: { framesTotal: file.frames.length, framesUsed: 0, warnings },
    },
    plot: null,
  });
  if (!frame) {
    warnings.push('hips tracked in fewer than two frames: cannot find the walking direction');
    return empty();
  }
  if (height && frame.travelPx < 0.5 * height.heightPx) {
    const pct = Math.round((100 * frame.travelPx) / height.heightPx);
    warnings.push(
      `no walk across the view (standing, or walking towards or away from the camera: not side-on): the pelvis moved ${pct} % of body height (needs 50 %); no gait measured`,
    );
    return empty();
  }

  const s = gaitSignals(correctLegPerspective(t, lm, file.width / 2).tracks, frame, lm);
  const fe = { left: detectEvents(s, 'left', method), right: detectEvents(s, 'right', method) };
  const hs = alternate(fe.left, fe.right);
  const toeOffs = { left: fe.left.to, right: fe.right.to };
  warnings.push(
    ...qualityWarnings({
      raw,
      conditioned: t,
      frame,
      lm,
      heelStrikes: hs.length,
      legSwapFrames: cond.legSwapFrames,
    }),
  );
  if (hs.length < 2) {
    warnings.push(`only ${hs.length} heel strike(s) found: no steps to measure`);
    return empty();
  }
  const g = gaitNumbers(s, hs, toeOffs, lm.hasFoot, height?.heightPx ?? NaN);
  const gait = gaitV1(g, mpp, method, warnings);
  const heightForRatio = heightM ?? (mpp !== null && height ? mpp * height.heightPx : NaN);
  const armPctHeight = height ? (100 * armSwingPx(t, frame, lm, hs)) / height.heightPx : NaN;
  const guarded = guardedIndicators({
    speedMps: g.speedPxPerS * (mpp ?? NaN),
    stepLengthM: g.stepLengthPx.mean * (mpp ?? NaN),
    heightM: heightForRatio,
    doubleSupportPct: g.doubleSupportPct,
    armSwingPctHeight: armPctHeight,
    trunkSwayDeg: trunkSwayDeg(t, frame, lm, hs),
    heelStrikeVelocityMps: g.heelStrikeVelocityPxPerS * (mpp ?? NaN),
    stepLengthSymmetryPct: g.stepLengthSymmetryPct,
    stepTimeSymmetryPct: g.stepTimeSymmetryPct,
    ageYears: opts.ageYears,
    sex: opts.sex,
  });
  if (opts.ageYears === undefined || opts.sex === undefined) {
    warnings.push('age or sex not given: gait speed judged against an adult reference (1.0 m/s)');
  }
  return {
    result: {
      format: ANALYSIS_FORMAT,
      gait,
      guarded,
      scale: { method: scaleMethod, metresPerPixel: round(mpp ?? NaN, 6) },
      quality: { framesTotal: file.frames.length, framesUsed: framesUsed(s), warnings },
    },
    plot: plotData(s, hs, toeOffs, mpp, method),
  };
}

function framesUsed(s: GaitSignals): number {
  let n = 0;
  for (let i = 0; i < s.tS.length; i++) {
    if (Number.isFinite(s.pelvisU[i] + s.feet.left.heelU[i] + s.feet.right.heelU[i])) n++;
  }
  return n;
}

function gaitV1(g: GaitNumbers, mpp: number | null, method: EventMethod, warnings: string[]): GaitV1 {
  const m = mpp ?? NaN;
  const r = (x: number, d: number): number | null => round(x, d);
  if (g.strides < 1) warnings.push('fewer than one whole stride: stride length, cadence and speed are null');
  const untimed = g.steps.filter((st) => !Number.isFinite(st.timeS)).length;
  if (untimed > 0) {
    warnings.push(
      `${untimed} step(s) without step time: no earlier strike of the other foot (first step or a missed strike)`,
    );
  }
  if (g.steps.some((st) => !Number.isFinite(st.lengthPx))) {
    warnings.push('some step lengths could not be measured (foot not tracked around heel strike): null');
  }
  return {
    steps: g.steps.map((st) => ({
      foot: st.foot,
      tS: r(st.tS, 3) as number,
      lengthM: r(st.lengthPx * m, 3),
      timeS: r(st.timeS, 3),
    })),
    stepLengthM: {
      mean: r(g.stepLengthPx.mean * m, 3),
      left: r(g.stepLengthPx.left * m, 3),
      right: r(g.stepLengthPx.right * m, 3),
      cv: r(g.stepLengthPx.cv, 1),
    },
    strideLengthM: { mean: r(g.strideLengthPx * m, 3) },
    cadenceStepsPerMin: r(g.cadence, 1),
    speedMps: r(g.speedPxPerS * m, 3),
    doubleSupportPct: r(g.doubleSupportPct, 1),
    stepLengthSymmetryPct: r(g.stepLengthSymmetryPct, 1),
    stepTimeSymmetryPct: r(g.stepTimeSymmetryPct, 1),
    heelStrikeVelocityMps: { mean: r(g.heelStrikeVelocityPxPerS * m, 3) },
    stepTimeS: { mean: r(g.stepTimeS.mean, 3), cv: r(g.stepTimeS.cv, 1) },
    strideTimeS: { mean: r(g.strideTimeS, 3) },
    stancePct: r(g.stancePct, 1),
    swingPct: r(g.swingPct, 1),
    stepLengthPx: { mean: r(g.stepLengthPx.mean, 1) },
    speedPxPerS: r(g.speedPxPerS, 1),
    eventMethod: method,
    stepLengthDefinition: 'heel to heel along the walking direction at the leading heel strike',
  };
}

function plotData(
  s: GaitSignals,
  hs: HeelStrike[],
  toeOffs: Record<Foot, number[]>,
  mpp: number | null,
  method: EventMethod,
): GaitPlotData {
  const k = mpp ?? 1;
  const arr = (v: Float64Array): number[] => Array.from(v, (x) => x * k);
  const foot = (f: Foot) => ({
    heelAlong: arr(s.feet[f].heelU),
    heelUp: arr(s.feet[f].heelV),
    heelStrikesS: hs.filter((e) => e.foot === f).map((e) => e.tS),
    toeOffsS: toeOffs[f],
  });
  return {
    unit: mpp === null ? 'px' : 'm',
    tS: Array.from(s.tS),
    pelvisAlong: arr(s.pelvisU),
    feet: { left: foot('left'), right: foot('right') },
    method,
  };
}
