// The guided test beside the video, a thin driver of SpineProtocol (src/analysis/protocols/spine-protocol.ts): it
// gives the protocol the frames of its source (the camera, or a replayed recording), renders and speaks the
// protocol's events, records when told to, and analyses the recording through the one analysis entry point. Time
// inside a test is frame time, so it follows the video; only the countdown's seconds are wall-clock (a timer ticks).
import {
  SpineProtocol,
  type SpineProtocolEvent,
  type SpineProtocolPhase,
  type SpinePrompt,
} from '../../analysis/protocols';
import { analyzeRecordingDetailed } from '../../analysis/recording';
import type { PositioningProblem, SpineAnalysis } from '../../analysis/spine/index';
import type { KeepRecording } from '../../capture/recording-source';
import { keypointsToArray } from '../../shared/keypoints';
import { modelInfo, type ModelChoice, type ModelId } from '../../shared/models';
import type { PoseFrame } from '../../shared/pose-frame';
import { POSES_FORMAT, type PoseFrameV1, type PosesFileV1 } from '../../shared/poses-format';
import { meters, ms } from '../../shared/units';
import { announce } from '../announce';
import { appState, publishAnalysis, publishRecording } from '../app-state';
import { clear, h } from '../dom';
import { getLang, onLangChange, t, type I18nKey } from '../i18n';
import { savePanel, type SaveTarget } from '../save/save-panel';
import type { ViewContext } from '../view';
import { SpineGauge } from './gauge';
import type { Protocol, ProtocolStep } from './protocols';
import { isWrongTest, renderResults } from './results';
import type { Speaker } from './speech';

export type PanelState = Exclude<SpineProtocolPhase, 'finished'> | 'analysing' | 'done';

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

/**
 * The recordings the guided spine tests made on this page. Posture, flexion, extension and lateral flexion are
 * recorded one after another in a session: each result stays a draft (listed under Progress, with its analysis),
 * so the next test replaces it as the current recording without asking. Anything else unsaved is asked about.
 */
const spineResults = new WeakSet<PosesFileV1>();
const keepSpineResults: KeepRecording = (rec) => spineResults.has(rec);

/** Where a guided test's frames come from: the camera (through the capture view), or a replayed recording. */
export interface SpineFrameSource {
  /** Whether a new recording may replace the current one (asks when an unsaved one would be dropped). */
  mayRecord(keep: KeepRecording): Promise<boolean>;
  /** Gets frames going; resolves whether they will come (false: no camera). */
  start(): Promise<boolean>;
  /** Frames with the followed subject's index in frame.poses (-1: nobody followed). */
  listen(fn: (frame: PoseFrame, subject: number) => void): () => void;
  startRecording(keep: KeepRecording): Promise<boolean>;
  /** Stops recording and returns the recording, published as the current one (null: none, or too short). */
  stopRecording(): PosesFileV1 | null;
  /** The user's model this source switched away from (null: none). */
  readonly switchedFrom: ModelChoice | null;
  /** Leaves the capture as it was before the test. */
  close(): void;
}

/** The live camera: BlazePose (fingertips) for the test, a fresh camera start, the user's model back on close. */
export class CameraFrameSource implements SpineFrameSource {
  switchedFrom: ModelChoice | null = null;
  private startedCamera = false;
  private closed = false;
  private recorded = false;

  constructor(private readonly capture: ViewContext['capture']) {}

  mayRecord(keep: KeepRecording): Promise<boolean> {
    return this.capture.mayReplace(keep);
  }

  async start(): Promise<boolean> {
    const capture = this.capture;
    if (appState.model === 'auto' || modelInfo(appState.model).family !== 'blazepose') {
      this.switchedFrom = appState.model;
      // Queued behind earlier panels' switches: by the time it runs the panel may be closed (skip it then).
      await queued(() => (this.closed ? Promise.resolve() : capture.setModel(BLAZEPOSE)));
    }
    if (this.closed) return false;
    this.startedCamera = true;
    await queued(() => capture.startCamera());
    return !this.closed && capture.isLive;
  }

  listen(fn: (frame: PoseFrame, subject: number) => void): () => void {
    // Camera frames only: a file analysed meanwhile in the capture view is no part of the test.
    return this.capture.addFrameListener((frame, subject) => {
      if (this.capture.isLive) fn(frame, subject);
    });
  }

