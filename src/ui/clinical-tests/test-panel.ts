// One guided clinical test: instructions for the patient and the clinician, a recording started and stopped
// by keyboard (Space) with spoken prompts, or the latest recording; then its results, published for saving.
import {
  ClinicalProtocol,
  type ClinicalNotice,
  type ClinicalPrompt,
  type ClinicalProtocolEvent,
  type ClinicalProtocolPhase,
} from '../../analysis/protocols';
import type { WalkPace } from '../../shared/clinical-tests';
import { formatNumber } from '../../shared/messages';
import type { PosesFileV1 } from '../../shared/poses-format';
import { ms } from '../../shared/units';
import { appState, profileAgeSex, publishAnalysis } from '../app-state';
import { now } from '../clock';
import { clear, h } from '../dom';
import { getLang, t, type I18nKey } from '../i18n';
import type { Speaker } from '../spine/speech';
import type { ViewContext } from '../view';
import {
  isWalk,
  protocolId,
  runClinicalTest,
  type CameraSetup,
  type ClinicalTestId,
  type Outcome,
} from './logic';
import { renderOutcome } from './results';

export type PanelState = ClinicalProtocolPhase;

const PROMPT_KEY: Record<ClinicalPrompt, I18nKey> = {
  ready: 'ct.say.ready',
  go: 'ct.say.go',
  stop: 'ct.say.stop',
  done: 'ct.say.done',
};
const NOTICE_KEY: Record<ClinicalNotice, I18nKey> = {
  'no-camera': 'ct.panel.noCamera',
  'too-short': 'ct.panel.tooShort',
  'no-recording': 'ct.panel.noRecording',
};
/** How often a self-stopping recording's time is fed to the protocol. */
const TIME_STEP_MS = 250;

export class TestPanel {
  readonly el: HTMLElement;
  outcome: Outcome | null = null;
  private readonly status: HTMLElement;
  private readonly results: HTMLElement;
  private readonly stage: HTMLElement;
  private readonly protocol: ClinicalProtocol;
  /** The timer feeding the protocol (countdown ticks, or the recording's time) and the phase it runs for. */
  private timer: ReturnType<typeof setInterval> | null = null;
  private timerPhase: PanelState | null = null;
  private startedCamera = false;
  private destroyed = false;
  private lastRec: PosesFileV1 | null = null;

  constructor(
    private readonly ctx: ViewContext,
    readonly test: ClinicalTestId,
    readonly pace: WalkPace,
    private readonly speaker: Speaker,
    private readonly setup: () => CameraSetup | null,
    private readonly onClose: () => void,
  ) {
    this.protocol = new ClinicalProtocol(test);
    this.status = h('p', { class: 'ct-status', 'data-testid': 'ct-status', 'aria-live': 'polite' });
    this.results = h('div', { class: 'ct-results-wrap' });
    this.stage = h('div', { class: 'ct-stage' });
    this.el = h('section', {
      class: 'ct-panel',
      'data-testid': 'ct-panel',
      'data-test': test,
      'data-pace': isWalk(test) ? pace : '',
    });
    // On the page, not the panel: the panel re-renders on each state, so focus inside it does not last.
    document.addEventListener('keydown', this.onKey);
    this.render();
  }

  /** The protocol's phase. */
  get state(): PanelState {
    return this.protocol.phase;
  }

  get title(): string {
    return isWalk(this.test)
      ? `${t(`ct.test.${this.test}`)}, ${t(`ct.pace.${this.pace}`)}`
      : t(`ct.test.${this.test}`);
  }

  private patientKey(): I18nKey {
    if (isWalk(this.test))
      return this.pace === 'fast' ? 'ct.patient.walk-fast' : 'ct.patient.walk-comfortable';
    return `ct.patient.${this.test}`;
  }

