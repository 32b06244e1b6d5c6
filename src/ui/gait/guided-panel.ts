// The guided gait recording, mounted beside the video: instructions, the height in use, a positioning check
// from live frames, recording with live step count / cadence / step length. It reuses the capture view's
// controls (camera, file, height): no second set. Its results go below the video at the page's width (GaitView).
import { GaitProtocol, type GaitProtocolEvent } from '../../analysis/protocols';
import type { PoseFrame } from '../../shared/pose-frame';
import type { PosesFileV1 } from '../../shared/poses-format';
import { announce } from '../announce';
import { appState, onRecording } from '../app-state';
import { clear, h } from '../dom';
import { onLangChange, t, type I18nKey } from '../i18n';
import type { ViewContext } from '../view';
import { fmt } from './format';
import { checkGaitPositioning, GAIT_PROBLEMS, problemBit } from '../../analysis/positioning/gait';
import { gaitResult } from './results';
import { passRows } from './rows';

/** The checklist: each line is fine unless one of its problems is present. */
const CHECKS = [
  { key: 'gait.check.visible', problems: ['no-person', 'body-not-in-view'] },
  { key: 'gait.check.sideOn', problems: ['turn-side-on'] },
  { key: 'gait.check.size', problems: ['too-small', 'too-close'] },
  { key: 'gait.check.confidence', problems: ['low-confidence'] },
] as const;
const CHECK_MASKS = CHECKS.map((c) => c.problems.reduce((m, p) => m | problemBit(p), 0));

export class GuidedGaitPanel {
  readonly el: HTMLElement = h('div', { class: 'gait-guided', 'data-testid': 'gait-guided' });
  private active = false;
  private unsubscribe: (() => void)[] = [];
  /** The test's state: phases, the smoothed position check and the live step counter (frame time in). */
  private readonly protocol = new GaitProtocol({ problemBits: GAIT_PROBLEMS.length });
  /** The last recording stopped too short to analyse (said until the next one starts). */
  private tooShort = false;
  // What the DOM shows now; updated only when these change, so the per-frame path writes nothing.
  private shownMask = -1;
  private shownSteps = -1;
  private shownLive = false;
  private shownRecording = false;
  private checkItems: HTMLElement[] = [];
  private checkStatus: HTMLElement = h('p', {});
  private fixList: HTMLElement = h('ul', {});
  private recordBtn: HTMLButtonElement = h('button', { type: 'button' });
  private recordHint: HTMLElement = h('p', {});
  private liveBox: HTMLElement = h('div', {});
  private liveSteps: Text = document.createTextNode('–');
  private liveCadence: Text = document.createTextNode('–');
  private liveLength: Text = document.createTextNode('–');
  private results: HTMLElement = h('div', {});
  private lastRecording: PosesFileV1 | null = null;
  private heightText: Text = document.createTextNode('');
  private shownHeight: number | undefined = undefined;

  constructor(private readonly ctx: ViewContext) {
    onLangChange(() => {
      if (this.active) this.render();
    });
  }

  /** Called when the panel opens or closes, so the Gait tab shows the video or its results. */
  onOpenChange: () => void = () => undefined;
  /** Called when a recording of this test has been analysed (the Gait tab shows it below the video). */
  onResult: () => void = () => undefined;

  /** The recording this test made or analysed (null before one). */
  get result(): PosesFileV1 | null {
    return this.active ? this.lastRecording : null;
  }

  /** The capture view's element: video, its controls, and this panel beside it. */
  get stage(): HTMLElement {
    return this.ctx.capture.el;
  }

  /** What result views need of the app (switching tabs). */
  get context(): ViewContext {
    return this.ctx;
  }

  /**
   * Mounts the panel beside the video. The test runs in the Gait tab, on the capture view borrowed from the
   * Live tab (which takes it back when shown), so the tab highlight stays on Gait.
   */
  open(): void {
    if (!this.active) {
      this.active = true;
      this.resetTest();
      this.unsubscribe = [
        this.ctx.capture.addFrameListener(this.onFrame),
        onRecording((rec) => this.onRecording(rec)),
      ];
      this.render();
    }
    clear(this.ctx.capture.sidePanel);
    this.ctx.capture.sidePanel.append(this.el);
    this.ctx.show('gait');
  }