  async startRecording(keep: KeepRecording): Promise<boolean> {
    this.recorded = await this.capture.startRecording(keep);
    return this.recorded;
  }

  stopRecording(): PosesFileV1 | null {
    if (!this.recorded) return null;
    this.recorded = false;
    return this.capture.isRecording ? this.capture.stopRecording() : null;
  }

  close(): void {
    this.closed = true;
    const capture = this.capture;
    // Only a recording this test started: one the user started in the capture view is theirs to stop.
    if (this.recorded && capture.isRecording) capture.stopRecording();
    this.recorded = false;
    // Both run after the queue ahead of them (model loads take seconds): by then the user may have chosen another
    // model or started a file analysis, which these must not undo (seen in a browser test: a late restore killed
    // a file analysis in progress). So only the camera this panel started is stopped, and the model is put back
    // only while it is still the one this panel chose.
    if (this.startedCamera) void queued(async () => (capture.isLive ? capture.stop() : undefined));
    const prev = this.switchedFrom;
    if (prev !== null)
      void queued(() => (appState.model === BLAZEPOSE ? capture.setModel(prev) : Promise.resolve()));
  }
}

/**
 * A recording (ganglag.poses/v1) played through the test as if it came from the camera, each played file continuing
 * the clock of the one before; a frame without keypoints stands for nobody in view. It records what it plays.
 */
export class ReplayFrameSource implements SpineFrameSource {
  readonly switchedFrom = null;
  private listener: ((frame: PoseFrame, subject: number) => void) | null = null;
  private file: PosesFileV1 | null = null;
  private frames: PoseFrameV1[] = [];
  private recordingNow = false;
  private t = NaN;

  mayRecord(): Promise<boolean> {
    return Promise.resolve(true); // records nothing the capture view holds
  }

  start(): Promise<boolean> {
    return Promise.resolve(true);
  }

  listen(fn: (frame: PoseFrame, subject: number) => void): () => void {
    this.listener = fn;
    return () => {
      if (this.listener === fn) this.listener = null;
    };
  }

  startRecording(): Promise<boolean> {
    this.frames = [];
    this.recordingNow = true;
    return Promise.resolve(true);
  }

  stopRecording(): PosesFileV1 | null {
    const src = this.file;
    if (!this.recordingNow || !src) return null;
    this.recordingNow = false;
    const heightM = appState.heightM ?? src.subject.heightM;
    const rec: PosesFileV1 = {
      format: POSES_FORMAT,
      skeleton: src.skeleton,
      fps: src.fps,
      width: src.width,
      height: src.height,
      subject: heightM !== undefined ? { heightM } : {},
      source: { name: 'synthetic', model: src.source?.model },
      frames: this.frames,
    };
    publishRecording(rec);
    return rec;
  }

  close(): void {
    this.listener = null;
    this.recordingNow = false;
  }

  /** Plays every frame of `file` now, in order. */
  play(file: PosesFileV1): void {
    this.file = file;
    const dt = 1000 / (file.fps || 30);
    const t0 = file.frames[0]?.tMs ?? 0;
    const base = Number.isFinite(this.t) ? this.t + dt - t0 : -t0;
    for (const f of file.frames) {
      const tMs = f.tMs + base;
      this.t = tMs;
      const nobody = f.keypoints.length === 0;
      const frame: PoseFrame = {
        skeleton: file.skeleton,
        tMs: ms(tMs),
        inferenceMs: ms(0),
        width: file.width,
        height: file.height,
        poses: nobody ? [] : [{ keypoints: keypointsToArray(f.keypoints), score: 1 }],
      };
      if (this.recordingNow && !nobody) this.frames.push({ ...f, tMs });
      this.listener?.(frame, nobody ? -1 : 0);
    }
  }
}

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

interface PromptText {
  key: I18nKey;
  params?: Record<string, string | number>;
}

function promptText(p: SpinePrompt): PromptText {
  switch (p.code) {
    case 'stand-still':
      return { key: 'spine.say.standStill' };
    case 'hold-still':
      return { key: 'spine.say.holdStill' };
    case 'bend':
      return { key: `spine.say.bend.${p.direction}` };
    case 'hold':
      return { key: 'spine.say.hold' };
    case 'return':
      return { key: 'spine.say.return' };
    case 'rep-done':
      return { key: 'spine.say.repDone', params: { n: p.n, total: p.total } };
    case 'now-right':
      return { key: 'spine.say.nowRight' };
    case 'turn-front':
      return { key: 'spine.say.turnFront' };
    case 'turn-side':
      return { key: 'spine.pos.want.side' };
  }
}