  /** Space starts and stops, unless a control that Space belongs to has the focus. */
  private readonly onKey = (ev: KeyboardEvent): void => {
    if (!this.el.isConnected || (ev.key !== ' ' && ev.code !== 'Space')) return;
    const tag = (ev.target as HTMLElement | null)?.tagName;
    if (tag === 'BUTTON' || tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
    ev.preventDefault();
    this.toggle();
  };

  toggle(): void {
    if (this.state === 'recording') this.stop();
    else if (this.state === 'idle' || this.state === 'done') void this.start();
  }

  render(): void {
    clear(this.el);
    const setup = this.setup();
    const walk = isWalk(this.test);
    const instructions = h(
      'div',
      { class: 'ct-instructions', 'data-testid': 'ct-instructions' },
      h('p', {}, t(`ct.desc.${this.test}`)),
      h('p', {}, h('strong', {}, `${t('ct.panel.for')}: `), t(this.patientKey())),
      walk ? h('p', {}, t('ct.trials', { n: this.test === 'walk-4m' ? 2 : 3 })) : '',
      h('p', { class: 'muted' }, t(walk ? 'ct.clinician.walk' : 'ct.clinician.chair')),
    );
    const setupLine = walk
      ? h(
          'p',
          { class: setup ? 'ct-setup-line' : 'ct-setup-line ct-error', 'data-testid': 'ct-panel-setup' },
          setup
            ? t('ct.panel.setup', { name: setup.name, metres: formatNumber(setup.ref.metres, getLang()) })
            : t('ct.panel.noSetup'),
        )
      : '';
    const recording = this.state === 'recording' || this.state === 'stopping';
    const busy = this.state === 'starting' || this.state === 'countdown';
    const buttons = h(
      'div',
      { class: 'ct-buttons' },
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          'data-testid': 'ct-startstop',
          disabled: busy,
          onclick: () => this.toggle(),
        },
        t(recording ? 'ct.panel.stop' : 'ct.panel.start'),
      ),
      h(
        'button',
        {
          type: 'button',
          'data-testid': 'ct-analyse-latest',
          disabled: recording || busy,
          onclick: () => this.analyseLatest(),
        },
        t('ct.panel.analyseLatest'),
      ),
      this.speaker.supported
        ? h(
            'button',
            {
              type: 'button',
              'aria-pressed': String(!this.speaker.muted),
              'data-testid': 'ct-voice',
              onclick: () => {
                this.speaker.setMuted(!this.speaker.muted);
                this.render();
              },
            },
            t(this.speaker.muted ? 'ct.panel.voiceOff' : 'ct.panel.voiceOn'),
          )
        : '',
      h(
        'button',
        { type: 'button', 'data-testid': 'ct-close', disabled: recording, onclick: () => this.onClose() },
        t('ct.panel.close'),
      ),
    );
    this.el.append(
      h('h3', { tabindex: -1 }, this.title),
      instructions,
      setupLine,
      buttons,
      this.status,
      this.stage,
      this.results,
    );
    this.renderResults();
  }

  private renderResults(): void {
    clear(this.results);
    if (this.outcome && this.lastRec) {
      this.results.append(renderOutcome(this.outcome, this.lastRec));
      if (this.outcome.kind === 'walk' || this.outcome.kind === 'functional')
        this.results.append(h('p', { class: 'muted small' }, t('ct.res.saveHint')));
    }
  }

  /** The status line for the protocol's state. */
  private statusText(): string {
    const p = this.protocol;
    switch (p.phase) {
      case 'idle':
        return p.notice ? t(NOTICE_KEY[p.notice]) : '';
      case 'countdown':
        return t('ct.panel.countdown', { n: p.countdown });
      case 'recording':
        return p.recordMs !== null
          ? t('ct.panel.recordingFor', { n: p.secondsLeft })
          : t('ct.panel.recording');
      default:
        return '';
    }
  }

  /** Acts on the protocol's events (speaks prompts, starts and stops the camera and recorder) and renders. */
  private feed(events: readonly ClinicalProtocolEvent[]): void {
    if (events.length === 0 || this.destroyed) return;
    let rerender = false;
    let openSource = false;
    let record = false;
    let stopRecording = false;
    for (const e of events) {
      switch (e.kind) {
        case 'phase':
          rerender = true;
          break;
        case 'clear-result':
          this.outcome = null;
          rerender = true;
          break;
        case 'prompt':
          this.speaker.say(t(PROMPT_KEY[e.prompt]), getLang());
          break;
        case 'open-source':
          openSource = true;
          break;
        case 'record':
          record = true;
          break;
        case 'stop-record':
          stopRecording = true;
          break;
        default: // countdown, left, notice: the status line shows them
          break;
      }
    }
    // Stopping renders with the protocol's answer (done, or idle with a notice).
    if (stopRecording) return this.stopRecording();
    if (rerender) this.render();
    this.status.textContent = this.statusText();
    this.runTimer();
    if (this.state === 'countdown' || this.state === 'recording') this.showCamera();
    if (openSource) void this.openSource();
    if (record) void this.record();
  }

  /** The camera's picture in this panel while counting down and recording. */
  private showCamera(): void {
    const el = this.ctx.capture.el;
    if (!this.stage.contains(el)) this.stage.append(el);
  }

  /** The only clocks: a 1 s tick while counting down, and a self-stopping recording's time every 250 ms. */
  private runTimer(): void {
    const phase = this.state;
    const want =
      phase === 'countdown' || (phase === 'recording' && this.protocol.recordMs !== null) ? phase : null;
    if (want === this.timerPhase) return;
    this.stopTimer();
    this.timerPhase = want;
    if (want === 'countdown') this.timer = setInterval(() => this.feed(this.protocol.tick()), 1000);
    else if (want === 'recording')
      this.timer = setInterval(() => this.feed(this.protocol.time(ms(performance.now()))), TIME_STEP_MS);
  }

  /**
   * Asks first when a new recording would replace an unsaved one (this panel's own last result included: the
   * panel shows one result); then camera on (shown in this panel), countdown, prompt, recording.
   */
  async start(): Promise<void> {
    const began = this.protocol.start();
    if (began.length === 0) return; // already under way
    this.feed(began);
    const replace = await this.ctx.capture.mayReplace();
    // "Keep it": everything stays as it was, the result shown included.
    this.feed(this.protocol.answer(replace));
  }

  private async openSource(): Promise<void> {
    const capture = this.ctx.capture;
    if (!capture.isLive) {
      this.startedCamera = true;
      await capture.startCamera();
    }
    this.feed(this.protocol.source(capture.isLive));
  }

  private async record(): Promise<void> {
    // Asked before the countdown: the answer discarded the unsaved recording or there was none, so no question now.
    const started = await this.ctx.capture.startRecording();
    if (this.destroyed) {
      if (started) this.ctx.capture.stopRecording();
      return;
    }
    this.feed(
      started ? this.protocol.recordingStarted(ms(performance.now())) : this.protocol.recordingFailed(),
    );
  }

  stop(): void {
    this.feed(this.protocol.stop());
  }

  private stopRecording(): void {
    this.stopTimer();
    const rec = this.ctx.capture.stopRecording();
    if (rec) this.analyse(rec);
    this.feed(this.protocol.stopped(rec !== null));
  }

  /** The recording the capture view made last (a live recording, or a video file analysed under Capture). */
  analyseLatest(): void {
    const rec = appState.recording;
    const found = rec !== null && rec.frames.length >= 2;
    if (rec && found) this.analyse(rec);
    this.feed(this.protocol.latest(found));
  }

  /** Analyses a recording as this test and publishes it for saving; the caller moves the protocol to done. */
  private analyse(rec: PosesFileV1): void {
    const at = now();
    const profile = profileAgeSex(at);
    const outcome = runClinicalTest(rec, this.test, this.pace, this.setup(), {
      ...profile,
      heightM: appState.heightM ?? rec.subject.heightM,
    });
    this.outcome = outcome;
    this.lastRec = rec;
    // Saved as a gait session whose analysis carries walkTest or functional (storage validates both).
    if (outcome.kind === 'walk' || outcome.kind === 'functional')
      publishAnalysis({
        recording: rec,
        analysis: outcome.result,
        kind: 'gait',
        protocol: protocolId(this.test, this.pace),
      });
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.timerPhase = null;
  }

  destroy(): void {
    this.destroyed = true;
    document.removeEventListener('keydown', this.onKey);
    this.stopTimer();
    this.speaker.cancel();
    const capture = this.ctx.capture;
    if (capture.isRecording) capture.stopRecording();
    if (this.startedCamera) capture.stop();
    if (this.stage.contains(capture.el)) capture.el.remove();
    this.el.remove();
  }
}
