// The offline gait analysis: ganglag.poses/v1 in, ganglag.analysis/v1 out (plus plot data for the gait panel).
import {
  ANALYSIS_FORMAT,
  type AnalysisV1,
  type Foot,
  type GaitPassV1,
  type GaitV1,
} from '../../shared/analysis-format';
import {
  pushUnique,
  sameMessage,
  warningFields,
  warningsOf,
  type RejectedStepMessage,
  type WarningMessage,
} from '../../shared/messages';
import type { PosesFileV1 } from '../../shared/poses-format';
import { px, seconds } from '../../shared/units';
import { conditionTracks, DEFAULT_CONDITIONING, extractTracks, type Tracks } from '../conditioning/tracks';
import { walkFrame, type WalkFrame } from '../geometry/frame';
import { landmarks, MIN_SCORE, type Landmarks } from '../geometry/landmarks';
import {
  correctLegPerspective,
  perspectiveEvidence,
  type PerspectiveEvidence,
} from '../geometry/perspective';
import { findPasses } from '../geometry/passes';
import { qualityWarnings } from '../geometry/checks';
import { guardedIndicators } from '../guarded/indicators';
import { ADULT_SLOW_MPS } from '../guarded/norms';
import type { Sex } from '../guarded/norms';
import { round } from '../round';
import { chooseScale } from '../scale/choose';
import { STATURE } from '../scale/anthropometry';
import { estimateHeightPx, type FloorReference } from '../scale/scale';
import { alternate, detectEvents, type EventMethod, type HeelStrike } from './events';
import {
  gaitNumbers,
  gaitParts,
  startsSegment,
  gaitV1Additions,
  MIN_STEP_HEIGHTS,
  poolParts,
  STEP_TIME_S,
  summarize,
  type GaitNumbers,
  type RejectedStep,
} from './metrics';
import { assignFeet } from './foot-spread';
import { sampleAt } from './peaks';
import { indexAt, stepGeometry } from './steps';
import { facing } from './facing';
import { median } from './stats';
import { legCues } from './near-side';
import { relabelRawFeet } from './raw-feet';
import { judgeIndicators } from './judgement';
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
  /** Minimum keypoint score kept (default MIN_SCORE, 0.3). */
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

/** The pooled analysis and every pass's own, from one run (each pass analysed once). */
export interface GaitAnalysisWithPasses extends GaitAnalysis {
  passes: PassAnalysis[];
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
  /**
   * The pass's reference instant (geometry/passes.ts: the pelvis crossing a fifth of the view from the entry
   * side), s from the recording's first frame; the first frame's time when it cannot be found. Event times
   * compared between passes (the mirror) count from here.
   */
  originS: number;
  direction: 1 | -1;
  analysis: GaitAnalysis;
}

/** What pooling passes needs beyond a pass's result. */
interface PassCore {
  g: GaitNumbers;
  mpp: number | null;
  heightM: number;
  armPctHeight: number;
  trunkSwayDeg: number;
  /** Warnings about this pass's own gait numbers; the pooled numbers get their own. */
  gaitWarnings: WarningMessage[];
  /** The side of the body that faced the camera (the near leg): from the facing and the walking direction. */
  cameraSide: Foot;
}

interface FramesAnalysis extends GaitAnalysis {
  core?: PassCore;
}

interface FoundPass {
  start: number;
  end: number;
  startS: number;
  endS: number;
  originS: number;
  direction: 1 | -1;
}

function passesOf(file: PosesFileV1, opts: AnalyzeOptions): FoundPass[] {
  const lm = landmarks(file.skeleton);
  const raw = extractTracks(file, opts.minScore ?? MIN_SCORE);
  const t = conditionTracks(raw, { ...DEFAULT_CONDITIONING, legPairs: lm.legPairs }).tracks;
  return findPasses(t, lm, file.width).map((p) => ({
    ...p,
    startS: t.tS[p.start],
    endS: t.tS[p.end - 1],
    originS: Number.isFinite(p.originS) ? p.originS : t.tS[p.start],
  }));
}

