// File analysis you can follow: the video is sought to the analysed frame and its skeleton shown only once the
// video presents it; scrubbing finds the nearest analysed frame.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nearestFrameIndex, SeekPresenter, type SeekableVideo } from '../../src/capture/seek-presenter';

class FakeVideo implements SeekableVideo {
  seeks: number[] = [];
  private fn: ((now: number, meta: { mediaTime: number }) => void) | null = null;
  private handle = 0;
  set currentTime(s: number) {
    this.seeks.push(s);
  }
  get currentTime(): number {
    return this.seeks[this.seeks.length - 1] ?? 0;
  }
  requestVideoFrameCallback(fn: (now: number, meta: { mediaTime: number }) => void): number {
    this.fn = fn;
    return ++this.handle;
  }
  cancelVideoFrameCallback(): void {
    this.fn = null;
  }
  /** The video presents a frame (by default the one its current time lies in, on a 1 ms grid). */
  present(mediaTimeS = Math.floor(this.currentTime * 1000) / 1000): void {
    const fn = this.fn;
    this.fn = null; // one call per request, as in the browser
    fn?.(0, { mediaTime: mediaTimeS });
  }
}

describe('SeekPresenter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows a frame only once the video presents it, one seek at a time, newest frame next', () => {
    const v = new FakeVideo();
    const shown: number[] = [];
    const p = new SeekPresenter<{ tMs: number }>(v, (f) => shown.push(f.tMs), 200);
    p.offer({ tMs: 0 });
    p.offer({ tMs: 33 });
    p.offer({ tMs: 66 }); // replaces 33 while the first seek runs
    expect(v.seeks).toHaveLength(1);
    expect(shown).toEqual([]);
    v.present();
    expect(shown).toEqual([0]);
    p.offer({ tMs: 100 }); // replaces 66 while the shown frame rests on screen
    vi.advanceTimersByTime(199);
    expect(v.seeks).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(v.seeks).toHaveLength(2);
    expect(v.seeks[1]).toBeCloseTo(0.1005, 6);
    v.present();
    v.present(); // a frame presented later (someone else's seek) shows nothing
    expect(shown).toEqual([0, 100]);
    vi.advanceTimersByTime(200);
    p.offer({ tMs: 133 });
    vi.advanceTimersByTime(5000); // a slow seek: its skeleton is not put on the old picture meanwhile
    expect(shown).toEqual([0, 100]);
    v.present();
    expect(shown).toEqual([0, 100, 133]);
    p.dispose();
    p.offer({ tMs: 166 });
    v.present(); // no callback any more
    expect(shown).toEqual([0, 100, 133]);
  });

  it('waits past a frame presented for an earlier seek, and pairs the skeleton only with its own picture', () => {
    const v = new FakeVideo();
    const shown: number[] = [];
    const p = new SeekPresenter<{ tMs: number }>(v, (f) => shown.push(f.tMs), 200);
    p.offer({ tMs: 500 });
    v.present(0.466); // the frame of a seek given up on: not this one
    expect(shown).toEqual([]);
    v.present(0.5); // the sought frame (media time within container rounding)
    expect(shown).toEqual([500]);
    vi.advanceTimersByTime(200);
    p.offer({ tMs: 533.3 });
    v.present(0.5334);
    expect(shown).toEqual([500, 533.3]);
    p.dispose();
  });

  it('lets a stalled seek make way for the newest frame after 3 s, showing nothing on the wrong picture', () => {
    const v = new FakeVideo();
    const shown: number[] = [];
    const p = new SeekPresenter<{ tMs: number }>(v, (f) => shown.push(f.tMs), 200);
    p.offer({ tMs: 0 });
    v.present();
    vi.advanceTimersByTime(200);
    p.offer({ tMs: 33 }); // sought at once
    p.offer({ tMs: 66 }); // waits
    vi.advanceTimersByTime(2999);
    expect(v.seeks).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(v.seeks).toHaveLength(3);
    expect(v.seeks[2]).toBeCloseTo(0.0665, 6);
    v.present(0.033); // the stalled seek lands after all: not the frame sought now
    expect(shown).toEqual([0]);
    v.present(0.066);
    expect(shown).toEqual([0, 66]);
    p.dispose();
  });

  it("hands each frame's tag back with that frame, not with the one it replaced", () => {
    const v = new FakeVideo();
    const shown: [number, number][] = [];
    const p = new SeekPresenter<{ tMs: number }>(v, (f, tag) => shown.push([f.tMs, tag]), 200);
    p.offer({ tMs: 0 }, 7);
    p.offer({ tMs: 33 }, 8);
    p.offer({ tMs: 66 }, 9); // replaces 33 and its tag
    v.present();
    vi.advanceTimersByTime(200);
    p.offer({ tMs: 100 }, 10); // the video is seeking to 66: 100 waits
    v.present();
    vi.advanceTimersByTime(200);
    v.present();
    expect(shown).toEqual([
      [0, 7],
      [66, 9],
      [100, 10],
    ]);
    p.offer({ tMs: 133 }); // no tag: -1
    vi.advanceTimersByTime(200);
    v.present();
    expect(shown[3]).toEqual([133, -1]);
    p.dispose();
  });
});

describe('nearestFrameIndex', () => {
  const frames = [0, 33.3, 66.7, 100, 200].map((tMs) => ({ tMs }));
  it('finds the nearest analysed frame, ties to the earlier, ends clamped', () => {
    expect(nearestFrameIndex(frames, -50)).toBe(0);
    expect(nearestFrameIndex(frames, 16)).toBe(0);
    expect(nearestFrameIndex(frames, 17)).toBe(1);
    expect(nearestFrameIndex(frames, 150)).toBe(3); // tie between 100 and 200
    expect(nearestFrameIndex(frames, 151)).toBe(4);
    expect(nearestFrameIndex(frames, 1e6)).toBe(4);
    expect(nearestFrameIndex([], 5)).toBe(-1);
    expect(nearestFrameIndex(frames, Number.NaN)).toBe(-1);
  });
  it('agrees with a linear scan on random times', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 300;
    for (let k = 0; k < 200; k++) {
      const t = rnd();
      let best = 0;
      for (let i = 1; i < frames.length; i++)
        if (Math.abs(frames[i].tMs - t) < Math.abs(frames[best].tMs - t)) best = i;
      expect(nearestFrameIndex(frames, t)).toBe(best);
    }
  });
});
