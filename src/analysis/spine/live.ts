// Live gauge for a guided test: trunk angle and fingertip-to-floor every frame, held end range, phase, repetitions.
import type { SpineTestId } from '../../shared/analysis-format';
import type { SkeletonId } from '../../shared/skeletons';
import { px } from '../../shared/units';
import { LowPass1, RunningMedian } from '../conditioning/streaming';
import { STATURE } from '../scale/anthropometry';
import { frameHeightPx } from '../scale/scale';
import { F, FRAME_FIELDS, fingertipY, floorY, measureFrame } from './frame';
import { landmarks, type Landmarks } from '../geometry/landmarks';
import { MIN_REP_DEG, type SpinePhase } from './phases';

export interface LiveSpineGaugeOptions {
  skeleton: SkeletonId;
  test: Exclude<SpineTestId, 'posture'>;
  /** Stature, m; without it fingertip-to-floor stays NaN. */
  heightM?: number;
}

/** Excursion, deg, that starts a movement, and under which a return completes a repetition. */
const ON_DEG = 10;
const OFF_DEG = 4;
/** The angle must stay within this of its running peak for HOLD_MS to count as an end-range hold. */
const HOLD_TOL_DEG = 2;
const HOLD_MS = 300;
/** A drop this far below the peak (or 15 % of the excursion, if more) means the return has begun. */
const RETURN_DROP_DEG = 5;
/** Votes (frames) needed before the facing or the subject's left side is trusted. */
const MIN_VOTES = 5;

/**
 * Streaming counterpart of analyzeSpine for the live gauge. Method: hip → shoulder midline angle through a
 * running median of 5 frames (against glitches), then one-pole smoothing (τ = 80 ms for display and phases,
 * τ = 250 ms for held values); neutral learned as a slow average while in the neutral phase; a hysteresis state
 * machine neutral → moving → end-range → returning → neutral counts a repetition. push() allocates nothing.
 * Its numbers are for display; stored results come from analyzeSpine over the recording.
 */
export class LiveSpineGauge {
  /** Smoothed trunk angle in the test's direction (lateral flexion: magnitude), deg; NaN before the first pose. */
  trunkDeg = NaN;
  /** Lateral flexion: side of the current or last bend. */
  side: 'left' | 'right' | null = null;
  /** Fingertip height above the floor, cm (negative below it); NaN without a height or feet. */
  fingertipToFloorCm = NaN;
  /** End-range value of the current or last repetition, deg, held until the next one starts. */
  heldEndRangeDeg = NaN;
  /** Lowest fingertip-to-floor of the current or last repetition, cm. */
  heldFingertipToFloorCm = NaN;
  /** Range of motion of the last completed repetition (held end range − its neutral), deg. */
  lastRomDeg = NaN;
  /** Neutral trunk angle in the test's direction, deg. */
  neutralDeg = NaN;
  phase: SpinePhase = 'neutral';
  reps = 0;

  private readonly k: Landmarks;
  private readonly m = new Float64Array(FRAME_FIELDS);
  private readonly smooth = new LowPass1(80);
  private readonly holdSmooth = new LowPass1(250);
  private readonly tipSmooth = new LowPass1(80);
  private readonly tipHoldSmooth = new LowPass1(250);
  private readonly neutralAvg = new LowPass1(1000);
  private readonly heightAvg = new LowPass1(500);
  private readonly floorAvg = new LowPass1(500);
  private readonly lateral: boolean;
  private lastT = NaN;
  private noseVotes = 0;
  private toeVotes = 0;
  private peakE = 0;
  private holdRef = 0;
  private holdSince = 0;
  private startNeutral = NaN;
  private peakDir = 1;
  private heldS = -Infinity;
  private tipHold = NaN;
  private readonly rawMedian = new RunningMedian(5);
  private readonly tipMedian = new RunningMedian(5);
  private neutralRaw = NaN;

  constructor(private readonly opts: LiveSpineGaugeOptions) {
    this.k = landmarks(opts.skeleton);
    this.lateral = opts.test === 'lateral-flexion';
  }

  reset(): void {
    this.trunkDeg = this.fingertipToFloorCm = this.heldEndRangeDeg = this.heldFingertipToFloorCm = NaN;
    this.lastRomDeg = this.neutralDeg = this.lastT = this.startNeutral = this.tipHold = this.neutralRaw = NaN;
    this.side = null;
    this.phase = 'neutral';
    this.reps = this.noseVotes = this.toeVotes = this.peakE = this.holdRef = this.holdSince = 0;
    this.peakDir = 1;
    this.heldS = -Infinity;
    for (const f of [
      this.rawMedian,
      this.tipMedian,
      this.smooth,
      this.holdSmooth,
      this.tipSmooth,
      this.tipHoldSmooth,
      this.neutralAvg,
      this.heightAvg,
      this.floorAvg,
    ]) {
      f.reset();
    }
  }

