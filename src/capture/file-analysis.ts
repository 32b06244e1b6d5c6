// Recorded-video analysis with a pool of pose workers: one per core, each on a contiguous chunk of the file
// (with a short lead-in overlap so its subject tracking settles), stitched back into one frame-exact sequence.
import { PoseClientError, type PoseClient } from '../inference/pose-client';
import type { FilePreview, FileRun, StageStats } from '../../workers/pose.worker';
import { SubjectTracker, seenPerson, type SeenPerson } from '../analysis/tracking/subject-tracker';
import type { PoseFrame } from '../shared/pose-frame';
import type { SkeletonId } from '../shared/skeletons';
import { repairSeams, type SeamRepair, type SeamRerun } from './chunk-seams';
import { InOrderFrames } from './in-order';
import { loadVideo, stepFrames } from './video-file';

/** Frames are scaled down to this width before inference: the models take ≤256 px inputs. */
export const INFER_MAX_WIDTH = 960;
const OVERLAP_S = 0.5;

/**
 * Test builds only (`?step-video`): skip the workers' decoding, so the browser tests reach the <video> stepping
 * path that browsers without WebCodecs take. Production builds fold this to false and drop the query.
 */
const FORCE_STEPPING =
  import.meta.env.MODE === 'e2e' && new URLSearchParams(location.search).has('step-video');

/**
 * The video's current frame for the worker without copying its pixels (a VideoFrame refers to the decoded frame;
 * the worker crops and scales it once). Falls back to a scaled bitmap where VideoFrame is missing.
 */
export async function grabVideoFrame(
  video: HTMLVideoElement,
): Promise<{ frame: ImageBitmap | VideoFrame; sourceWidth: number; sourceHeight: number }> {
  if (typeof VideoFrame !== 'undefined') {
    try {
      return {
        frame: new VideoFrame(video, { timestamp: 0 }),
        sourceWidth: video.videoWidth,
        sourceHeight: video.videoHeight,
      };
    } catch {
      // not decodable into a VideoFrame here: take the bitmap path
    }
  }
  const { bitmap, sourceWidth, sourceHeight } = await grabFrame(video);
  return { frame: bitmap, sourceWidth, sourceHeight };
}

export async function grabFrame(
  video: HTMLVideoElement,
): Promise<{ bitmap: ImageBitmap; sourceWidth: number; sourceHeight: number }> {
  const sourceWidth = video.videoWidth;
  const sourceHeight = video.videoHeight;
  const k = Math.min(1, INFER_MAX_WIDTH / sourceWidth);
  const bitmap =
    k < 1
      ? await createImageBitmap(video, {
          resizeWidth: Math.round(sourceWidth * k),
          resizeHeight: Math.round(sourceHeight * k),
          resizeQuality: 'medium',
        })
      : await createImageBitmap(video);
  return { bitmap, sourceWidth, sourceHeight };
}

export interface PoolOptions {
  src: string;
  /**
   * The visible video: loaded here (its size and duration), never stepped, so the caller may seek it to each
   * frame it shows (src/capture/seek-presenter.ts).
   */
  video: HTMLVideoElement;
  /** The client for chunk 0. */
  client: PoseClient;
  /** Extra clients for the other chunks (their workers are started here and terminated by the caller). */
  extraClients: PoseClient[];
  /** Where the hidden videos of the stepping path are attached (they must be in the document to present frames). */
  container: HTMLElement;
  skeleton: SkeletonId;
  /** Single-person models look only around the chunk's subject. */
  useRoi: boolean;
  signal?: AbortSignal;
  onProgress?: (fraction: number, framesDone: number) => void;
  /**
   * Each result of chunk 0, for the live overlay. Where the workers decode, some come with a picture of the frame
   * (`preview`; the receiver closes it). On every path the visible video is free: without pictures the caller seeks
   * it to the frame and draws the skeleton once it shows (src/capture/seek-presenter.ts).
   */
  onLiveFrame?: (frame: PoseFrame, picture?: ImageBitmap) => void;
  /** Pictures of chunk 0's frames for the screen (worker decoding only). */
  preview?: FilePreview;
  /** Every frame, in time order, each once, as soon as every earlier frame is known (for the draft). */
  onOrderedFrame?: (frame: PoseFrame) => void;
}