function analyzePass(file: PosesFileV1, p: FoundPass, opts: AnalyzeOptions): FramesAnalysis {
  return analyzeFrames(
    { ...file, frames: file.frames.slice(p.start, p.end) },
    opts,
    file.frames[0]?.tMs ?? 0,
  );
}

/**
 * Splits the recording into passes across the view (at turns and pauses; a short loss of the subject within
 * one walk does not split) and analyzes each on its own.
 */
export function analyzeGaitPasses(file: PosesFileV1, opts: AnalyzeOptions = {}): PassAnalysis[] {
  return analyzeGaitDetailed(file, opts).passes;
}

const passAnalysis = (p: FoundPass, a: GaitAnalysis): PassAnalysis => ({
  startS: p.startS,
  endS: p.endS,
  originS: p.originS,
  direction: p.direction,
  analysis: { result: a.result, plot: a.plot },
});

/**
 * The whole analysis. A recording with several passes (turns between them) is analyzed pass by pass and the
 * passes pooled: every step of every measurable pass, means over all steps and gait cycles, cadence and speed
 * fitted over whole strides within each pass (never across a turn or gap). Passes with less than one whole
 * stride are left out, with a warning. The plot is the longest pooled pass's; analyzeGaitPasses gives every
 * pass.
 */
export function analyzeGaitDetailed(file: PosesFileV1, opts: AnalyzeOptions = {}): GaitAnalysisWithPasses {
  const passes = passesOf(file, opts);
  if (passes.length < 2) {
    const out = analyzeFrames(file, opts, file.frames[0]?.tMs ?? 0);
    const p = passes[0];
    if (out.result.gait && p) out.result.gait.passes = [passSummary(p, out)];
    // One pass: its own analysis is the recording's (the same numbers as the overall result).
    return { result: out.result, plot: out.plot, passes: p ? [passAnalysis(p, out)] : [] };
  }
  const analyses = passes.map((p) => analyzePass(file, p, opts));
  const perPass = passes.map((p, k) => passAnalysis(p, analyses[k]));
  const summaries = passes.map((p, k) => passSummary(p, analyses[k]));
  const warnings: WarningMessage[] = [];
  const short: WarningMessage[] = [];
  // Pass numbers count from 1; times as the old texts showed them, to 0.01 s.
  const span = (k: number) => ({
    pass: k + 1,
    startS: round(passes[k].startS, 2) ?? NaN,
    endS: round(passes[k].endS, 2) ?? NaN,
  });
  const used: number[] = [];
  analyses.forEach((a, k) => {
    if (a.core && a.core.g.strides >= 1) used.push(k);
    else short.push({ code: 'pass-too-short', ...span(k), steps: a.result.gait?.steps.length ?? 0 });
  });
  const longestOf = (ks: number[]): number =>
    ks.reduce((a, b) => (passes[b].end - passes[b].start > passes[a].end - passes[a].start ? b : a));
  if (used.length === 0) {
    const k = longestOf(passes.map((_, i) => i));
    // A copy: the pass's own result (perPass[k]) keeps its own warnings and no gait.passes.
    const own = analyses[k].result;
    const out = {
      result: { ...own, ...(own.gait ? { gait: { ...own.gait } } : {}) },
      plot: analyses[k].plot,
      passes: perPass,
    };
    const q = out.result.quality;
    out.result.quality = {
      ...q,
      framesTotal: file.frames.length,
      ...warningFields([
        { code: 'no-measurable-pass', passes: passes.length, ...span(k) },
        ...short,
        ...warningsOf(q),
      ]),
    };
    if (out.result.gait) out.result.gait.passes = summaries;
    return out;
  }
  const method = opts.method ?? 'zeni2008-footstop';
  const cores = used.map((k) => analyses[k].core as PassCore);
  const results = used.map((k) => analyses[k].result);
  // Each pass has its own scale (its own standing height in px); pool in the mean pass's px.
  const mpps = cores.map((c) => c.mpp);
  const scaled = mpps.every((m) => m !== null);
  const mpp = scaled ? (mpps as number[]).reduce((a, b) => a + b, 0) / mpps.length : null;
  const g = summarize(
    poolParts(
      cores.map((c) => ({ parts: c.g.parts, scale: scaled ? (c.mpp as number) / (mpp as number) : 1 })),
    ),
  );
  warnings.push({ code: 'passes-pooled', passes: passes.length, pooled: used.map((k) => k + 1) }, ...short);
  if (!scaled && mpps.some((m) => m !== null)) warnings.push({ code: 'passes-pooled-in-pixels' });
  // Each pass's own warnings: once when every pass has it, else naming the pass. Warnings about a pass's own
  // gait numbers are replaced by the pooled numbers' own. Equal means same code and parameters.
  const has = (ws: WarningMessage[], w: WarningMessage): boolean => ws.some((x) => sameMessage(x, w));
  const own = results.map((r, i) => warningsOf(r.quality).filter((w) => !has(cores[i].gaitWarnings, w)));
  own.forEach((ws, i) => {
    for (const w of ws) {
      pushUnique(
        warnings,
        own.every((o) => has(o, w)) ? w : { code: 'in-pass', pass: used[i] + 1, warning: w },
      );
    }
  });
  const gaitWarnings: WarningMessage[] = [];
  const gait = gaitV1(g, mpp, method, gaitWarnings);
  gait.passes = summaries;
  pushUnique(warnings, ...gaitWarnings);
  const m = mpp ?? NaN;
  const byStrides = (v: (c: PassCore) => number): number => {
    let sum = 0;
    let w = 0;
    for (const c of cores) {
      if (Number.isFinite(v(c)) && c.g.strides > 0) {
        sum += v(c) * c.g.strides;
        w += c.g.strides;
      }
    }
    return w > 0 ? sum / w : NaN;
  };
  const pooledHeightM = byStrides((c) => c.heightM);
  const guarded = judgeIndicators(
    guardedIndicators({
      speedMps: g.speedPxPerS * m,
      stepLengthM: g.stepLengthPx.mean * m,
      heightM: pooledHeightM,
      doubleSupportPct: g.doubleSupportPct,
      armSwingPctHeight: byStrides((c) => c.armPctHeight),
      trunkSwayDeg: byStrides((c) => c.trunkSwayDeg),
      stepLengthSymmetryPct: g.stepLengthSymmetryPct,
      stepTimeSymmetryPct: g.stepTimeSymmetryPct,
      ageYears: opts.ageYears,
      sex: opts.sex,
    }),
    {
      steps: g.steps,
      doubleSupportPct: g.parts.doubleSupportPct,
      metresPerPixel: m,
      heightM: pooledHeightM,
      cameraSides: cores.map((c) => c.cameraSide),
    },
  );
  const longest = longestOf(used);
  return {
    result: {
      format: ANALYSIS_FORMAT,
      gait,
      guarded,
      scale: { method: scaled ? results[0].scale.method : 'pixels', metresPerPixel: round(mpp ?? NaN, 6) },
      quality: {
        framesTotal: file.frames.length,
        framesUsed: results.reduce((a, r) => a + r.quality.framesUsed, 0),
        ...warningFields(warnings),
      },
    },
    plot: analyses[longest].plot,
    passes: perPass,
  };
}

