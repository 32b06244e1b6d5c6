// The capture view: camera or video file in, poses out. It renders a CaptureSession (src/capture/session.ts: the
// pose client, tracker, pump, recorder and metrics) and keeps the recording in the making as a draft
// (src/ui/drafts/draft-writer.ts), offering at start-up to restore one that a reload or a crash left unsaved.
import { RESOLUTIONS } from '../capture/camera';
import { CaptureError } from '../capture/errors';
import type { KeepRecording, RecordingSource } from '../capture/recording-source';
import { CaptureSession, type PipelineMetrics } from '../capture/session';
import { PoseClientError } from '../inference/pose-client';
import { BACKEND_IDS, MODEL_IDS, type BackendChoice, type ModelChoice } from '../shared/models';
import type { PoseFrame } from '../shared/pose-frame';
import { serializePoses, type PosesFileV1 } from '../shared/poses-format';
import type { DraftRecord } from '../storage';
import type { StageStats } from '../../workers/pose.worker';
import { appState, publishAnalysis, publishRecording } from './app-state';
import { DraftsOffer } from './capture/drafts-offer';
import { filePicker } from './capture/file-picker';
import { Readouts } from './capture/readouts';
import { Scrubber } from './capture/scrubber';
import './capture/capture.css';
import { now } from './clock';
import { clear, downloadBlob, h } from './dom';
import { DraftWriter, markDownloaded } from './drafts/draft-writer';
import { heightInput } from './height-input';
import { onLangChange, t } from './i18n';
import { Overlay } from './overlay';
import { errorText } from './progress/util';

export type { PipelineMetrics } from '../capture/session';

/** ?bench=1: after a file analysis, also time decoding alone (the bench's breakdown of the time per frame). */
const BENCH = typeof location !== 'undefined' && new URLSearchParams(location.search).get('bench') === '1';
/** How often the progress bar and its text follow a file analysis, ms. */
const PROGRESS_EVERY_MS = 250;

export class CaptureView implements RecordingSource {
  readonly el: HTMLElement;
  /** The video file the last recording was analysed from (RecordingSource). */
  lastFile: File | null = null;
  /** Upper bound on file-analysis workers (one per core by default). */
  poolSize = 4;
  /** Beside the video: guided protocols (gait, spine tests) mount their panel here. */
  readonly sidePanel: HTMLElement = h('aside', { class: 'side-panel', 'data-testid': 'side-panel' });
  /** Keeps the recording in the making in IndexedDB. */
  readonly drafts: DraftWriter;
  private readonly session: CaptureSession;
  private readonly video: HTMLVideoElement;
  private readonly stage: HTMLElement;
  private readonly overlay: Overlay;
  private readonly scrubber: Scrubber;
  private readonly readouts = new Readouts();
  private readonly offer: DraftsOffer;
  private readonly messages = h('div', { class: 'messages', role: 'alert', 'aria-live': 'assertive' });
  private readonly status = h('p', { class: 'status', 'data-testid': 'status', role: 'status' });
  private readonly progress = h('progress', {
    max: 1,
    value: 0,
    hidden: true,
    'data-testid': 'file-progress',
  });
  private readonly progressRow: HTMLElement;
  private readonly cancelBtn: HTMLButtonElement;
  private readonly downloadBtn: HTMLButtonElement;
  private readonly recordBtn: HTMLButtonElement;
  private readonly stopBtn: HTMLButtonElement;
  private readonly cameraSelect = h('select', {});
  private readonly resolutionSelect = h('select', {});
  private abort: AbortController | null = null;
  private drawnCaptureT = 0;