export class GuidedPanel {
  readonly el: HTMLElement;
  private readonly machine: SpineProtocol;
  private source: SpineFrameSource;
  private unlisten: () => void;
  /** After the protocol finished: analysing the recording, then its results. */
  private after: 'analysing' | 'done' | null = null;
  private gaugeView: SpineGauge | null;
  private prompt: PromptText | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private analysis: SpineAnalysis | null = null;
  /** What finish() published for saving (null: nothing to save, e.g. a walk in a spine test). */
  private published: SaveTarget | null = null;
  private noRecording = false;
  private destroyed = false;
  /** The subject height a replayed recording carries (used when no height is entered). */
  private replayHeightM: number | undefined;
  private readonly unLang: () => void;
  private readonly body: HTMLElement;
  private readonly guidance: HTMLElement;
  private readonly promptEl: HTMLElement;
  private readonly progressEl: HTMLProgressElement;

  /** `source`: where frames come from; the camera unless another is given. */
  constructor(
    private readonly ctx: ViewContext,
    readonly protocol: Protocol,
    private readonly speaker: Speaker,
    private readonly onClose: () => void,
    source?: SpineFrameSource,
  ) {
    this.machine = new SpineProtocol(protocol);
    this.source = source ?? new CameraFrameSource(ctx.capture);
    this.unlisten = this.source.listen(this.onFrame);
    this.gaugeView = this.makeGaugeView();
    this.guidance = h('ul', { class: 'spine-guidance', 'data-testid': 'spine-guidance' });
    // Announced through the one live region (announce), so not a live region itself.
    this.promptEl = h('p', { class: 'spine-prompt', 'data-testid': 'spine-prompt' });
    this.progressEl = h('progress', { max: 1, value: 0, class: 'spine-hold' });
    this.body = h('div', { class: 'spine-body' });
    this.el = h('div', { class: 'spine-panel', 'data-testid': 'spine-panel', 'data-protocol': protocol.id });
    this.unLang = onLangChange(() => {
      this.gaugeView = this.makeGaugeView();
      this.render();
    });
    this.render();
  }

  /** Where the test is (the browser tests read it). */
  get state(): PanelState {
    if (this.after) return this.after;
    const phase = this.machine.phase;
    return phase === 'finished' ? 'analysing' : phase;
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
    return this.machine.step;
  }

  private heightM(): number | undefined {
    return appState.heightM ?? this.replayHeightM;
  }

  /**
   * Asks first when the test would replace an unsaved recording from elsewhere ("Keep it" closes the panel and
   * changes nothing); then starts the source (the camera: BlazePose, a fresh camera start) and asks for the position.
   */
  async start(): Promise<void> {
    if (!(await this.source.mayRecord(keepSpineResults))) {
      if (!this.destroyed) this.onClose();
      return;
    }
    if (this.destroyed) return;
    const src = this.source;
    const live = src.start();
    this.render(); // says so when the model was switched
    const ok = await live;
    if (this.destroyed || src !== this.source) return;
    this.apply(this.machine.start(ok));
  }

  /** Plays a recording through the test instead of the camera (from now on), continuing its clock. */
  feed(file: PosesFileV1): void {
    if (this.destroyed) return;
    let replay = this.source instanceof ReplayFrameSource ? this.source : null;
    if (!replay) {
      replay = new ReplayFrameSource();
      this.useSource(replay);
      if (this.machine.phase === 'no-camera') this.apply(this.machine.restart());
      this.apply(this.machine.start(true)); // a replay is live at once
    }
    this.replayHeightM = file.subject.heightM;
    replay.play(file);
  }

  /** Takes frames from `src` from now on; the previous source leaves the capture as it found it. */
  useSource(src: SpineFrameSource): void {
    this.unlisten();
    this.source.close();
    this.source = src;
    this.unlisten = src.listen(this.onFrame);
    this.render();
  }