export interface PoolResult {
  frames: PoseFrame[];
  frameS: number;
  width: number;
  height: number;
  durationS: number;
  workers: number;
  /** Media times (ms) of frames skipped because they crashed the worker twice. */
  skippedMs: number[];
  /** Decoding failed part-way (a damaged or truncated file): the decoder's message. */
  decodeError?: string;
  /** Where the workers' time went, summed over all workers (absent on the <video> fallback). */
  stages?: StageStats;
  /** Seams where a chunk's start was analysed again because its tracker followed someone else. */
  seams: SeamRepair[];
}

/** The part of a PoseClient that a chunk of file analysis needs (a fake in the unit tests). */
export type ChunkClient = Pick<PoseClient, 'analyseFile'>;

export interface ChunkRange {
  startS: number;
  endS: number;
  reportFromS: number;
}

export interface ChunkResult {
  run: FileRun;
  /** Media times (ms) of the frames skipped after crashing the worker twice. */
  skippedMs: number[];
  /** Whom the model's region showed over the chunk's lead-in (empty when a crash restarted it past its start). */
  leadIn: SeenPerson[];
}

/**
 * Analyses one chunk in one worker. A crashed worker is restarted (by the client, on the next call) and the chunk
 * resumes after the last frame received, with a lead-in so the tracker settles. If it crashes again before any
 * new frame arrives, the frame after the last one received is skipped (its time goes into skippedMs) and the rest
 * of the chunk is analysed: one bad frame does not cost the file. Resolves to null when the worker cannot decode.
 */
export async function runChunk(
  client: ChunkClient,
  file: Blob,
  range: ChunkRange,
  useRoi: boolean,
  onFrame: (frame: PoseFrame, picture?: ImageBitmap) => void,
  signal?: AbortSignal,
  preview?: FilePreview,
): Promise<ChunkResult | null> {
  const skippedMs: number[] = [];
  let lastMs = -Infinity;
  let prevMs = -Infinity;
  let crashesWithoutProgress = 0;
  let reportFromS = range.reportFromS;
  let startS = range.startS;
  for (;;) {
    try {
      const run = await client.analyseFile(
        file,
        { startS, endS: range.endS, reportFromS },
        useRoi,
        (f, picture) => {
          if (f.tMs <= lastMs + 1e-3) {
            picture?.close(); // already received before a crash
            return;
          }
          prevMs = lastMs;
          lastMs = f.tMs;
          crashesWithoutProgress = 0;
          onFrame(f, picture);
        },
        preview,
      );
      return run && { run, skippedMs, leadIn: startS === range.startS ? run.leadIn : [] };
    } catch (err) {
      if (!(err instanceof PoseClientError && err.code === 'worker-crashed') || signal?.aborted) throw err;
      const frameMs = Number.isFinite(prevMs) ? lastMs - prevMs : 1000 / 30;
      const afterMs = Number.isFinite(lastMs) ? lastMs : reportFromS * 1000 - frameMs / 2;
      if (++crashesWithoutProgress >= 2) {
        // The next frame crashed the worker twice: leave it out, and start after it with no lead-in, so the
        // lead-in does not run it again.
        const skipped = afterMs + frameMs;
        skippedMs.push(skipped);
        lastMs = skipped;
        crashesWithoutProgress = 0;
        reportFromS = (skipped + frameMs / 2) / 1000;
        startS = reportFromS;
      } else {
        reportFromS = Math.max(reportFromS, (afterMs + frameMs / 2) / 1000);
        startS = Math.max(range.startS, reportFromS - OVERLAP_S);
      }
    }
  }
}

/** Starts a worker; one that crashed or hung while loading gets one fresh start before the analysis gives up. */
async function startOnceMore(client: PoseClient): Promise<void> {
  try {
    await client.start();
  } catch (err) {
    if (!(err instanceof PoseClientError && err.code === 'worker-crashed')) throw err;
    await client.start();
  }
}

function addStages(a: StageStats, b: StageStats): StageStats {
  return {
    frames: a.frames + b.frames,
    decodeWaitMs: a.decodeWaitMs + b.decodeWaitMs,
    scaleMs: a.scaleMs + b.scaleMs,
    inferMs: a.inferMs + b.inferMs,
    postMs: a.postMs + b.postMs,
    detectorRuns: a.detectorRuns + b.detectorRuns,
    previewMs: a.previewMs + b.previewMs,
    previews: a.previews + b.previews,
  };
}