  /** Open, and still in the side panel (another protocol mounting there replaces it). */
  get isOpen(): boolean {
    return this.active && this.mounted;
  }

  /** Still in the side panel (another protocol mounting there replaces it). */
  private get mounted(): boolean {
    return this.el.parentElement === this.ctx.capture.sidePanel;
  }

  /**
   * Closes the panel: a recording it started is stopped (and analysed), the camera is switched off and the
   * test state cleared, so the next opening starts afresh.
   */
  close(): void {
    const cap = this.ctx.capture;
    if (this.mounted) {
      if (cap.isRecording) cap.stopRecording();
      if (cap.isLive) cap.stop();
    }
    this.detach();
    this.el.remove();
    this.resetTest();
    this.onOpenChange();
  }

  private resetTest(): void {
    this.protocol.reset();
    this.tooShort = false;
    this.shownSteps = -1;
    this.lastRecording = null;
  }

  private detach(): void {
    this.active = false;
    for (const fn of this.unsubscribe) fn();
    this.unsubscribe = [];
  }

  private render(): void {
    clear(this.el);
    this.shownMask = -1;
    this.shownSteps = -1;
    this.shownLive = !this.ctx.capture.isLive;
    this.shownRecording = !this.ctx.capture.isRecording;
    this.heightText = document.createTextNode('');
    this.syncHeight();
    this.checkItems = CHECKS.map((c) => h('li', { class: 'pending' }, t(c.key)));
    this.checkStatus = h('p', { class: 'gait-check-status', 'data-testid': 'gait-check-status' });
    this.fixList = h('ul', { class: 'gait-fixes', 'data-testid': 'gait-fixes' });
    this.recordBtn = h('button', {
      type: 'button',
      class: 'primary',
      'data-testid': 'gait-record',
      onclick: () => void this.toggleRecording(),
    });
    this.recordHint = h('p', { class: 'muted small' });
    this.liveSteps = document.createTextNode('–');
    this.liveCadence = document.createTextNode('–');
    this.liveLength = document.createTextNode('–');
    const readout = (label: I18nKey, text: Text, testid: string, unit: I18nKey | null): HTMLElement =>
      h(
        'div',
        {},
        h('dt', {}, t(label)),
        h('dd', { 'data-testid': testid }, text, unit ? h('small', {}, ` ${t(unit)}`) : null),
      );
    this.liveBox = h(
      'div',
      { class: 'gait-live', hidden: true },
      h('h4', {}, t('gait.live.title')),
      h(
        'dl',
        {},
        readout('gait.live.steps', this.liveSteps, 'gait-live-steps', null),
        readout('gait.live.cadence', this.liveCadence, 'gait-live-cadence', 'gait.u.stepsPerMin'),
        readout('gait.live.stepLength', this.liveLength, 'gait-live-step-length', 'gait.u.m'),
      ),
      h('p', { class: 'muted small' }, t('gait.live.note')),
    );
    this.results = h('div', { class: 'gait-guided-results', 'data-testid': 'gait-guided-results' });
    this.el.append(
      h(
        'div',
        { class: 'gait-guided-head' },
        h('h3', {}, t('gait.guided.title')),
        h(
          'button',
          { type: 'button', class: 'link', 'data-testid': 'gait-guided-close', onclick: () => this.close() },
          t('gait.guided.close'),
        ),
      ),
      h(
        'details',
        { class: 'gait-instructions', open: true },
        h('summary', {}, `${t('gait.guided.clinician')} · ${t('gait.guided.patient')}`),
        h('h4', {}, t('gait.guided.clinician')),
        h(
          'ul',
          {},
          h('li', {}, t('gait.guided.c1')),
          h('li', {}, t('gait.guided.c2')),
          h('li', {}, t('gait.guided.c3')),
        ),
        h('h4', {}, t('gait.guided.patient')),
        h(
          'ul',
          {},
          h('li', {}, t('gait.guided.p1')),
          h('li', {}, t('gait.guided.p2')),
          h('li', {}, t('gait.guided.p3')),
        ),
      ),
      h(
        'section',
        {},
        h('h4', {}, t('gait.guided.step1')),
        h('p', { 'data-testid': 'gait-height-value' }, this.heightText),
        h('p', { class: 'muted small' }, t('gait.guided.heightHint')),
      ),
      h(
        'section',
        {},
        h('h4', {}, t('gait.guided.step2')),
        h('p', { class: 'muted small' }, t('gait.guided.useControls')),
        h('h5', {}, t('gait.check.title')),
        h('ul', { class: 'gait-checklist', 'data-testid': 'gait-checklist' }, ...this.checkItems),
        this.checkStatus,
        this.fixList,
      ),
      h('section', {}, h('h4', {}, t('gait.guided.step3')), this.recordBtn, this.recordHint, this.liveBox),
      this.results,
    );
    this.showMask(this.protocol.problems);
    this.syncRecordState();
    if (this.lastRecording) this.showResults(this.lastRecording);
  }

