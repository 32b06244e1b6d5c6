// Turns a ganglag.poses/v1 recording into conditioned per-frame signals shared by the spine and posture measures.
import { keypointsToArray } from '../../shared/keypoints';
import type { PosesFileV1 } from '../../shared/poses-format';
import { degrees, degToRad, hz, radians, radToDeg } from '../../shared/units';
import { filtfiltRuns, twoPassCutoffHz } from '../conditioning/butterworth';
import { hampel } from '../conditioning/hampel';
import { fillGaps } from '../conditioning/interpolate';
import { medianOf, quantile } from '../conditioning/quantile';
import { F, FRAME_FIELDS, measureFrame, viewOf, type View } from './frame';
import { kx, landmarks, type Landmarks } from '../geometry/landmarks';

/** Trunk motion in these tests is slow (< 1 Hz); 3 Hz keeps it and removes most keypoint jitter. */
export const CUTOFF_HZ = 3;
/** Noise floor of a frame's trunk angle for spike removal, deg: 2 px over a 150 px trunk is about 0.8°. */
export const MIN_SIGMA_DEG = 1;
/** Gaps up to this long are interpolated; longer ones stay missing (STYLE habit 12). */
export const MAX_GAP_MS = 300;
/** Trunk angular speed, deg/s, under which a frame counts as a hold (neutral or end range). */
export const STILL_DEG_PER_S = 10;
/** Half-width of the window the trunk's angular speed is measured over. */
export const SPEED_HALF_WINDOW_MS = 150;
/** |Trunk angle| under which a still frame counts as upright standing, deg. */
export const UPRIGHT_DEG = 10;

export interface Recording {
  readonly file: PosesFileV1;
  readonly k: Landmarks;
  readonly n: number;
  readonly tMs: Float64Array;
  /** Raw frame measures, FRAME_FIELDS per frame (see frame.ts). */
  readonly m: Float64Array;
  /**
   * View per frame: from the shoulder and hip widths, else side-on when one side is hidden, else the nearest
   * decided frame's view; null when no frame is decided.
   */
  readonly views: (View | null)[];
  readonly sideFrames: number;
  readonly frontFrames: number;
  /** The view most frames show; null when none could be classified. */
  readonly view: View | null;
  /** Image-plane trunk angle, gap-filled and low-pass filtered, deg, positive toward image +x. */
  readonly trunkDeg: Float64Array;
  /** Thigh angle, same conditioning. */
  readonly thighDeg: Float64Array;
  /**
   * Side views: how far the subject is turned from square side-on, deg (0 when unknown or facing the camera).
   * trunkDeg and thighDeg are already corrected for it.
   */
  readonly yawDeg: number;
  /**
   * Side views: the shoulders' and the hips' own turns, deg (NaN when unknown). When they disagree by more than
   * YAW_AGREEMENT_DEG the trunk and pelvis are twisted against each other and yawDeg is 0 (no correction).
   */
  readonly shoulderYawDeg: number;
  readonly hipYawDeg: number;
  /** 1 where the trunk is still. */
  readonly still: Uint8Array;
  /** 1 where the trunk is still and within UPRIGHT_DEG of vertical. */
  readonly upright: Uint8Array;
  /** +1 when the subject faces image +x, −1 when −x, 0 when unknown (side views). */
  readonly facing: number;
  /** +1 when the subject's left side is toward image +x, −1 when −x, 0 when unknown (front views). */
  readonly leftToward: number;
  /** Frames with a trunk angle. */
  readonly framesUsed: number;
}

/** Extracts field f of every frame as a series. */
export function series(rec: Pick<Recording, 'm' | 'n'>, f: number): Float64Array {
  const out = new Float64Array(rec.n);
  for (let i = 0; i < rec.n; i++) out[i] = rec.m[i * FRAME_FIELDS + f];
  return out;
}

