// Scrubbing an analysed file: the skeleton drawn is the analysed frame nearest to the picture the video presents,
// drawn in that picture's frame callback; on 'seeked' only where there are no frame callbacks or no new picture.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScrubFollower, shownFrameIndex, type ScrubbedVideo } from '../../src/ui/capture/scrubber';

class FakeVideo implements ScrubbedVideo {
  seeking = false;
  requests = 0;
  private time = 0;
  private fn: ((now: number, meta: { mediaTime: number }) => void) | null = null;
  private handle = 0;
  private readonly listeners = { seeking: [] as (() => void)[], seeked: [] as (() => void)[] };
  set currentTime(s: number) {
    this.time = s;
    this.seeking = true;
  }
  get currentTime(): number {
    return this.time;
  }
  addEventListener(type: 'seeking' | 'seeked', fn: () => void): void {
    this.listeners[type].push(fn);
  }
  requestVideoFrameCallback(fn: (now: number, meta: { mediaTime: number }) => void): number {
    // One callback pending at a time, as the follower promises.
    expect(this.fn).toBeNull();
    this.requests++;
    this.fn = fn;
    return ++this.handle;
  }
  cancelVideoFrameCallback(): void {
    this.fn = null;
  }
  /** The browser's 'seeking' task, after currentTime was set. */
  fireSeeking(): void {
    for (const fn of this.listeners.seeking) fn();
  }
  /** A picture with this media time is presented. */
  present(mediaTimeS: number): void {
    const fn = this.fn;
    this.fn = null; // one call per request, as in the browser
    fn?.(0, { mediaTime: mediaTimeS });
  }
  /** The seek is done ('seeked' comes after the picture). */
  seeked(): void {
    this.seeking = false;
    for (const fn of this.listeners.seeked) fn();
  }
}

// 30 fps: frame i at 33.3·i ms.
const frames = Array.from({ length: 200 }, (_, i) => ({ tMs: (i * 1000) / 30 }));

function setUp(frameCallbacks: boolean) {
  const v = new FakeVideo();
  const shown: number[] = [];
  const f = new ScrubFollower(v, frameCallbacks, (i) => shown.push(i));
  f.follow(frames);
  return { v, shown, f };
}

describe('shownFrameIndex', () => {
  it('is the nearest frame, but never one that starts after the picture time', () => {
    expect(shownFrameIndex(frames, 100)).toBe(3); // a frame's own time (Chromium's media time)
    expect(shownFrameIndex(frames, 98.5)).toBe(3); // container rounding
    expect(shownFrameIndex(frames, 125)).toBe(3); // past the middle of frame 3 (Firefox's media time, video time)
    expect(shownFrameIndex(frames, 10)).toBe(0);
    expect(shownFrameIndex(frames, -20)).toBe(0);
    expect(shownFrameIndex(frames, 1e6)).toBe(199);
    expect(shownFrameIndex([], 100)).toBe(-1);
  });
});

describe('ScrubFollower', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('draws the frame nearest to the presented picture in its frame callback, not on seeked', () => {
    const { v, shown, f } = setUp(true);
    f.seek(0.05); // 50.5 ms: frame 1's picture (33.3–66.7 ms)
    v.fireSeeking();
    expect(shown).toEqual([]);
    v.present(1 / 30);
    expect(shown).toEqual([1]);
    v.seeked();
    vi.advanceTimersByTime(1000);
    expect(shown).toEqual([1]); // nothing more, and nothing different, 20–120 ms later
    // Asked again while the video still counted as seeking; that callback waits for the next seek's picture.
    expect(v.requests).toBe(2);
    f.seek(3);
    v.fireSeeking();
    expect(v.requests).toBe(2);
    v.present(3);
    expect(shown).toEqual([1, 90]);
  });

  it('mid-drag, pairs each presented picture with its own frame and waits for the sought one', () => {
    const { v, shown, f } = setUp(true);
    f.seek(1);
    v.fireSeeking();
    f.seek(2); // the next drag step before the first picture came
    v.fireSeeking();
    v.present(1); // the first step's picture
    expect(shown).toEqual([30]);
    v.present(2); // the sought one
    expect(shown).toEqual([30, 60]);
    v.seeked();
    expect(shown).toEqual([30, 60]);
  });

  it('waits past seeked for the picture where it comes later (Firefox), and reads a media time inside a frame', () => {
    const { v, shown, f } = setUp(true);
    f.seek(0.06); // 60.5 ms: past the middle of frame 1, whose picture Firefox reports at the video's time
    v.fireSeeking();
    v.seeked();
    vi.advanceTimersByTime(15);
    expect(shown).toEqual([]); // not drawn ahead of its picture
    v.present(0.0605);
    expect(shown).toEqual([1]);
    vi.advanceTimersByTime(1000);
    expect(shown).toEqual([1]);
  });

  it('follows a seek it did not start (keyboard, code) from the seeking event', () => {
    const { v, shown } = setUp(true);
    v.currentTime = 4;
    v.fireSeeking();
    v.present(4);
    v.seeked();
    expect(shown).toEqual([120]);
  });

  it('draws on seeked when the seek presented no new picture', () => {
    const { v, shown, f } = setUp(true);
    f.seek(0);
    v.fireSeeking();
    v.seeked();
    vi.advanceTimersByTime(99);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual([0]);
  });

  it('without frame callbacks, draws the frame the video time lies in on seeked', () => {
    const { v, shown, f } = setUp(false);
    f.seek(0.06);
    v.fireSeeking();
    v.present(1 / 30); // not asked for: ignored
    expect(shown).toEqual([]);
    v.seeked();
    expect(shown).toEqual([1]);
    expect(v.requests).toBe(0);
  });

  it('draws nothing once stopped', () => {
    const { v, shown, f } = setUp(true);
    f.seek(1);
    f.stop();
    v.fireSeeking();
    v.present(1);
    v.seeked();
    vi.advanceTimersByTime(1000);
    expect(shown).toEqual([]);
  });

  it('drops a pending seeked fallback when the next seek begins or it stops', () => {
    const { v, shown, f } = setUp(true);
    f.seek(1);
    v.fireSeeking();
    v.seeked();
    f.seek(2);
    v.fireSeeking();
    vi.advanceTimersByTime(150); // the first seek's fallback would have drawn frame 30 by now
    expect(shown).toEqual([]);
    v.seeked();
    f.stop();
    vi.advanceTimersByTime(1000);
    expect(shown).toEqual([]);
  });
});
