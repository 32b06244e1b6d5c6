// The guided test beside the video: positioning → countdown → prompted steps (hold, or repetitions with live
// phases) → analysis of the recording → results. Timing inside a test runs on frame time, so it follows the
// video, not the wall clock; only the countdown is wall-clock.
import { keypointsToArray } from '../../shared/keypoints';
import {
  analyzeSpine,
  checkPositioning,
  LiveSpineGauge,
  type PositioningProblem,
  type SpineAnalysis,
  type SpinePhase,
} from '../../analysis/spine/index';
import { modelInfo, type ModelId } from '../../shared/models';
import type { PoseFrame } from '../../shared/pose-frame';
import { ms } from '../../shared/units';
import { POSES_FORMAT, type PoseFrameV1, type PosesFileV1 } from '../../shared/poses-format';
import { announce } from '../announce';
import { appState, publishAnalysis, publishRecording } from '../app-state';
import { clear, h } from '../dom';
import { getLang, onLangChange, t, type I18nKey } from '../i18n';
import { savePanel, type SaveTarget } from '../save/save-panel';
import type { ViewContext } from '../view';
import { SpineGauge } from './gauge';
import type { Protocol, ProtocolStep } from './protocols';
import { isWrongTest, renderResults, toAnalysisV1 } from './results';
import type { Speaker } from './speech';

export type PanelState =
  'starting' | 'no-camera' | 'positioning' | 'countdown' | 'active' | 'analysing' | 'done';

/** Positioning must hold this long (frame time) before the countdown starts. */
const POSITION_OK_MS = 1000;
const COUNTDOWN_S = 3;
/** Standing still this long before the movement prompt. */
const NEUTRAL_MS = 1500;
/** A positioning instruction that persists is said again after this long (wall clock). */
const REPEAT_SPEECH_MS = 7000;
/** Positioning instructions are said at most this often, so a flickering check does not chatter. */
const MIN_SPEECH_GAP_MS = 2500;
const BLAZEPOSE: ModelId = 'blazepose-full';

/**
 * Model switches and camera starts one after another: a test closed and the next one opened at once must not
 * restart the pose worker twice at the same time.
 */
let captureOps: Promise<unknown> = Promise.resolve();
function queued<T>(op: () => Promise<T>): Promise<T> {
  const next = captureOps.then(op, op);
  captureOps = next.catch(() => undefined);
  return next;
}

/** problemsKey before the first frame of a positioning phase. */
const WAITING = '(waiting)';
const NO_BODY: readonly PositioningProblem[] = ['body-not-in-view'];

export function problemKey(p: PositioningProblem): I18nKey {
  switch (p) {
    case 'body-not-in-view':
    case 'feet-not-visible':
    case 'head-not-visible':
    case 'turn-side-on':
    case 'face-camera':
    case 'too-close':
    case 'too-far':
    case 'too-dark-or-low-confidence':
      return `spine.pos.${p}`;
  }
}

export class GuidedPanel {
  readonly el: HTMLElement;
  state: PanelState = 'starting';
  private stepIndex = 0;
  private gaugeView: SpineGauge | null;
  private gauge: LiveSpineGauge | null = null;
  private gaugeSkeleton = '';
  private prompt: { key: I18nKey; params?: Record<string, string | number> } | null = null;
  private problems: readonly PositioningProblem[] = [];
  private problemsKey = '';
  private spokenProblem = '';
  private spokenAt = -Infinity;
  private okSince = NaN;
  private countdown = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private recording = false;
  private stepReps = 0;
  private seenReps = 0;
  private lastPhase: SpinePhase = 'neutral';
  private neutralSince = NaN;
  private movePrompted = false;
  private holdStart = NaN;
  private holdProgress = 0;
  private analysis: SpineAnalysis | null = null;
  /** What finish() published for saving (null: nothing to save, e.g. a walk in a spine test). */
  private published: SaveTarget | null = null;
  private noRecording = false;
  private destroyed = false;
  /** Test hook: frames fed from a file replace the camera, and are recorded here. */
  private synthetic = false;
  private synthFile: PosesFileV1 | null = null;
  private synthFrames: PoseFrameV1[] = [];
  private synthT = NaN;
  /** The model before this test switched to BlazePose; restored on close (null: no switch). */
  private previousModel: ModelId | null = null;
  /** Whether the last frame had a followed subject (the gauge shows a reading only then). */
  private followed = false;
  private startedCamera = false;
  private readonly unsubscribe: () => void;
  private readonly unLang: () => void;
  private readonly body: HTMLElement;
  private readonly guidance: HTMLElement;
  private readonly promptEl: HTMLElement;
  private readonly progressEl: HTMLProgressElement;

