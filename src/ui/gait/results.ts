// The gait result of the current recording, computed once per (recording, height) and shared by the Gait tab
// and the guided panel; each new result with a measured gait is published so it can be saved as a session.
import {
  analyzeGaitDetailed,
  analyzeGaitPasses,
  type GaitAnalysis,
  type PassAnalysis,
} from '../../analysis/index';
import type { PosesFileV1 } from '../../shared/poses-format';
import { appState, profileAgeSex, publishAnalysis } from '../app-state';
import { now } from '../clock';

export interface GaitResult {
  recording: PosesFileV1;
  /** Height used for the scale, m (the entered height, else the recording's), if any. */
  heightM: number | undefined;
  /** The active profile's age and sex, if given (they choose the gait speed reference). */
  ageYears: number | undefined;
  sex: 'female' | 'male' | undefined;
  /** The whole recording: every measurable pass pooled, as the command line does. */
  overall: GaitAnalysis;
  passes: PassAnalysis[];
}

export const PROTOCOL = 'guided-gait';

let cached: GaitResult | null = null;

/** The height the analysis uses: the one entered in the app, else the one stored with the recording. */
export function heightFor(rec: PosesFileV1): number | undefined {
  return appState.heightM ?? rec.subject.heightM;
}

/** Analyses `rec` (or returns the cached result) and publishes it when it is new and has gait metrics. */
export function gaitResult(rec: PosesFileV1): GaitResult {
  const heightM = heightFor(rec);
  // Age and sex of the active profile give the age- and sex-matched gait speed reference.
  const { ageYears, sex } = profileAgeSex(now());
  if (
    cached &&
    cached.recording === rec &&
    cached.heightM === heightM &&
    cached.ageYears === ageYears &&
    cached.sex === sex
  )
    return cached;
  const opts = { heightM, ageYears, sex };
  cached = {
    recording: rec,
    heightM,
    ageYears,
    sex,
    overall: analyzeGaitDetailed(rec, opts),
    passes: analyzeGaitPasses(rec, opts),
  };
  if (cached.overall.result.gait) {
    publishAnalysis({ recording: rec, analysis: cached.overall.result, kind: 'gait', protocol: PROTOCOL });
  }
  return cached;
}

export interface PassSummary {
  steps: number;
  cadence: number | null;
  stepLengthM: number | null;
  speedMps: number | null;
}

/** Means over passes weighted by each pass's step count (passes without a value are left out of that mean). */
export function pooledPasses(passes: readonly PassAnalysis[]): PassSummary {
  const pool = (get: (p: PassAnalysis) => number | null | undefined): number | null => {
    let sum = 0;
    let w = 0;
    for (const p of passes) {
      const v = get(p);
      const n = p.analysis.result.gait?.steps.length ?? 0;
      if (v === null || v === undefined || !Number.isFinite(v) || n === 0) continue;
      sum += v * n;
      w += n;
    }
    return w > 0 ? sum / w : null;
  };
  return {
    steps: passes.reduce((n, p) => n + (p.analysis.result.gait?.steps.length ?? 0), 0),
    cadence: pool((p) => p.analysis.result.gait?.cadenceStepsPerMin),
    stepLengthM: pool((p) => p.analysis.result.gait?.stepLengthM.mean),
    speedMps: pool((p) => p.analysis.result.gait?.speedMps),
  };
}

export function passSummary(p: PassAnalysis): PassSummary {
  const g = p.analysis.result.gait;
  return {
    steps: g?.steps.length ?? 0,
    cadence: g?.cadenceStepsPerMin ?? null,
    stepLengthM: g?.stepLengthM.mean ?? null,
    speedMps: g?.speedMps ?? null,
  };
}