  /** The height in use (the capture view's field, filled from the profile), as text. */
  private syncHeight(): void {
    this.shownHeight = appState.heightM;
    const m = appState.heightM;
    this.heightText.data =
      m === undefined ? t('gait.guided.noHeight') : t('gait.guided.heightInUse', { m: fmt(m, 2) });
    const el = this.heightText.parentElement;
    if (el) el.dataset.value = m === undefined ? '' : String(m);
  }

  /**
   * Per live or file frame: the protocol checks the position and, while recording, counts steps; the panel
   * shows what changed. No allocation unless something changed.
   */
  private readonly onFrame = (frame: PoseFrame, subject: number): void => {
    if (!this.mounted) return; // another protocol has the side panel
    // The capture view's height field writes appState: follow it.
    if (appState.heightM !== this.shownHeight) this.syncHeight();
    this.syncSource();
    const kp = subject >= 0 ? (frame.poses[subject]?.keypoints ?? null) : null;
    const problems = checkGaitPositioning(kp, frame.skeleton, frame.width, frame.height);
    this.handle(this.protocol.frame(frame.tMs, problems, kp, frame.skeleton));
    this.syncRecordState();
  };

  /** The capture view's own buttons may start or stop the camera and the recording: the protocol follows. */
  private syncSource(): void {
    const cap = this.ctx.capture;
    const p = this.protocol;
    if (cap.isLive !== (p.phase !== 'no-camera')) this.handle(p.source(cap.isLive));
    if (cap.isRecording && p.phase !== 'recording') {
      p.setHeight(appState.heightM);
      this.handle(p.record());
    } else if (!cap.isRecording && p.phase === 'recording') {
      this.handle(p.stop(true));
    }
  }

  private handle(events: readonly GaitProtocolEvent[]): void {
    for (const e of events) {
      switch (e.kind) {
        case 'position':
          this.showMask(e.problems);
          break;
        case 'position-ok':
          // Announced on the change only (the mask is smoothed over frames, so this does not chatter).
          announce(t('gait.check.ok'));
          break;
        case 'steps':
          this.showLive(e.steps, e.cadence, e.stepLengthM);
          break;
        case 'too-short':
          this.tooShort = true;
          break;
        case 'phase':
          if (e.phase === 'recording') this.tooShort = false;
          break;
      }
    }
  }

