// Frame-exact analysis of a recorded video: every decoded frame is handed over exactly once, whatever the
// wall-clock speed. Method: play, and in each requestVideoFrameCallback pause, hand the frame over, wait for
// its result, then play on. A skipped frame (media time jumping by more than 1.5 frames, or any frame between the
// first two) is sought back to.
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

/**
 * The first frame after `last`, where playback delivered `shown` next: seeks to a point between them (just past
 * one frame when the interval frameS is known, else three quarters of the way) until no frame lies between, then
 * leaves the video showing that frame. Returns its media time, s.
 */
async function firstFrameAfter(
  video: HTMLVideoElement,
  last: number,
  shown: number,
  frameS: number,
): Promise<number> {
  let first = shown;
  for (let probes = 0; probes < 8; probes++) {
    const gap = first - last;
    const at = last + (frameS > 0 ? Math.min(1.5 * frameS, 0.75 * gap) : 0.75 * gap);
    const t = await seek(video, at);
    if (t === null || t <= last + 1e-6 || t >= first - 1e-6) break;
    first = t;
  }
  // The last probe may show an earlier frame; show the one found (1 ms past its start, inside it).
  const t = await seek(video, first + 0.001);
  return t !== null && Math.abs(t - first) < 1e-6 ? t : first;
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
  while (mediaTime !== null) {
    if (opts.signal?.aborted) break;
    if (mediaTime > last + 1e-6) {
      if (last > -Infinity) {
        const dt = mediaTime - last;
        // The first interval is checked too: until the rate is known, a skipped frame looks like a slow rate.
        if (frameS === 0 || dt > 1.5 * frameS) {
          const first = await firstFrameAfter(video, last, mediaTime, frameS);
          if (first < mediaTime - 1e-6 && frameS > 0) {
            // Skipped frame(s): the renderer drops late frames under CPU load, so play slower for a while.
            rate = Math.max(0.125, rate / 2);
            clean = 0;
          }
          mediaTime = first;
        } else if (++clean >= 30) {
          rate = Math.min(4, rate * 1.5);
          clean = 0;
        }
        if (frameS === 0 || mediaTime - last < 0.9 * frameS) frameS = snapFrameInterval(mediaTime - last);
      }
      // Checked after the skip check: a frame skipped just before the end still belongs to this range.
      if (mediaTime > end + 1e-6) break;
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