/** The warning for implausible steps left out, in time order; lengths in m when scaled, else px. */
function rejectedWarning(rejected: RejectedStep[], mpp: number | null, heightPx: number): WarningMessage {
  const minPctHeight = heightPx > 0 ? Math.round(100 * MIN_STEP_HEIGHTS) : null;
  const steps = rejected
    .slice()
    .sort((a, b) => a.tS - b.tS)
    .map((r): RejectedStepMessage =>
      r.reason === 'time'
        ? { reason: 'time', foot: r.foot, tS: r.tS, timeS: r.timeS, minTimeS: STEP_TIME_S.min }
        : mpp !== null
          ? { reason: 'length', foot: r.foot, tS: r.tS, length: r.lengthPx * mpp, unit: 'm', minPctHeight }
          : { reason: 'length', foot: r.foot, tS: r.tS, length: r.lengthPx, unit: 'px', minPctHeight },
    );
  return { code: 'implausible-steps', steps };
}

/** A pass's own numbers for gait.passes (null where it was too short to measure them). */
function passSummary(p: FoundPass, a: FramesAnalysis): GaitPassV1 {
  const g = a.result.gait;
  return {
    direction: p.direction > 0 ? 'left-to-right' : 'right-to-left',
    startS: round(p.startS, 3) ?? 0,
    endS: round(p.endS, 3) ?? 0,
    steps: g?.steps.length ?? 0,
    cadenceStepsPerMin: g?.cadenceStepsPerMin ?? null,
    speedMps: g?.speedMps ?? null,
    stepLengthM: { mean: g?.stepLengthM.mean ?? null },
    cameraSide: a.core?.cameraSide ?? null,
  };
}