/** Hampel window half-width, samples (±100 ms at 30 fps), and threshold in robust standard deviations. */
export const HAMPEL_HALF_WINDOW = 3;
export const HAMPEL_SIGMAS = 3;
/** How far the Hampel window may reach past missing samples, samples (dropouts are common in these tests). */
export const HAMPEL_REACH = 3 * HAMPEL_HALF_WINDOW;

/**
 * The gait engine's conditioning with the spine's parameters: spike removal (Hampel, minSigma in the signal's
 * unit as the noise floor, reaching past dropouts), bounded gap filling, then the forward-backward Butterworth
 * on each gap-free run, its two-pass −3 dB point at CUTOFF_HZ.
 */
export function condition(x: Float64Array, tMs: Float64Array, fps: number, minSigma: number): Float64Array {
  const maxGap = Math.max(1, Math.round((MAX_GAP_MS / 1000) * fps));
  const clean = hampel(x, HAMPEL_HALF_WINDOW, HAMPEL_SIGMAS, minSigma, HAMPEL_REACH);
  return filtfiltRuns(fillGaps(clean, maxGap), twoPassCutoffHz(hz(CUTOFF_HZ)), hz(sampleRate(tMs, fps)));
}

function sampleRate(tMs: Float64Array, fps: number): number {
  if (tMs.length < 2) return fps;
  const dt = (tMs[tMs.length - 1] - tMs[0]) / (tMs.length - 1);
  return dt > 0 ? 1000 / dt : fps;
}

export function prepareRecording(file: PosesFileV1): Recording {
  const k = landmarks(file.skeleton);
  const n = file.frames.length;
  const kpLen = file.frames[0]?.keypoints.length ?? 0;
  const kp = new Float32Array(kpLen * 3);
  const tMs = new Float64Array(n);
  const m = new Float64Array(n * FRAME_FIELDS);
  const views: (View | null)[] = new Array<View | null>(n).fill(null);
  const load = (i: number): void => {
    keypointsToArray(file.frames[i].keypoints, kp);
  };
  let side = 0;
  let front = 0;
  let oblique = 0;
  let hidden = 0;
  const hiddenSide = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    tMs[i] = file.frames[i].tMs;
    load(i);
    measureFrame(kp, k, false, m, i * FRAME_FIELDS);
    const v = viewOf(m, i * FRAME_FIELDS);
    views[i] = v;
    if (v === 'side') side++;
    else if (v === 'front') front++;
    else if (v === 'oblique') oblique++;
    else if (oneSided(kp, k)) {
      hidden++;
      hiddenSide[i] = 1;
    }
  }
  // A hidden side (the far side, occluded side-on) is evidence of a side view, never of a front view; but a
  // frame's own dropout is no proof, so it only counts as side-on in a recording that is mostly side-on.
  side += hidden;
  const top = Math.max(side, front, oblique);
  const view: View | null = top === 0 ? null : top === side ? 'side' : top === front ? 'front' : 'oblique';
  if (view === 'side') for (let i = 0; i < n; i++) if (hiddenSide[i]) views[i] = 'side';
  // Second pass: side-on frames may use one side's shoulder–hip pair when the other side drops out. A frame
  // whose view is undecidable (a shoulder or hip missing) takes the nearest decided frame's view.
  const near = nearestViews(views);
  for (let i = 0; i < n; i++) {
    if (near[i] !== 'side') continue;
    load(i);
    measureFrame(kp, k, true, m, i * FRAME_FIELDS);
  }
  const rec0 = { m, n };
  const trunkDeg = condition(series(rec0, F.trunkDeg), tMs, file.fps, MIN_SIGMA_DEG);
  const thighDeg = condition(series(rec0, F.thighDeg), tMs, file.fps, MIN_SIGMA_DEG);
  const still = new Uint8Array(n);
  const upright = new Uint8Array(n);
  let framesUsed = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(trunkDeg[i])) framesUsed++;
    // Central difference over ±SPEED_HALF_WINDOW_MS: adjacent-frame differences are dominated by jitter.
    let a = i;
    while (a > 0 && tMs[i] - tMs[a - 1] <= SPEED_HALF_WINDOW_MS) a--;
    let b = i;
    while (b < n - 1 && tMs[b + 1] - tMs[i] <= SPEED_HALF_WINDOW_MS) b++;
    const speed = b > a ? (Math.abs(trunkDeg[b] - trunkDeg[a]) * 1000) / (tMs[b] - tMs[a]) : NaN;
    still[i] = speed < STILL_DEG_PER_S ? 1 : 0;
    upright[i] = still[i] && Math.abs(trunkDeg[i]) < UPRIGHT_DEG ? 1 : 0;
  }
  const yaw =
    view === 'side' || view === 'oblique'
      ? sideYaw(rec0, near, upright)
      : { yawDeg: 0, shoulderYawDeg: NaN, hipYawDeg: NaN };
  const yawDeg = yaw.yawDeg;
  if (yawDeg > 0) {
    unforeshorten(trunkDeg, yawDeg);
    unforeshorten(thighDeg, yawDeg);
  }
  return {
    file,
    k,
    n,
    yawDeg,
    shoulderYawDeg: yaw.shoulderYawDeg,
    hipYawDeg: yaw.hipYawDeg,
    tMs,
    m,
    views: near,
    sideFrames: side,
    frontFrames: front,
    view,
    trunkDeg,
    thighDeg,
    still,
    upright,
    facing: facingOf(rec0, near, trunkDeg),
    leftToward: leftTowardOf(rec0, near),
    framesUsed,
  };
}