  /** Feeds one frame: time in ms, keypoints as interleaved [x px, y px, score], NaN where missing. */
  push(tMs: number, keypoints: Float32Array): void {
    const m = this.m;
    measureFrame(keypoints, this.k, !this.lateral, m, 0);
    const raw = m[F.trunkDeg];
    if (!Number.isFinite(raw)) return;
    const dt = Number.isFinite(this.lastT) ? tMs - this.lastT : 0;
    this.lastT = tMs;
    // Median of the last five frames drops up to two thrown keypoints in a row (two frames of delay).
    const clean = this.rawMedian.apply(raw);
    const a = this.smooth.apply(clean, dt);
    const aHold = this.holdSmooth.apply(clean, dt);
    if (this.phase === 'neutral') this.vote(m, a);
    const sign = this.orientation();
    // Unknown orientation: excursions either way count, shown as magnitudes.
    const both = this.lateral || sign === 0;
    const k = sign || 1;
    const s = k * a;
    // Neutral is kept in image terms: the orientation may still flip while the first neutral frames vote.
    if (!Number.isFinite(this.neutralRaw)) this.neutralRaw = a;
    this.neutralDeg = k * this.neutralRaw;
    const e = both ? Math.abs(s - this.neutralDeg) : s - this.neutralDeg;
    this.trunkDeg = both ? Math.abs(s) : s;
    if (this.phase === 'neutral' && e < OFF_DEG) {
      this.neutralRaw = this.neutralAvg.apply(a, dt);
      this.neutralDeg = k * this.neutralRaw;
      if (Math.abs(a) < 10) this.learnScale(keypoints, m, dt);
    }
    const tipRaw = this.fingertip(m);
    const tip = Number.isFinite(tipRaw) ? this.tipMedian.apply(tipRaw) : NaN;
    this.fingertipToFloorCm = Number.isFinite(tip) ? this.tipSmooth.apply(tip, dt) : NaN;
    this.tipHold = Number.isFinite(tip) ? this.tipHoldSmooth.apply(tip, dt) : NaN;
    this.step(tMs, e, s, (sign || 1) * aHold);
  }

  private step(tMs: number, e: number, s: number, sHold: number): void {
    switch (this.phase) {
      case 'neutral':
        if (e >= ON_DEG) {
          this.phase = 'moving';
          this.startNeutral = this.neutralDeg;
          this.peakE = 0;
          this.holdRef = e;
          this.holdSince = tMs;
          this.heldS = -Infinity;
          this.heldFingertipToFloorCm = NaN;
          this.track(e, s, sHold, tMs);
        }
        return;
      case 'moving':
        this.track(e, s, sHold, tMs);
        if (e < OFF_DEG) this.phase = 'neutral';
        else if (tMs - this.holdSince >= HOLD_MS) this.phase = 'end-range';
        else if (this.dropped(e)) this.phase = 'returning';
        return;
      case 'end-range':
        this.track(e, s, sHold, tMs);
        if (this.dropped(e)) this.phase = 'returning';
        return;
      case 'returning':
        if (e < OFF_DEG) {
          this.phase = 'neutral';
          if (this.peakE >= MIN_REP_DEG) {
            this.reps++;
            this.lastRomDeg = this.heldEndRangeDeg - this.peakDir * this.startNeutral;
          }
        } else if (e > this.peakE) {
          this.phase = 'moving';
          this.track(e, s, sHold, tMs);
        }
        return;
    }
  }

  /** Updates the running peak, the held values and the hold timer (restarted whenever the angle climbs further). */
  private track(e: number, s: number, sHold: number, tMs: number): void {
    if (e > this.peakE) {
      this.peakE = e;
      this.peakDir = Math.sign(s - this.startNeutral) || 1;
    }
    if (e > this.holdRef + HOLD_TOL_DEG) {
      this.holdRef = e;
      this.holdSince = tMs;
    }
    const dir = this.lateral || this.orientation() === 0 ? this.peakDir : 1;
    if (dir * sHold > this.heldS) this.heldS = dir * sHold;
    this.heldEndRangeDeg = this.heldS;
    if (this.lateral) this.side = this.peakDir > 0 ? 'left' : 'right';
    const tip = this.tipHold;
    if (Number.isFinite(tip) && !(tip >= this.heldFingertipToFloorCm)) this.heldFingertipToFloorCm = tip;
  }

  private dropped(e: number): boolean {
    return e < this.peakE - Math.max(RETURN_DROP_DEG, 0.15 * this.peakE);
  }

  /**
   * Sign turning image angles into the test's direction: the facing for flexion (negated for extension), or
   * which image side the subject's left is on for lateral flexion; 0 until enough neutral frames have voted.
   */
  private orientation(): number {
    if (this.lateral) return Math.abs(this.noseVotes) >= MIN_VOTES ? Math.sign(this.noseVotes) : 0;
    const votes = Math.abs(this.toeVotes) >= MIN_VOTES ? this.toeVotes : this.noseVotes;
    if (Math.abs(votes) < MIN_VOTES) return 0;
    return this.opts.test === 'extension' ? -Math.sign(votes) : Math.sign(votes);
  }

  /** Side-on: toes and nose point where the subject faces. Facing the camera: where the left shoulder and hip are. */
  private vote(m: Float64Array, a: number): void {
    if (this.lateral) {
      this.noseVotes += Math.sign(m[F.leftMinusRightX]) || 0;
      return;
    }
    this.toeVotes += Math.sign(m[F.toeDx]) || 0;
    if (Math.abs(a) < 30) this.noseVotes += Math.sign(m[F.noseDx]) || 0;
  }

  /** Learns the standing height in px (the gait engine's segment chains) and the floor while upright and neutral. */
  private learnScale(kp: Float32Array, m: Float64Array, dt: number): void {
    const h = this.opts.heightM;
    if (!(h !== undefined && h > 0)) return;
    const framePx = frameHeightPx(kp, this.k);
    if (!(framePx > 0)) return;
    const heightPx = this.heightAvg.apply(framePx, dt);
    const floor = floorY(m, 0, px(STATURE.ankle * heightPx));
    if (Number.isFinite(floor)) this.floorAvg.apply(floor, dt);
  }

  private fingertip(m: Float64Array): number {
    const h = this.opts.heightM;
    const heightPx = this.heightAvg.value;
    const floor = this.floorAvg.value;
    if (!(h !== undefined && h > 0 && heightPx > 0) || !Number.isFinite(floor)) return NaN;
    const mpp = h / heightPx;
    return (floor - fingertipY(m, 0, px(STATURE.hand * heightPx))) * mpp * 100;
  }
}
