// A capture session: the live pose client, the subject tracker, the frame pump, the recorder and the metrics,
// behind a narrow interface. The capture view renders it; the feature views reach it through RecordingSource.
// The per-frame path hands the worker a VideoFrame (no pixel copy on the main thread).
import { closeCamera, listCameras, openCamera, type CameraOptions } from './camera';
import { analyseVideo, type AnalyseVideoResult } from './analyse-video';
import { headerOf, type DraftSink } from './draft-sink';
import { FramePump } from './frame-pump';
import { grabFrame, grabVideoFrame } from './file-analysis';
import { PoseRecorder } from './recorder';
import { SeekPresenter } from './seek-presenter';
import { PoseClient, PoseClientError } from '../inference/pose-client';
import { SubjectTracker } from '../analysis/tracking/subject-tracker';
import {
  modelInfo,
  resolveModel,
  type BackendChoice,
  type ModelChoice,
  type ModelId,
  type ModelUse,
} from '../shared/models';
import type { PoseFrame } from '../shared/pose-frame';
import type { PosesFileV1 } from '../shared/poses-format';
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

/** What the session reads from the app's settings each time it needs them. */
export interface SessionSettings {
  /** 'auto' runs a model per use (camera or file), so the client is switched between them. */
  model: ModelChoice;
  backend: BackendChoice;
  heightM: number | undefined;
  /** ISO time stamped on a new recording. */
  recordedAt: () => string;
}

/** What the session tells its view. */
export interface SessionEvents {
  /** The pose model is loading / ready. */
  loading(loading: boolean): void;
  /** A pose worker crashed (it is restarted; analysis goes on). */
  crashed(): void;
  /** The camera was unplugged. */
  cameraLost(): void;
  /** An error while analysing live frames. */
  error(err: unknown): void;
}

/** The frame to draw: the latest live result, or the analysed file frame the video shows now. */
export interface Shown {
  frame: PoseFrame | null;
  subject: number;
  /** When it was captured (performance.now()), 0 before any. */
  captureT: number;
  /**
   * While a file is analysed by workers that decode it: the frame's own pixels, drawn under its skeleton in place
   * of the video (null otherwise: the video shows the frame). Owned here; closed when replaced.
   */
  picture: ImageBitmap | null;
}

/** Pictures of analysed frames while a file is analysed: at most this often (the video is not sought meanwhile). */
const PICTURE_EVERY_MS = 200;
/** Their width is the video's on-screen width in device px, up to this. */
const PICTURE_MAX_WIDTH = 1280;

export interface AnalyseFileOptions {
  /** Upper bound on file-analysis workers. */
  poolSize: number;
  /** Where the hidden <video> elements of the stepping path go (they must be in the document). */
  container: HTMLElement;
  signal: AbortSignal;
  onProgress: (fraction: number, framesDone: number, framesExpected: number) => void;
  /** Also time decoding alone (the bench). */
  profileDecode?: boolean;
}

export type SessionMode = 'idle' | 'camera' | 'file';

