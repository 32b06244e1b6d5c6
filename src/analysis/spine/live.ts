// Live gauge for a guided test: trunk angle and fingertip-to-floor every frame, held end range, phase, repetitions.
import type { SpineTestId } from '../../shared/analysis-format';
import type { SkeletonId } from '../../shared/skeletons';
import { ANKLE_HEIGHT, HAND_LENGTH, SHOULDER_ANKLE_SPAN } from './body';
import { F, FRAME_FIELDS, fingertipY, floorY, measureFrame } from './frame';
import { spineKeypoints, type SpineKeypointIndices } from './keypoints';
import { MIN_REP_DEG, type SpinePhase } from './phases';

export interface LiveSpineGaugeOptions {
  skeleton: SkeletonId;
  test: Exclude<SpineTestId, 'posture'>;
  /** Stature, m; without it fingertip-to-floor stays NaN. */
  heightM?: number;
}

/** One-pole low-pass with a time constant, for irregular frame times. Streaming filter: apply, reset. */
export class LowPass1 {
  private y = NaN;
  constructor(private readonly tauMs: number) {}
  apply(x: number, dtMs: number): number {
    if (!Number.isFinite(this.y) || !(dtMs > 0)) this.y = x;
    else this.y += (1 - Math.exp(-dtMs / this.tauMs)) * (x - this.y);
    return this.y;
  }
  reset(): void {
    this.y = NaN;
  }
  /** The last output; NaN before the first input. */
  get value(): number {
    return this.y;
  }
}

/** Excursion, deg, that starts a movement, and under which a return completes a repetition. */
const ON_DEG = 10;
const OFF_DEG = 4;
/** The angle must stay within this of its running peak for HOLD_MS to count as an end-range hold. */
const HOLD_TOL_DEG = 2;
const HOLD_MS = 300;
/** A drop this far below the peak (or 15 % of the excursion, if more) means the return has begun. */
const RETURN_DROP_DEG = 5;

/**
 * Streaming counterpart of analyzeSpine for the live gauge (method: one-pole smoothing, τ = 80 ms, of the
 * hip → shoulder midline angle; neutral learned as a slow average while still in the neutral phase; hysteresis
 * state machine neutral → moving → end-range → returning → neutral counts a repetition). push() allocates nothing.
 * Its numbers are for display; the stored results come from analyzeSpine over the recording.
 */
export class LiveSpineGauge {
  /** Smoothed trunk angle in the test's direction (lateral flexion: magnitude), deg; NaN before the first pose. */
  trunkDeg = NaN;
  /** Lateral flexion: side of the current or last bend. */
  side: 'left' | 'right' | null = null;
  fingertipToFloorCm = NaN;
  /** End-range value of the current or last repetition (its peak), held until the next one starts. */
  heldEndRangeDeg = NaN;
  heldFingertipToFloorCm = NaN;
  /** Range of motion of the last completed repetition, deg. */
  lastRomDeg = NaN;
  neutralDeg = NaN;
  phase: SpinePhase = 'neutral';
  reps = 0;

  private readonly k: SpineKeypointIndices;
  private readonly m = new Float64Array(FRAME_FIELDS);
  private readonly smooth = new LowPass1(80);
  private readonly neutralAvg = new LowPass1(1000);
  private readonly spanAvg = new LowPass1(500);
  private readonly floorAvg = new LowPass1(500);
  private readonly lateral: boolean;
  private readonly sideOn: boolean;
  private lastT = NaN;
  private orientVotes = 0;
  private toeVotes = 0;
  private peakE = 0;
  private peakAt = 0;
  private holdRef = 0;
  private holdSince = 0;
  private startNeutral = NaN;
  private signedAtPeak = 0;

  constructor(private readonly opts: LiveSpineGaugeOptions) {
    this.k = spineKeypoints(opts.skeleton);
    this.lateral = opts.test === 'lateral-flexion';
    this.sideOn = !this.lateral;
  }

  reset(): void {
    this.trunkDeg = this.fingertipToFloorCm = this.heldEndRangeDeg = this.heldFingertipToFloorCm = NaN;
    this.lastRomDeg = this.neutralDeg = this.lastT = this.startNeutral = NaN;
    this.side = null;
    this.phase = 'neutral';
    this.reps = this.orientVotes = this.toeVotes = this.peakE = this.peakAt = 0;
    this.holdRef = this.holdSince = this.signedAtPeak = 0;
    this.smooth.reset();
    this.neutralAvg.reset();
    this.spanAvg.reset();
    this.floorAvg.reset();
  }

