// Recorded video → ganglag.poses/v1, in one call: a pool of pose workers decodes and analyses the file, the chunks
// are stitched, the subject is chosen with hindsight and the poses recorded. The UI only shows progress and the
// result; no pipeline logic lives there.
import { PoseClient } from '../inference/pose-client';
import { chooseSubjectOffline } from '../analysis/tracking/offline-subject';
import { modelInfo, type BackendChoice, type ModelId } from '../shared/models';
import type { PoseFrame } from '../shared/pose-frame';
import type { PosesFileV1 } from '../shared/poses-format';
import type { FilePreview, StageStats } from '../../workers/pose.worker';
import { CaptureError } from './errors';
import { analyseWithPool } from './file-analysis';
import { PoseRecorder } from './recorder';

export interface AnalyseVideoOptions {
  model: ModelId;
  backend: BackendChoice;
  /** Worker count (one per core by default; capped at 4). */
  workers?: number;
  /** A started client to use for the first chunk (its worker stays warm); the others are made and ended here. */
  client?: PoseClient;
  /** Shows the file; never stepped, so the caller may seek it to each frame it shows. */
  video: HTMLVideoElement;
  /** Where the hidden <video> elements go where the workers cannot decode the file (they must be in the document). */
  container: HTMLElement;
  heightM?: number;
  /** Backend name written into the recording's source. */
  backendName?: string;
  recordedAt?: string;
  signal?: AbortSignal;
  /** Fraction done, frames done, frames expected. */
  onProgress?: (fraction: number, framesDone: number, framesExpected: number) => void;
  /**
   * Results of the first chunk as they come, for the live overlay. Where the workers decode the file, some come with
   * a picture of the frame (`preview`; the receiver closes it); otherwise seek `video` to a frame to show it.
   */
  onFrame?: (frame: PoseFrame, picture?: ImageBitmap) => void;
  preview?: FilePreview;
  /** Every frame in time order, each once, as soon as every earlier one is known (for the draft). */
  onOrderedFrame?: (frame: PoseFrame) => void;
}

/** A damaged or truncated file: analysed up to where it could be read. */
export interface DamagedVideo {
  code: 'damaged-video';
  /** Frames that could be read (and were analysed). */
  readableFrames: number;
  /** Frames the container announces (duration × frame rate). */
  expectedFrames: number;
  detail: string;
}

export interface AnalyseVideoResult {
  poses: PosesFileV1;
  cancelled: boolean;
  /** Frames left out because they crashed the pose worker twice (media time, ms). */
  skippedFramesMs: number[];
  /** Set when the file is damaged or truncated. */
  damaged: DamagedVideo | null;
  workers: number;
  /** Where the workers' time went (absent on the <video> fallback). */
  stages?: StageStats;
  /** Main-thread time per frame for receiving, stitching and recording the results, ms. */
  mainMsPerFrame: number;
}

/** Below this share of the announced frames, a file that decoded without error still counts as truncated. */
const TRUNCATED_SHARE = 0.9;

/**
 * Analyses every frame of a video file once. Rejects with CaptureError 'unsupported-video' when the browser cannot
 * decode it at all, and 'damaged-video' when not one frame could be read.
 */
export async function analyseVideo(file: File, opts: AnalyseVideoOptions): Promise<AnalyseVideoResult> {
  const info = modelInfo(opts.model);
  const workers = Math.max(1, Math.min(4, opts.workers ?? (navigator.hardwareConcurrency || 1)));
  const own: PoseClient[] = [];
  const client = opts.client ?? new PoseClient({ model: opts.model, backend: opts.backend });
  if (!opts.client) own.push(client);
  for (let i = 1; i < workers; i++) own.push(new PoseClient({ model: opts.model, backend: opts.backend }));
  const extra = own.filter((c) => c !== client);
  const url = URL.createObjectURL(file);
  let mainMs = 0;
  try {
    const res = await analyseWithPool({
      src: url,
      file,
      video: opts.video,
      client,
      extraClients: extra,
      container: opts.container,
      skeleton: info.skeleton,
      useRoi: !info.multiPerson,
      signal: opts.signal,
      onProgress: (f, n) => {
        const t0 = performance.now();
        opts.onProgress?.(f, n, Math.round((opts.video.duration || 0) * 30));
        mainMs += performance.now() - t0;
      },
      onLiveFrame: opts.onFrame,
      preview: opts.preview,
      onOrderedFrame: opts.onOrderedFrame,
    });
    const t0 = performance.now();
    // With the whole video at hand, the subject is chosen with hindsight: the person who walks across the view (or,
    // in a spine test, the one in view longest), the same across pool chunks.
    const subject = chooseSubjectOffline(res.frames, info.skeleton);
    const fps = res.frameS > 0 ? Math.round(100 / res.frameS) / 100 : 30;
    const rec = new PoseRecorder({
      skeleton: info.skeleton,
      fps,
      width: res.width,
      height: res.height,
      heightM: opts.heightM,
      model: info.id,
      backend: opts.backendName,
      name: file.name,
      recordedAt: opts.recordedAt,
    });
    res.frames.forEach((frame, i) => rec.add(frame, subject[i], frame.tMs));
    mainMs += performance.now() - t0;
    const cancelled = opts.signal?.aborted ?? false;
    const expectedFrames = Math.round(res.durationS * fps);
    const readable = rec.frameCount + res.skippedMs.length;
    const truncated = !cancelled && readable < TRUNCATED_SHARE * expectedFrames;
    const damaged: DamagedVideo | null =
      res.decodeError || truncated
        ? {
            code: 'damaged-video',
            readableFrames: readable,
            expectedFrames,
            detail: res.decodeError ?? `only ${readable} of ${expectedFrames} frames could be read`,
          }
        : null;
    if (damaged && rec.frameCount === 0) throw new CaptureError('damaged-video', damaged.detail);
    return {
      poses: rec.result(),
      cancelled,
      skippedFramesMs: res.skippedMs,
      damaged,
      workers: res.workers,
      stages: res.stages,
      mainMsPerFrame: mainMs / Math.max(1, res.frames.length),
    };
  } finally {
    for (const c of own) if (c !== opts.client) c.terminate();
    URL.revokeObjectURL(url);
  }
}
