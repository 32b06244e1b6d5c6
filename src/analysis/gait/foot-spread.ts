// Which foot is which, from the feet's fore-aft spread rather than the model's left/right labels.
// Method: the distance between the feet along the walk, |u_a − u_b|, does not depend on the labels; it peaks
// once per step, at each heel strike, and the feet strike in strict alternation, so the k-th peak belongs to
// foot (k mod 2) of one walk. Between two strikes the foot that struck last stands still on the floor (stance),
// so in every frame the detection nearest where it struck is that foot ("stance anchoring"). Which physical
// foot leads the sequence is decided by which one is near the camera when the image cues say so significantly
// (near-side.ts: keypoint scores, apparent leg length, heel height; the side facing the camera follows from
// the facing and walking direction) and otherwise by the majority of the model's labels.
import type { Foot } from '../../shared/analysis-format';
import { findPeaks, sampleAt, spread } from './peaks';
import { nearEvidence, type LegCues, type NearEvidence } from './near-side';
import type { FootSignals, GaitSignals } from './signals';

export interface FootAssignment {
  /** Signals with the feet relabelled frame by frame. */
  signals: GaitSignals;
  /** Frames whose feet were exchanged against the model's labels. */
  swappedFrames: number;
  /** Heel strikes from the spread peaks, alternating within each continuous run, s. */
  strikes: { foot: Foot; tS: number }[];
  /** The side that faced the camera (the near leg), and how it was decided. */
  nearSide: Foot | null;
  /** image-cues: every run's near/far test was significant; labels: some run fell back to the model's labels. */
  decidedBy: 'image-cues' | 'labels' | null;
  /** The near/far test of each run of alternating steps (near-side.ts). */
  evidence: NearEvidence[];
}

/** Shortest plausible step time, s: spread peaks closer than this are one step. */
const MIN_STEP_S = 0.3;
/** Steps longer than this many median steps break the alternation (a gap or a pause). */
const BREAK_STEPS = 1.6;

const FIELDS = ['heelU', 'heelV', 'toeU', 'toeV', 'ankleU', 'ankleV', 'centreV'] as const;

function swapFeet(s: GaitSignals, flags: Uint8Array): GaitSignals {
  const l = {} as FootSignals;
  const r = {} as FootSignals;
  for (const k of FIELDS) {
    const a = s.feet.left[k].slice();
    const b = s.feet.right[k].slice();
    for (let i = 0; i < flags.length; i++) {
      if (!flags[i]) continue;
      const x = a[i];
      a[i] = b[i];
      b[i] = x;
    }
    l[k] = a;
    r[k] = b;
  }
  return { ...s, feet: { left: l, right: r } };
}

function median(v: number[]): number {
  const a = v.filter(Number.isFinite).sort((p, q) => p - q);
  return a.length ? a[a.length >> 1] : NaN;
}

/**
 * Relabels the feet by stance anchoring and returns the alternating heel strikes found from the spread.
 * direction: +1 walking to image right, −1 to image left; cues: legCues of the same frames; cameraSide: the side
 * towards the camera when the facing is known (facing.ts), else the one the walking direction implies.
 */
