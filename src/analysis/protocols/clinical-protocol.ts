// The guided clinical tests' recording (walk tests, chair tests) as a pure state machine (issue 11 item 5): the
// user's start and stop, the replace question's answer, the camera's start, countdown ticks, the recorder's start
// and time in; events out (phases, the countdown, prompts as codes, when to start and stop recording). The panel
// renders and speaks the events; tests drive it in Node. No DOM, no clock: time comes in, and so do the ticks.
import type { FunctionalTestId, WalkTestId } from '../../shared/clinical-tests';
import type { Ms } from '../../shared/units';

/** Countdown seconds (ticks) before the recording starts. */
export const CLINICAL_COUNTDOWN_S = 3;
/**
 * The 30-second chair stand stops its recording itself after this long (input time from the recorder's start):
 * the analysis counts stands within 30 s of the first rise, so the recording leaves 2 s for that rise.
 */
export const CHAIR_STAND_RECORD_MS = 32_000 as Ms;

export type ClinicalTestKind = WalkTestId | FunctionalTestId;

export type ClinicalProtocolPhase =
  /** Nothing running; a notice may say why the last try ended. */
  | 'idle'
  /** Start was asked: waiting for the replace question's answer, then for the camera. */
  | 'starting'
  /** Counting down (ticks), then waiting for the recorder to start. */
  | 'countdown'
  | 'recording'
  /** The recording was told to stop: waiting to hear whether it holds anything. */
  | 'stopping'
  /** A recording (this one or the latest) is analysed; the result is the caller's. */
  | 'done';

/** What the patient is told (the caller words it in the UI's language). */
export type ClinicalPrompt = 'ready' | 'go' | 'stop' | 'done';

/** Why the protocol is idle again (shown to the clinician). */
export type ClinicalNotice = 'no-camera' | 'too-short' | 'no-recording';

export type ClinicalProtocolEvent =
  | { kind: 'phase'; phase: ClinicalProtocolPhase }
  /** The replace question was answered "replace": the result shown goes. */
  | { kind: 'clear-result' }
  /** Start the camera (if it is not running) and report it with `source()`. */
  | { kind: 'open-source' }
  /** Countdown: seconds left (said and shown). */
  | { kind: 'countdown'; n: number }
  | { kind: 'prompt'; prompt: ClinicalPrompt }
  /** Start recording now; report it with `recordingStarted()` or `recordingFailed()`. */
  | { kind: 'record' }
  /** Stop recording now; report whether it holds a recording with `stopped()`. */
  | { kind: 'stop-record' }
  /** A self-stopping recording's whole seconds left changed. */
  | { kind: 'left'; s: number }
  | { kind: 'notice'; notice: ClinicalNotice };

export class ClinicalProtocol {
  private phaseNow: ClinicalProtocolPhase = 'idle';
  /** Where a refused replace question goes back to. */
  private before: 'idle' | 'done' = 'idle';
  private noticeNow: ClinicalNotice | null = null;
  private countdownLeft = 0;
  private recorderAsked = false;
  private recordStart = NaN;
  private leftS = 0;
  private readonly out: ClinicalProtocolEvent[] = [];
  /** How long the recording runs before it stops itself, ms of input time; null: until stopped. */
  readonly recordMs: Ms | null;

  constructor(readonly test: ClinicalTestKind) {
    this.recordMs = test === 'chair-stand-30s' ? CHAIR_STAND_RECORD_MS : null;
  }

  get phase(): ClinicalProtocolPhase {
    return this.phaseNow;
  }

  /** Why the protocol went idle (null: it did not go idle for a reason). */
  get notice(): ClinicalNotice | null {
    return this.noticeNow;
  }

  /** Countdown seconds left (the last number said while waiting for the recorder). */
  get countdown(): number {
    return this.countdownLeft;
  }

  /** A self-stopping recording's whole seconds left (0 when it does not stop itself or is not recording). */
  get secondsLeft(): number {
    return this.phaseNow === 'recording' ? this.leftS : 0;
  }

  /** The user asks to start (idle or done); the caller asks the replace question and calls `answer()`. */
  start(): readonly ClinicalProtocolEvent[] {
    this.out.length = 0;
    if (this.phaseNow !== 'idle' && this.phaseNow !== 'done') return this.out;
    this.before = this.phaseNow;
    this.enter('starting');
    return this.out;
  }

