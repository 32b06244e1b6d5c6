// Which of two label-free feet is the near one (facing the camera), from what the image shows of each leg.
// Method: three cues, each signed so that larger means nearer: the leg's keypoint scores (hip + knee + ankle;
// the far leg is partly hidden behind the near one, so the detector is less sure of it; a missing keypoint
// scores 0), its apparent length (hip–knee + knee–ankle, body heights: the near leg is closer to the camera,
// so it looks longer; pinhole projection, Hartley & Zisserman 2004 §6.1) and how low its heel stands in the
// image (body heights: the near foot is nearer the camera on the floor plane, so lower in the image). Each
// cue's foot-a-minus-foot-b difference is averaged per step (the steps are the independent samples; frames
// within a step are not), each cue is scaled by its own spread across steps, and the sum is tested with a
// one-sample t-test (Student 1908) against zero. The sign of t says which foot is near, so the test is two-sided:
// decided only when |t| passes the one-sided 95 % critical value, a two-sided test at the 10 % level (at most 5 %
// chance of naming the wrong foot near when the image shows no difference); otherwise the caller falls back to the
// model's labels. Cues are scaled by their own spread, so no body-size scale is needed.
import type { PosesFileV1 } from '../../shared/poses-format';
import { along, up, type WalkFrame } from '../geometry/frame';
import type { Landmarks, Side } from '../geometry/landmarks';
import { mean, sd, tCritical95 } from './stats';

/** Per frame, per model label group (the model's left, then right leg): what the image shows of that leg. */
export interface LegCues {
  /** Heel (the ankle in COCO-17) along the walk, px; NaN where not detected (used to match the feet). */
  heelU: [Float64Array, Float64Array];
  /** Sum of hip, knee and ankle scores (a missing keypoint counts 0). */
  score: [Float64Array, Float64Array];
  /** Hip–knee plus knee–ankle in the image, px; NaN where a keypoint is missing. */
  lengthPx: [Float64Array, Float64Array];
  /** Heel height below the walk frame's origin (−v), px; NaN where missing. */
  downPx: [Float64Array, Float64Array];
}

/** The near/far evidence of one run of alternating steps. */
export interface NearEvidence {
  /** Student's t of the combined per-step difference (foot a minus foot b); positive: foot a is near. */
  t: number;
  /** Degrees of freedom (steps − 1). */
  df: number;
  /** Whether |t| passes the one-sided 95 % critical value for df (two-sided, 10 % level). */
  significant: boolean;
}

/** Reads the leg cues from the raw detections (every score, also those below the gating threshold). */
export function legCues(frames: PosesFileV1['frames'], lm: Landmarks, f: WalkFrame): LegCues {
  const n = frames.length;
  const pair = (): [Float64Array, Float64Array] => [
    new Float64Array(n).fill(NaN),
    new Float64Array(n).fill(NaN),
  ];
  const out: LegCues = { heelU: pair(), score: pair(), lengthPx: pair(), downPx: pair() };
  frames.forEach((fr, i) => {
    [lm.left, lm.right].forEach((s: Side, g) => {
      const kp = (j: number) => fr.keypoints[j] ?? null;
      const hip = kp(s.hip);
      const knee = kp(s.knee);
      const ankle = kp(s.ankle);
      const heel = kp(s.heel);
      out.score[g][i] = (hip?.[2] ?? 0) + (knee?.[2] ?? 0) + (ankle?.[2] ?? 0);
      if (hip && knee && ankle)
        out.lengthPx[g][i] =
          Math.hypot(hip[0] - knee[0], hip[1] - knee[1]) + Math.hypot(knee[0] - ankle[0], knee[1] - ankle[1]);
      if (heel) {
        out.heelU[g][i] = along(f, heel[0], heel[1]);
        out.downPx[g][i] = -up(f, heel[0], heel[1]);
      }
    });
  });
  return out;
}

/**
 * The near/far test for one run. steps: frame ranges [from, to) of the run's steps; aU, bU: the two label-free
 * feet's heel along the walk per frame (px), used to find which of the model's label groups is which foot in
 * each frame (the pairing with the smaller total distance).
 */
export function nearEvidence(
  cues: LegCues,
  steps: [number, number][],
  aU: Float64Array,
  bU: Float64Array,
): NearEvidence {
  const kinds = [cues.score, cues.lengthPx, cues.downPx];
  const perStep: number[][] = kinds.map(() => []);
  for (const [from, to] of steps) {
    const sum = kinds.map(() => 0);
    const cnt = kinds.map(() => 0);
    for (let i = from; i < to; i++) {
      const g = groupOfA(cues.heelU[0][i], cues.heelU[1][i], aU[i], bU[i]);
      if (g < 0) continue;
      kinds.forEach((c, q) => {
        const d = c[g][i] - c[1 - g][i];
        if (Number.isFinite(d)) {
          sum[q] += d;
          cnt[q]++;
        }
      });
    }
    kinds.forEach((_, q) => perStep[q].push(cnt[q] > 0 ? sum[q] / cnt[q] : NaN));
  }
  // Scale each cue by its spread across steps so that none dominates by its units; a cue without spread
  // (constant, or missing) carries no information about the sign and is left out.
  const sds = perStep.map((d) => sd(d));
  const combined: number[] = [];
  for (let k = 0; k < steps.length; k++) {
    let v = 0;
    let used = 0;
    perStep.forEach((d, q) => {
      if (sds[q] > 0 && Number.isFinite(d[k])) {
        v += d[k] / sds[q];
        used++;
      }
    });
    if (used > 0) combined.push(v);
  }
  const df = combined.length - 1;
  const m = mean(combined);
  const s = sd(combined);
  // Noise-free data (no spread at all) gives ±Infinity: a sure sign.
  const t =
    df < 1 ? NaN : s > 0 ? m / (s / Math.sqrt(combined.length)) : m === 0 ? NaN : Math.sign(m) * Infinity;
  return { t, df, significant: Math.abs(t) >= tCritical95(df) };
}

/** Which model label group (0, 1) is foot a in this frame, or −1 when the detections cannot tell. */
function groupOfA(u0: number, u1: number, a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return -1;
  if (Number.isFinite(u0) && Number.isFinite(u1))
    return Math.abs(u0 - a) + Math.abs(u1 - b) <= Math.abs(u0 - b) + Math.abs(u1 - a) ? 0 : 1;
  if (Number.isFinite(u0)) return Math.abs(u0 - a) <= Math.abs(u0 - b) ? 0 : 1;
  if (Number.isFinite(u1)) return Math.abs(u1 - b) <= Math.abs(u1 - a) ? 0 : 1;
  return -1;
}
