// While a file is analysed, the visible video shows the frame whose skeleton is drawn, not a frame running ahead:
// seek to the newest analysed frame, and report it as shown in the video frame callback that presents it. That
// callback runs in the same rendering update as the overlay's requestAnimationFrame, so picture and skeleton
// change together ('seeked' comes as a task of its own, and under load the new picture was measured on screen
// 34 ms before it). One seek at a time; frames that arrive meanwhile replace each other (newest wins), so seeking
// never falls behind.

/** The part of an HTMLVideoElement this needs (a fake in the unit tests). */
export interface SeekableVideo {
  currentTime: number;
  requestVideoFrameCallback(fn: (now: number, meta: { mediaTime: number }) => void): number;
  cancelVideoFrameCallback(handle: number): void;
}

/**
 * A seek still not presented after this long (a stalled decoder) makes way for the newest waiting frame. Nothing is
 * shown meanwhile: the last pair stays on screen (seeks were measured taking over 1 s on a loaded 2-core machine, and
 * showing the skeleton then put it on a picture 1–5 frames old).
 */
const SEEK_TIMEOUT_MS = 3000;
/** A presented frame is the sought one when its media time is this close to the frame's (container rounding). */
const SAME_FRAME_MS = 2;

export class SeekPresenter<F extends { tMs: number }> {
  // Each frame travels with a number of the caller's (the followed subject), in fields of their own: no object per
  // frame.
  private seeking: F | null = null;
  private seekingTag = -1;
  private resting = false;
  private next: F | null = null;
  private nextTag = -1;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private callback = -1;
  private disposed = false;

  /**
   * `restMs`: after a frame is shown the video rests this long before the next seek, so seeking (decoding on the
   * main side) takes little from the analysis and the shown pair stays on screen long enough to be seen.
   */
  constructor(
    private readonly video: SeekableVideo,
    private readonly onShown: (frame: F, tag: number) => void,
    private readonly restMs = 200,
  ) {}

  /** Offers the newest analysed frame; `tag` is handed back with it when it is shown. */
  offer(frame: F, tag = -1): void {
    if (this.disposed) return;
    if (this.seeking || this.resting) {
      this.next = frame;
      this.nextTag = tag;
    } else this.seek(frame, tag);
  }

  dispose(): void {
    this.disposed = true;
    if (this.callback >= 0) this.video.cancelVideoFrameCallback(this.callback);
    if (this.timer !== null) clearTimeout(this.timer);
    this.callback = -1;
    this.timer = null;
    this.seeking = this.next = null;
  }

  private seek(frame: F, tag: number): void {
    this.seeking = frame;
    this.seekingTag = tag;
    if (this.callback < 0) this.callback = this.video.requestVideoFrameCallback(this.onPresented);
    // Half a millisecond in, so rounding never lands on the previous frame.
    this.video.currentTime = (frame.tMs + 0.5) / 1000;
    this.timer = setTimeout(this.giveUp, SEEK_TIMEOUT_MS);
  }

  private readonly giveUp = (): void => {
    this.timer = null;
    const next = this.next;
    if (!next) {
      this.timer = setTimeout(this.giveUp, SEEK_TIMEOUT_MS);
      return;
    }
    this.next = null;
    this.seek(next, this.nextTag);
  };

  private readonly onPresented = (_now: number, meta: { mediaTime: number }): void => {
    this.callback = -1;
    const f = this.seeking;
    if (!f) return;
    // Another frame (an earlier seek's, one that made way): pairing it with this frame's skeleton would be wrong,
    // so wait for the next one.
    if (Math.abs(meta.mediaTime * 1000 - f.tMs) > SAME_FRAME_MS) {
      this.callback = this.video.requestVideoFrameCallback(this.onPresented);
      return;
    }
    this.present();
  };

  private present(): void {
    if (!this.seeking) return;
    if (this.timer !== null) clearTimeout(this.timer);
    const shown = this.seeking;
    this.seeking = null;
    this.onShown(shown, this.seekingTag);
    this.resting = true;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.resting = false;
      const next = this.next;
      this.next = null;
      if (next) this.seek(next, this.nextTag);
    }, this.restMs);
  }
}

/** Index of the frame nearest to `tMs` in frames sorted by time (-1 when there is none). Binary search. */
export function nearestFrameIndex(frames: readonly { tMs: number }[], tMs: number): number {
  if (frames.length === 0 || Number.isNaN(tMs)) return -1;
  let lo = 0;
  let hi = frames.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (frames[mid].tMs < tMs) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && tMs - frames[lo - 1].tMs <= frames[lo].tMs - tMs ? lo - 1 : lo;
}