  /** The replace question's answer: false ("keep it") goes back to where start was asked, result included. */
  answer(replace: boolean): readonly ClinicalProtocolEvent[] {
    this.out.length = 0;
    if (this.phaseNow !== 'starting') return this.out;
    if (!replace) this.enter(this.before);
    else this.out.push({ kind: 'clear-result' }, { kind: 'open-source' });
    return this.out;
  }

  /** The camera runs (the countdown starts) or could not start (idle, with a notice). Only while starting. */
  source(live: boolean): readonly ClinicalProtocolEvent[] {
    this.out.length = 0;
    if (this.phaseNow !== 'starting') return this.out;
    if (!live) {
      this.idle('no-camera');
      return this.out;
    }
    this.countdownLeft = CLINICAL_COUNTDOWN_S;
    this.recorderAsked = false;
    this.enter('countdown');
    this.out.push({ kind: 'prompt', prompt: 'ready' }, { kind: 'countdown', n: this.countdownLeft });
    return this.out;
  }

  /** One second of the countdown has passed (the caller's timer). The last one asks for the recording. */
  tick(): readonly ClinicalProtocolEvent[] {
    this.out.length = 0;
    if (this.phaseNow !== 'countdown' || this.recorderAsked) return this.out;
    if (this.countdownLeft > 1) {
      this.countdownLeft--;
      this.out.push({ kind: 'countdown', n: this.countdownLeft });
    } else {
      this.recorderAsked = true;
      this.out.push({ kind: 'record' });
    }
    return this.out;
  }

  /** The recorder started at `tMs` (the time base of `time()`). */
  recordingStarted(tMs: Ms): readonly ClinicalProtocolEvent[] {
    this.out.length = 0;
    if (this.phaseNow !== 'countdown' || !this.recorderAsked) return this.out;
    this.recordStart = tMs;
    this.enter('recording');
    this.out.push({ kind: 'prompt', prompt: 'go' });
    if (this.recordMs !== null) {
      this.leftS = Math.ceil(this.recordMs / 1000);
      this.out.push({ kind: 'left', s: this.leftS });
    }
    return this.out;
  }

  /** The recorder could not start: idle, with the camera's notice. */
  recordingFailed(): readonly ClinicalProtocolEvent[] {
    this.out.length = 0;
    if (this.phaseNow === 'countdown' && this.recorderAsked) this.idle('no-camera');
    return this.out;
  }

  /** Time now (the base of `recordingStarted`): a self-stopping recording stops once its time is up. */
  time(tMs: Ms): readonly ClinicalProtocolEvent[] {
    this.out.length = 0;
    if (this.phaseNow !== 'recording' || this.recordMs === null) return this.out;
    const leftMs = this.recordMs - (tMs - this.recordStart);
    if (leftMs <= 0) {
      this.stopRecording();
      return this.out;
    }
    const s = Math.ceil(leftMs / 1000);
    if (s !== this.leftS) {
      this.leftS = s;
      this.out.push({ kind: 'left', s });
    }
    return this.out;
  }

  /** The user stops the recording. Only while recording. */
  stop(): readonly ClinicalProtocolEvent[] {
    this.out.length = 0;
    if (this.phaseNow === 'recording') this.stopRecording();
    return this.out;
  }

  /** The stopped recording holds something to analyse (done) or not (idle, too short). */
  stopped(recorded: boolean): readonly ClinicalProtocolEvent[] {
    this.out.length = 0;
    if (this.phaseNow !== 'stopping') return this.out;
    if (recorded) this.enter('done');
    else this.idle('too-short');
    return this.out;
  }

  /** "Analyse the latest recording" (idle or done): found is analysed (done), else idle with a notice. */
  latest(found: boolean): readonly ClinicalProtocolEvent[] {
    this.out.length = 0;
    if (this.phaseNow !== 'idle' && this.phaseNow !== 'done') return this.out;
    if (found) this.enter('done');
    else this.idle('no-recording');
    return this.out;
  }

  private stopRecording(): void {
    this.leftS = 0;
    this.enter('stopping');
    this.out.push(
      { kind: 'stop-record' },
      { kind: 'prompt', prompt: this.recordMs !== null ? 'stop' : 'done' },
    );
  }

  private idle(notice: ClinicalNotice): void {
    this.enter('idle');
    this.noticeNow = notice;
    this.out.push({ kind: 'notice', notice });
  }

  private enter(phase: ClinicalProtocolPhase): void {
    this.phaseNow = phase;
    this.noticeNow = null;
    this.out.push({ kind: 'phase', phase });
  }
}
