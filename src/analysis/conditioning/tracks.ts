// Per-keypoint time series from a ganglag.poses/v1 file, and the offline conditioning pipeline over them.
import { MIN_KEYPOINT_SCORE } from '../../shared/keypoints';
import type { PosesFileV1 } from '../../shared/poses-format';
import { keypointCount } from '../../shared/skeletons';
import { hz } from '../../shared/units';
import { filtfiltRuns } from './butterworth';
import { hampel } from './hampel';
import { fillGaps } from './interpolate';
import { applyLegLabels, legSwapLabels, type LegPairs } from './leg-swap';

/** Keypoint series in image pixels (x right, y down); NaN where missing. */
export interface Tracks {
  /** Time of each frame, s from the first frame. */
  tS: Float64Array;
  xs: Float64Array[];
  ys: Float64Array[];
  /** Effective sample rate from the median frame interval, Hz. */
  sampleHz: number;
}

/** Confidence gating: keypoints scored below minScore become NaN (never 0). Times count from t0Ms. */
export function extractTracks(
  file: PosesFileV1,
  minScore = MIN_KEYPOINT_SCORE,
  t0Ms = file.frames[0]?.tMs ?? 0,
): Tracks {
  const n = file.frames.length;
  const k = keypointCount(file.skeleton);
  const tS = new Float64Array(n);
  const xs = Array.from({ length: k }, () => new Float64Array(n).fill(NaN));
  const ys = Array.from({ length: k }, () => new Float64Array(n).fill(NaN));
  for (let i = 0; i < n; i++) {
    const f = file.frames[i];
    tS[i] = (f.tMs - t0Ms) / 1000;
    for (let j = 0; j < k; j++) {
      const kp = f.keypoints[j];
      if (kp && kp[2] >= minScore) {
        xs[j][i] = kp[0];
        ys[j][i] = kp[1];
      }
    }
  }
  return { tS, xs, ys, sampleHz: medianRate(tS, file.fps) };
}

function medianRate(tS: Float64Array, fallbackHz: number): number {
  if (tS.length < 3) return fallbackHz;
  const d = new Float64Array(tS.length - 1);
  for (let i = 1; i < tS.length; i++) d[i - 1] = tS[i] - tS[i - 1];
  d.sort();
  const mid = d[d.length >> 1];
  return mid > 0 ? 1 / mid : fallbackHz;
}

export interface ConditionOptions {
  /** Longest gap bridged by interpolation, s. */
  maxGapS: number;
  /** Butterworth cutoff, Hz (6 Hz for walking kinematics, Winter 2009). */
  cutoffHz: number;
  /** Hampel window half-width, samples, and threshold in robust SDs. */
  hampelHalfWindow: number;
  hampelSigma: number;
  legPairs: LegPairs;
}

export const DEFAULT_CONDITIONING: Omit<ConditionOptions, 'legPairs'> = {
  maxGapS: 0.25,
  cutoffHz: 6,
  hampelHalfWindow: 3,
  hampelSigma: 4,
};

export interface Conditioned {
  tracks: Tracks;
  legSwapFrames: number;
  outliers: number;
}

/**
 * Offline pipeline: leg-swap correction on the raw series (continuity is clearest before smoothing),
 * Hampel outlier rejection, bounded gap interpolation, then zero-phase Butterworth per gap-free run.
 */
export function conditionTracks(raw: Tracks, opts: ConditionOptions): Conditioned {
  const xs = raw.xs.map((v) => new Float64Array(v));
  const ys = raw.ys.map((v) => new Float64Array(v));
  const maxGap = Math.max(1, Math.round(opts.maxGapS * raw.sampleHz));
  // Labels are decided on gap-bridged copies (a missing sample would otherwise make a swap free).
  const labels = legSwapLabels(
    raw.xs.map((v) => fillGaps(v, maxGap)),
    raw.ys.map((v) => fillGaps(v, maxGap)),
    opts.legPairs,
  );
  const legSwapFrames = applyLegLabels(xs, ys, opts.legPairs, labels);
  let outliers = 0;
  const run = (v: Float64Array): Float64Array => {
    const h = hampel(v, opts.hampelHalfWindow, opts.hampelSigma);
    for (let i = 0; i < v.length; i++) if (Number.isFinite(v[i]) && !Number.isFinite(h[i])) outliers++;
    return filtfiltRuns(fillGaps(h, maxGap), hz(opts.cutoffHz), hz(raw.sampleHz));
  };
  return {
    tracks: { tS: raw.tS, xs: xs.map(run), ys: ys.map(run), sampleHz: raw.sampleHz },
    legSwapFrames,
    outliers,
  };
}
