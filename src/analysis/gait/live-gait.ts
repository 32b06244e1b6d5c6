// Live gait while recording: step count, cadence and latest step length, per frame without allocating.
// Display only; the stored result is computed offline from the whole conditioned sequence (analyzeGait).
import { MIN_KEYPOINT_SCORE } from '../../shared/keypoints';
import type { SkeletonId } from '../../shared/skeletons';
import type { Hz } from '../../shared/units';
import { OneEuroFilter } from '../conditioning/one-euro';
import { landmarks, type Landmarks } from '../geometry/landmarks';
import { STATURE } from '../scale/anthropometry';

export interface LiveGaitOptions {
  skeleton: SkeletonId;
  /** Subject height, m, for metres (scale from running leg-length estimate). */
  heightM?: number;
  /** A known scale, m/px; wins over heightM. */
  metresPerPixel?: number;
  minScore?: number;
}

const RING = 8;
/** Strikes further apart than this are not one walk (a pause, turn or gap): cadence starts a new window, s. */
const MAX_STEP_S = 2;
/** Shortest plausible step as a fraction of stature (the offline engine's rule). */
const MIN_STEP_OF_STATURE = 0.08;
/** The subject unseen this long is a gap: the detector starts afresh (direction re-learned), ms. */
const GAP_MS = 500;

/**
 * Streaming Zeni et al. 2008 detector: heel strike at each maximum of (heel − pelvis) along the walk,
 * on One Euro-filtered image x (assumes a level, side-on camera), confirmed one frame late. The walking
 * direction is re-learned after a turn (the pelvis moving back by 0.15 leg length from its furthest point) or
 * a gap (GAP_MS unseen); cadence counts only strikes since the last turn, gap or pause (MAX_STEP_S).
 */
export class LiveGait {
  private readonly lm: Landmarks;
  private readonly minScore: number;
  private readonly pelvis = new OneEuroFilter(2 as Hz, 0.005);
  private readonly heel = [new OneEuroFilter(2 as Hz, 0.005), new OneEuroFilter(2 as Hz, 0.005)];
  private readonly rel = new Float64Array(6); // per foot: value two frames ago, one frame ago, minimum since last strike
  private readonly heelNow = new Float64Array(4); // per foot: heel x one frame ago, now
  private readonly times = new Float64Array(RING);
  private startX = NaN;
  private extremeX = NaN;
  private lastSeenTMs = NaN;
  private windowStart = 0;
  private direction = 0;
  private lastFoot = -1;
  private prevTMs = NaN;
  private legSum = 0;
  private legCount = 0;
  private count = 0;
  private latestPx = NaN;

  constructor(private readonly opts: LiveGaitOptions) {
    this.lm = landmarks(opts.skeleton);
    this.minScore = opts.minScore ?? MIN_KEYPOINT_SCORE;
    this.reset();
  }

  get stepCount(): number {
    return this.count;
  }

  /** Steps per minute over the last few steps of the current pass; NaN until two steps in it. */
  get cadence(): number {
    const n = Math.min(this.count - this.windowStart, RING);
    if (n < 2) return NaN;
    const last = this.times[(this.count - 1) % RING];
    const first = this.times[(this.count - n) % RING];
    return (60 * (n - 1)) / (last - first);
  }

  /** Latest step length, m (NaN without a scale or before the first step). */
  get latestStepLengthM(): number {
    if (this.opts.metresPerPixel !== undefined) return this.latestPx * this.opts.metresPerPixel;
    if (this.opts.heightM === undefined || this.legCount === 0) return NaN;
    const heightPx = this.legSum / this.legCount / (STATURE.hip - STATURE.ankle);
    return (this.latestPx * this.opts.heightM) / heightPx;
  }

  reset(): void {
    this.times.fill(NaN);
    this.count = 0;
    this.restart();
    this.lastSeenTMs = NaN;
    this.prevTMs = NaN;
    this.legSum = 0;
    this.legCount = 0;
    this.latestPx = NaN;
  }

  /** Starts a new pass (after a gap, or at reset): direction re-learned, cadence window emptied. */
  private restart(): void {
    this.pelvis.reset();
    this.heel[0].reset();
    this.heel[1].reset();
    this.heelNow.fill(NaN);
    this.startX = NaN;
    this.direction = 0;
    this.newWindow();
  }

  /** Cadence counts from the next strike; the strike detector forgets the previous direction's signal. */
  private newWindow(): void {
    this.windowStart = this.count;
    this.extremeX = NaN;
    this.lastFoot = -1;
    this.rel.fill(NaN);
  }