  constructor(
    private readonly ctx: ViewContext,
    readonly protocol: Protocol,
    private readonly speaker: Speaker,
    private readonly onClose: () => void,
  ) {
    this.gaugeView = this.makeGaugeView();
    this.guidance = h('ul', { class: 'spine-guidance', 'data-testid': 'spine-guidance' });
    // Announced through the one live region (announce), so not a live region itself.
    this.promptEl = h('p', { class: 'spine-prompt', 'data-testid': 'spine-prompt' });
    this.progressEl = h('progress', { max: 1, value: 0, class: 'spine-hold' });
    this.body = h('div', { class: 'spine-body' });
    this.el = h('div', { class: 'spine-panel', 'data-testid': 'spine-panel', 'data-protocol': protocol.id });
    this.unsubscribe = ctx.capture.addFrameListener((frame, subject) => {
      if (!this.synthetic && ctx.capture.isLive) this.onFrame(frame, subject);
    });
    this.unLang = onLangChange(() => {
      this.gaugeView = this.makeGaugeView();
      this.render();
    });
    this.render();
  }

  private makeGaugeView(): SpineGauge | null {
    const test = this.protocol.test;
    if (test === 'posture') return null;
    return new SpineGauge({
      maxDeg: test === 'forward-flexion' ? 120 : 60,
      direction: test === 'extension' ? -1 : 1,
      fingertip: test === 'forward-flexion',
    });
  }

  private get step(): ProtocolStep {
    return this.protocol.steps[Math.min(this.stepIndex, this.protocol.steps.length - 1)];
  }

  /**
   * Switches to BlazePose (fingertips) if needed, saying so, then starts the camera afresh (a new frame
   * source, tracker and pump for every test) and asks for the position.
   */
  async start(): Promise<void> {
    this.setState('starting');
    const capture = this.ctx.capture;
    if (modelInfo(appState.model).family !== 'blazepose') {
      this.previousModel = appState.model;
      this.render();
      await queued(() => capture.setModel(BLAZEPOSE));
    }
    if (this.destroyed || this.synthetic) return;
    this.startedCamera = true;
    await queued(() => capture.startCamera());
    if (this.destroyed || this.synthetic) return;
    this.setState(capture.isLive ? 'positioning' : 'no-camera');
  }

  /** Test hook: plays a recording's frames through the panel instead of the camera, continuing its clock. */
  feed(file: PosesFileV1): void {
    if (!this.synthetic) {
      this.synthetic = true;
      if (this.state === 'starting' || this.state === 'no-camera') this.setState('positioning');
    }
    this.synthFile = file;
    const dt = 1000 / (file.fps || 30);
    const t0 = file.frames[0]?.tMs ?? 0;
    const base = Number.isFinite(this.synthT) ? this.synthT + dt - t0 : -t0;
    for (const f of file.frames) {
      if (this.destroyed) return;
      const tMs = f.tMs + base;
      this.synthT = tMs;
      const kp = keypointsToArray(f.keypoints);
      // A frame without keypoints stands for nobody in view (no pose, no followed subject).
      const nobody = f.keypoints.length === 0;
      const frame: PoseFrame = {
        skeleton: file.skeleton,
        tMs: ms(tMs),
        inferenceMs: ms(0),
        width: file.width,
        height: file.height,
        poses: nobody ? [] : [{ keypoints: kp, score: 1 }],
      };
      if (this.recording && !nobody) this.synthFrames.push({ ...f, tMs });
      this.onFrame(frame, nobody ? -1 : 0);
    }
  }

