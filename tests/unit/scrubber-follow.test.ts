// Scrubbing an analysed file: the skeleton drawn is the analysed frame nearest to the picture the video presents,
// drawn in that picture's frame callback; on 'seeked' only where there are no frame callbacks or no new picture.
import { describe, expect, it } from 'vitest';
import { ScrubFollower, type ScrubbedVideo } from '../../src/ui/capture/scrubber';

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

describe('ScrubFollower', () => {
  it('draws the frame nearest to the presented picture in its frame callback, not on seeked', () => {
    const { v, shown, f } = setUp(true);
    f.seek(0.05); // 50.5 ms: the nearest analysed frame is 2 (66.7 ms), but the picture shown is frame 1's
    v.fireSeeking();
    expect(shown).toEqual([]);
    v.present(1 / 30);
    expect(shown).toEqual([1]);
    v.seeked();
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
    expect(shown).toEqual([0]);
  });

  it('without frame callbacks, draws the frame nearest to the video time on seeked', () => {
    const { v, shown, f } = setUp(false);
    f.seek(0.05);
    v.fireSeeking();
    v.present(1 / 30); // not asked for: ignored
    expect(shown).toEqual([]);
    v.seeked();
    expect(shown).toEqual([2]);
    expect(v.requests).toBe(0);
  });

  it('draws nothing once stopped', () => {
    const { v, shown, f } = setUp(true);
    f.seek(1);
    f.stop();
    v.fireSeeking();
    v.present(1);
    v.seeked();
    expect(shown).toEqual([]);
  });
});
