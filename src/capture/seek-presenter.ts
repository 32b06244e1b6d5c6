// While a file is analysed, the visible video shows the frame whose skeleton is drawn, not a frame running ahead:
// seek to the newest analysed frame, and report it as shown once the video has presented it ('seeked'). One seek
// at a time; frames that arrive meanwhile replace each other (newest wins), so seeking never falls behind.

/** The part of an HTMLVideoElement this needs (a fake in the unit tests). */
export interface SeekableVideo {
  currentTime: number;
  addEventListener(type: 'seeked', fn: () => void): void;
  removeEventListener(type: 'seeked', fn: () => void): void;
}

/** A seek that never reports 'seeked' (a stalled decoder) is given up after this long. */
const SEEK_TIMEOUT_MS = 1000;

export class SeekPresenter<F extends { tMs: number }> {
  // Each frame travels with a number of the caller's (the followed subject), in fields of their own: no object per
  // frame.
  private seeking: F | null = null;
  private seekingTag = -1;
  private resting = false;
  private next: F | null = null;
  private nextTag = -1;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * `restMs`: after a frame is shown the video rests this long before the next seek, so seeking (decoding on the
   * main side) takes little from the analysis and the shown pair stays on screen long enough to be seen.
   */
  constructor(
    private readonly video: SeekableVideo,
    private readonly onShown: (frame: F, tag: number) => void,
    private readonly restMs = 200,
  ) {
    video.addEventListener('seeked', this.onSeeked);
  }

  /** Offers the newest analysed frame; `tag` is handed back with it when it is shown. */
  offer(frame: F, tag = -1): void {
    if (this.seeking || this.resting) {
      this.next = frame;
      this.nextTag = tag;
    } else this.seek(frame, tag);
  }

  dispose(): void {
    this.video.removeEventListener('seeked', this.onSeeked);
    if (this.timer !== null) clearTimeout(this.timer);
    this.seeking = this.next = null;
  }

  private seek(frame: F, tag: number): void {
    this.seeking = frame;
    this.seekingTag = tag;
    // Half a millisecond in, so rounding never lands on the previous frame.
    this.video.currentTime = (frame.tMs + 0.5) / 1000;
    this.timer = setTimeout(this.giveUp, SEEK_TIMEOUT_MS);
  }

  private readonly giveUp = (): void => this.present(true);
  private readonly onSeeked = (): void => this.present(false);

  private present(force: boolean): void {
    if (!this.seeking) return; // a seek by someone else
    // A 'seeked' that lands elsewhere belongs to an earlier seek (one given up on a slow machine, or the
    // scrubber's): reporting it would pair this frame's skeleton with another frame's picture.
    if (!force && Math.abs(this.video.currentTime * 1000 - (this.seeking.tMs + 0.5)) > 1) return;
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
