// The capture view: camera or video file in, poses out. Owns the live pose client, the subject tracker, the overlay
// and the recorder; the per-frame path hands the worker a VideoFrame (no pixel copy on the main thread). A recorded
// file is analysed by src/capture/analyse-video: this view only shows its progress and result.
import { closeCamera, listCameras, openCamera, RESOLUTIONS } from '../capture/camera';
import { CaptureError } from '../capture/errors';
import { FramePump } from '../capture/frame-pump';
import { PoseRecorder } from '../capture/recorder';
import { grabFrame, grabVideoFrame } from '../capture/file-analysis';
import { analyseVideo } from '../capture/analyse-video';
import type { RecordingSource } from '../capture/recording-source';
import { PoseClient, PoseClientError } from '../inference/pose-client';
import { SubjectTracker } from '../analysis/tracking/subject-tracker';
import { BACKEND_IDS, MODEL_IDS, modelInfo, type BackendChoice, type ModelId } from '../shared/models';
import type { PoseFrame } from '../shared/pose-frame';
import { serializePoses, type PosesFileV1 } from '../shared/poses-format';
import { appState, publishRecording } from './app-state';
import { clear, downloadBlob, h } from './dom';
import { onLangChange, t } from './i18n';
import { Overlay } from './overlay';
import { heightInput } from './height-input';
import { now } from './clock';
import type { StageStats } from '../../workers/pose.worker';

const LATENCY_RING = 512;

export interface PipelineMetrics {
  framesAnalysed: number;
  dropped: number;
  fps: number;
  inferenceMs: number;
  backend: string;
  model: string;
  crashes: number;
  /** Workers used for the last file analysis. */
  poolWorkers: number;
  /** Capture → overlay drawn, ms, ring buffer. */
  latencies: Float64Array;
  latencyCount: number;
  /** The last file analysis: where the time went (bench). */
  file: {
    frames: number;
    wallMs: number;
    mainMsPerFrame: number;
    stages: StageStats | null;
    /** Demuxing and decoding alone, ms per frame (measured only with ?bench=1). */
    decodeMsPerFrame: number;
  } | null;
}

/** ?bench=1: after a file analysis, also time decoding alone (the bench's breakdown of the time per frame). */
const BENCH = typeof location !== 'undefined' && new URLSearchParams(location.search).get('bench') === '1';

export class CaptureView implements RecordingSource {
  readonly el: HTMLElement;
  private readonly video: HTMLVideoElement;
  private readonly stage: HTMLElement;
  /** The video file the last recording was analysed from (RecordingSource). */
  lastFile: File | null = null;
  /** Upper bound on file-analysis workers (one per core by default). */
  poolSize = 4;
  private readonly overlay: Overlay;
  private readonly messages: HTMLElement;
  private readonly readouts: HTMLElement;
  private readonly status: HTMLElement;
  private readonly progress: HTMLProgressElement;
  private readonly cancelBtn: HTMLButtonElement;
  private readonly downloadBtn: HTMLButtonElement;
  private readonly recordBtn: HTMLButtonElement;
  private readonly cameraSelect: HTMLSelectElement;
  private readonly resolutionSelect: HTMLSelectElement;
  private client: PoseClient | null = null;
  private tracker: SubjectTracker | null = null;
  private recorder: PoseRecorder | null = null;
  private mode: 'idle' | 'camera' | 'file' = 'idle';
  private latest: PoseFrame | null = null;
  private latestSubject = -1;
  private latestCaptureT = 0;
  private drawnCaptureT = 0;
  private abort: AbortController | null = null;
  private liveStartT = 0;
  private lastResultT = 0;
  private readonly pump: FramePump<number, PoseFrame>;
  private readonly frameListeners = new Set<(frame: PoseFrame, subject: number) => void>();
  /** Beside the video: guided protocols (gait, spine tests) mount their panel here. */
  readonly sidePanel: HTMLElement = h('aside', { class: 'side-panel', 'data-testid': 'side-panel' });
  readonly metrics: PipelineMetrics = {
    framesAnalysed: 0,
    dropped: 0,
    fps: 0,
    inferenceMs: 0,
    backend: '',
    model: '',
    crashes: 0,
    poolWorkers: 0,
    latencies: new Float64Array(LATENCY_RING),
    latencyCount: 0,
    file: null,
  };

