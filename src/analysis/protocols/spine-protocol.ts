// The guided spine and posture tests as a pure state machine (issue 11 item 5): the source's start, frames (frame
// time, the subject's keypoints or nobody), countdown ticks and the user's skip/finish/restart in; events out
// (phases, positioning problems, prompts, when to record). The panel renders and speaks the events; tests drive it
// in Node with synthetic frames. No DOM, no clock: time is frame time, and the countdown's seconds come in as ticks.
import type { SpineTestId } from '../../shared/analysis-format';
import type { SkeletonId } from '../../shared/skeletons';
import type { Meters, Ms } from '../../shared/units';
import { LiveSpineGauge } from '../spine/live';
import type { SpinePhase } from '../spine/phases';
import { checkPositioning, type PositioningProblem } from '../spine/positioning';

export type SpineProtocolId = 'posture' | 'forward-flexion' | 'extension' | 'lateral-flexion';

/** One step of a protocol: hold still in a view, or repeat a movement (lateral flexion: to one side). */
export type SpineProtocolStep =
  | { kind: 'hold'; view: 'side' | 'front'; holdMs: number }
  | { kind: 'reps'; view: 'side' | 'front'; reps: number; side?: 'left' | 'right' };

export interface SpineProtocolDef {
  id: SpineProtocolId;
  test: SpineTestId;
  steps: readonly SpineProtocolStep[];
}

/** Still standing recorded per posture view, ms of frame time. */
export const POSTURE_HOLD_MS = 4000;
/** Positioning must hold this long (frame time) before the countdown starts. */
export const POSITION_OK_MS = 1000;
/** Countdown seconds (ticks) before the test. */
export const COUNTDOWN_S = 3;
/** Standing still this long (frame time) before the movement prompt. */
export const NEUTRAL_MS = 1500;
/** A positioning instruction that persists is said again after this long (frame time). */
export const REPEAT_SPEECH_MS = 7000;
/** Positioning instructions are said at most this often, so a flickering check does not chatter. */
export const MIN_SPEECH_GAP_MS = 2500;

/** In tab order. One recording covers all steps of a protocol. */
export const SPINE_PROTOCOLS: readonly SpineProtocolDef[] = [
  {
    id: 'posture',
    test: 'posture',
    steps: [
      { kind: 'hold', view: 'side', holdMs: POSTURE_HOLD_MS },
      { kind: 'hold', view: 'front', holdMs: POSTURE_HOLD_MS },
    ],
  },
  { id: 'forward-flexion', test: 'forward-flexion', steps: [{ kind: 'reps', view: 'side', reps: 3 }] },
  { id: 'extension', test: 'extension', steps: [{ kind: 'reps', view: 'side', reps: 3 }] },
  {
    id: 'lateral-flexion',
    test: 'lateral-flexion',
    steps: [
      { kind: 'reps', view: 'front', reps: 3, side: 'left' },
      { kind: 'reps', view: 'front', reps: 3, side: 'right' },
    ],
  },
];

export function spineProtocolById(id: SpineProtocolId): SpineProtocolDef {
  const p = SPINE_PROTOCOLS.find((x) => x.id === id);
  if (!p) throw new Error(`unknown protocol ${id}`);
  return p;
}

/** The protocol that analyses a test (for "analyse as" on a video file): each test has its own. */
export function spineProtocolForTest(test: SpineTestId): SpineProtocolDef {
  return spineProtocolById(test);
}

export type SpineProtocolPhase =
  /** Waiting for the frame source (model switch, camera start). */
  | 'starting'
  /** The source could not start (no camera): nothing happens until a restart. */
  | 'no-camera'
  /** Checking the position frame by frame; a good position for POSITION_OK_MS starts the countdown. */
  | 'positioning'
  | 'countdown'
  /** The step runs: a hold, or repetitions counted by the live gauge. */
  | 'active'
  /** Every step done, or the user finished early: the caller stops the recording and analyses it. */
  | 'finished';

/** What the patient is told (the caller words it in the UI's language). */
export type SpinePrompt =
  | { code: 'stand-still' }
  | { code: 'hold-still' }
  | { code: 'bend'; direction: 'forward-flexion' | 'extension' | 'left' | 'right' }
  | { code: 'hold' }
  | { code: 'return' }
  | { code: 'rep-done'; n: number; total: number }
  | { code: 'now-right' }
  | { code: 'turn-front' }
  | { code: 'turn-side' };

