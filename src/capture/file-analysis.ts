// Recorded-video analysis with a pool of pose workers: one per core, each on a contiguous chunk of the file
// (with a short lead-in overlap so its subject tracking settles), stitched back into one frame-exact sequence.
import { PoseClientError, type PoseClient } from '../inference/pose-client';
import { SubjectTracker } from '../analysis/tracking/subject-tracker';
import type { PoseFrame } from '../shared/pose-frame';
import type { SkeletonId } from '../shared/skeletons';
import { loadVideo, stepFrames } from './video-file';

/** Frames are scaled down to this width before inference: the models take ≤256 px inputs. */
export const INFER_MAX_WIDTH = 960;
const OVERLAP_S = 0.5;

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
  /** The visible video (chunk 0, drawn live) and its client. */
  video: HTMLVideoElement;
  client: PoseClient;
  /** Extra clients for the other chunks (their workers are started here and terminated by the caller). */
  extraClients: PoseClient[];
  /** Where hidden pool videos are attached (they must be in the document to present frames). */
  container: HTMLElement;
  skeleton: SkeletonId;
  /** Single-person models look only around the chunk's subject. */
  useRoi: boolean;
  signal?: AbortSignal;
  onProgress?: (fraction: number, framesDone: number) => void;
  /** Each result of chunk 0, for the live overlay. */
  onLiveFrame?: (frame: PoseFrame) => void;
}

export interface PoolResult {
  frames: PoseFrame[];
  frameS: number;
  width: number;
  height: number;
  durationS: number;
  workers: number;
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
      return await client.estimate(bitmap, tMs, { sourceWidth, sourceHeight, roi: tracker?.subjectRoi() });
    } catch (err) {
      // A crashed worker restarts on the next call; retry the same frame once so none is lost.
      if (err instanceof PoseClientError && err.code === 'worker-crashed' && attempt === 0) continue;
      throw err;
    }
  }
}

function stitch(chunks: PoseFrame[][], bounds: number[]): PoseFrame[] {
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
  await Promise.all(clients.map((c) => c.start()));
  const n = clients.length;
  const bounds = Array.from({ length: n + 1 }, (_, i) => (info.durationS * i) / n);
  bounds[n] = info.durationS + 1;
  const chunks: PoseFrame[][] = clients.map(() => []);
  const onCancel = (): void => clients.forEach((c) => void c.cancel());
  opts.signal?.addEventListener('abort', onCancel);
  let lastSeek = 0;
  try {
    const infos = await Promise.all(
      clients.map((client, i) =>
        client.analyseFile(
          opts.file,
          {
            startS: Math.max(0, bounds[i] - (i ? OVERLAP_S : 0)),
            endS: bounds[i + 1],
            reportFromS: bounds[i],
          },
          opts.useRoi,
          (frame) => {
            chunks[i].push(frame);
            const done = chunks.reduce((a, c) => a + c.length, 0);
            opts.onProgress?.(Math.min(1, done / Math.max(1, info.durationS * 30)), done);
            if (i === 0) {
              opts.onLiveFrame?.(frame);
              const now = performance.now();
              if (now - lastSeek > 250) {
                lastSeek = now;
                opts.video.currentTime = frame.tMs / 1000;
              }
            }
          },
        ),
      ),
    );
    const decoded = infos.every((x) => x !== null);
    if (decoded && infos[0]) {
      const fps = infos[0].fps;
      return {
        frames: stitch(chunks, bounds),
        frameS: fps > 0 ? 1 / fps : 0,
        width: info.width,
        height: info.height,
        durationS: info.durationS,
        workers: n,
      };
    }
  } finally {
    opts.signal?.removeEventListener('abort', onCancel);
  }
  return stepWithPool(opts, info);
}

/** Fallback: steps <video> elements on the main thread, one per worker. */
async function stepWithPool(
  opts: PoolOptions,
  info: { width: number; height: number; durationS: number },
): Promise<PoolResult> {
  const clients = [opts.client, ...opts.extraClients];
  const videos: HTMLVideoElement[] = [opts.video];
  try {
    for (let i = 1; i < clients.length; i++) {
      const v = document.createElement('video');
      v.className = 'pool-video';
      opts.container.append(v);
      videos.push(v);
    }
    await Promise.all([
      ...videos.slice(1).map((v) => loadVideo(v, opts.src)),
      ...clients.map((c) => c.start()),
    ]);
    const n = clients.length;
    const bounds = Array.from({ length: n + 1 }, (_, i) => (info.durationS * i) / n);
    const done = new Array<number>(n).fill(0);
    const counts = new Array<number>(n).fill(0);
    const chunks: PoseFrame[][] = clients.map(() => []);
    let frameS = 0;
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
            tracker?.update(frame);
            chunks[i].push(frame);
            counts[i]++;
            if (i === 0) opts.onLiveFrame?.(frame);
          },
        });
        if (res.frameS > 0) frameS = frameS ? Math.min(frameS, res.frameS) : res.frameS;
      }),
    );
    return {
      frames: stitch(chunks, bounds),
      frameS,
      width: info.width,
      height: info.height,
      durationS: info.durationS,
      workers: n,
    };
  } finally {
    for (const v of videos.slice(1)) {
      v.removeAttribute('src');
      v.load();
      v.remove();
    }
  }
}