  constructor() {
    this.video = h('video', { class: 'stage-video', muted: true, playsinline: true });
    const canvas = h('canvas', { class: 'stage-overlay' });
    this.overlay = new Overlay(canvas);
    this.stage = h('div', { class: 'stage' }, this.video, canvas);
    canvas.addEventListener('click', (ev) => this.pickSubject(ev));
    this.scrubber = new Scrubber(this.video, this.overlay);
    this.drafts = new DraftWriter((err) =>
      this.showWarning('draft-failed', t('drafts.writeFailed', { detail: errorText(err) })),
    );
    this.offer = new DraftsOffer(
      this.drafts,
      (rec, draft) => this.restore(rec, draft),
      (text) => this.showWarning('draft-failed', text),
    );
    this.session = new CaptureSession(
      this.video,
      () => ({
        model: appState.model,
        backend: appState.backend,
        heightM: appState.heightM,
        recordedAt: () => now().toISOString(),
      }),
      {
        loading: (on) => {
          this.setStatus(t(on ? 'status.loadingModel' : 'status.ready'));
          if (!on) this.updateReadouts(true);
        },
        crashed: () => this.showError('worker-crashed', ''),
        cameraLost: () => {
          this.showError('camera-unplugged', '');
          this.syncButtons();
        },
        error: (err) => this.onError(err),
      },
      this.drafts,
    );
    this.session.finished = (rec, file) => {
      this.lastFile = file;
      this.downloadBtn.disabled = false;
      publishRecording(rec);
      this.syncButtons();
    };
    this.progressRow = h('div', { class: 'progress-row' }, this.progress);
    this.cancelBtn = h('button', { type: 'button', hidden: true, onclick: () => this.abort?.abort() });
    this.downloadBtn = h('button', {
      type: 'button',
      disabled: true,
      'data-testid': 'download',
      onclick: () => this.download(),
    });
    this.recordBtn = h('button', {
      type: 'button',
      disabled: true,
      'data-testid': 'record',
      onclick: () => void this.toggleLiveRecording(),
    });
    this.stopBtn = h('button', {
      type: 'button',
      disabled: true,
      'data-testid': 'stop',
      onclick: () => this.stop(),
    });
    this.progressRow.append(this.cancelBtn, this.downloadBtn);
    this.el = h('section', { class: 'capture-view' });
    this.render();
    onLangChange(() => this.render());
    this.session.onShown = this.wake;
    this.video.addEventListener('resize', this.onVideoResize);
    this.wake();
    void this.offer.offer();
    // Test builds only: what the draft writes cost, and the frame drawn now (the browser tests read them).
    if (import.meta.env.MODE === 'e2e')
      Object.assign(window, { __ganglagCapture: { drafts: this.drafts.stats, shown: this.session.shown } });
  }

  /** Pipeline counters (tests and the bench read them). */
  get metrics(): PipelineMetrics {
    return this.session.metrics;
  }

  private render(): void {
    clear(this.resolutionSelect);
    this.resolutionSelect.setAttribute('aria-label', t('camera.resolution'));
    this.cameraSelect.setAttribute('aria-label', t('camera.device'));
    RESOLUTIONS.forEach((r, i) =>
      this.resolutionSelect.append(h('option', { value: i, selected: i === 1 }, r.label)),
    );
    if (!this.cameraSelect.options.length)
      this.cameraSelect.append(h('option', { value: '' }, t('camera.device')));
    const height = heightInput('height', (m) => this.session.setHeight(m));
    this.cancelBtn.textContent = t('action.cancel');
    this.downloadBtn.textContent = t('action.download');
    this.stopBtn.textContent = t('camera.stop');
    this.scrubber.render();
    this.readouts.render();
    if (!this.offer.el.hidden) void this.offer.offer(); // in the new language
    this.syncButtons();
    clear(this.el);
    this.el.append(
      this.offer.el,
      h(
        'div',
        { class: 'toolbar' },
        h(
          'fieldset',
          {},
          h('legend', {}, t('source.camera')),
          this.cameraSelect,
          this.resolutionSelect,
          h(
            'button',
            { type: 'button', 'data-testid': 'start-camera', onclick: () => void this.startCamera() },
            t('camera.start'),
          ),
          this.stopBtn,
          this.recordBtn,
        ),
        h(
          'fieldset',
          {},
          h('legend', {}, t('source.file')),
          filePicker((f) => void this.pickFile(f)),
        ),
        h(
          'fieldset',
          {},
          h('legend', {}, t('model.label')),
          this.modelSelect(),
          this.backendSelect(),
          h('label', {}, t('subject.height'), ' ', height),
        ),
      ),
      this.messages,
      h('div', { class: 'stage-row' }, this.stage, this.sidePanel),
      this.scrubber.el,
      h('p', { class: 'hint' }, t('subject.hint')),
      this.progressRow,
      this.status,
      this.readouts.el,
    );
    this.updateReadouts(true);
  }