/** True when one side's shoulder and hip are both seen and the other side's are both missing. */
function oneSided(kp: Float32Array, k: Landmarks): boolean {
  const left = Number.isFinite(kx(kp, k.left.shoulder) + kx(kp, k.left.hip));
  const right = Number.isFinite(kx(kp, k.right.shoulder) + kx(kp, k.right.hip));
  const leftGone = !Number.isFinite(kx(kp, k.left.shoulder)) && !Number.isFinite(kx(kp, k.left.hip));
  const rightGone = !Number.isFinite(kx(kp, k.right.shoulder)) && !Number.isFinite(kx(kp, k.right.hip));
  return (left && rightGone) || (right && leftGone);
}

/**
 * Front-view widths over trunk length of the body model: shoulder joint centres ≈ 0.2 H apart, hip keypoints
 * ≈ 0.12 H, trunk 0.288 H (Drillis & Contini 1966 proportions). FRONT_WIDTH_RATIO is their mean.
 */
export const FRONT_SHOULDER_RATIO = 0.2 / 0.288;
export const FRONT_HIP_RATIO = 0.12 / 0.288;
export const FRONT_WIDTH_RATIO = 0.55;
/** Beyond this turn the correction is not trusted (and the view is called oblique anyway). */
export const MAX_YAW_DEG = 40;
/**
 * The shoulders' and the hips' turns must agree within this for a yaw correction, deg. A turned pelvis under a
 * square trunk (or the reverse) is a twist, not a turned subject: correcting the trunk line for the pelvis's
 * turn over-corrects it (issue 10: a rendered bend to 60.0° read 63.3°).
 */
export const YAW_AGREEMENT_DEG = 10;

/** Turn from the width ratio: sin ψ = ratio / front ratio; NaN beyond MAX_YAW_DEG or unknown. */
function turnDeg(ratio: number, frontRatio: number): number {
  const sin = ratio / frontRatio;
  if (!Number.isFinite(sin) || sin > Math.sin(degToRad(degrees(MAX_YAW_DEG)))) return NaN;
  return radToDeg(radians(Math.asin(sin)));
}

