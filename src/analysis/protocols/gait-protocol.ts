// The guided gait test as a pure state machine (issue 11 item 5): the source's state, frames (time, the
// positioning check's problem mask, the subject's keypoints) and the user's record/stop in; events out. The
// panel renders the events; tests drive it in Node with synthetic frames. No DOM, no clock: time is frame time.
import type { SkeletonId } from '../../shared/skeletons';
import { LiveGait } from '../gait/live-gait';
import { ProblemSmoother } from './problem-smoother';

export type GaitProtocolPhase =
  /** No camera running (a file may still be analysed: its frames are checked, but nothing is recorded). */
  | 'no-camera'
  /** The camera runs; the position is checked frame by frame. */
  | 'checking'
  /** Recording, with the live step counter. */
  | 'recording'
  /** The recording was stopped; its analysis is the caller's (the engine's) job. */
  | 'stopped';

export type GaitProtocolEvent =
  | { kind: 'phase'; phase: GaitProtocolPhase }
  /** The smoothed problem mask changed (bits as the caller's positioning check defines them). */
  | { kind: 'position'; problems: number }
  /** The position became fine (all checks pass) after not being so. */
  | { kind: 'position-ok' }
  /** The live step count changed while recording; cadence steps/min and the last step length m (NaN unknown). */
  | { kind: 'steps'; steps: number; cadence: number; stepLengthM: number }
  /** A recording stopped with too little in it to analyse. */
  | { kind: 'too-short' };

export interface GaitProtocolOptions {
  /** Number of problem bits the positioning check reports. */
  problemBits: number;
  /** Subject height, m, for the live step length. */
  heightM?: number;
}

/** Frames with a followed subject a recording needs before it is worth analysing. */
export const MIN_RECORDED_FRAMES = 2;

export class GaitProtocol {
  private phaseNow: GaitProtocolPhase = 'no-camera';
  private readonly smoother: ProblemSmoother;
  /** Smoothed mask now; -1 before the first frame. */
  private problemsNow = -1;
  private live: LiveGait | null = null;
  private liveSkeleton: SkeletonId | null = null;
  private stepsShown = -1;
  private recordedFrames = 0;
  private heightM: number | undefined;
  private readonly out: GaitProtocolEvent[] = [];

  constructor(opts: GaitProtocolOptions) {
    this.smoother = new ProblemSmoother(opts.problemBits);
    this.heightM = opts.heightM;
  }

  get phase(): GaitProtocolPhase {
    return this.phaseNow;
  }

  /** The smoothed problem mask (-1: no frame seen yet). */
  get problems(): number {
    return this.problemsNow;
  }

  /** Live steps counted in this recording (0 before any). */
  get steps(): number {
    return this.live?.stepCount ?? 0;
  }

  /** The height used for the live step length from the next recording on. */
  setHeight(heightM: number | undefined): void {
    this.heightM = heightM;
  }

  /** The camera started or stopped (a recording in progress ends with it). */
  source(live: boolean): readonly GaitProtocolEvent[] {
    this.out.length = 0;
    if (live && this.phaseNow === 'no-camera') this.enter('checking');
    else if (!live && this.phaseNow !== 'no-camera') {
      if (this.phaseNow === 'recording') this.endRecording();
      this.enter('no-camera');
    }
    return this.out;
  }

  /**
   * One frame: frame time, ms; the positioning check's raw problem mask; the subject's keypoints (x, y, score
   * interleaved, NaN where missing) or null when nobody is followed. Events only when something changed.
   */
  frame(
    tMs: number,
    rawProblems: number,
    keypoints: Float32Array | null,
    skeleton: SkeletonId,
  ): readonly GaitProtocolEvent[] {
    this.out.length = 0;
    const mask = this.smoother.push(rawProblems);
    if (mask !== this.problemsNow) {
      const wasOk = this.problemsNow === 0;
      this.problemsNow = mask;
      this.out.push({ kind: 'position', problems: mask });
      if (mask === 0 && !wasOk) this.out.push({ kind: 'position-ok' });
    }
    if (this.phaseNow !== 'recording' || !keypoints) return this.out;
    if (!this.live || this.liveSkeleton !== skeleton) {
      this.live = new LiveGait({ skeleton, heightM: this.heightM });
      this.liveSkeleton = skeleton;
    }
    this.recordedFrames++;
    this.live.push(tMs, keypoints);
    if (this.live.stepCount !== this.stepsShown) {
      this.stepsShown = this.live.stepCount;
      this.out.push({
        kind: 'steps',
        steps: this.live.stepCount,
        cadence: this.live.cadence,
        stepLengthM: this.live.latestStepLengthM,
      });
    }
    return this.out;
  }

  /** Start recording (only with the camera running). */
  record(): readonly GaitProtocolEvent[] {
    this.out.length = 0;
    if (this.phaseNow !== 'checking' && this.phaseNow !== 'stopped') return this.out;
    this.live = null;
    this.liveSkeleton = null;
    this.stepsShown = 0;
    this.recordedFrames = 0;
    this.enter('recording');
    this.out.push({ kind: 'steps', steps: 0, cadence: NaN, stepLengthM: NaN });
    return this.out;
  }

  /** Stop recording; `recorded` says whether the capture produced a recording to analyse. */
  stop(recorded: boolean): readonly GaitProtocolEvent[] {
    this.out.length = 0;
    if (this.phaseNow !== 'recording') return this.out;
    this.endRecording(recorded);
    this.enter('stopped');
    return this.out;
  }

  /** Back to the start: a new test (the panel was closed and opened again). */
  reset(): void {
    this.phaseNow = 'no-camera';
    this.smoother.reset();
    this.problemsNow = -1;
    this.live = null;
    this.liveSkeleton = null;
    this.stepsShown = -1;
    this.recordedFrames = 0;
    this.out.length = 0;
  }

  private endRecording(recorded = true): void {
    if (!recorded || this.recordedFrames < MIN_RECORDED_FRAMES) this.out.push({ kind: 'too-short' });
  }

  private enter(phase: GaitProtocolPhase): void {
    this.phaseNow = phase;
    this.out.push({ kind: 'phase', phase });
  }
}
