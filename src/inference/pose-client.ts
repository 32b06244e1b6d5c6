// Owns the pose worker: starts it lazily, keeps at most one frame in flight, restarts it after a crash.
import * as Comlink from 'comlink';
import type {
  EstimateOptions,
  FilePreview,
  FileRun,
  InitResult,
  PoseWorkerApi,
  StageStats,
} from '../../workers/pose.worker';
import type { BackendChoice, ModelId } from '../shared/models';
import type { PoseFrame } from '../shared/pose-frame';
import { isPoseErrorCode, type PoseErrorCode } from '../shared/pose-errors';

export type PoseClientErrorCode = PoseErrorCode | 'worker-crashed' | 'busy';

export class PoseClientError extends Error {
  override readonly name = 'PoseClientError';
  constructor(
    readonly code: PoseClientErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Maps an error that crossed the worker boundary (name = code) to a typed client error. */
export function toClientError(err: unknown): PoseClientError {
  if (err instanceof PoseClientError) return err;
  const e = err as { name?: string; message?: string } | undefined;
  const code: PoseClientErrorCode = isPoseErrorCode(e?.name) ? e.name : 'inference-failed';
  return new PoseClientError(code, e?.message ?? String(err));
}

export interface PoseClientOptions {
  model: ModelId;
  backend: BackendChoice;
  /** Called when the worker died; the client restarts it on the next call. */
  onCrash?: (reason: string) => void;
  /** A frame that takes longer than this is treated as a hung worker. */
  timeoutMs?: number;
  /** Loading the model taking longer than this is treated as a hung worker (default 90 s). */
  initTimeoutMs?: number;
  /**
   * A file analysis that delivers no frame for this long is treated as a hung worker (default 60 s; the first frame
   * may follow the file's opening and a lead-in of unreported frames, at most about 0.5 s of video).
   */
  fileStallMs?: number;
  /** Creates the worker; injectable for tests. */
  createWorker?: () => Worker;
}

const defaultWorker = (): Worker =>
  new Worker(new URL('../../workers/pose.worker.ts', import.meta.url), { type: 'module', name: 'pose' });

export class PoseClient {
  private worker: Worker | null = null;
  private remote: Comlink.Remote<PoseWorkerApi> | null = null;
  private ready: Promise<InitResult> | null = null;
  private inFlight = false;
  private crashReject: ((e: PoseClientError) => void) | null = null;
  /** The model-load limit of the running start(); a worker ended on purpose (terminate) is not a crash. */
  private initTimer: ReturnType<typeof setTimeout> | undefined;
  info: InitResult | null = null;
  crashes = 0;

  constructor(private opts: PoseClientOptions) {}

  get busy(): boolean {
    return this.inFlight;
  }

  /** Starts the worker and loads the model (once); later calls return the same promise. */
  start(): Promise<InitResult> {
    if (this.ready) return this.ready;
    const worker = (this.opts.createWorker ?? defaultWorker)();
    this.worker = worker;
    this.remote = Comlink.wrap<PoseWorkerApi>(worker);
    const crashed = new Promise<never>((_, reject) => {
      const onDeath = (ev: Event): void => {
        const msg = ev instanceof ErrorEvent ? ev.message : ev.type;
        this.handleCrash(`worker error: ${msg}`);
        reject(new PoseClientError('worker-crashed', `The pose worker stopped (${msg}).`));
      };
      worker.addEventListener('error', onDeath);
      worker.addEventListener('messageerror', onDeath);
    });
    crashed.catch(() => undefined);
    const init = this.remote.init({
      model: this.opts.model,
      backend: this.opts.backend,
      baseUrl: new URL(import.meta.env.BASE_URL, location.href).href,
    });
    const initTimeoutMs = this.opts.initTimeoutMs ?? 90_000;
    const hung = new Promise<never>((_, reject) => {
      // A worker that never answers init would leave every caller waiting for ever (seen once in CI).
      this.initTimer = setTimeout(() => {
        this.crashes++;
        this.opts.onCrash?.(`model not loaded in ${initTimeoutMs} ms`);
        reject(
          new PoseClientError(
            'worker-crashed',
            `The pose worker did not load the model in ${initTimeoutMs / 1000} s.`,
          ),
        );
      }, initTimeoutMs);
    });
    this.ready = Promise.race([init, crashed, hung]).then(
      (info) => {
        clearTimeout(this.initTimer);
        return (this.info = info);
      },
      (err: unknown) => {
        clearTimeout(this.initTimer);
        const e = toClientError(err);
        this.terminate();
        throw e;
      },
    );
    return this.ready;
  }

  /**
   * Sends one frame (a bitmap or a VideoFrame, transferred, not copied). Rejects with code 'busy' when a frame is
   * already in flight: callers drop the frame and count it.
   */
  async estimate(
    frame: ImageBitmap | VideoFrame,
    tMs: number,
    options: EstimateOptions = {},
  ): Promise<PoseFrame> {
    if (this.inFlight) {
      frame.close();
      throw new PoseClientError('busy', 'A frame is already in flight.');
    }
    this.inFlight = true;
    try {
      await this.start();
      const remote = this.remote;
      if (!remote) throw new PoseClientError('worker-crashed', 'The pose worker is not running.');
      const timeoutMs = this.opts.timeoutMs ?? 20_000;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const guard = new Promise<never>((_, reject) => {
        this.crashReject = reject;
        timer = setTimeout(() => {
          this.handleCrash(`no answer in ${timeoutMs} ms`);
          reject(new PoseClientError('worker-crashed', `The pose worker did not answer in ${timeoutMs} ms.`));
        }, timeoutMs);
      });
      try {
        return await Promise.race([remote.estimate(Comlink.transfer(frame, [frame]), tMs, options), guard]);
      } finally {
        clearTimeout(timer);
        this.crashReject = null;
      }
    } catch (err) {
      throw toClientError(err);
    } finally {
      this.inFlight = false;
    }
  }

  /**
   * Analyses [startS, endS) of a video file inside the worker (decoded there, frame-exact). Results stream to
   * onFrame. Resolves to null when the worker cannot decode this file. `warm`: frames before the range for the
   * subject tracker to see first.
   */
  async analyseFile(
    file: Blob,
    range: { startS: number; endS: number; reportFromS: number },
    useRoi: boolean,
    onFrame: (frame: PoseFrame, picture?: ImageBitmap) => void,
    preview?: FilePreview,
    warm?: readonly PoseFrame[],
  ): Promise<FileRun | null> {
    if (this.inFlight) throw new PoseClientError('busy', 'A frame is already in flight.');
    this.inFlight = true;
    let watchdog: ReturnType<typeof setInterval> | undefined;
    try {
      await this.start();
      const remote = this.remote;
      if (!remote) throw new PoseClientError('worker-crashed', 'The pose worker is not running.');
      const crashed = new Promise<never>((_, reject) => (this.crashReject = reject));
      // A worker whose decoding or inference stops answering would hang the analysis for ever: a run that delivers
      // no frame for fileStallMs is treated as a crash, so the caller restarts it after its last frame.
      const stallMs = this.opts.fileStallMs ?? 60_000;
      let lastBeat = performance.now();
      watchdog = setInterval(
        () => {
          // A hidden or frozen page may not run the worker: only time the user sees counts.
          if (typeof document !== 'undefined' && document.hidden) lastBeat = performance.now();
          if (performance.now() - lastBeat <= stallMs) return;
          clearInterval(watchdog);
          this.handleCrash(`no frame in ${stallMs / 1000} s`);
        },
        Math.min(5000, stallMs / 4),
      );
      const beat = (frame: PoseFrame, picture?: ImageBitmap): void => {
        lastBeat = performance.now();
        onFrame(frame, picture);
      };
      return await Promise.race([
        remote.analyseFile(file, range, useRoi, Comlink.proxy(beat), preview, warm),
        crashed,
      ]);
    } catch (err) {
      throw toClientError(err);
    } finally {
      clearInterval(watchdog);
      this.crashReject = null;
      this.inFlight = false;
    }
  }

  /** Asks a running analyseFile to stop after its current frame. */
  async cancel(): Promise<void> {
    await this.remote?.cancel();
  }

  /** Raw model speed on pre-decoded frames, measured inside the worker (bench only). */
  async benchmark(
    frames: ImageBitmap[],
    loops: number,
  ): Promise<{ frames: number; totalMs: number; fps: number }> {
    await this.start();
    if (!this.remote) throw new PoseClientError('worker-crashed', 'The pose worker is not running.');
    return this.remote.benchmark(Comlink.transfer(frames, frames), loops);
  }

  async memory(): Promise<{ numTensors: number; numBytes: number; stages: StageStats }> {
    await this.start();
    if (!this.remote) throw new PoseClientError('worker-crashed', 'The pose worker is not running.');
    return this.remote.memory();
  }

  /** Zeroes the worker's stage times (bench). */
  async resetStages(): Promise<void> {
    await this.remote?.resetStages();
  }

  /** Demuxing and decoding alone, ms per frame (bench). */
  async profileDecode(file: Blob, maxFrames: number): Promise<{ frames: number; msPerFrame: number } | null> {
    await this.start();
    if (!this.remote) throw new PoseClientError('worker-crashed', 'The pose worker is not running.');
    return this.remote.profileDecode(file, maxFrames);
  }

  /** Kills the worker on purpose (tests and the crash-recovery path use this). */
  crashForTest(): void {
    this.worker?.dispatchEvent(new ErrorEvent('error', { message: 'simulated crash' }));
  }

  private handleCrash(reason: string): void {
    this.crashes++;
    this.crashReject?.(new PoseClientError('worker-crashed', `The pose worker stopped (${reason}).`));
    this.terminate();
    this.opts.onCrash?.(reason);
  }

  terminate(): void {
    clearTimeout(this.initTimer);
    this.remote?.[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
    this.ready = null;
    this.info = null;
  }
}