/**
 * Turn from side-on, deg, from the median width ratios over upright still frames: the shoulders' turn
 * (sin ψ = shoulder width / trunk / FRONT_SHOULDER_RATIO) and the hips' (hip width, FRONT_HIP_RATIO). When both
 * are known and agree within YAW_AGREEMENT_DEG, the turn of the two widths together (FRONT_WIDTH_RATIO); else 0
 * (no correction), as also beyond MAX_YAW_DEG or without both sides seen. Shoulder width grows with the turn
 * while the upright trunk's length does not, so the ratio reads the turn directly.
 */
export function sideYaw(
  rec: Pick<Recording, 'm' | 'n'>,
  views: (View | null)[],
  upright: Uint8Array,
): { yawDeg: number; shoulderYawDeg: number; hipYawDeg: number } {
  const both = new Float64Array(rec.n).fill(NaN);
  const sh = new Float64Array(rec.n).fill(NaN);
  const hip = new Float64Array(rec.n).fill(NaN);
  for (let i = 0; i < rec.n; i++) {
    if (!upright[i] || views[i] === 'front') continue;
    const b = i * FRAME_FIELDS;
    const t = rec.m[b + F.trunkPx];
    sh[i] = rec.m[b + F.shoulderWidthPx] / t;
    hip[i] = rec.m[b + F.hipWidthPx] / t;
    both[i] = (sh[i] + hip[i]) / 2;
  }
  const shoulderYawDeg = turnDeg(medianOf(sh), FRONT_SHOULDER_RATIO);
  const hipYawDeg = turnDeg(medianOf(hip), FRONT_HIP_RATIO);
  const agree = Math.abs(shoulderYawDeg - hipYawDeg) <= YAW_AGREEMENT_DEG;
  const yaw = agree ? turnDeg(medianOf(both), FRONT_WIDTH_RATIO) : NaN;
  return { yawDeg: Number.isFinite(yaw) ? yaw : 0, shoulderYawDeg, hipYawDeg };
}

/**
 * Undoes the foreshortening of a sagittal angle seen turned by yawDeg: the horizontal component shrinks by
 * cos ψ and the vertical one, on a level camera, does not, so true = atan2(sin seen / cos ψ, cos seen).
 */
function unforeshorten(deg: Float64Array, yawDeg: number): void {
  const c = Math.cos(degToRad(degrees(yawDeg)));
  for (let i = 0; i < deg.length; i++) {
    const a = degToRad(degrees(deg[i]));
    deg[i] = radToDeg(radians(Math.atan2(Math.sin(a) / c, Math.cos(a))));
  }
}

function nearestViews(views: (View | null)[]): (View | null)[] {
  const out = views.slice();
  const dist = new Float64Array(views.length).fill(Infinity);
  let last = -1;
  for (let i = 0; i < views.length; i++) {
    if (views[i] !== null) last = i;
    else if (last >= 0) {
      out[i] = views[last];
      dist[i] = i - last;
    }
  }
  last = -1;
  for (let i = views.length - 1; i >= 0; i--) {
    if (views[i] !== null) last = i;
    else if (last >= 0 && last - i < dist[i]) out[i] = views[last];
  }
  return out;
}

/**
 * Which way a side-on subject faces: the toes point forward (BlazePose heel → foot index), else the nose is
 * ahead of the ears in near-upright frames. 0 when neither is clear.
 */
function facingOf(rec: Pick<Recording, 'm' | 'n'>, views: (View | null)[], trunkDeg: Float64Array): number {
  const toe = series(rec, F.toeDx);
  const nose = series(rec, F.noseDx);
  for (let i = 0; i < rec.n; i++) {
    if (views[i] === 'front') toe[i] = nose[i] = NaN;
    if (!(Math.abs(trunkDeg[i]) < 30)) nose[i] = NaN;
  }
  const t = medianOf(toe);
  if (Math.abs(t) >= 2) return Math.sign(t);
  const s = medianOf(nose);
  return Math.abs(s) >= 2 ? Math.sign(s) : 0;
}