  /** Feeds one frame: time in ms, keypoints as interleaved [x px, y px, score], NaN where missing. */
  push(tMs: number, keypoints: Float32Array): void {
    const m = this.m;
    measureFrame(keypoints, this.k, this.sideOn, m, 0);
    const raw = m[F.trunkDeg];
    if (!Number.isFinite(raw)) return;
    const dt = Number.isFinite(this.lastT) ? tMs - this.lastT : 0;
    this.lastT = tMs;
    const a = this.smooth.apply(raw, dt);
    this.vote(m, a);
    const sign = this.orientation();
    // Unknown orientation: excursions either way count, reported as magnitudes.
    const s = sign === 0 ? a : sign * a;
    if (!Number.isFinite(this.neutralDeg)) this.neutralDeg = s;
    const both = this.lateral || sign === 0;
    const e = both ? Math.abs(s - this.neutralDeg) : s - this.neutralDeg;
    this.trunkDeg = both ? Math.abs(s) : s;
    if (this.phase === 'neutral' && e < OFF_DEG) {
      this.neutralDeg = this.neutralAvg.apply(s, dt);
      if (Math.abs(a) < 10) this.learnScale(m, dt);
    }
    this.fingertipToFloorCm = this.fingertip(m);
    this.step(tMs, e, s);
  }

  private step(tMs: number, e: number, s: number): void {
    switch (this.phase) {
      case 'neutral':
        if (e >= ON_DEG) {
          this.phase = 'moving';
          this.startNeutral = this.neutralDeg;
          this.peakE = e;
          this.peakAt = this.holdSince = tMs;
          this.holdRef = e;
          this.heldFingertipToFloorCm = this.fingertipToFloorCm;
          this.track(e, s, tMs);
        }
        return;
      case 'moving':
        this.track(e, s, tMs);
        if (e < OFF_DEG) this.phase = 'neutral';
        else if (tMs - this.holdSince >= HOLD_MS) this.phase = 'end-range';
        else if (this.dropped(e)) this.phase = 'returning';
        return;
      case 'end-range':
        this.track(e, s, tMs);
        if (this.dropped(e)) this.phase = 'returning';
        return;
      case 'returning':
        if (e < OFF_DEG) {
          this.phase = 'neutral';
          if (this.peakE >= MIN_REP_DEG) {
            this.reps++;
            this.lastRomDeg = this.peakE;
          }
        } else if (e > this.peakE) {
          this.phase = 'moving';
          this.track(e, s, tMs);
        }
        return;
    }
  }

  /** Updates the running peak and the hold timer (reset whenever the angle climbs HOLD_TOL_DEG further). */
  private track(e: number, s: number, tMs: number): void {
    if (e > this.peakE) {
      this.peakE = e;
      this.peakAt = tMs;
      this.signedAtPeak = s - this.startNeutral;
    }
    if (e > this.holdRef + HOLD_TOL_DEG) {
      this.holdRef = e;
      this.holdSince = tMs;
    }
    const dir = this.lateral ? Math.sign(this.signedAtPeak) || 1 : 1;
    this.heldEndRangeDeg = this.lateral
      ? dir * (this.startNeutral + this.signedAtPeak)
      : this.startNeutral + this.peakE;
    if (this.lateral) this.side = this.signedAtPeak >= 0 ? 'left' : 'right';
    const tip = this.fingertipToFloorCm;
    if (Number.isFinite(tip) && !(tip >= this.heldFingertipToFloorCm)) this.heldFingertipToFloorCm = tip;
  }

  private dropped(e: number): boolean {
    return e < this.peakE - Math.max(RETURN_DROP_DEG, 0.15 * this.peakE);
  }

  /** Facing (side-on tests) or which image side is the subject's left (lateral flexion), from vote counts. */
  private orientation(): number {
    if (this.lateral) return Math.abs(this.orientVotes) >= 5 ? Math.sign(this.orientVotes) : 0;
    const sign = Math.abs(this.toeVotes) >= 5 ? Math.sign(this.toeVotes) : Math.sign(this.orientVotes);
    const sure = Math.abs(this.toeVotes) >= 5 || Math.abs(this.orientVotes) >= 5;
    return sure ? (this.opts.test === 'extension' ? -sign : sign) : 0;
  }

  private vote(m: Float64Array, a: number): void {
    if (this.phase !== 'neutral') return;
    if (this.lateral) {
      this.orientVotes += Math.sign(m[F.leftMinusRightX]) || 0;
      return;
    }
    this.toeVotes += Math.sign(m[F.toeDx]) || 0;
    if (Math.abs(a) < 30) this.orientVotes += Math.sign(m[F.noseDx]) || 0;
  }

  private learnScale(m: Float64Array, dt: number): void {
    const h = this.opts.heightM;
    if (!(h !== undefined && h > 0)) return;
    const span = m[F.spanPx];
    if (!(span > 0)) return;
    const spanPx = this.spanAvg.apply(span, dt);
    const ankle = (ANKLE_HEIGHT * spanPx) / SHOULDER_ANKLE_SPAN;
    const floor = floorY(m, 0, ankle);
    if (Number.isFinite(floor)) this.floorAvg.apply(floor, dt);
  }

  private fingertip(m: Float64Array): number {
    const h = this.opts.heightM;
    const spanPx = this.spanAvg.value;
    const floor = this.floorAvg.value;
    if (!(h !== undefined && h > 0 && spanPx > 0) || !Number.isFinite(floor)) return NaN;
    const mpp = (SHOULDER_ANKLE_SPAN * h) / spanPx;
    return (floor - fingertipY(m, 0, (HAND_LENGTH * h) / mpp)) * mpp * 100;
  }
}