/**
 * Gait numbers with the near/far leg correction (geometry/perspective.ts) only where the steps show the error
 * it predicts (perspectiveEvidence, one-sided 95 %); otherwise from the uncorrected legs. The legs' apparent
 * length ratio is also moved by the far leg's occlusion, and a wrong ratio adds an error that grows with the
 * distance from the image centre. Events stay those found on the corrected legs.
 */
function legPerspectiveChecked(
  corrected: GaitSignals,
  tracks: Tracks,
  frame: WalkFrame,
  lm: Landmarks,
  hs: HeelStrike[],
  toeOffs: Record<Foot, number[]>,
  heightPx: number,
): { sig: GaitSignals; g: GaitNumbers; perspective: PerspectiveEvidence | null } {
  const g = gaitNumbers(corrected, hs, toeOffs, lm.hasFoot, px(heightPx));
  const plain = gaitSignals(tracks, frame, lm);
  if (plain.feet.left.ankleU.every((v, i) => Object.is(v, corrected.feet.left.ankleU[i])))
    return { sig: corrected, g, perspective: null };
  const strideS = seconds(2 * median(g.steps.map((r) => r.timeS).filter(Number.isFinite)));
  const perspective = perspectiveEvidence(
    g.steps.map((r) => {
      const u = stepGeometry(plain, r.foot, seconds(r.tS), strideS, lm.hasFoot, px(heightPx));
      return {
        uncorrectedPx: u.leadU - u.trailU,
        correctedPx: r.lengthPx,
        midU: 0.5 * (u.leadU + u.trailU),
        leftLed: r.foot === 'left',
      };
    }),
  );
  if (perspective.significant) return { sig: corrected, g, perspective };
  return { sig: plain, g: gaitNumbers(plain, hs, toeOffs, lm.hasFoot, px(heightPx)), perspective };
}