  constructor() {
    this.video = h('video', { class: 'stage-video', muted: true, playsinline: true });
    const canvas = h('canvas', { class: 'stage-overlay' });
    this.overlay = new Overlay(canvas);
    this.stage = h('div', { class: 'stage' }, this.video, canvas);
    canvas.addEventListener('click', (ev) => this.pickSubject(ev));
    this.messages = h('div', { class: 'messages', role: 'alert', 'aria-live': 'assertive' });
    this.readouts = h('dl', { class: 'readouts', 'data-testid': 'readouts' });
    this.status = h('p', { class: 'status', 'data-testid': 'status' });
    this.progress = h('progress', { max: 1, value: 0, hidden: true, 'data-testid': 'file-progress' });
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
      onclick: () => this.toggleLiveRecording(),
    });
    this.cameraSelect = h('select', { 'aria-label': t('camera.device') });
    this.resolutionSelect = h('select', { 'aria-label': t('camera.resolution') });
    this.pump = new FramePump<number, PoseFrame>(
      () => this.inferLive(),
      (frame) => this.onResult(frame, frame.tMs),
      (err) => this.onError(err),
    );
    this.el = h('section', { class: 'capture-view' });
    this.render();
    onLangChange(() => this.render());
    requestAnimationFrame(this.drawLoop);
  }

  private render(): void {
    const fileInput = h('input', {
      type: 'file',
      accept: 'video/*,.mp4,.webm,.mov,.mkv',
      'data-testid': 'file-input',
      onchange: (ev) => {
        const f = (ev.target as HTMLInputElement).files?.[0];
        if (f) void this.analyseFile(f);
      },
    });
    const drop = h(
      'div',
      { class: 'dropzone', 'data-testid': 'dropzone' },
      h('label', { class: 'button' }, t('source.chooseFile'), fileInput),
      h('span', {}, t('source.drop')),
    );
    drop.addEventListener('dragover', (ev) => {
      ev.preventDefault();
      drop.classList.add('over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (ev) => {
      ev.preventDefault();
      drop.classList.remove('over');
      const f = ev.dataTransfer?.files?.[0];
      if (f) void this.analyseFile(f);
    });
    clear(this.resolutionSelect);
    RESOLUTIONS.forEach((r, i) =>
      this.resolutionSelect.append(h('option', { value: i, selected: i === 1 }, r.label)),
    );
    if (!this.cameraSelect.options.length)
      this.cameraSelect.append(h('option', { value: '' }, t('camera.device')));
    const height = heightInput('height', (m) => this.recorder?.setHeight(m));
    this.cancelBtn.textContent = t('action.cancel');
    this.downloadBtn.textContent = t('action.download');
    this.recordBtn.textContent =
      this.recorder && this.mode === 'camera' ? t('action.stopRecording') : t('action.record');
    clear(this.el);
    this.el.append(
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
          h('button', { type: 'button', onclick: () => this.stop() }, t('camera.stop')),
          this.recordBtn,
        ),
        h('fieldset', {}, h('legend', {}, t('source.file')), drop),
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
      h('p', { class: 'hint' }, t('subject.hint')),
      h('div', { class: 'progress-row' }, this.progress, this.cancelBtn, this.downloadBtn),
      this.status,
      this.readouts,
    );
    this.buildReadouts();
    this.updateReadouts(true);
  }

  private modelSelect(): HTMLSelectElement {
    const s = h('select', {
      'data-testid': 'model',
      'aria-label': t('model.label'),
      onchange: (ev) => {
        appState.model = (ev.target as HTMLSelectElement).value as ModelId;
        void this.restartClient();
      },
    });
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

  /** Starts (or returns) the pose client for the chosen model and backend. */
  private async ensureClient(): Promise<PoseClient> {
    if (!this.client) {
      this.client = new PoseClient({
        model: appState.model,
        backend: appState.backend,
        onCrash: () => {
          this.metrics.crashes++;
          this.showError('worker-crashed', '');
        },
      });
      this.tracker = new SubjectTracker(modelInfo(appState.model).skeleton);
    }
    this.setStatus(t('status.loadingModel'));
    const info = await this.client.start();
    this.metrics.backend = info.backend;
    this.metrics.model = info.model;
    this.setStatus(t('status.ready'));
    this.updateReadouts(true);
    return this.client;
  }

  private async restartClient(): Promise<void> {
    this.stop();
    this.client?.terminate();
    this.client = null;
    try {
      await this.ensureClient();
    } catch (err) {
      this.onError(err);
    }
  }

  async startCamera(): Promise<void> {
    this.stop();
    this.clearMessages();
    try {
      await this.ensureClient();
      const res = RESOLUTIONS[Number(this.resolutionSelect.value) || 0];
      await openCamera(
        this.video,
        { deviceId: this.cameraSelect.value || undefined, width: res.width, height: res.height },
        () => {
          this.showError('camera-unplugged', '');
          this.finishLive();
        },
      );
      await this.refreshCameras();
      this.mode = 'camera';
      this.tracker?.reset();
      this.pump.reset();
      this.metrics.dropped = 0;
      this.recordBtn.disabled = false;
      this.setStatus(t('status.live'));
      this.video.requestVideoFrameCallback(this.onVideoFrame);
    } catch (err) {
      this.onError(err);
    }
  }

  private async refreshCameras(): Promise<void> {
    const cams = await listCameras();
    const cur = this.cameraSelect.value;
    clear(this.cameraSelect);
    for (const c of cams)
      this.cameraSelect.append(h('option', { value: c.deviceId, selected: c.deviceId === cur }, c.label));
  }

  private readonly onVideoFrame = (): void => {
    if (this.mode !== 'camera') return;
    this.video.requestVideoFrameCallback(this.onVideoFrame);
    if (!this.pump.offer(performance.now())) this.metrics.dropped = this.pump.stats.dropped;
  };

  /** Grabs the video's current frame (the newest) and stamps it with the grab time. */
  private async inferLive(): Promise<PoseFrame> {
    const captureT = performance.now();
    const client = this.client;
    if (!client) throw new PoseClientError('not-initialized', 'no client');
    const { frame, sourceWidth, sourceHeight } = await grabVideoFrame(this.video);
    const roi = this.roi();
    return client.estimate(frame, captureT, { sourceWidth, sourceHeight, roi });
  }

  private grab(): Promise<{ bitmap: ImageBitmap; sourceWidth: number; sourceHeight: number }> {
    return grabFrame(this.video);
  }

  /** Single-person models look only around the followed subject, so a bystander cannot steal the pose. */
  private roi(): { x: number; y: number; w: number; h: number } | undefined {
    return modelInfo(appState.model).multiPerson ? undefined : this.tracker?.subjectRoi();
  }

  private onResult(frame: PoseFrame, captureT: number): void {
    const subject = this.tracker ? this.tracker.update(frame) : -1;
    this.latest = frame;
    this.latestSubject = subject;
    this.latestCaptureT = captureT;
    this.metrics.framesAnalysed++;
    const now = performance.now();
    if (this.lastResultT) {
      const inst = 1000 / Math.max(1, now - this.lastResultT);
      this.metrics.fps = this.metrics.fps ? this.metrics.fps * 0.9 + inst * 0.1 : inst;
    }
    this.lastResultT = now;
    this.metrics.inferenceMs = this.metrics.inferenceMs
      ? this.metrics.inferenceMs * 0.9 + frame.inferenceMs * 0.1
      : frame.inferenceMs;
    if (this.mode === 'camera' && this.recorder)
      this.recorder.add(frame, subject, captureT - this.liveStartT);
    for (const fn of this.frameListeners) fn(frame, subject);
  }

  private readonly drawLoop = (): void => {
    this.overlay.resize(this.video.videoWidth || 640, this.video.videoHeight || 360);
    if (this.latest && this.latestCaptureT !== this.drawnCaptureT) {
      this.overlay.draw(this.latest, this.latestSubject);
      this.drawnCaptureT = this.latestCaptureT;
      if (this.mode === 'camera') {
        this.metrics.latencies[this.metrics.latencyCount % LATENCY_RING] =
          performance.now() - this.latestCaptureT;
        this.metrics.latencyCount++;
      }
      this.updateReadouts();
    }
    requestAnimationFrame(this.drawLoop);
  };

  /** Live results (camera or file), with the index of the followed subject in frame.poses (-1: none). */
  addFrameListener(fn: (frame: PoseFrame, subject: number) => void): () => void {
    this.frameListeners.add(fn);
    return () => this.frameListeners.delete(fn);
  }

  /** Switches the pose model, as the model select does (stops the camera, restarts the worker). */
  async setModel(id: ModelId): Promise<void> {
    if (appState.model === id) return;
    appState.model = id;
    this.render();
    await this.restartClient();
  }

  get isLive(): boolean {
    return this.mode === 'camera';
  }

  get isRecording(): boolean {
    return this.mode === 'camera' && this.recorder !== null;
  }

  private toggleLiveRecording(): void {
    if (this.recorder) this.stopRecording();
    else this.startRecording();
  }

  /** Starts recording the live camera (the camera must be running). */
  startRecording(): boolean {
    if (this.mode !== 'camera' || this.recorder) return false;
    this.liveStartT = performance.now();
    this.recorder = this.newRecorder(this.video.videoWidth, this.video.videoHeight, 30, 'camera');
    this.recordBtn.textContent = t('action.stopRecording');
    return true;
  }

  /** Stops a live recording; returns it (also published to onRecording listeners), or null if too short. */
  stopRecording(): PosesFileV1 | null {
    return this.finishLive();
  }

  private finishLive(): PosesFileV1 | null {
    const rec = this.recorder;
    let out: PosesFileV1 | null = null;
    if (rec && rec.frameCount > 1) {
      this.lastFile = null;
      const frames = rec.result().frames;
      const span = frames[frames.length - 1].tMs - frames[0].tMs;
      rec.setFps(Math.round(((frames.length - 1) * 1000) / Math.max(1, span)));
      out = rec.result();
      this.done(out);
    }
    this.recorder = null;
    this.recordBtn.textContent = t('action.record');
    return out;
  }

  private newRecorder(width: number, height: number, fps: number, name: string): PoseRecorder {
    const info = modelInfo(appState.model);
    return new PoseRecorder({
      skeleton: info.skeleton,
      fps,
      width,
      height,
      heightM: appState.heightM,
      model: info.id,
      backend: this.metrics.backend,
      name,
      recordedAt: now().toISOString(),
    });
  }

  async analyseFile(file: File): Promise<PosesFileV1 | null> {
    this.stop();
    this.clearMessages();
    try {
      const client = await this.ensureClient();
      this.mode = 'file';
      this.tracker?.reset();
      this.metrics.framesAnalysed = 0;
      this.abort = new AbortController();
      this.progress.hidden = false;
      this.cancelBtn.hidden = false;
      const t0 = performance.now();
      const res = await analyseVideo(file, {
        model: appState.model,
        backend: appState.backend,
        workers: Math.min(navigator.hardwareConcurrency || 1, this.poolSize),
        client,
        video: this.video,
        container: this.stage,
        heightM: appState.heightM,
        backendName: this.metrics.backend,
        recordedAt: now().toISOString(),
        signal: this.abort.signal,
        onProgress: (f, done, total) => {
          this.progress.value = f;
          this.setStatus(t('status.analysingFile', { done, total }));
        },
        onFrame: (frame) => this.onResult(frame, performance.now()),
      });
      const frames = res.poses.frames.length;
      this.metrics.framesAnalysed = frames;
      this.metrics.poolWorkers = res.workers;
      const wallMs = performance.now() - t0;
      const decode = BENCH ? await client.profileDecode(file, 120) : null;
      this.metrics.file = {
        frames,
        wallMs,
        mainMsPerFrame: res.mainMsPerFrame,
        stages: res.stages ?? null,
        decodeMsPerFrame: decode?.msPerFrame ?? NaN,
      };
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
      this.lastFile = file;
      this.done(res.poses);
      return res.poses;
    } catch (err) {
      this.onError(err);
      return null;
    } finally {
      this.mode = 'idle';
      this.progress.hidden = true;
      this.cancelBtn.hidden = true;
      this.abort = null;
    }
  }

  private done(rec: PosesFileV1): void {
    this.downloadBtn.disabled = false;
    publishRecording(rec);
  }

  stop(): void {
    this.abort?.abort();
    this.pump.clearPending();
    if (this.mode === 'camera') {
      this.finishLive();
      closeCamera(this.video);
    }
    this.mode = 'idle';
    this.recordBtn.disabled = true;
  }

  private pickSubject(ev: MouseEvent): void {
    const c = this.overlay.canvas;
    const r = c.getBoundingClientRect();
    const x = ((ev.clientX - r.left) / r.width) * c.width;
    const y = ((ev.clientY - r.top) / r.height) * c.height;
    this.tracker?.select(x, y);
  }

  private download(): void {
    const rec = appState.recording;
    if (!rec) return;
    const stamp = (rec.source?.recordedAt ?? new Date().toISOString()).replace(/[:.]/g, '-');
    downloadBlob(
      new Blob([serializePoses(rec)], { type: 'application/json' }),
      `ganglag-poses-${stamp}.json`,
    );
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

  /** Readout values, written as text into persistent nodes at most ~5 times a second (no per-frame DOM churn). */
  private readonly readoutCells = new Map<string, HTMLElement>();
  private lastReadoutT = 0;

  private buildReadouts(): void {
    clear(this.readouts);
    this.readoutCells.clear();
    for (const k of ['fps', 'inference', 'dropped', 'frames', 'people', 'model', 'backend']) {
      const dd = h('dd', {});
      this.readoutCells.set(k, dd);
      this.readouts.append(h('div', { 'data-readout': k }, h('dt', {}, t(`readout.${k}`)), dd));
    }
    this.lastReadoutT = 0;
  }

  private setCell(k: string, v: string): void {
    const el = this.readoutCells.get(k);
    if (el && el.textContent !== v) el.textContent = v;
  }

  private updateReadouts(force = false): void {
    const now = performance.now();
    if (!force && now - this.lastReadoutT < 200) return;
    this.lastReadoutT = now;
    const m = this.metrics;
    this.setCell('fps', m.fps.toFixed(1));
    this.setCell('inference', `${m.inferenceMs.toFixed(1)} ms`);
    this.setCell('dropped', String(m.dropped));
    this.setCell('frames', String(m.framesAnalysed));
    this.setCell('people', String(this.latest?.poses.length ?? 0));
    this.setCell('model', m.model || appState.model);
    this.setCell('backend', m.backend || '–');
  }

  /** For tests and the bench: tensor count in the worker, and where its time went. */
  async workerMemory(): Promise<{ numTensors: number; numBytes: number; stages: StageStats }> {
    return (await this.ensureClient()).memory();
  }

  /** For the bench: the raw model loop on `count` frames grabbed from the current video. */
  async benchmarkRaw(
    count: number,
    loops: number,
  ): Promise<{ frames: number; totalMs: number; fps: number }> {
    const client = await this.ensureClient();
    if (this.mode === 'camera') this.mode = 'idle'; // stop feeding the live pipeline, keep the camera open
    this.pump.clearPending();
    while (this.pump.busy) await new Promise((r) => setTimeout(r, 5));
    const frames: ImageBitmap[] = [];
    for (let i = 0; i < count; i++) {
      frames.push((await this.grab()).bitmap);
      await new Promise((r) => setTimeout(r, 30));
    }
    return client.benchmark(frames, loops);
  }

  /** For the bench: zero the counters before a measured window. */
  resetMetrics(): void {
    void this.client?.resetStages();
    this.pump.reset();
    this.metrics.framesAnalysed = 0;
    this.metrics.dropped = 0;
    this.metrics.latencyCount = 0;
    this.metrics.fps = 0;
    this.lastResultT = 0;
  }

  crashWorkerForTest(): void {
    this.client?.crashForTest();
  }
}