  private syncButtons(): void {
    const s = this.session;
    this.recordBtn.disabled = !s.isLive;
    this.recordBtn.textContent = s.isRecording ? t('action.stopRecording') : t('action.record');
    // "Stop" only does something while the camera runs or a file is analysed.
    this.stopBtn.disabled = s.mode === 'idle' && this.abort === null;
  }

  private modelSelect(): HTMLSelectElement {
    const s = h('select', {
      'data-testid': 'model',
      'aria-label': t('model.label'),
      onchange: (ev) => {
        appState.model = (ev.target as HTMLSelectElement).value as ModelChoice;
        void this.restartClient();
      },
    });
    s.append(
      h(
        'option',
        { value: 'auto', selected: appState.model === 'auto', title: t('model.autoHint') },
        t('model.auto'),
      ),
    );
    for (const id of MODEL_IDS)
      s.append(h('option', { value: id, selected: id === appState.model }, t(`model.${id}`)));
    return s;
  }

  private backendSelect(): HTMLSelectElement {
    const s = h('select', {
      'data-testid': 'backend',
      'aria-label': t('backend.label'),
      onchange: (ev) => {
        appState.backend = (ev.target as HTMLSelectElement).value as BackendChoice;
        void this.restartClient();
      },
    });
    s.append(h('option', { value: 'auto', selected: appState.backend === 'auto' }, t('backend.auto')));
    for (const id of BACKEND_IDS) s.append(h('option', { value: id, selected: id === appState.backend }, id));
    return s;
  }

  private async restartClient(): Promise<void> {
    this.stop();
    try {
      await this.session.restartClient();
    } catch (err) {
      this.onError(err);
    }
  }

  async startCamera(): Promise<void> {
    this.stop();
    this.clearMessages();
    try {
      const res = RESOLUTIONS[Number(this.resolutionSelect.value) || 0];
      await this.session.startCamera({
        deviceId: this.cameraSelect.value || undefined,
        width: res.width,
        height: res.height,
      });
      await this.refreshCameras();
      this.scrubber.detach();
      this.setStatus(t('status.live'));
    } catch (err) {
      this.onError(err);
    }
    this.syncButtons();
  }

  private async refreshCameras(): Promise<void> {
    const cams = await this.session.listCameras();
    const cur = this.cameraSelect.value;
    clear(this.cameraSelect);
    for (const c of cams)
      this.cameraSelect.append(h('option', { value: c.deviceId, selected: c.deviceId === cur }, c.label));
  }

  private drawPending = false;
  /** The canvas was resized (which clears it): draw the shown frame again even though it is not new. */
  private redraw = false;

  /**
   * Draws in the next display frame, once, when something new is to be shown. A perpetual requestAnimationFrame
   * loop keeps the compositor producing frames 60 times a second even when nothing changes (measured: about 4 ms
   * of CPU per analysed frame while a file is analysed).
   */
  private readonly wake = (): void => {
    if (this.drawPending) return;
    this.drawPending = true;
    requestAnimationFrame(this.draw);
  };

  private readonly onVideoResize = (): void => {
    this.redraw = true;
    this.wake();
  };