function analyzeFrames(file: PosesFileV1, opts: AnalyzeOptions, t0Ms: number): FramesAnalysis {
  const method = opts.method ?? 'zeni2008-footstop';
  const lm = landmarks(file.skeleton);
  const raw = extractTracks(file, opts.minScore ?? MIN_SCORE, t0Ms);
  const cond = conditionTracks(raw, { ...DEFAULT_CONDITIONING, legPairs: lm.legPairs });
  const t = cond.tracks;
  const warnings: WarningMessage[] = [];
  const frame = walkFrame(t, lm);
  const height = estimateHeightPx(t, lm);
  const heightM = opts.heightM ?? file.subject.heightM;

  const scale = chooseScale(file, t, lm, height, heightM, opts.reference);
  const scaleMethod = scale.method;
  const mpp = scale.metresPerPixel;
  if (scale.warning) warnings.push(scale.warning);
  if (scale.method === 'height' && height && Math.abs(height.shoulderAgreement - 1) > 0.08) {
    const pct = Math.round(100 * (height.shoulderAgreement - 1));
    warnings.push({ code: 'height-scale-uncertain', chain: height.chain, pct });
  }

  const empty = (): GaitAnalysis => ({
    result: {
      format: ANALYSIS_FORMAT,
      scale: { method: scaleMethod, metresPerPixel: round(mpp ?? NaN, 6) },
      quality: { framesTotal: file.frames.length, framesUsed: 0, ...warningFields(warnings) },
    },
    plot: null,
  });
  if (!frame) {
    warnings.push({ code: 'no-walking-direction' });
    return empty();
  }
  if (height && frame.travelPx < 0.5 * height.heightPx) {
    const pct = Math.round((100 * frame.travelPx) / height.heightPx);
    warnings.push({ code: 'no-walk-across', pct });
    return empty();
  }

  // Which foot is which from the spread between the feet and the image cues of the near leg, not the model's
  // labels; where the cues cannot tell, the conditioned labels stay.
  const labelled = gaitSignals(correctLegPerspective(t, lm, file.width / 2).tracks, frame, lm);
  const face = facing(t, frame, lm);
  const feet = assignFeet(labelled, frame.direction, legCues(file.frames, lm, frame), face.cameraSide);
  // Without significant image cues, the model's labels stay unless the stance-anchored feet give a clearly cleaner walk:
  // strikes of the two feet interleave, and a real step has the feet apart; so the anchored feet are taken when
  // they have at least two fewer same-foot steps in a row and implausible steps left out (one fault either way is
  // within what a single false event does to either labelling).
  // A heel strike within a foot length of the view's left or right edge is left out: the foot may be cut by
  // the frame, so its keypoints (and the strike's time and the step's length) are not to be trusted.
  const edgePx = STATURE.footLength * (height?.heightPx ?? NaN);
  const inView = (tr: Tracks, foot: Foot) => (e: { tS: number }) => {
    const x = sampleAt(tr.xs[lm[foot].heel], indexAt(tr.tS, e.tS));
    return !Number.isFinite(edgePx) || !Number.isFinite(x) || (x >= edgePx && x <= file.width - edgePx);
  };
  const eventsOf = (sig: GaitSignals, tr: Tracks) => {
    const e = { left: detectEvents(sig, 'left', method), right: detectEvents(sig, 'right', method) };
    for (const f of ['left', 'right'] as const) e[f] = { ...e[f], hs: e[f].hs.filter(inView(tr, f)) };
    return { sig, tr, fe: e, hs: alternate(e.left, e.right) };
  };
  // The named feet carried back to the raw detections and smoothed again, so no foot's track blends the two.
  const relabelled = relabelRawFeet(raw, lm, frame, {
    left: feet.signals.feet.left.heelU,
    right: feet.signals.feet.right.heelU,
  }).tracks;
  const t2 = conditionTracks(relabelled, { ...DEFAULT_CONDITIONING, legPairs: [] }).tracks;
  const named = gaitSignals(correctLegPerspective(t2, lm, file.width / 2).tracks, frame, lm);
  let pick = feet.decidedBy === 'image-cues' ? eventsOf(named, t2) : eventsOf(labelled, t);
  if (feet.decidedBy === 'labels') {
    const anchored = eventsOf(named, t2);
    const faults = (c: typeof pick): number => {
      const p = gaitParts(
        c.sig,
        c.hs,
        { left: c.fe.left.to, right: c.fe.right.to },
        lm.hasFoot,
        px(height?.heightPx ?? NaN),
      );
      // Same-foot steps in a row within a gap-free stretch (across a gap the walk was interrupted).
      let n = p.rejected.length;
      for (let k = 1; k < p.steps.length; k++)
        if (p.steps[k].foot === p.steps[k - 1].foot && !startsSegment(c.sig, p.steps, k)) n++;
      return n;
    };
    if (faults(anchored) + 2 <= faults(pick)) pick = anchored;
  }
  const { fe, hs } = pick;
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
    warnings.push({ code: 'too-few-heel-strikes', n: hs.length });
    return empty();
  }
  const { sig: s, g } = legPerspectiveChecked(
    pick.sig,
    pick.tr,
    frame,
    lm,
    hs,
    toeOffs,
    height?.heightPx ?? NaN,
  );
  if (g.parts.rejected.length > 0)
    warnings.push(rejectedWarning(g.parts.rejected, mpp, height?.heightPx ?? NaN));
  if (g.steps.length < 2) {
    warnings.push({ code: 'too-few-plausible-strikes', n: g.steps.length });
    return empty();
  }
  const gaitWarnings: WarningMessage[] = [];
  const gait = gaitV1(g, mpp, method, gaitWarnings);
  warnings.push(...gaitWarnings);
  // The strikes kept as steps (implausible ones left out) time the upper body and the plot's events.
  const kept: HeelStrike[] = g.steps.map((r) => ({ foot: r.foot, tS: r.tS }));
  const heightForRatio = heightM ?? (mpp !== null && height ? mpp * height.heightPx : NaN);
  const armPctHeight = height ? (100 * armSwingPx(t, frame, lm, kept)) / height.heightPx : NaN;
  const sway = trunkSwayDeg(t, frame, lm, kept);
  const guarded = judgeIndicators(
    guardedIndicators({
      speedMps: g.speedPxPerS * (mpp ?? NaN),
      stepLengthM: g.stepLengthPx.mean * (mpp ?? NaN),
      heightM: heightForRatio,
      doubleSupportPct: g.doubleSupportPct,
      armSwingPctHeight: armPctHeight,
      trunkSwayDeg: sway,
      stepLengthSymmetryPct: g.stepLengthSymmetryPct,
      stepTimeSymmetryPct: g.stepTimeSymmetryPct,
      ageYears: opts.ageYears,
      sex: opts.sex,
    }),
    {
      steps: g.steps,
      doubleSupportPct: g.parts.doubleSupportPct,
      metresPerPixel: mpp ?? NaN,
      heightM: heightForRatio,
      cameraSides: [face.cameraSide],
    },
  );
  if (opts.ageYears === undefined || opts.sex === undefined) {
    warnings.push({ code: 'age-sex-not-given', referenceMps: ADULT_SLOW_MPS });
  }
  return {
    result: {
      format: ANALYSIS_FORMAT,
      gait,
      guarded,
      scale: { method: scaleMethod, metresPerPixel: round(mpp ?? NaN, 6) },
      quality: { framesTotal: file.frames.length, framesUsed: framesUsed(s), ...warningFields(warnings) },
    },
    plot: plotData(s, kept, toeOffs, mpp, method),
    core: {
      g,
      mpp,
      heightM: heightForRatio,
      armPctHeight,
      trunkSwayDeg: sway,
      gaitWarnings,
      cameraSide: face.cameraSide,
    },
  };
}

function framesUsed(s: GaitSignals): number {
  let n = 0;
  for (let i = 0; i < s.tS.length; i++) {
    if (Number.isFinite(s.pelvisU[i] + s.feet.left.heelU[i] + s.feet.right.heelU[i])) n++;
  }
  return n;
}

function gaitV1(g: GaitNumbers, mpp: number | null, method: EventMethod, warnings: WarningMessage[]): GaitV1 {
  const m = mpp ?? NaN;
  const r = (x: number, d: number): number | null => round(x, d);
  if (g.strides < 1) warnings.push({ code: 'less-than-one-stride' });
  const untimed = g.steps.filter((st) => !Number.isFinite(st.timeS)).length;
  if (untimed > 0) warnings.push({ code: 'steps-without-time', n: untimed });
  // A first or last step whose stance the recording cuts off has no length by design, like the first step's time.
  if (g.steps.some((st) => !st.cutOff && !Number.isFinite(st.lengthPx)))
    warnings.push({ code: 'step-lengths-unmeasured' });
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
    ...gaitV1Additions(g),
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