export type SpineProtocolEvent =
  | { kind: 'phase'; phase: SpineProtocolPhase }
  /** The step in progress changed (index into the protocol's steps). */
  | { kind: 'step'; index: number }
  /** The positioning problems changed (empty: the position is fine). */
  | { kind: 'problems'; problems: readonly PositioningProblem[] }
  /** Say this positioning instruction now (throttled: a new problem, or the same one after a while). */
  | { kind: 'say-problem'; problem: PositioningProblem }
  /** Countdown: seconds left (said and shown). */
  | { kind: 'countdown'; n: number }
  | { kind: 'prompt'; prompt: SpinePrompt }
  /** Start recording now (once per test: the steps of a protocol share one recording). */
  | { kind: 'record' }
  /** A frame with the subject: the gauge, the step's repetitions and the hold's progress may have changed. */
  | { kind: 'reading' }
  /** The subject is no longer followed: no reading to show, and a hold starts again when they are back. */
  | { kind: 'lost' };

// Per-frame events without data are shared constants, so the per-frame path allocates nothing for them.
const READING: SpineProtocolEvent = Object.freeze({ kind: 'reading' });
const LOST: SpineProtocolEvent = Object.freeze({ kind: 'lost' });
const NO_BODY: readonly PositioningProblem[] = Object.freeze(['body-not-in-view'] as const);
/** problemsKey before the first frame of a positioning phase. */
const WAITING = '(waiting)';

export interface SpineProtocolOptions {
  /** Stature for the live fingertip-to-floor distance (from the next gauge on). */
  heightM?: Meters;
}

export class SpineProtocol {
  private phaseNow: SpineProtocolPhase = 'starting';
  private stepIndex = 0;
  private countdownLeft = 0;
  private liveGauge: LiveSpineGauge | null = null;
  private gaugeSkeleton: SkeletonId | null = null;
  private heightM: Meters | undefined;
  private problemsKey = WAITING;
  private problemsNow: readonly PositioningProblem[] = [];
  private spokenProblem = '';
  private spokenAt = -Infinity;
  private okSince = NaN;
  private recordAsked = false;
  private reps = 0;
  private seenReps = 0;
  private lastPhase: SpinePhase = 'neutral';
  private neutralSince = NaN;
  private movePrompted = false;
  private holdStart = NaN;
  private hold = 0;
  private isFollowed = false;
  private readonly out: SpineProtocolEvent[] = [];

  constructor(
    readonly def: SpineProtocolDef,
    opts: SpineProtocolOptions = {},
  ) {
    this.heightM = opts.heightM;
  }

  get phase(): SpineProtocolPhase {
    return this.phaseNow;
  }

  /** Index of the step in progress (the last one once finished). */
  get stepNumber(): number {
    return Math.min(this.stepIndex, this.def.steps.length - 1);
  }

  get step(): SpineProtocolStep {
    return this.def.steps[this.stepNumber];
  }

  /** Countdown seconds left. */
  get countdown(): number {
    return this.countdownLeft;
  }

  /** The positioning problems now (null before the first frame of a positioning phase). */
  get problems(): readonly PositioningProblem[] | null {
    return this.problemsKey === WAITING ? null : this.problemsNow;
  }

  /** The live gauge (null for posture, and before the first followed frame). */
  get gauge(): LiveSpineGauge | null {
    return this.liveGauge;
  }

  /** Repetitions counted in this step (lateral flexion: to the step's side only). */
  get stepReps(): number {
    return this.reps;
  }

  /** A hold step's progress, 0…1. */
  get holdProgress(): number {
    return this.hold;
  }

  /** Whether the last frame had a followed subject. */
  get followed(): boolean {
    return this.isFollowed;
  }

  /** Whether this test has asked for its recording. */
  get recording(): boolean {
    return this.recordAsked;
  }

  setHeight(heightM: Meters | undefined): void {
    this.heightM = heightM;
  }

  /** The frame source started (live) or could not (no camera). Only while starting. */
  start(live: boolean): readonly SpineProtocolEvent[] {
    this.out.length = 0;
    if (this.phaseNow === 'starting') this.enter(live ? 'positioning' : 'no-camera');
    return this.out;
  }