async function estimateWithRetry(
  client: PoseClient,
  video: HTMLVideoElement,
  tMs: number,
  tracker: SubjectTracker | null,
): Promise<PoseFrame> {
  for (let attempt = 0; ; attempt++) {
    const { bitmap, sourceWidth, sourceHeight } = await grabFrame(video);
    try {
      return await client.estimate(bitmap, tMs, {
        sourceWidth,
        sourceHeight,
        roi: tracker?.subjectRoi(),
        search: tracker?.searching() ?? false,
      });
    } catch (err) {
      // A crashed worker restarts on the next call; retry the same frame once so none is lost.
      if (err instanceof PoseClientError && err.code === 'worker-crashed' && attempt === 0) continue;
      throw err;
    }
  }
}

function stitch(chunks: readonly PoseFrame[][], bounds: readonly number[]): PoseFrame[] {
  // Chunk i owns [bounds[i], bounds[i+1]); its lead-in frames only warmed up its tracker.
  const frames: PoseFrame[] = [];
  let last = -Infinity;
  chunks.forEach((chunk, i) => {
    for (const f of chunk) {
      if (i > 0 && f.tMs < bounds[i] * 1000 - 1e-3) continue;
      if (f.tMs <= last + 1e-3) continue;
      frames.push(f);
      last = f.tMs;
    }
  });
  return frames;
}

/**
 * Analyses every frame of the video once; returns the stitched PoseFrames in time order. Each worker decodes
 * its own chunk (WebCodecs); where that is not possible, <video> elements are stepped on the main thread.
 */
export async function analyseWithPool(opts: PoolOptions & { file: Blob }): Promise<PoolResult> {
  const info = await loadVideo(opts.video, opts.src);
  const clients = [opts.client, ...opts.extraClients];
  const n = clients.length;
  const bounds = chunkBounds(info.durationS, n);
  // One for both paths: when a worker cannot decode after others did, the frames the draft already has are not
  // passed on again when the file is stepped.
  const ordered = opts.onOrderedFrame
    ? new InOrderFrames<PoseFrame>(
        bounds.slice(0, n).map((b) => b * 1000),
        opts.onOrderedFrame,
      )
    : null;
  if (FORCE_STEPPING) return stepWithPool(opts, info, ordered);
  bounds[n] = info.durationS + 1;
  await Promise.all(clients.map(startOnceMore));
  const chunks: PoseFrame[][] = clients.map(() => []);
  const onCancel = (): void => clients.forEach((c) => void c.cancel());
  opts.signal?.addEventListener('abort', onCancel);
  let done = 0;
  try {
    const runs = await Promise.all(
      clients.map(async (client, i) => {
        const run = await runChunk(
          client,
          opts.file,
          {
            startS: Math.max(0, bounds[i] - (i ? OVERLAP_S : 0)),
            endS: bounds[i + 1],
            reportFromS: bounds[i],
          },
          opts.useRoi,
          (frame, picture) => {
            chunks[i].push(frame);
            done++;
            opts.onProgress?.(Math.min(1, done / Math.max(1, info.durationS * 30)), done);
            ordered?.add(i, frame);
            if (i === 0 && opts.onLiveFrame) opts.onLiveFrame(frame, picture);
            else picture?.close();
          },
          opts.signal,
          i === 0 && opts.onLiveFrame ? opts.preview : undefined,
        );
        if (run) ordered?.finish(i);
        return run;
      }),
    );
    if (runs.every((x) => x !== null)) {
      const ok = runs as ChunkResult[];
      const fps = ok[0].run.info.fps;
      // A decoding error ends a chunk early; the first one in file order is where the file is damaged.
      const decodeError = ok.find((r) => r.run.decodeError)?.run.decodeError;
      const rerun: SeamRerun = async (k, warm, onFrame) => {
        let stopped = false;
        await clients[k].analyseFile(
          opts.file,
          { startS: bounds[k], endS: bounds[k + 1], reportFromS: bounds[k] },
          true,
          (frame, picture) => {
            picture?.close();
            if (stopped || !onFrame(frame)) return;
            stopped = true;
            void clients[k].cancel();
          },
          undefined,
          warm,
        );
      };
      const seams =
        opts.useRoi && !opts.signal?.aborted
          ? await repairSeams(
              chunks,
              bounds,
              ok.map((r) => r.leadIn),
              rerun,
              (c) => stitch(c, bounds),
            )
          : [];
      return {
        frames: stitch(chunks, bounds),
        seams,
        frameS: fps > 0 ? 1 / fps : 0,
        width: info.width,
        height: info.height,
        durationS: info.durationS,
        workers: n,
        skippedMs: ok.flatMap((r) => r.skippedMs),
        decodeError,
        stages: ok.map((r) => r.run.stages).reduce(addStages),
      };
    }
  } finally {
    opts.signal?.removeEventListener('abort', onCancel);
  }
  return stepWithPool(opts, info, ordered);
}