  /** Shows the smoothed problem mask (-1: nothing seen yet). */
  private showMask(mask: number): void {
    this.shownMask = mask;
    clear(this.fixList);
    if (mask < 0) {
      this.checkStatus.textContent = t('gait.check.waiting');
      this.checkStatus.className = 'gait-check-status waiting';
      for (const li of this.checkItems) li.className = 'pending';
      return;
    }
    this.checkItems.forEach((li, i) => (li.className = mask & CHECK_MASKS[i] ? 'bad' : 'ok'));
    const ok = mask === 0;
    this.checkStatus.textContent = ok ? t('gait.check.ok') : '';
    this.checkStatus.className = ok ? 'gait-check-status ok' : 'gait-check-status';
    this.checkStatus.dataset.ok = String(ok);
    GAIT_PROBLEMS.forEach((p) => {
      if (mask & problemBit(p)) this.fixList.append(h('li', { 'data-problem': p }, t(`gait.fix.${p}`)));
    });
    this.syncRecordState(true);
  }

  /** Record button and hints follow the capture state (the capture view's own buttons may change it too). */
  private syncRecordState(force = false): void {
    const live = this.ctx.capture.isLive;
    const rec = this.ctx.capture.isRecording;
    if (!force && live === this.shownLive && rec === this.shownRecording) return;
    this.shownLive = live;
    this.shownRecording = rec;
    this.recordBtn.disabled = !live;
    this.recordBtn.textContent = rec ? t('gait.guided.stop') : t('gait.guided.record');
    this.recordBtn.classList.toggle('recording', rec);
    this.recordHint.textContent = rec
      ? t('gait.guided.recording')
      : this.tooShort
        ? t('gait.guided.tooShort')
        : !live
          ? t('gait.guided.needCamera')
          : this.shownMask !== 0
            ? t('gait.guided.notChecked')
            : '';
    this.liveBox.hidden = !rec && this.shownSteps < 0;
  }

  private showLive(steps: number, cadence: number, stepLengthM: number): void {
    this.shownSteps = steps;
    this.liveSteps.data = String(steps);
    this.liveCadence.data = fmt(cadence, 0);
    this.liveLength.data = fmt(stepLengthM, 2);
  }

  /** Record / stop. Starting asks first when it would replace an unsaved recording ("Keep it" starts nothing). */
  private async toggleRecording(): Promise<void> {
    const cap = this.ctx.capture;
    if (cap.isRecording) {
      const rec = cap.stopRecording();
      this.handle(this.protocol.stop(rec !== null));
    } else {
      await cap.startRecording();
      if (!this.mounted) return; // closed while the question was open
      this.syncSource();
    }
    this.syncRecordState(true);
  }

  private onRecording(rec: PosesFileV1): void {
    // Another protocol took the side panel: this one is no longer running.
    if (!this.mounted) {
      this.detach();
      return;
    }
    this.lastRecording = rec;
    this.syncHeight();
    this.showResults(rec);
    announce(this.results.querySelector('[data-testid=gait-guided-summary]')?.textContent ?? '');
    this.onResult();
  }

  /** A short summary here (announced too); the full results go below the video, at the page's width. */
  private showResults(rec: PosesFileV1): void {
    const a = gaitResult(rec).overall.result;
    const g = a.gait;
    clear(this.results);
    const summary = g
      ? t('gait.guided.summary', {
          steps: g.steps.length,
          used: passRows(a).filter((p) => p.inOverall).length,
          passes: g.passes?.length ?? 0,
          cadence: fmt(g.cadenceStepsPerMin, 1),
          speed: fmt(g.speedMps, 2),
        })
      : t('gait.noWalk');
    this.results.append(
      h('h4', {}, t('gait.guided.results')),
      h('p', { 'data-testid': 'gait-guided-summary' }, summary),
      h('p', { class: 'muted small' }, t('gait.guided.resultsBelow')),
      h(
        'div',
        { class: 'gait-row' },
        h(
          'button',
          {
            type: 'button',
            'data-testid': 'gait-show-results',
            onclick: () =>
              document.querySelector<HTMLElement>('[data-testid=gait-guided-full]')?.scrollIntoView(),
          },
          t('gait.guided.showResults'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            'data-testid': 'gait-open-results',
            onclick: () => this.close(),
          },
          t('gait.guided.openResults'),
        ),
      ),
    );
  }
}