function leftTowardOf(rec: Pick<Recording, 'm' | 'n'>, views: (View | null)[]): number {
  const d = series(rec, F.leftMinusRightX);
  for (let i = 0; i < rec.n; i++) if (views[i] === 'side') d[i] = NaN;
  const q = medianOf(d);
  return Math.abs(q) >= 2 ? Math.sign(q) : 0;
}

/** A still run at least this long is a hold (neutral or end range). */
export const HOLD_MIN_MS = 500;

/** How the neutral hold is told from end-range holds among a recording's holds. */
export type NeutralRule = 'lowest' | 'closest';

/**
 * A neutral stance is upright or stooped forward, never bent far or leaning back: trunk angle (forward positive)
 * within [−NEUTRAL_BACK_DEG, NEUTRAL_FORWARD_DEG]. So a forward bend read as extension cannot take its bent end
 * range as neutral, nor an extension read as forward flexion its backward end range.
 */
export const NEUTRAL_FORWARD_DEG = 30;
export const NEUTRAL_BACK_DEG = 10;

/** Bounds of a neutral value of the directed signal s = sign × trunk angle, for a one-sided test. */
export function neutralBounds(test: 'forward-flexion' | 'extension'): [number, number] {
  return test === 'forward-flexion'
    ? [-NEUTRAL_BACK_DEG, NEUTRAL_FORWARD_DEG]
    : [-NEUTRAL_FORWARD_DEG, NEUTRAL_BACK_DEG];
}

/**
 * The recording's neutral level of a directed angle signal s (deg), from its holds (still runs of at least
 * HOLD_MIN_MS, each taken at its median). 'lowest': one-sided tests, whose end-range holds all lie above neutral,
 * so neutral is the lowest hold, even for a stooped subject whose extension ends nearer upright than they
 * stand. 'closest': lateral flexion, or when the direction is not yet known; the hold nearest upright. Needs no
 * opening hold. 'lowest' also never exceeds the 10th percentile of the still frames, in case only end-range
 * holds were long enough. Without holds: that percentile ('lowest') or the median ('closest') of the still frames.
 * Only holds and frames within `bounds` count (see neutralBounds); NaN when there are none.
 */
export function neutralLevel(
  s: Float64Array,
  still: Uint8Array,
  tMs: Float64Array,
  rule: NeutralRule,
  bounds: readonly [number, number] = [-Infinity, Infinity],
): number {
  const lowest = rule === 'lowest';
  const upright = (x: number): boolean => x >= bounds[0] && x <= bounds[1];
  let best = NaN;
  let from = -1;
  for (let i = 0; i <= s.length; i++) {
    const ok = i < s.length && still[i] === 1 && Number.isFinite(s[i]);
    if (ok && from < 0) from = i;
    if (!ok && from >= 0) {
      if (tMs[i - 1] - tMs[from] >= HOLD_MIN_MS) {
        const m = medianOf(s, from, i);
        const better = lowest ? m < best : Math.abs(m) < Math.abs(best);
        if (upright(m) && (!Number.isFinite(best) || better)) best = m;
      }
      from = -1;
    }
  }
  const v = new Float64Array(s.length).fill(NaN);
  for (let i = 0; i < s.length; i++) if (still[i] && upright(s[i])) v[i] = s[i];
  let q = lowest ? quantile(v, 0.1) : medianOf(v);
  if (!Number.isFinite(q)) {
    const all = new Float64Array(s.length).fill(NaN);
    for (let i = 0; i < s.length; i++) if (upright(s[i])) all[i] = s[i];
    q = lowest ? quantile(all, 0.05) : medianOf(all);
  }
  // Brief neutral pauses may all fall short of a hold while an end-range hold does not; still frames below it
  // then show where neutral is.
  if (lowest) return Number.isFinite(best) ? Math.min(best, q) : q;
  return Number.isFinite(best) ? best : q;
}
