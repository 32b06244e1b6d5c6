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

/** Visits each frame in [startS, endS]; returns the number visited and the measured frame interval. */
export async function stepFrames(
  video: HTMLVideoElement,
  opts: StepOptions,
): Promise<{ frames: number; frameS: number }> {
  const start = opts.startS ?? 0;
  const end = Math.min(opts.endS ?? Infinity, video.duration);
  video.pause();
  let mediaTime = await seek(video, start);
  let index = 0;
  let last = -Infinity;
  let frameS = 0;
  while (mediaTime !== null && mediaTime <= end + 1e-6) {
    if (opts.signal?.aborted) break;
    if (mediaTime > last + 1e-6) {
      if (last > -Infinity) {
        const dt = mediaTime - last;
        frameS = frameS === 0 ? dt : Math.min(frameS, dt);
        if (frameS > 0 && dt > 1.5 * frameS) {
          // Skipped frame(s): go back for the first one we missed.
          const back = await seek(video, last + frameS);
          if (back !== null && back > last + 1e-6 && back < mediaTime - 1e-6) {
            mediaTime = back;
          }
        }
      }
      await opts.onFrame(video, { tMs: mediaTime * 1000, index });
      index++;
      last = mediaTime;
      opts.onProgress?.(Math.min(1, (mediaTime - start) / Math.max(1e-6, end - start)));
    }
    const next = nextFrame(video);
    void video.play().catch(() => undefined);
    mediaTime = await next;
    video.pause();
  }
  video.pause();
  return { frames: index, frameS };
}