  private readonly draw = (): void => {
    this.drawPending = false;
    this.overlay.resize(this.video.videoWidth || 640, this.video.videoHeight || 360);
    const shown = this.session.shown;
    const fresh = shown.captureT !== this.drawnCaptureT;
    if ((fresh || this.redraw) && !this.scrubber.active) {
      this.overlay.draw(shown.frame, shown.subject, shown.picture);
      if (fresh) {
        this.drawnCaptureT = shown.captureT;
        this.session.noteDrawn(shown.captureT);
        this.updateReadouts();
      }
    }
    this.redraw = false;
  };

  /** Live results (camera or file), with the index of the followed subject in frame.poses (-1: none). */
  addFrameListener(fn: (frame: PoseFrame, subject: number) => void): () => void {
    return this.session.addFrameListener(fn);
  }

  /** Switches the pose model, as the model select does (stops the camera, restarts the worker). */
  async setModel(id: ModelChoice): Promise<void> {
    if (appState.model === id) return;
    appState.model = id;
    this.render();
    await this.restartClient();
  }

  get isLive(): boolean {
    return this.session.isLive;
  }

  get isRecording(): boolean {
    return this.session.isRecording;
  }

  /** The record button: asks first when starting would replace a recording that exists only as a draft. */
  private async toggleLiveRecording(): Promise<void> {
    if (this.session.isRecording) {
      this.stopRecording();
      return;
    }
    await this.startRecording();
  }

  /** RecordingSource.mayReplace: the question in a modal dialog over the video (or the page, when it is hidden). */
  async mayReplace(keep?: KeepRecording): Promise<boolean> {
    const rec = appState.recording;
    if (rec && keep?.(rec)) return true;
    return this.offer.mayReplace(this.el.isConnected ? this.el : document.body);
  }

  /** Starts recording the live camera (the camera must be running), asking first as mayReplace does. */
  async startRecording(keep?: KeepRecording): Promise<boolean> {
    // Nothing to ask about when no recording could start (no camera, or one is running).
    if (!this.session.isLive || this.session.isRecording) return false;
    if (!(await this.mayReplace(keep))) return false;
    const ok = this.session.startRecording();
    if (ok) this.offer.dismiss(); // the user moved on; the drafts stay listed under Progress
    this.syncButtons();
    return ok;
  }

  /** Stops a live recording; returns it (also published to onRecording listeners), or null if too short. */
  stopRecording(): PosesFileV1 | null {
    const rec = this.session.stopRecording();
    this.syncButtons();
    return rec;
  }

  /** A file chosen or dropped by the user. */
  private async pickFile(file: File): Promise<void> {
    if (!(await this.offer.mayReplace(this.el))) return;
    await this.analyseFile(file);
  }

  async analyseFile(file: File): Promise<PosesFileV1 | null> {
    this.stop();
    this.clearMessages();
    this.scrubber.detach();
    this.offer.dismiss();
    this.abort = new AbortController();
    this.progress.value = 0;
    let progressShownAt = -Infinity;
    this.progress.hidden = false;
    this.cancelBtn.hidden = false;
    this.progressRow.classList.add('busy');
    const pending = this.session.analyseFile(file, {
      poolSize: this.poolSize,
      container: this.stage,
      signal: this.abort.signal,
      profileDecode: BENCH,
      onProgress: (f, done, total) => {
        // A few times a second is enough to read; each change costs a style, layout and paint of the page.
        const now = performance.now();
        if (now - progressShownAt < PROGRESS_EVERY_MS && f < 1) return;
        progressShownAt = now;
        this.progress.value = f;
        this.setStatus(t('status.analysingFile', { done, total }));
      },
    });
    this.syncButtons();
    try {
      const res = await pending;
      const frames = res.poses.frames.length;
      this.setStatus(t(res.cancelled ? 'status.cancelled' : 'status.fileDone', { frames }));
      if (res.damaged)
        this.showWarning(
          res.damaged.code,
          t('capture.damaged', {
            readable: res.damaged.readableFrames,
            expected: res.damaged.expectedFrames,
          }),
        );
      if (res.skippedFramesMs.length)
        this.showWarning(
          'frames-skipped',
          t('capture.skipped', {
            count: res.skippedFramesMs.length,
            times: res.skippedFramesMs.map((x) => (x / 1000).toFixed(2)).join(', '),
          }),
        );
      // Back to the start of the clip; seeking it (the slider) shows the nearest analysed frame's pose.
      this.scrubber.attach(res.poses);
      this.updateReadouts(true);
      return res.poses;
    } catch (err) {
      this.onError(err);
      return null;
    } finally {
      this.progress.hidden = true;
      this.cancelBtn.hidden = true;
      this.progressRow.classList.remove('busy');
      this.abort = null;
      this.syncButtons();
    }
  }