  /**
   * One frame: frame time; the followed subject's keypoints (x, y, score interleaved, NaN where missing) or null
   * when nobody is followed; the skeleton and the frame's size, px. Events only when something changed, and a
   * `reading` per frame with the subject.
   */
  frame(
    tMs: Ms,
    keypoints: Float32Array | null,
    skeleton: SkeletonId,
    frameWidth: number,
    frameHeight: number,
  ): readonly SpineProtocolEvent[] {
    this.out.length = 0;
    if (this.phaseNow === 'starting' || this.phaseNow === 'no-camera' || this.phaseNow === 'finished')
      return this.out;
    const test = this.def.test;
    if (keypoints) {
      if (test !== 'posture') {
        if (!this.liveGauge || this.gaugeSkeleton !== skeleton) this.newGauge(skeleton, test);
        this.liveGauge?.push(tMs, keypoints);
      }
      this.isFollowed = true;
    } else if (this.isFollowed) {
      this.isFollowed = false;
      this.out.push(LOST);
    }
    const step = this.step;
    switch (this.phaseNow) {
      case 'positioning': {
        const problems = keypoints
          ? checkPositioning(keypoints, skeleton, frameWidth, frameHeight, test, step.view).problems
          : NO_BODY;
        this.showProblems(tMs, problems);
        if (problems.length > 0) this.okSince = NaN;
        else if (!(this.okSince <= tMs)) this.okSince = tMs;
        else if (tMs - this.okSince >= POSITION_OK_MS) this.beginCountdown();
        break;
      }
      case 'active':
        if (!keypoints) {
          // A hold counts still standing in view only: it starts again when the subject is back.
          this.holdStart = NaN;
          this.hold = 0;
        } else if (step.kind === 'hold') this.advanceHold(tMs, step.holdMs);
        else this.advanceReps(tMs, step.reps, step.side);
        break;
      default:
        break;
    }
    if (keypoints) this.out.push(READING);
    return this.out;
  }

  /** One second of the countdown has passed (the caller's timer: the only wall-clock part of a test). */
  tick(): readonly SpineProtocolEvent[] {
    this.out.length = 0;
    if (this.phaseNow !== 'countdown') return this.out;
    this.countdownLeft--;
    if (this.countdownLeft > 0) this.out.push({ kind: 'countdown', n: this.countdownLeft });
    else this.beginActive();
    return this.out;
  }

  /** "Skip": the user judged the position fine. Only while positioning. */
  skip(): readonly SpineProtocolEvent[] {
    this.out.length = 0;
    if (this.phaseNow === 'positioning') this.beginCountdown();
    return this.out;
  }

  /** "Finish now": ends the test early. Only while a step runs. */
  finish(): readonly SpineProtocolEvent[] {
    this.out.length = 0;
    if (this.phaseNow === 'active') this.enter('finished');
    return this.out;
  }

  /** The same test again from its first step: back to waiting for the source, with a fresh gauge. */
  restart(): readonly SpineProtocolEvent[] {
    this.out.length = 0;
    this.stepIndex = 0;
    this.liveGauge = null;
    this.gaugeSkeleton = null;
    this.recordAsked = false;
    this.isFollowed = false;
    this.spokenProblem = '';
    this.spokenAt = -Infinity;
    this.countdownLeft = 0;
    this.resetStep();
    this.out.push({ kind: 'step', index: 0 });
    this.enter('starting');
    return this.out;
  }

  private newGauge(skeleton: SkeletonId, test: Exclude<SpineTestId, 'posture'>): void {
    this.liveGauge = new LiveSpineGauge({ skeleton, test, heightM: this.heightM });
    this.gaugeSkeleton = skeleton;
    this.seenReps = 0;
  }

  private showProblems(tMs: number, problems: readonly PositioningProblem[]): void {
    const key = problems.join(',');
    if (key !== this.problemsKey) {
      this.problemsKey = key;
      this.problemsNow = problems;
      this.out.push({ kind: 'problems', problems });
    }
    const first = problems[0];
    const since = tMs - this.spokenAt;
    if (first && ((first !== this.spokenProblem && since > MIN_SPEECH_GAP_MS) || since > REPEAT_SPEECH_MS)) {
      this.spokenProblem = first;
      this.spokenAt = tMs;
      this.out.push({ kind: 'say-problem', problem: first });
    } else if (!first) {
      this.spokenProblem = '';
    }
  }