  destroy(): void {
    this.destroyed = true;
    this.stopTimer();
    this.speaker.cancel();
    const capture = this.ctx.capture;
    if (this.recording && !this.synthetic) capture.stopRecording();
    this.recording = false;
    this.unsubscribe();
    // Leave the capture as it was before the test: camera off, the user's model back.
    if (this.startedCamera) void queued(async () => capture.stop());
    const prev = this.previousModel;
    if (prev !== null) void queued(() => capture.setModel(prev));
    this.unLang();
    this.el.remove();
  }

  /** One live result: positioning check, gauge, and the step's progress. */
  onFrame(frame: PoseFrame, subject: number): void {
    if (this.destroyed) return;
    const pose = subject >= 0 ? frame.poses[subject] : undefined;
    const tMs = frame.tMs as number;
    const step = this.step;
    if (pose && this.gaugeView) {
      if (!this.gauge || this.gaugeSkeleton !== frame.skeleton) this.newGauge(frame.skeleton);
      this.gauge?.push(tMs, pose.keypoints);
      this.followed = true;
      this.updateGauge();
    } else if (!pose && this.followed) {
      // Nobody followed: no reading, no "hold", and nothing said about a pose that is not there.
      this.followed = false;
      this.gaugeView?.clearReading();
    }
    switch (this.state) {
      case 'positioning': {
        const res = pose
          ? checkPositioning(
              pose.keypoints,
              frame.skeleton,
              frame.width,
              frame.height,
              this.protocol.test,
              step.view,
            )
          : { ok: false, problems: NO_BODY };
        this.showProblems(res.problems);
        if (!res.ok) this.okSince = NaN;
        else if (!(this.okSince <= tMs)) this.okSince = tMs;
        else if (tMs - this.okSince >= POSITION_OK_MS) this.beginCountdown();
        return;
      }
      case 'active':
        if (!pose) return;
        if (step.kind === 'hold') this.advanceHold(tMs, step.holdMs);
        else this.advanceReps(tMs, step.reps, step.side);
        return;
      default:
        return;
    }
  }

  private newGauge(skeleton: PoseFrame['skeleton']): void {
    const test = this.protocol.test;
    if (test === 'posture') return;
    this.gauge = new LiveSpineGauge({
      skeleton,
      test,
      heightM: appState.heightM ?? this.synthFile?.subject.heightM,
    });
    this.gaugeSkeleton = skeleton;
    this.seenReps = 0;
  }

  private updateGauge(): void {
    const g = this.gauge;
    if (!g || !this.gaugeView) return;
    if (!this.followed) {
      this.gaugeView.clearReading();
      return;
    }
    const total = this.step.kind === 'reps' ? this.step.reps : 0;
    this.gaugeView.update({
      trunkDeg: g.trunkDeg,
      heldDeg: g.heldEndRangeDeg,
      fingertipCm: g.fingertipToFloorCm,
      heldFingertipCm: g.heldFingertipToFloorCm,
      phase: g.phase,
      hasHeight: appState.heightM !== undefined || this.synthFile?.subject.heightM !== undefined,
      reps: this.state === 'active' || this.state === 'done' ? this.stepReps : 0,
      totalReps: total,
    });
  }

  private advanceHold(tMs: number, holdMs: number): void {
    if (!Number.isFinite(this.holdStart)) this.holdStart = tMs;
    this.holdProgress = Math.min(1, (tMs - this.holdStart) / holdMs);
    this.progressEl.value = this.holdProgress;
    if (this.holdProgress >= 1) this.nextStep();
  }