  destroy(): void {
    this.destroyed = true;
    this.stopTimer();
    this.speaker.cancel();
    this.unlisten();
    this.source.close();
    this.unLang();
    this.el.remove();
  }

  /** One frame of the source: the protocol checks, counts and times; the panel shows what it says. */
  private readonly onFrame = (frame: PoseFrame, subject: number): void => {
    if (this.destroyed) return;
    const pose = subject >= 0 ? frame.poses[subject] : undefined;
    const heightM = this.heightM();
    this.machine.setHeight(heightM === undefined ? undefined : meters(heightM));
    this.apply(
      this.machine.frame(frame.tMs, pose?.keypoints ?? null, frame.skeleton, frame.width, frame.height),
    );
  };

  private apply(events: readonly SpineProtocolEvent[]): void {
    for (const e of events) {
      switch (e.kind) {
        case 'phase':
          this.onPhase(e.phase);
          break;
        case 'step':
          break; // the phase that follows renders the step
        case 'problems':
          this.renderGuidance();
          break;
        case 'say-problem':
          this.speakRaw(t(problemKey(e.problem)));
          break;
        case 'countdown':
          this.speakRaw(String(e.n));
          this.render();
          break;
        case 'prompt':
          this.say(promptText(e.prompt));
          break;
        case 'record':
          void this.source.startRecording(keepSpineResults);
          break;
        case 'reading':
          this.updateGauge();
          if (this.step.kind === 'hold') this.progressEl.value = this.machine.holdProgress;
          break;
        case 'lost':
          // Nobody followed: no reading, no "hold", and nothing said about a pose that is not there.
          this.gaugeView?.clearReading();
          break;
      }
    }
  }

  private onPhase(phase: SpineProtocolPhase): void {
    if (phase !== 'countdown') this.stopTimer();
    else if (this.timer === null) this.timer = setInterval(() => this.apply(this.machine.tick()), 1000);
    if (phase === 'finished') void this.finish();
    else this.render();
  }

  private updateGauge(): void {
    const g = this.machine.gauge;
    if (!this.gaugeView) return;
    if (!g || !this.machine.followed) {
      this.gaugeView.clearReading();
      return;
    }
    const total = this.step.kind === 'reps' ? this.step.reps : 0;
    const state = this.state;
    this.gaugeView.update({
      trunkDeg: g.trunkDeg,
      heldDeg: g.heldEndRangeDeg,
      fingertipCm: g.fingertipToFloorCm,
      heldFingertipCm: g.heldFingertipToFloorCm,
      phase: g.phase,
      hasHeight: this.heightM() !== undefined,
      reps: state === 'active' || state === 'done' ? this.machine.stepReps : 0,
      totalReps: total,
    });
  }

