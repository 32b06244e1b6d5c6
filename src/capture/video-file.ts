// Frame-exact analysis of a recorded video: every decoded frame is handed over exactly once, whatever the
// wall-clock speed. Method: play, and in each requestVideoFrameCallback pause, hand the frame over, wait for
// its result, then play on. A skipped frame (media time jumping by more than 1.5 frames) is sought back to.
import { CaptureError } from './errors';

export interface VideoInfo {
  width: number;
  height: number;
  durationS: number;
}

export interface FrameVisit {
  /** Media time of the frame, ms from the start of the file. */
  tMs: number;
  index: number;
}

export interface StepOptions {
  /** First and last media time to visit, s (for chunked analysis); defaults to the whole file. */
  startS?: number;
  endS?: number;
  signal?: AbortSignal;
  /** Called with the video showing the frame; resolve when done with it. */
  onFrame: (video: HTMLVideoElement, visit: FrameVisit) => Promise<void>;
  onProgress?: (fraction: number) => void;
}

export async function loadVideo(video: HTMLVideoElement, src: string): Promise<VideoInfo> {
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  video.src = src;
  await new Promise<void>((resolve, reject) => {
    const ok = (): void => {
      cleanup();
      resolve();
    };
    const bad = (): void => {
      cleanup();
      reject(
        new CaptureError('unsupported-video', video.error?.message || 'the browser cannot decode this file'),
      );
    };
    const cleanup = (): void => {
      video.removeEventListener('loadeddata', ok);
      video.removeEventListener('error', bad);
    };
    video.addEventListener('loadeddata', ok);
    video.addEventListener('error', bad);
  });
  if (!video.videoWidth || !video.videoHeight)
    throw new CaptureError('unsupported-video', 'the file has no video track');
  return { width: video.videoWidth, height: video.videoHeight, durationS: video.duration };
}

function nextFrame(video: HTMLVideoElement): Promise<number | null> {
  return new Promise((resolve) => {
    const onEnded = (): void => resolve(null);
    video.addEventListener('ended', onEnded, { once: true });
    video.requestVideoFrameCallback((_now, meta) => {
      video.removeEventListener('ended', onEnded);
      resolve(meta.mediaTime);
    });
  });
}

async function seek(video: HTMLVideoElement, timeS: number): Promise<number | null> {
  const frame = nextFrame(video);
  video.currentTime = timeS;
  return frame;
}

const COMMON_FRAME_S = [1 / 24, 1 / 25, 1 / 30, 1 / 48, 1 / 50, 1 / 60, 1 / 120];

/** Snaps a measured frame interval to a common rate when within 3% (container timestamps are often ms-rounded). */
export function snapFrameInterval(dt: number): number {
  for (const c of COMMON_FRAME_S) if (Math.abs(dt - c) < 0.03 * c) return c;
  return dt;
}

/**
 * Visits each frame in [startS, endS]; returns the number visited and the frame interval.
 * Playback rate adapts: halved after a skipped frame (the renderer drops frames that are late under CPU load),
 * raised again after a clean run, so frames are visited as fast as the machine allows without losing any.
 */
export async function stepFrames(
  video: HTMLVideoElement,
  opts: StepOptions,
): Promise<{ frames: number; frameS: number; busyMs: number; totalMs: number }> {
  const t0 = performance.now();
  let busyMs = 0;
  const start = opts.startS ?? 0;
  const end = Math.min(opts.endS ?? Infinity, video.duration);
  video.pause();
  let rate = 0.5;
  let clean = 0;
  let mediaTime = await seek(video, start);
  let index = 0;
  let last = -Infinity;
  let frameS = 0;
  while (mediaTime !== null && mediaTime <= end + 1e-6) {
    if (opts.signal?.aborted) break;
    if (mediaTime > last + 1e-6) {
      if (last > -Infinity) {
        const dt = mediaTime - last;
        if (frameS === 0 || dt < 0.9 * frameS) frameS = snapFrameInterval(dt);
        if (dt > 1.5 * frameS) {
          // Skipped frame(s): the first one missed is the only frame in (last, last + 1.5 frames].
          rate = Math.max(0.125, rate / 2);
          clean = 0;
          const back = await seek(video, last + 1.5 * frameS);
          if (back !== null && back > last + 1e-6 && back < mediaTime - 1e-6) mediaTime = back;
        } else if (++clean >= 30) {
          rate = Math.min(4, rate * 1.5);
          clean = 0;
        }
      }
      const tb = performance.now();
      await opts.onFrame(video, { tMs: mediaTime * 1000, index });
      busyMs += performance.now() - tb;
      index++;
      last = mediaTime;
      opts.onProgress?.(Math.min(1, (mediaTime - start) / Math.max(1e-6, end - start)));
    }
    const next = nextFrame(video);
    video.playbackRate = rate;
    void video.play().catch(() => undefined);
    mediaTime = await next;
    video.pause();
  }
  video.pause();
  return { frames: index, frameS, busyMs, totalMs: performance.now() - t0 };
}