  private advanceReps(tMs: number, reps: number, side: 'left' | 'right' | undefined): void {
    const g = this.gauge;
    if (!g) return;
    if (!Number.isFinite(this.neutralSince)) this.neutralSince = tMs;
    if (g.reps > this.seenReps) {
      const n = g.reps - this.seenReps;
      this.seenReps = g.reps;
      if (!side || g.side === side) this.stepReps += n;
      this.updateGauge();
      if (this.stepReps >= reps) {
        this.nextStep();
        return;
      }
      this.say('spine.say.repDone', { n: this.stepReps, total: reps });
      this.movePrompted = false;
      this.neutralSince = tMs;
    }
    if (g.phase !== this.lastPhase) {
      this.lastPhase = g.phase;
      if (g.phase === 'end-range') this.say('spine.say.hold');
      else if (g.phase === 'returning') this.say('spine.say.return');
      else if (g.phase === 'neutral') this.neutralSince = tMs;
      else if (g.phase === 'moving') this.movePrompted = true;
    }
    if (g.phase === 'neutral' && !this.movePrompted && tMs - this.neutralSince >= NEUTRAL_MS) {
      this.movePrompted = true;
      const test = this.protocol.test;
      // Lateral flexion's steps always name a side; posture has no repetitions to prompt.
      if (side) this.say(`spine.say.bend.${side}`);
      else if (test === 'forward-flexion' || test === 'extension') this.say(`spine.say.bend.${test}`);
    }
  }

  private beginCountdown(): void {
    this.stopTimer();
    this.okSince = NaN;
    this.countdown = COUNTDOWN_S;
    this.setState('countdown');
    // A fresh gauge learns the neutral posture and the floor while the subject stands still.
    if (this.stepIndex === 0) this.gauge = null;
    this.speakRaw(String(this.countdown));
    this.timer = setInterval(() => {
      this.countdown--;
      if (this.countdown > 0) {
        this.speakRaw(String(this.countdown));
        this.render();
      } else {
        this.stopTimer();
        this.beginActive();
      }
    }, 1000);
  }

  private beginActive(): void {
    if (!this.recording) {
      if (this.synthetic) {
        this.synthFrames = [];
        this.recording = true;
      } else {
        this.recording = this.ctx.capture.startRecording();
      }
    }
    this.resetStep();
    this.setState('active');
    this.say(this.step.kind === 'hold' ? 'spine.say.holdStill' : 'spine.say.standStill');
  }

  private resetStep(): void {
    this.stepReps = 0;
    this.seenReps = this.gauge?.reps ?? 0;
    this.lastPhase = this.gauge?.phase ?? 'neutral';
    this.neutralSince = NaN;
    this.movePrompted = false;
    this.holdStart = NaN;
    this.holdProgress = 0;
  }

  private nextStep(): void {
    const prev = this.step;
    this.stepIndex++;
    if (this.stepIndex >= this.protocol.steps.length) {
      void this.finish();
      return;
    }
    const next = this.step;
    this.resetStep();
    if (next.view !== prev.view) {
      this.setState('positioning');
      this.say(next.view === 'front' ? 'spine.say.turnFront' : 'spine.pos.want.side');
    } else {
      this.setState('active');
      this.say(next.kind === 'reps' && next.side === 'right' ? 'spine.say.nowRight' : 'spine.say.standStill');
    }
  }

