// After a file is analysed: a slider through the clip. Seeking the video (slider, keyboard or code) draws the
// pose of the analysed frame the video shows. The skeleton is drawn in the video frame callback that presents the new
// picture, so both change in the same rendering update, as SeekPresenter does during the analysis ('seeked' was
// measured in Chromium arriving 20–120 ms after the picture).
import { nearestFrameIndex, type SeekableVideo } from '../../capture/seek-presenter';
import type { PosesFileV1 } from '../../shared/poses-format';
import { h } from '../dom';
import { t } from '../i18n';
import type { Overlay } from '../overlay';

/** A seek that presented no picture this long after 'seeked' showed the same frame again: drawn then. */
const FALLBACK_MS = 100;
/** Container rounding of frame times. */
const SAME_FRAME_MS = 2;

/**
 * The analysed frame a picture at `tMs` shows: the nearest one, but never one that starts after `tMs`. Chromium's
 * media time is the presented frame's own; Firefox's (and the video's time) lies anywhere inside the frame, past its
 * middle too, where the nearest frame is the next one.
 */
export function shownFrameIndex(frames: readonly { tMs: number }[], tMs: number): number {
  const i = nearestFrameIndex(frames, tMs);
  return i > 0 && frames[i].tMs > tMs + SAME_FRAME_MS ? i - 1 : i;
}

/** The part of an HTMLVideoElement the scrubber needs (a fake in the unit tests). */
export interface ScrubbedVideo extends SeekableVideo {
  readonly seeking: boolean;
  addEventListener(type: 'seeking' | 'seeked', fn: () => void): void;
}

/**
 * Follows the video's seeks and reports which analysed frame belongs to the picture on screen. With video frame
 * callbacks: the frame of each presented picture, in that picture's callback (a picture of an earlier seek, presented
 * mid-drag, gets its own skeleton). Chromium presents before 'seeked', Firefox 153 3–15 ms after it (measured), so
 * 'seeked' only draws where no picture came within FALLBACK_MS (a seek within the frame on screen) or where there are
 * no frame callbacks (older Firefox ESR).
 */
export class ScrubFollower {
  private frames: readonly { tMs: number }[] | null = null;
  private callback = -1;
  /** A frame callback has shown a picture since the latest seek began. */
  private presented = false;
  private fallback: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly video: ScrubbedVideo,
    /** `'requestVideoFrameCallback' in HTMLVideoElement.prototype` */
    private readonly frameCallbacks: boolean,
    private readonly onShow: (index: number) => void,
  ) {
    video.addEventListener('seeking', this.onSeeking);
    video.addEventListener('seeked', this.onSeeked);
  }

  /** Follows seeks over `frames` (sorted by time) until stop(). */
  follow(frames: readonly { tMs: number }[]): void {
    this.frames = frames;
  }

  stop(): void {
    this.frames = null;
    this.cancelFallback();
    if (this.callback >= 0) this.video.cancelVideoFrameCallback(this.callback);
    this.callback = -1;
  }

  seek(s: number): void {
    // Half a millisecond in, so rounding never lands on the previous frame.
    this.video.currentTime = s + 0.0005;
    this.onSeeking(); // the 'seeking' event comes as a task of its own: ask for the picture now
  }

  private listen(): void {
    if (this.frameCallbacks && this.callback < 0)
      this.callback = this.video.requestVideoFrameCallback(this.onPresented);
  }

  private cancelFallback(): void {
    if (this.fallback !== null) clearTimeout(this.fallback);
    this.fallback = null;
  }

  private readonly onSeeking = (): void => {
    if (!this.frames) return;
    this.presented = false;
    this.cancelFallback();
    this.listen();
  };

  private readonly onPresented = (_now: number, meta: { mediaTime: number }): void => {
    this.callback = -1;
    const frames = this.frames;
    if (!frames) return;
    this.presented = true;
    this.cancelFallback();
    this.onShow(shownFrameIndex(frames, meta.mediaTime * 1000));
    // Mid-drag this was an earlier seek's picture: the sought one is still to come.
    if (this.video.seeking) this.listen();
  };

  private readonly onSeeked = (): void => {
    if (!this.frames || this.presented) return;
    this.cancelFallback();
    if (this.frameCallbacks) this.fallback = setTimeout(this.drawFallback, FALLBACK_MS);
    else this.drawFallback();
  };

  private readonly drawFallback = (): void => {
    this.fallback = null;
    const frames = this.frames;
    if (!frames || this.presented) return;
    this.onShow(shownFrameIndex(frames, this.video.currentTime * 1000));
  };
}

export class Scrubber {
  readonly el: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly label: HTMLElement;
  private readonly follower: ScrubFollower;
  private rec: PosesFileV1 | null = null;
  /** The analysed frame drawn last (-1: none), for tests and the readouts. */
  shownIndex = -1;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly overlay: Overlay,
  ) {
    this.input = h('input', {
      type: 'range',
      min: 0,
      max: 0,
      step: 'any',
      value: 0,
      'data-testid': 'scrub',
      oninput: () => this.seek(Number(this.input.value)),
    });
    this.label = h('span', {});
    this.el = h('label', { class: 'scrub', hidden: true }, this.label, this.input);
    this.follower = new ScrubFollower(
      video,
      'requestVideoFrameCallback' in HTMLVideoElement.prototype,
      this.draw,
    );
  }

  render(): void {
    this.label.textContent = t('capture.position');
  }

  /** Follows `rec` (analysed from the video now loaded) and returns to the start of the clip. */
  attach(rec: PosesFileV1): void {
    this.rec = rec;
    this.follower.follow(rec.frames);
    const durS = Number.isFinite(this.video.duration) ? this.video.duration : 0;
    const lastS = rec.frames.length ? rec.frames[rec.frames.length - 1].tMs / 1000 : 0;
    this.input.max = String(Math.max(durS, lastS));
    this.el.hidden = rec.frames.length === 0;
    this.seek(rec.frames.length ? rec.frames[0].tMs / 1000 : 0);
  }

  /** No analysed file on screen any more (camera, a new file, a restored draft). */
  detach(): void {
    this.rec = null;
    this.follower.stop();
    this.shownIndex = -1;
    this.el.hidden = true;
  }

  get active(): boolean {
    return this.rec !== null;
  }

  private seek(s: number): void {
    this.input.value = String(s);
    this.follower.seek(s);
  }

  private readonly draw = (i: number): void => {
    const rec = this.rec;
    if (!rec) return;
    this.shownIndex = i;
    this.el.dataset.frame = String(i);
    this.input.value = String(this.video.currentTime);
    this.overlay.drawRecorded(rec.skeleton, i >= 0 ? rec.frames[i] : null);
  };
}