/** Chunk i of n covers [bounds[i], bounds[i + 1]) seconds. */
function chunkBounds(durationS: number, n: number): number[] {
  return Array.from({ length: n + 1 }, (_, i) => (durationS * i) / n);
}

/**
 * Fallback: steps hidden <video> elements on the main thread, one per worker. Chunk 0 steps a hidden one too: a
 * stepped video shows its next frame while this one is analysed, so the visible video would run ahead of its
 * skeleton; left free, it is sought to each frame as on the WebCodecs path.
 */
async function stepWithPool(
  opts: PoolOptions,
  info: { width: number; height: number; durationS: number },
  ordered: InOrderFrames<PoseFrame> | null,
): Promise<PoolResult> {
  const clients = [opts.client, ...opts.extraClients];
  const videos: HTMLVideoElement[] = [];
  try {
    for (let i = 0; i < clients.length; i++) {
      const v = document.createElement('video');
      v.className = 'pool-video';
      opts.container.append(v);
      videos.push(v);
    }
    await Promise.all([...videos.map((v) => loadVideo(v, opts.src)), ...clients.map(startOnceMore)]);
    const n = clients.length;
    const bounds = chunkBounds(info.durationS, n);
    const done = new Array<number>(n).fill(0);
    const counts = new Array<number>(n).fill(0);
    const chunks: PoseFrame[][] = clients.map(() => []);
    let frameS = 0;
    const stalledAt: (number | undefined)[] = [];
    await Promise.all(
      clients.map(async (client, i) => {
        const tracker = opts.useRoi ? new SubjectTracker(opts.skeleton) : null;
        const lead = i === 0 ? 0 : OVERLAP_S;
        const res = await stepFrames(videos[i], {
          startS: Math.max(0, bounds[i] - lead),
          endS: i === n - 1 ? Infinity : bounds[i + 1],
          signal: opts.signal,
          onProgress: (f) => {
            done[i] = f;
            opts.onProgress?.(
              done.reduce((a, b) => a + b, 0) / n,
              counts.reduce((a, b) => a + b, 0),
            );
          },
          onFrame: async (video, visit) => {
            const frame = await estimateWithRetry(client, video, visit.tMs, tracker);
            if (tracker) frame.tracked = tracker.update(frame);
            chunks[i].push(frame);
            counts[i]++;
            ordered?.add(i, frame);
            if (i === 0) opts.onLiveFrame?.(frame);
          },
        });
        ordered?.finish(i);
        stalledAt[i] = res.stalledAtS;
        if (res.frameS > 0) frameS = frameS ? Math.min(frameS, res.frameS) : res.frameS;
      }),
    );
    const rerun: SeamRerun = async (k, warm, onFrame) => {
      const tracker = new SubjectTracker(opts.skeleton);
      for (const f of warm) tracker.update(f);
      const stop = new AbortController();
      const onAbort = (): void => stop.abort();
      opts.signal?.addEventListener('abort', onAbort);
      try {
        await stepFrames(videos[k], {
          startS: bounds[k],
          endS: k === n - 1 ? Infinity : bounds[k + 1],
          signal: stop.signal,
          onFrame: async (video, visit) => {
            if (stop.signal.aborted) return;
            const frame = await estimateWithRetry(clients[k], video, visit.tMs, tracker);
            frame.tracked = tracker.update(frame);
            if (onFrame(frame)) stop.abort();
          },
        });
      } finally {
        opts.signal?.removeEventListener('abort', onAbort);
      }
    };
    const leadIns = chunks.map((c, i) =>
      i === 0 ? [] : c.filter((f) => f.tMs < bounds[i] * 1000 - 1e-3).map(seenPerson),
    );
    const seams =
      opts.useRoi && !opts.signal?.aborted
        ? await repairSeams(chunks, bounds, leadIns, rerun, (c) => stitch(c, bounds))
        : [];
    return {
      frames: stitch(chunks, bounds),
      seams,
      frameS,
      width: info.width,
      height: info.height,
      durationS: info.durationS,
      workers: n,
      skippedMs: [],
      // As with a decoding error in a worker: the first stall in file order is where the file stops being read.
      decodeError: stalledAt
        .filter((t): t is number => t !== undefined)
        .map((t) => `the browser stopped presenting frames of this video at ${t.toFixed(2)} s`)[0],
    };
  } finally {
    for (const v of videos) {
      v.removeAttribute('src');
      v.load();
      v.remove();
    }
  }
}