  /** Stops the recording, analyses it, shows the results and publishes them for saving. */
  async finish(): Promise<void> {
    this.stopTimer();
    let rec: PosesFileV1 | null = null;
    if (this.recording) {
      this.recording = false;
      rec = this.synthetic ? this.syntheticRecording() : this.ctx.capture.stopRecording();
      if (rec && this.synthetic) publishRecording(rec);
    }
    this.setState('analysing');
    // Let the panel paint "Analysing…" before the (synchronous) analysis.
    await new Promise((r) => setTimeout(r, 30));
    if (this.destroyed) return;
    if (!rec || rec.frames.length < 2) {
      this.noRecording = true;
      this.analysis = null;
    } else {
      const heightM = appState.heightM ?? rec.subject.heightM;
      this.analysis = analyzeSpine(rec, { test: this.protocol.test, heightM });
      this.published = null;
      // A walk in a spine test gives no numbers, so nothing is offered for saving either.
      if (!isWrongTest(this.analysis)) {
        this.published = {
          recording: rec,
          analysis: toAnalysisV1(rec, this.analysis),
          kind: this.protocol.test === 'posture' ? 'posture' : 'spine',
          protocol: this.protocol.id,
        };
        publishAnalysis(this.published);
      }
    }
    this.setState('done');
    this.say('spine.say.done');
  }

