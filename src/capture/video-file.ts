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
  /** How long to wait for a frame before seeking to it instead (default 5 s; the unit tests use less). */
  frameWaitMs?: number;
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

/**
 * Frame callbacks are best effort (WICG/video-rvfc#69): one that has not come after this long will not come, and
 * waiting on would hang the analysis (seen once in CI on a loaded machine).
 */
const FRAME_WAIT_MS = 5000;
/** This many frame waits in a row that time out: the browser has stopped presenting this video. */
const MAX_STALLS = 3;

/** The media time of the next frame presented; null at the end; undefined when none came within waitMs. */
function nextFrame(video: HTMLVideoElement, waitMs: number): Promise<number | null | undefined> {
  return new Promise((resolve) => {
    const done = (t: number | null | undefined): void => {
      clearTimeout(timer);
      video.removeEventListener('ended', onEnded);
      resolve(t);
    };
    const onEnded = (): void => done(null);
    // A hidden page presents no video frames at all: that is waiting for the user, not a stall.
    const hidden = (): boolean => typeof document !== 'undefined' && document.hidden;
    const check = (): void => {
      if (hidden()) timer = setTimeout(check, waitMs);
      else done(video.ended ? null : undefined);
    };
    let timer = setTimeout(check, waitMs);
    video.addEventListener('ended', onEnded, { once: true });
    video.requestVideoFrameCallback((_now, meta) => done(meta.mediaTime));
  });
}

/** How long to wait for the sought frame after a callback that reported another one. */
const LATE_SEEK_WAIT_MS = 1000;

async function seek(
  video: HTMLVideoElement,
  timeS: number,
  waitMs: number,
): Promise<number | null | undefined> {
  const frame = nextFrame(video, waitMs);
  video.currentTime = timeS;
  let t = await frame;
  // A seek presents the frame that contains timeS; a later one is a frame of the playback before it, presented
  // late, so the sought frame is still to come.
  if (typeof t === 'number' && t > timeS + 1e-3) {
    const sought = await nextFrame(video, Math.min(waitMs, LATE_SEEK_WAIT_MS));
    if (typeof sought === 'number') t = sought;
  }
  return t;
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
  waitMs: number,
): Promise<number> {
  let first = shown;
  let doubted = false;
  for (let probes = 0; probes < 8; probes++) {
    const gap = first - last;
    const at = last + (frameS > 0 ? Math.min(1.5 * frameS, 0.75 * gap) : 0.75 * gap);
    const t = await seek(video, at, waitMs);
    if (t == null || t <= last + 1e-6 || t >= first - 1e-6) {
      // With the rate known, a gap over 1.5 frames that one probe finds empty is asked again once: under load a
      // frame callback can answer for another frame than the sought one (one frame was lost so in CI).
      if (frameS > 0 && gap > 1.5 * frameS && !doubted) {
        doubted = true;
        continue;
      }
      break;
    }
    first = t;
  }
  // The last probe may show an earlier frame; show the one found (1 ms past its start, inside it).
  const t = await seek(video, first + 0.001, waitMs);
  return t != null && Math.abs(t - first) < 1e-6 ? t : first;
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
): Promise<{
  frames: number;
  frameS: number;
  busyMs: number;
  totalMs: number;
  /** Set when the browser stopped presenting frames: the media time (s) of the last frame visited. */
  stalledAtS?: number;
}> {
  const t0 = performance.now();
  let busyMs = 0;
  const start = opts.startS ?? 0;
  const end = Math.min(opts.endS ?? Infinity, video.duration);
  video.pause();
  let rate = 0.5;
  let clean = 0;
  const baseWaitMs = opts.frameWaitMs ?? FRAME_WAIT_MS;
  let stalls = 0;
  let mediaTime = await seek(video, start, baseWaitMs);
  // A paused seek presents its frame (WICG/video-rvfc#53); once more before giving up.
  if (mediaTime === undefined) mediaTime = await seek(video, start + 0.001, baseWaitMs);
  let stalledAtS: number | undefined = mediaTime === undefined ? start : undefined;
  if (mediaTime === undefined) mediaTime = null;
  let index = 0;
  let last = -Infinity;
  let frameS = 0;
  while (mediaTime !== null) {
    if (opts.signal?.aborted) break;
    // Slow playback of a low-rate video presents frames seconds apart; the wait covers a few of them.
    const waitMs = Math.max(baseWaitMs, frameS > 0 ? (4000 * frameS) / rate : 0);
    if (mediaTime > last + 1e-6) {
      if (last > -Infinity) {
        const dt = mediaTime - last;
        // The first interval is checked too: until the rate is known, a skipped frame looks like a slow rate.
        if (frameS === 0 || dt > 1.5 * frameS) {
          const first = await firstFrameAfter(video, last, mediaTime, frameS, waitMs);
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
    const next = nextFrame(video, waitMs);
    video.playbackRate = rate;
    void video.play().catch(() => undefined);
    let got = await next;
    video.pause();
    if (got === null && Number.isFinite(last) && last + 1.5 * (frameS || 1 / 30) < video.duration) {
      // 'ended' with frames left after the last one visited: their callbacks can be lost while playing on (rVFC
      // is best effort), or 'ended' can overtake the last ones. Seek to the next frame; none means a real end.
      got = await seek(video, last + 1.5 * (frameS || 1 / 30), waitMs);
      if (got == null || got <= last + 1e-6) got = null;
    }
    if (got === undefined) {
      // Playback presented nothing in time: seek to the next frame instead (a paused seek presents its frame).
      got = await seek(video, last + 1.5 * (frameS || 1 / 30), waitMs);
      if (video.ended) got = null;
      if (got === null || (got !== undefined && got > last + 1e-6)) stalls = 0;
      else if (++stalls >= MAX_STALLS) {
        // The frames so far are kept; the caller reports the file as readable only up to here.
        stalledAtS = last;
        break;
      }
    } else stalls = 0;
    // Nothing presented even so: play again from here (`last` is not visited twice).
    mediaTime = got === undefined ? last : got;
  }
  video.pause();
  return { frames: index, frameS, busyMs, totalMs: performance.now() - t0, stalledAtS };
}