export function assignFeet(
  s: GaitSignals,
  direction: 1 | -1,
  cues: LegCues,
  cameraSide: Foot = direction > 0 ? 'right' : 'left',
): FootAssignment {
  const n = s.tS.length;
  const L = s.feet.left.heelU;
  const R = s.feet.right.heelU;
  const gap = new Float64Array(n);
  for (let i = 0; i < n; i++) gap[i] = Math.abs(L[i] - R[i]);
  const fs = s.sampleHz;
  const peaks = findPeaks(gap, MIN_STEP_S * fs, 0.3 * spread(gap), Math.round(0.6 * fs));
  const none: FootAssignment = {
    signals: s,
    swappedFrames: 0,
    strikes: [],
    nearSide: null,
    decidedBy: null,
    evidence: [],
  };
  if (peaks.length < 2) return none;
  const idx = peaks.map((p) => Math.round(p.index));
  const stepS = median(idx.slice(1).map((k, j) => s.tS[k] - s.tS[idx[j]]));
  // Runs of alternating strikes; parity[k] is foot "a" (0) or "b" (1) within the run.
  const parity: number[] = [];
  const run: number[] = [];
  let r = 0;
  idx.forEach((k, j) => {
    if (j > 0 && s.tS[k] - s.tS[idx[j - 1]] > BREAK_STEPS * stepS) {
      r++;
      parity.push(0);
    } else parity.push(j === 0 ? 0 : 1 - parity[j - 1]);
    run.push(r);
  });
  // Stance anchors: at strike k the leading heel is at lead[k] and the trailing one at trail[k].
  const lead = idx.map((k) => Math.max(L[k], R[k]));
  // Per frame, which detection is foot "a": the one nearer the anchor of the last strike of the same run
  // (the standing foot); before a run's first strike, the one nearer the trailing heel at that strike.
  const isLeftA = new Int8Array(n).fill(-1);
  let j = 0;
  for (let i = 0; i < n; i++) {
    while (j + 1 < idx.length && idx[j + 1] <= i) j++;
    if (!Number.isFinite(L[i]) || !Number.isFinite(R[i])) continue;
    let standing: number;
    let footOfStanding: number;
    if (
      i < idx[0] ||
      (j + 1 < idx.length && run[j + 1] !== run[j] && i > idx[j] + (idx[j + 1] - idx[j]) / 2)
    ) {
      const k = i < idx[0] ? 0 : j + 1;
      standing = Math.min(L[idx[k]], R[idx[k]]);
      footOfStanding = 1 - parity[k];
    } else {
      standing = lead[j];
      footOfStanding = parity[j];
    }
    const leftIsStanding = Math.abs(L[i] - standing) <= Math.abs(R[i] - standing);
    isLeftA[i] = leftIsStanding === (footOfStanding === 0) ? 1 : 0;
  }
  // Per run, which physical foot is "a": the near one by the image cues (near-side.ts) when they are
  // significant, else the majority of the model's labels.
  const runs = r + 1;
  const aIsLeft: boolean[] = [];
  const evidence: NearEvidence[] = [];
  const nearSide: Foot = cameraSide;
  const aU = new Float64Array(n).fill(NaN);
  const bU = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    if (isLeftA[i] < 0) continue;
    aU[i] = isLeftA[i] === 1 ? L[i] : R[i];
    bU[i] = isLeftA[i] === 1 ? R[i] : L[i];
  }
  for (let q = 0; q < runs; q++) {
    let votes = 0;
    for (let i = 0; i < n; i++) {
      const jj = lastStrike(idx, i);
      if (jj >= 0 && run[jj] === q && isLeftA[i] >= 0) votes += isLeftA[i] ? 1 : -1;
    }
    const steps: [number, number][] = [];
    for (let k = 0; k + 1 < idx.length; k++)
      if (run[k] === q && run[k + 1] === q) steps.push([idx[k], idx[k + 1]]);
    const ev = nearEvidence(cues, steps, aU, bU);
    evidence.push(ev);
    // a is near when t > 0; the near foot is the side facing the camera.
    aIsLeft.push(ev.significant ? ev.t > 0 === (nearSide === 'left') : votes >= 0);
  }
  const decidedBy = evidence.every((e) => e.significant) ? 'image-cues' : 'labels';
  const flags = new Uint8Array(n);
  let swapped = 0;
  for (let i = 0; i < n; i++) {
    const jj = Math.max(0, lastStrike(idx, i));
    if (isLeftA[i] < 0) continue;
    const leftIsA = isLeftA[i] === 1;
    if (leftIsA !== aIsLeft[run[jj]]) {
      flags[i] = 1;
      swapped++;
    }
  }
  const strikes = idx.map((k, q) => ({
    foot: (parity[q] === 0) === aIsLeft[run[q]] ? ('left' as const) : ('right' as const),
    tS: sampleAt(s.tS, peaks[q].index),
  }));
  return { signals: swapFeet(s, flags), swappedFrames: swapped, strikes, nearSide, decidedBy, evidence };
}

/** Index into idx of the last strike at or before frame i, or −1. */
function lastStrike(idx: number[], i: number): number {
  let lo = -1;
  for (let k = 0; k < idx.length && idx[k] <= i; k++) lo = k;
  return lo;
}