  /** One frame: keypoints as x, y, score interleaved in skeleton order (NaN where missing); tMs in ms. */
  push(tMs: number, kp: Float32Array): void {
    const { left, right } = this.lm;
    const px = this.mid(kp, left.hip, right.hip);
    if (Number.isFinite(px)) {
      if (tMs - this.lastSeenTMs > GAP_MS) this.restart();
      this.lastSeenTMs = tMs;
    }
    const pelvis = this.pelvis.apply(px, tMs);
    if (Number.isFinite(pelvis)) {
      if (!Number.isFinite(this.startX)) this.startX = pelvis;
      // Direction is known once the pelvis has moved a clear distance.
      if (this.direction === 0 && Math.abs(pelvis - this.startX) > 20)
        this.direction = Math.sign(pelvis - this.startX);
      if (this.direction !== 0) {
        const back = this.direction * (this.extremeX - pelvis);
        if (!(back >= 0)) this.extremeX = pelvis;
        else if (back > this.turnPx()) {
          // Turned: a new pass the other way.
          this.direction = -this.direction;
          this.newWindow();
          this.extremeX = pelvis;
        }
      }
    }
    this.trackLeg(kp, left.hip, left.knee, left.ankle);
    this.trackLeg(kp, right.hip, right.knee, right.ankle);
    for (let f = 0; f < 2; f++) {
      const k = f === 0 ? left.heel : right.heel;
      const x = this.x(kp, k);
      const h = this.heel[f].apply(x, tMs);
      this.heelNow[2 * f] = this.heelNow[2 * f + 1];
      this.heelNow[2 * f + 1] = h;
      this.step(f, this.direction * (h - pelvis));
    }
    this.prevTMs = tMs;
  }

  private step(f: number, r: number): void {
    const a = this.rel[3 * f];
    const b = this.rel[3 * f + 1];
    this.rel[3 * f] = b;
    this.rel[3 * f + 1] = r;
    if (!Number.isFinite(r) || this.direction === 0) return;
    if (!(this.rel[3 * f + 2] <= r)) this.rel[3 * f + 2] = r;
    // b is a maximum that rose clearly above the foot's lowest point since its last strike.
    const minimum = this.rel[3 * f + 2];
    const rise = this.legCount ? (0.25 * this.legSum) / this.legCount : 30;
    if (b > a && b >= r && b - minimum > rise && this.lastFoot !== f) {
      const other = 1 - f;
      const lengthPx = Math.abs(this.heelNow[2 * f] - this.heelNow[2 * other]);
      // As offline: feet nearly level at a "strike" means a false strike (8 % of stature), not a step.
      const statureLegPx = this.legCount ? this.legSum / this.legCount / (STATURE.hip - STATURE.ankle) : NaN;
      if (lengthPx < MIN_STEP_OF_STATURE * statureLegPx) {
        this.rel[3 * f + 2] = r;
        return;
      }
      const last = this.count > this.windowStart ? this.times[(this.count - 1) % RING] : NaN;
      if (this.prevTMs / 1000 - last > MAX_STEP_S) this.windowStart = this.count;
      this.latestPx = lengthPx;
      this.times[this.count % RING] = this.prevTMs / 1000;
      this.count++;
      this.lastFoot = f;
      this.rel[3 * f + 2] = r;
    }
  }

  /** Pelvis travel back from its furthest point that means a turn, px. */
  private turnPx(): number {
    return this.legCount ? (0.15 * this.legSum) / this.legCount : 20;
  }

  private trackLeg(kp: Float32Array, hip: number, knee: number, ankle: number): void {
    const l = this.dist(kp, hip, knee) + this.dist(kp, knee, ankle);
    if (Number.isFinite(l)) {
      this.legSum += l;
      this.legCount++;
    }
  }

  private x(kp: Float32Array, k: number): number {
    return kp[3 * k + 2] >= this.minScore ? kp[3 * k] : NaN;
  }

  private dist(kp: Float32Array, a: number, b: number): number {
    if (!(kp[3 * a + 2] >= this.minScore && kp[3 * b + 2] >= this.minScore)) return NaN;
    return Math.hypot(kp[3 * a] - kp[3 * b], kp[3 * a + 1] - kp[3 * b + 1]);
  }

  private mid(kp: Float32Array, a: number, b: number): number {
    const p = this.x(kp, a);
    const q = this.x(kp, b);
    return Number.isFinite(p) && Number.isFinite(q) ? 0.5 * (p + q) : Number.isFinite(p) ? p : q;
  }
}