  private syntheticRecording(): PosesFileV1 | null {
    const src = this.synthFile;
    if (!src) return null;
    const heightM = appState.heightM ?? src.subject.heightM;
    return {
      format: POSES_FORMAT,
      skeleton: src.skeleton,
      fps: src.fps,
      width: src.width,
      height: src.height,
      subject: heightM !== undefined ? { heightM } : {},
      source: { name: 'synthetic', model: src.source?.model },
      frames: this.synthFrames,
    };
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private showProblems(problems: readonly PositioningProblem[]): void {
    const key = problems.join(',');
    if (key !== this.problemsKey) {
      this.problemsKey = key;
      this.problems = problems;
      this.renderGuidance();
    }
    const first = problems[0];
    const now = performance.now();
    const since = now - this.spokenAt;
    if (first && ((first !== this.spokenProblem && since > MIN_SPEECH_GAP_MS) || since > REPEAT_SPEECH_MS)) {
      this.spokenProblem = first;
      this.spokenAt = now;
      this.speakRaw(t(problemKey(first)));
    } else if (!first) {
      this.spokenProblem = '';
    }
  }

  private renderGuidance(): void {
    clear(this.guidance);
    if (this.problemsKey === WAITING) {
      this.guidance.dataset.problems = '';
      this.guidance.append(h('li', { class: 'waiting' }, t('spine.pos.waiting')));
      return;
    }
    this.guidance.dataset.problems = this.problemsKey;
    if (this.problems.length === 0) {
      this.guidance.append(h('li', { class: 'ok', 'data-problem': 'none' }, t('spine.pos.ok')));
      return;
    }
    for (const p of this.problems) this.guidance.append(h('li', { 'data-problem': p }, t(problemKey(p))));
  }

  private say(key: I18nKey, params?: Record<string, string | number>): void {
    this.prompt = { key, params };
    this.promptEl.textContent = t(key, params);
    this.speakRaw(t(key, params));
  }

  /** Spoken (unless muted) and announced in the live region for screen readers (issue 13). */
  private speakRaw(text: string): void {
    this.speaker.say(text, getLang());
    announce(text);
  }

  private setState(s: PanelState): void {
    this.state = s;
    if (s === 'positioning') {
      this.problemsKey = WAITING;
      this.problems = [];
      this.okSince = NaN;
    }
    this.render();
  }

  private render(): void {
    if (this.destroyed) return;
    const p = this.protocol;
    const step = this.step;
    this.el.dataset.state = this.state;
    clear(this.el);
    const mute = h(
      'button',
      {
        type: 'button',
        class: 'spine-mute',
        'data-testid': 'spine-mute',
        'aria-pressed': this.speaker.muted ? 'true' : 'false',
        onclick: () => {
          this.speaker.setMuted(!this.speaker.muted);
          this.render();
        },
      },
      this.speaker.muted ? t('spine.panel.unmute') : t('spine.panel.mute'),
    );
    const closeLabel = this.state === 'done' ? t('spine.panel.close') : t('spine.panel.cancel');
    this.el.append(
      h(
        'header',
        { class: 'spine-panel-head' },
        h('h2', {}, t(`spine.protocol.${p.id}`)),
        h(
          'p',
          { class: 'spine-step' },
          p.steps.length > 1
            ? `${t('spine.panel.step', {
                n: Math.min(this.stepIndex, p.steps.length - 1) + 1,
                total: p.steps.length,
              })} · `
            : '',
          t(`spine.view.${step.view}`),
        ),
        h('div', { class: 'spine-panel-actions' }, this.speaker.supported ? mute : null),
      ),
      h('p', { class: 'spine-state', 'data-testid': 'spine-state' }, t(`spine.state.${this.stateKey()}`)),
      h('p', { class: 'hint', hidden: this.speaker.supported }, t('spine.panel.noSpeech')),
      h(
        'p',
        { class: 'hint', 'data-testid': 'spine-no-local-voice', hidden: !this.noLocalVoice() },
        t('spine.panel.noLocalVoice'),
      ),
      h(
        'p',
        { class: 'hint', 'data-testid': 'spine-model-note', hidden: this.previousModel === null },
        t('spine.panel.modelSwitched', {
          model: this.previousModel === null ? '' : t(`model.${this.previousModel}`),
        }),
      ),
      this.body,
      h(
        'div',
        { class: 'spine-buttons' },
        this.state === 'positioning'
          ? h(
              'button',
              { type: 'button', 'data-testid': 'spine-skip', onclick: () => this.beginCountdown() },
              t('spine.panel.skip'),
            )
          : null,
        this.state === 'active'
          ? h(
              'button',
              {
                type: 'button',
                class: 'primary',
                'data-testid': 'spine-finish',
                onclick: () => void this.finish(),
              },
              t('spine.panel.finish'),
            )
          : null,
        this.state === 'done'
          ? h(
              'button',
              { type: 'button', 'data-testid': 'spine-again', onclick: () => this.restart() },
              t('spine.result.again'),
            )
          : null,
        h(
          'button',
          { type: 'button', 'data-testid': 'spine-close', onclick: () => this.onClose() },
          closeLabel,
        ),
      ),
    );
    this.renderBody(step);
  }

  private noLocalVoice(): boolean {
    return this.speaker.supported && !this.speaker.hasLocalVoice(getLang());
  }

  private stateKey(): Exclude<PanelState, 'no-camera'> | 'noCamera' {
    return this.state === 'no-camera' ? 'noCamera' : this.state;
  }

  private renderBody(step: ProtocolStep): void {
    clear(this.body);
    if (this.prompt) this.promptEl.textContent = t(this.prompt.key, this.prompt.params);
    switch (this.state) {
      case 'starting':
      case 'no-camera':
      case 'analysing':
        return;
      case 'positioning':
        this.body.append(h('p', { class: 'spine-want' }, t(`spine.pos.want.${step.view}`)), this.guidance);
        this.renderGuidance();
        if (this.stepIndex > 0) this.body.append(this.promptEl);
        break;
      case 'countdown':
        this.body.append(
          h('div', { class: 'spine-countdown', 'data-testid': 'spine-countdown' }, String(this.countdown)),
        );
        break;
      case 'active':
        this.body.append(this.promptEl);
        if (step.kind === 'hold') this.body.append(this.progressEl);
        break;
      case 'done':
        if (this.noRecording)
          this.body.append(h('p', { class: 'spine-warning' }, t('spine.result.noRecording')));
        else if (this.analysis) {
          this.body.append(renderResults(this.analysis));
          if (this.published) this.body.append(savePanel(this.published, this.ctx));
        }
        return;
    }
    if (this.gaugeView) {
      this.body.append(this.gaugeView.el);
      this.updateGauge();
    }
  }

  private restart(): void {
    this.stepIndex = 0;
    this.analysis = null;
    this.published = null;
    this.noRecording = false;
    this.prompt = null;
    this.gauge = null;
    this.resetStep();
    if (this.synthetic) this.setState('positioning');
    else void this.start();
  }
}