  /** Stops the recording, analyses it as the test, shows the results and publishes them for saving. */
  private async finish(): Promise<void> {
    this.stopTimer();
    const rec = this.source.stopRecording();
    this.after = 'analysing';
    this.render();
    // Let the panel paint "Analysing…" before the (synchronous) analysis.
    await new Promise((r) => setTimeout(r, 30));
    if (this.destroyed) return;
    this.published = null;
    if (!rec || rec.frames.length < 2) {
      this.noRecording = true;
      this.analysis = null;
    } else {
      spineResults.add(rec);
      const heightM = appState.heightM ?? rec.subject.heightM;
      const test = this.protocol.test;
      const res = analyzeRecordingDetailed(rec, {
        test,
        heightM: heightM === undefined ? undefined : meters(heightM),
      });
      this.analysis = res.spine ?? null;
      // A walk in a spine test gives no numbers, so nothing is offered for saving either.
      if (this.analysis && !isWrongTest(this.analysis)) {
        this.published = {
          recording: rec,
          analysis: res.result,
          kind: test === 'posture' ? 'posture' : 'spine',
          protocol: this.protocol.id,
        };
        publishAnalysis(this.published);
      }
    }
    this.after = 'done';
    this.render();
    this.say({ key: 'spine.say.done' });
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private renderGuidance(): void {
    clear(this.guidance);
    const problems = this.machine.problems;
    if (problems === null) {
      this.guidance.dataset.problems = '';
      this.guidance.append(h('li', { class: 'waiting' }, t('spine.pos.waiting')));
      return;
    }
    this.guidance.dataset.problems = problems.join(',');
    if (problems.length === 0) {
      this.guidance.append(h('li', { class: 'ok', 'data-problem': 'none' }, t('spine.pos.ok')));
      return;
    }
    for (const p of problems) this.guidance.append(h('li', { 'data-problem': p }, t(problemKey(p))));
  }

  private say(p: PromptText): void {
    this.prompt = p;
    this.promptEl.textContent = t(p.key, p.params);
    this.speakRaw(t(p.key, p.params));
  }

  /** Spoken (unless muted) and announced in the live region for screen readers (issue 13). */
  private speakRaw(text: string): void {
    this.speaker.say(text, getLang());
    announce(text);
  }

  private render(): void {
    if (this.destroyed) return;
    const p = this.protocol;
    const step = this.step;
    const state = this.state;
    const stepIndex = this.machine.stepNumber;
    const switchedFrom = this.source.switchedFrom;
    this.el.dataset.state = state;
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
    const closeLabel = state === 'done' ? t('spine.panel.close') : t('spine.panel.cancel');
    this.el.append(
      h(
        'header',
        { class: 'spine-panel-head' },
        h('h2', {}, t(`spine.protocol.${p.id}`)),
        h(
          'p',
          { class: 'spine-step' },
          p.steps.length > 1
            ? `${t('spine.panel.step', { n: stepIndex + 1, total: p.steps.length })} · `
            : '',
          t(`spine.view.${step.view}`),
        ),
        h('div', { class: 'spine-panel-actions' }, this.speaker.supported ? mute : null),
      ),
      h('p', { class: 'spine-state', 'data-testid': 'spine-state' }, t(`spine.state.${stateKey(state)}`)),
      h('p', { class: 'hint', hidden: this.speaker.supported }, t('spine.panel.noSpeech')),
      h(
        'p',
        { class: 'hint', 'data-testid': 'spine-no-local-voice', hidden: !this.noLocalVoice() },
        t('spine.panel.noLocalVoice'),
      ),
      h(
        'p',
        { class: 'hint', 'data-testid': 'spine-model-note', hidden: switchedFrom === null },
        t('spine.panel.modelSwitched', { model: switchedFrom === null ? '' : t(`model.${switchedFrom}`) }),
      ),
      this.body,
      h(
        'div',
        { class: 'spine-buttons' },
        state === 'positioning'
          ? h(
              'button',
              { type: 'button', 'data-testid': 'spine-skip', onclick: () => this.apply(this.machine.skip()) },
              t('spine.panel.skip'),
            )
          : null,
        state === 'active'
          ? h(
              'button',
              {
                type: 'button',
                class: 'primary',
                'data-testid': 'spine-finish',
                onclick: () => this.apply(this.machine.finish()),
              },
              t('spine.panel.finish'),
            )
          : null,
        state === 'done'
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
    this.renderBody(step, state);
  }

  private noLocalVoice(): boolean {
    return this.speaker.supported && !this.speaker.hasLocalVoice(getLang());
  }

  private renderBody(step: ProtocolStep, state: PanelState): void {
    clear(this.body);
    if (this.prompt) this.promptEl.textContent = t(this.prompt.key, this.prompt.params);
    switch (state) {
      case 'starting':
      case 'no-camera':
      case 'analysing':
        return;
      case 'positioning':
        this.body.append(h('p', { class: 'spine-want' }, t(`spine.pos.want.${step.view}`)), this.guidance);
        this.renderGuidance();
        if (this.machine.stepNumber > 0) this.body.append(this.promptEl);
        break;
      case 'countdown':
        this.body.append(
          h(
            'div',
            { class: 'spine-countdown', 'data-testid': 'spine-countdown' },
            String(this.machine.countdown),
          ),
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

  /** "Again": the same test from its first step, with a new recording. */
  private restart(): void {
    this.after = null;
    this.analysis = null;
    this.published = null;
    this.noRecording = false;
    this.prompt = null;
    this.progressEl.value = 0;
    this.apply(this.machine.restart());
    if (this.source instanceof ReplayFrameSource) this.apply(this.machine.start(true));
    else void this.start();
  }
}

function stateKey(s: PanelState): Exclude<PanelState, 'no-camera'> | 'noCamera' {
  return s === 'no-camera' ? 'noCamera' : s;
}