  private advanceHold(tMs: number, holdMs: number): void {
    if (!Number.isFinite(this.holdStart)) this.holdStart = tMs;
    this.hold = Math.min(1, (tMs - this.holdStart) / holdMs);
    if (this.hold >= 1) this.nextStep();
  }

  private advanceReps(tMs: number, reps: number, side: 'left' | 'right' | undefined): void {
    const g = this.liveGauge;
    if (!g) return;
    if (!Number.isFinite(this.neutralSince)) this.neutralSince = tMs;
    if (g.reps > this.seenReps) {
      const n = g.reps - this.seenReps;
      this.seenReps = g.reps;
      // Lateral flexion: a bend to the other side is not this step's repetition; the bend prompt comes again.
      const counted = !side || g.side === side;
      if (counted) this.reps += n;
      if (this.reps >= reps) {
        this.nextStep();
        return;
      }
      if (counted) this.prompt({ code: 'rep-done', n: this.reps, total: reps });
      this.movePrompted = false;
      this.neutralSince = tMs;
    }
    if (g.phase !== this.lastPhase) {
      this.lastPhase = g.phase;
      if (g.phase === 'end-range') this.prompt({ code: 'hold' });
      else if (g.phase === 'returning') this.prompt({ code: 'return' });
      else if (g.phase === 'neutral') this.neutralSince = tMs;
      else this.movePrompted = true; // moving without being told
    }
    if (g.phase === 'neutral' && !this.movePrompted && tMs - this.neutralSince >= NEUTRAL_MS) {
      this.movePrompted = true;
      const test = this.def.test;
      // Lateral flexion's steps always name a side; posture has no repetitions to prompt.
      if (side) this.prompt({ code: 'bend', direction: side });
      else if (test === 'forward-flexion' || test === 'extension')
        this.prompt({ code: 'bend', direction: test });
    }
  }

  private beginCountdown(): void {
    this.okSince = NaN;
    this.countdownLeft = COUNTDOWN_S;
    // A fresh gauge learns the neutral posture and the floor while the subject stands still.
    if (this.stepIndex === 0) {
      this.liveGauge = null;
      this.gaugeSkeleton = null;
    }
    this.enter('countdown');
    this.out.push({ kind: 'countdown', n: this.countdownLeft });
  }

  private beginActive(): void {
    if (!this.recordAsked) {
      this.recordAsked = true;
      this.out.push({ kind: 'record' });
    }
    this.resetStep();
    this.enter('active');
    this.prompt({ code: this.step.kind === 'hold' ? 'hold-still' : 'stand-still' });
  }

  private resetStep(): void {
    this.reps = 0;
    this.seenReps = this.liveGauge?.reps ?? 0;
    this.lastPhase = this.liveGauge?.phase ?? 'neutral';
    this.neutralSince = NaN;
    this.movePrompted = false;
    this.holdStart = NaN;
    this.hold = 0;
  }

  private nextStep(): void {
    const prev = this.step;
    this.stepIndex++;
    if (this.stepIndex >= this.def.steps.length) {
      this.enter('finished');
      return;
    }
    const next = this.step;
    this.resetStep();
    this.out.push({ kind: 'step', index: this.stepIndex });
    if (next.view !== prev.view) {
      this.enter('positioning');
      this.prompt({ code: next.view === 'front' ? 'turn-front' : 'turn-side' });
    } else {
      this.enter('active');
      this.prompt(
        next.kind === 'reps' && next.side === 'right' ? { code: 'now-right' } : { code: 'stand-still' },
      );
    }
  }

  private prompt(prompt: SpinePrompt): void {
    this.out.push({ kind: 'prompt', prompt });
  }

  private enter(phase: SpineProtocolPhase): void {
    this.phaseNow = phase;
    if (phase === 'positioning') {
      this.problemsKey = WAITING;
      this.problemsNow = [];
      this.okSince = NaN;
    }
    this.out.push({ kind: 'phase', phase });
  }
}
