// One guided clinical test: instructions for the patient and the clinician, a recording started and stopped
// by keyboard (Space) with spoken prompts, or the latest recording; then its results, published for saving.
import type { WalkPace } from '../../shared/clinical-tests';
import { formatNumber } from '../../shared/messages';
import type { PosesFileV1 } from '../../shared/poses-format';
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

export type PanelState = 'idle' | 'starting' | 'countdown' | 'recording' | 'done';

const COUNTDOWN_S = 3;
/** The 30-second chair stand stops itself; the analysis counts stands within 30 s of the first rise. */
const CHAIR_STAND_RECORD_S = 32;

export class TestPanel {
  readonly el: HTMLElement;
  state: PanelState = 'idle';
  outcome: Outcome | null = null;
  private readonly status: HTMLElement;
  private readonly results: HTMLElement;
  private readonly stage: HTMLElement;
  private timer: ReturnType<typeof setInterval> | null = null;
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
    const recording = this.state === 'recording';
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

  private setState(s: PanelState, status: string): void {
    this.state = s;
    this.render();
    this.status.textContent = status;
  }

  private say(key: I18nKey): void {
    this.speaker.say(t(key), getLang());
  }

  /**
   * Asks first when a new recording would replace an unsaved one (this panel's own last result included: the
   * panel shows one result); then camera on (shown in this panel), countdown, prompt, recording.
   */
  async start(): Promise<void> {
    const capture = this.ctx.capture;
    const before = this.state;
    this.setState('starting', '');
    if (!(await capture.mayReplace())) {
      // "Keep it": everything stays as it was, the result shown included.
      if (!this.destroyed) this.setState(before === 'done' ? 'done' : 'idle', '');
      return;
    }
    if (this.destroyed) return;
    this.outcome = null;
    this.setState('starting', '');
    if (!capture.isLive) {
      this.startedCamera = true;
      await capture.startCamera();
    }
    if (this.destroyed) return;
    if (!capture.isLive) {
      this.setState('idle', t('ct.panel.noCamera'));
      return;
    }
    this.stage.append(capture.el);
    this.say('ct.say.ready');
    let n = COUNTDOWN_S;
    this.setState('countdown', t('ct.panel.countdown', { n }));
    this.stage.append(capture.el);
    this.timer = setInterval(() => {
      n--;
      if (this.destroyed) return this.stopTimer();
      if (n > 0) {
        this.status.textContent = t('ct.panel.countdown', { n });
        return;
      }
      this.stopTimer();
      void this.begin();
    }, 1000);
  }

  private async begin(): Promise<void> {
    // Asked before the countdown: the answer discarded the unsaved recording or there was none, so no question now.
    const started = await this.ctx.capture.startRecording();
    if (this.destroyed) {
      if (started) this.ctx.capture.stopRecording();
      return;
    }
    if (!started) {
      this.setState('idle', t('ct.panel.noCamera'));
      return;
    }
    this.say('ct.say.go');
    this.setState('recording', t('ct.panel.recording'));
    this.stage.append(this.ctx.capture.el);
    if (this.test === 'chair-stand-30s') {
      const t0 = Date.now();
      this.timer = setInterval(() => {
        const left = Math.ceil(CHAIR_STAND_RECORD_S - (Date.now() - t0) / 1000);
        if (left > 0) this.status.textContent = t('ct.panel.recordingFor', { n: left });
        else this.stop();
      }, 250);
    }
  }

  stop(): void {
    if (this.state !== 'recording') return;
    this.stopTimer();
    const rec = this.ctx.capture.stopRecording();
    this.say(this.test === 'chair-stand-30s' ? 'ct.say.stop' : 'ct.say.done');
    if (!rec) {
      this.setState('idle', t('ct.panel.tooShort'));
      return;
    }
    this.analyse(rec);
  }

  /** The recording the capture view made last (a live recording, or a video file analysed under Capture). */
  analyseLatest(): void {
    const rec = appState.recording;
    if (!rec || rec.frames.length < 2) {
      this.setState('idle', t('ct.panel.noRecording'));
      return;
    }
    this.analyse(rec);
  }

  analyse(rec: PosesFileV1): void {
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
    this.setState('done', '');
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
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