  stop(): void {
    this.abort?.abort();
    this.session.stop();
    this.syncButtons();
  }

  private pickSubject(ev: MouseEvent): void {
    const c = this.overlay.canvas;
    const r = c.getBoundingClientRect();
    this.session.select(
      ((ev.clientX - r.left) / r.width) * c.width,
      ((ev.clientY - r.top) / r.height) * c.height,
    );
  }

  private download(): void {
    const rec = appState.recording;
    if (!rec) return;
    const stamp = (rec.source?.recordedAt ?? new Date().toISOString()).replace(/[:.]/g, '-');
    downloadBlob(
      new Blob([serializePoses(rec)], { type: 'application/json' }),
      `ganglag-poses-${stamp}.json`,
    );
    markDownloaded(rec);
  }

  /** A restored draft becomes the current recording, as if just recorded or analysed. */
  private restore(rec: PosesFileV1, draft: DraftRecord): void {
    this.scrubber.detach();
    this.overlay.clear();
    this.lastFile = null;
    this.downloadBtn.disabled = false;
    this.session.metrics.framesAnalysed = rec.frames.length;
    this.setStatus(t('drafts.restored', { frames: rec.frames.length }));
    this.updateReadouts(true);
    publishRecording(rec);
    if (draft.analysis)
      publishAnalysis({
        recording: rec,
        analysis: draft.analysis,
        kind: draft.kind,
        protocol: draft.protocol,
      });
  }

  private onError(err: unknown): void {
    if (err instanceof CaptureError || err instanceof PoseClientError) {
      if (err instanceof PoseClientError && err.code === 'busy') return;
      this.showError(err.code, err.message);
    } else {
      this.showError('generic', err instanceof Error ? err.message : String(err));
    }
  }

  private showError(code: string, detail: string): void {
    this.messages.append(h('p', { class: 'error', 'data-code': code }, t(`err.${code}`, { detail })));
  }

  private showWarning(code: string, text: string): void {
    this.messages.append(h('p', { class: 'warning', 'data-code': code }, text));
  }

  private clearMessages(): void {
    clear(this.messages);
  }

  private setStatus(s: string): void {
    this.status.textContent = s;
  }

  private updateReadouts(force = false): void {
    this.readouts.update(
      this.session.metrics,
      this.session.shown.frame?.poses.length ?? 0,
      appState.model,
      force,
    );
  }

  /** For tests and the bench: tensor count in the worker, and where its time went. */
  workerMemory(): Promise<{ numTensors: number; numBytes: number; stages: StageStats }> {
    return this.session.workerMemory();
  }

  /** For the bench: the raw model loop on `count` frames grabbed from the current video. */
  benchmarkRaw(count: number, loops: number): Promise<{ frames: number; totalMs: number; fps: number }> {
    return this.session.benchmarkRaw(count, loops);
  }

  /** For the bench: zero the counters before a measured window. */
  resetMetrics(): void {
    this.session.resetMetrics();
  }

  crashWorkerForTest(): void {
    this.session.crashWorkerForTest();
  }
}