export class CaptureSession {
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
  readonly shown: Shown = { frame: null, subject: -1, captureT: 0, picture: null };
  /** Called when `shown` changes, so the view draws on demand rather than in a loop every display frame. */
  onShown: (() => void) | null = null;
  private modeNow: SessionMode = 'idle';
  private client: PoseClient | null = null;
  /** The model the client runs. */
  private clientModel: ModelId | null = null;
  private tracker: SubjectTracker | null = null;
  private recorder: PoseRecorder | null = null;
  private liveStartT = 0;
  private lastResultT = 0;
  private readonly pump: FramePump<number, PoseFrame>;
  private readonly frameListeners = new Set<(frame: PoseFrame, subject: number) => void>();
  /** Called with every finished recording (live, or analysed file with its file). */
  finished: ((rec: PosesFileV1, file: File | null) => void) | null = null;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly settings: () => SessionSettings,
    private readonly events: SessionEvents,
    private readonly drafts: DraftSink | null = null,
  ) {
    this.pump = new FramePump<number, PoseFrame>(
      () => this.inferLive(),
      (frame) => this.onResult(frame, frame.tMs, true),
      (err) => this.events.error(err),
    );
  }

  get mode(): SessionMode {
    return this.modeNow;
  }

  get isLive(): boolean {
    return this.modeNow === 'camera';
  }

  get isRecording(): boolean {
    return this.modeNow === 'camera' && this.recorder !== null;
  }

  /**
   * Starts (or returns) the pose client for the chosen model and backend: the model for `use`, else the one
   * running (the live one when none runs). A client of another model is ended first.
   */
  async ensureClient(use?: ModelUse): Promise<PoseClient> {
    const s = this.settings();
    const model = use ? resolveModel(s.model, use) : (this.clientModel ?? resolveModel(s.model, 'live'));
    if (this.client && this.clientModel !== model) {
      this.client.terminate();
      this.client = null;
    }
    if (!this.client) {
      this.clientModel = model;
      this.client = new PoseClient({
        model,
        backend: s.backend,
        onCrash: () => {
          this.metrics.crashes++;
          this.events.crashed();
        },
      });
      this.tracker = new SubjectTracker(modelInfo(model).skeleton);
    }
    this.events.loading(true);
    const info = await this.client.start();
    this.metrics.backend = info.backend;
    this.metrics.model = info.model;
    this.events.loading(false);
    return this.client;
  }

  /** Stops everything and ends the worker; the next use starts one for the current settings. */
  async restartClient(): Promise<void> {
    this.stop();
    this.client?.terminate();
    this.client = null;
    this.clientModel = null;
    await this.ensureClient();
  }

  async startCamera(camera: CameraOptions): Promise<void> {
    this.stop();
    await this.ensureClient('live');
    await openCamera(this.video, camera, () => {
      this.events.cameraLost();
      this.finishLive();
    });
    this.modeNow = 'camera';
    this.tracker?.reset();
    this.pump.reset();
    this.metrics.dropped = 0;
    this.video.requestVideoFrameCallback(this.onVideoFrame);
  }

  listCameras(): Promise<{ deviceId: string; label: string }[]> {
    return listCameras();
  }

  private readonly onVideoFrame = (): void => {
    if (this.modeNow !== 'camera') return;
    this.video.requestVideoFrameCallback(this.onVideoFrame);
    if (!this.pump.offer(performance.now())) this.metrics.dropped = this.pump.stats.dropped;
  };

  /** Grabs the video's current frame (the newest) and stamps it with the grab time. */
  private async inferLive(): Promise<PoseFrame> {
    const captureT = performance.now();
    const client = this.client;
    if (!client) throw new PoseClientError('not-initialized', 'no client');
    const { frame, sourceWidth, sourceHeight } = await grabVideoFrame(this.video);
    // A search crop tells BlazePose to forget its own person region (see EstimateOptions.search).
    return client.estimate(frame, captureT, {
      sourceWidth,
      sourceHeight,
      roi: this.roi(),
      search: this.tracker?.searching() ?? false,
    });
  }

  /** Single-person models look only around the followed subject, so a bystander cannot steal the pose. */
  private roi(): { x: number; y: number; w: number; h: number } | undefined {
    const model = this.clientModel;
    return !model || modelInfo(model).multiPerson ? undefined : this.tracker?.subjectRoi();
  }

  /** A result: tracked, counted, recorded (live), passed to listeners; `show` makes it the frame to draw. */
  private onResult(frame: PoseFrame, captureT: number, show: boolean): number {
    const subject = this.tracker ? this.tracker.update(frame) : -1;
    if (show) this.show(frame, subject, captureT);
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
    if (this.modeNow === 'camera' && this.recorder) {
      this.recorder.add(frame, subject, captureT - this.liveStartT);
      this.drafts?.progress(this.recorder.result().frames);
    }
    for (const fn of this.frameListeners) fn(frame, subject);
    return subject;
  }

  private show(
    frame: PoseFrame,
    subject: number,
    captureT: number,
    picture: ImageBitmap | null = null,
  ): void {
    if (this.shown.picture && this.shown.picture !== picture) this.shown.picture.close();
    this.shown.picture = picture;
    this.shown.frame = frame;
    this.shown.subject = subject;
    this.shown.captureT = captureT;
    this.onShown?.();
  }

  /** The view drew the frame captured at `captureT`: live latency, capture → drawn. */
  noteDrawn(captureT: number): void {
    if (this.modeNow !== 'camera') return;
    this.metrics.latencies[this.metrics.latencyCount % LATENCY_RING] = performance.now() - captureT;
    this.metrics.latencyCount++;
  }

  /** Shows a frame that is not a fresh result (scrubbing through an analysed file). */
  showStill(frame: PoseFrame | null, subject: number): void {
    this.shown.picture?.close();
    this.shown.picture = null;
    this.shown.frame = frame;
    this.shown.subject = subject;
    this.shown.captureT = performance.now();
    this.onShown?.();
  }

  /** Live results (camera or file), with the index of the followed subject in frame.poses (-1: none). */
  addFrameListener(fn: (frame: PoseFrame, subject: number) => void): () => void {
    this.frameListeners.add(fn);
    return () => this.frameListeners.delete(fn);
  }

  /** Starts recording the live camera (the camera must be running). */
  startRecording(): boolean {
    if (this.modeNow !== 'camera' || this.recorder) return false;
    this.liveStartT = performance.now();
    this.recorder = this.newRecorder(this.video.videoWidth, this.video.videoHeight, 30, 'camera');
    this.drafts?.start('recording', headerOf(this.recorder.result()));
    return true;
  }

  /** Stops a live recording; returns it, or null if too short. */
  stopRecording(): PosesFileV1 | null {
    return this.finishLive();
  }

  private finishLive(): PosesFileV1 | null {
    const rec = this.recorder;
    this.recorder = null;
    if (!rec) return null;
    if (rec.frameCount <= 1) {
      this.drafts?.end();
      return null;
    }
    const frames = rec.result().frames;
    const span = frames[frames.length - 1].tMs - frames[0].tMs;
    rec.setFps(Math.round(((frames.length - 1) * 1000) / Math.max(1, span)));
    const out = rec.result();
    this.drafts?.complete(out);
    this.finished?.(out, null);
    return out;
  }

  private newRecorder(width: number, height: number, fps: number, name: string): PoseRecorder {
    const s = this.settings();
    const info = modelInfo(this.clientModel ?? resolveModel(s.model, 'live'));
    return new PoseRecorder({
      skeleton: info.skeleton,
      fps,
      width,
      height,
      heightM: s.heightM,
      model: info.id,
      backend: this.metrics.backend,
      name,
      recordedAt: s.recordedAt(),
    });
  }

  setHeight(heightM: number | undefined): void {
    this.recorder?.setHeight(heightM);
  }

  /**
   * Analyses every frame of a file once. The visible video shows the frame whose skeleton is drawn; the draft
   * grows in time order as frames are known. Rejects as analyseVideo does.
   */
  async analyseFile(file: File, opts: AnalyseFileOptions): Promise<AnalyseVideoResult> {
    this.stop();
    const client = await this.ensureClient('file');
    this.modeNow = 'file';
    this.tracker?.reset();
    this.metrics.framesAnalysed = 0;
    const s = this.settings();
    const info = modelInfo(resolveModel(s.model, 'file'));
    const recordedAt = s.recordedAt();
    // The draft follows the file in time order with a tracker of its own; the result replaces it at the end.
    let draft: { rec: PoseRecorder; tracker: SubjectTracker } | null = null;
    // Workers that decode the file send pictures of analysed frames; the <video> stepping path does not, and then
    // the visible video is sought to the frame instead (each seek decodes from the last keyframe: costly).
    let pictures = false;
    const presenter = new SeekPresenter<PoseFrame>(this.video, (frame, subject) =>
      this.show(frame, subject, performance.now()),
    );
    const pictureWidth = Math.min(
      PICTURE_MAX_WIDTH,
      Math.round((this.video.clientWidth || 640) * (globalThis.devicePixelRatio || 1)),
    );
    const t0 = performance.now();
    let ended = false;
    try {
      const res = await analyseVideo(file, {
        model: info.id,
        backend: s.backend,
        workers: Math.min(navigator.hardwareConcurrency || 1, opts.poolSize),
        client,
        video: this.video,
        container: opts.container,
        heightM: s.heightM,
        backendName: this.metrics.backend,
        recordedAt,
        signal: opts.signal,
        onProgress: opts.onProgress,
        preview: { width: pictureWidth, everyMs: PICTURE_EVERY_MS },
        onFrame: (frame, picture) => {
          const subject = this.onResult(frame, performance.now(), false);
          if (picture) {
            pictures = true;
            this.show(frame, subject, performance.now(), picture);
          } else if (!pictures) presenter.offer(frame, subject);
        },
        onOrderedFrame: this.drafts
          ? (frame) => {
              if (!draft) {
                const rec = new PoseRecorder({
                  skeleton: info.skeleton,
                  fps: 30,
                  width: this.video.videoWidth || 1,
                  height: this.video.videoHeight || 1,
                  heightM: s.heightM,
                  model: info.id,
                  backend: this.metrics.backend,
                  name: file.name,
                  recordedAt,
                });
                draft = { rec, tracker: new SubjectTracker(info.skeleton) };
                this.drafts?.start('file', headerOf(rec.result()));
              }
              draft.rec.add(frame, draft.tracker.update(frame), frame.tMs);
              this.drafts?.progress(draft.rec.result().frames);
            }
          : undefined,
      });
      const frames = res.poses.frames.length;
      this.metrics.framesAnalysed = frames;
      this.metrics.poolWorkers = res.workers;
      const wallMs = performance.now() - t0;
      const decode = opts.profileDecode ? await client.profileDecode(file, 120) : null;
      this.metrics.file = {
        frames,
        wallMs,
        mainMsPerFrame: res.mainMsPerFrame,
        stages: res.stages ?? null,
        decodeMsPerFrame: decode?.msPerFrame ?? NaN,
      };
      if (this.drafts) {
        // A file that never delivered a frame in order still gets its draft, from the result.
        if (!draft) this.drafts.start('file', headerOf(res.poses));
        this.drafts.complete(res.poses);
        ended = true;
      }
      this.finished?.(res.poses, file);
      return res;
    } finally {
      presenter.dispose();
      if (this.shown.picture) this.showStill(null, -1); // the video shows the clip again
      if (!ended) this.drafts?.end();
      this.modeNow = 'idle';
    }
  }

  /** Stops the camera (ending a live recording as a finished one) and forgets a parked frame. */
  stop(): void {
    this.pump.clearPending();
    if (this.modeNow === 'camera') {
      this.finishLive();
      closeCamera(this.video);
    }
    this.modeNow = 'idle';
  }

  /** Locks the tracker onto the person at (x, y) in video pixels. */
  select(x: number, y: number): void {
    this.tracker?.select(x, y);
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
    if (this.modeNow === 'camera') this.modeNow = 'idle'; // stop feeding the live pipeline, keep the camera open
    this.pump.clearPending();
    while (this.pump.busy) await new Promise((r) => setTimeout(r, 5));
    const frames: ImageBitmap[] = [];
    for (let i = 0; i < count; i++) {
      frames.push((await grabFrame(this.video)).bitmap);
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
