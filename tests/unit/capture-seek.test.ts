// File analysis you can follow: the video is sought to the analysed frame and its skeleton shown only once the
// video presents it; scrubbing finds the nearest analysed frame.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nearestFrameIndex, SeekPresenter, type SeekableVideo } from '../../src/capture/seek-presenter';

class FakeVideo implements SeekableVideo {
  seeks: number[] = [];
  private fn: (() => void) | null = null;
  set currentTime(s: number) {
    this.seeks.push(s);
  }
  get currentTime(): number {
    return this.seeks[this.seeks.length - 1] ?? 0;
  }
  addEventListener(_t: 'seeked', fn: () => void): void {
    this.fn = fn;
  }
  removeEventListener(): void {
    this.fn = null;
  }
  seeked(): void {
    this.fn?.();
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
    v.seeked();
    expect(shown).toEqual([0]);
    p.offer({ tMs: 100 }); // replaces 66 while the shown frame rests on screen
    vi.advanceTimersByTime(199);
    expect(v.seeks).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(v.seeks).toHaveLength(2);
    expect(v.seeks[1]).toBeCloseTo(0.1005, 6);
    v.seeked();
    v.seeked(); // a second 'seeked' (someone else's seek) shows nothing
    expect(shown).toEqual([0, 100]);
    vi.advanceTimersByTime(200);
    p.offer({ tMs: 133 });
    vi.advanceTimersByTime(1000); // a seek that never completes is given up, not waited on forever
    expect(shown).toEqual([0, 100, 133]);
    p.dispose();
    p.offer({ tMs: 166 });
    v.seeked(); // no listener any more
    expect(shown).toEqual([0, 100, 133]);
  });

  it("hands each frame's tag back with that frame, not with the one it replaced", () => {
    const v = new FakeVideo();
    const shown: [number, number][] = [];
    const p = new SeekPresenter<{ tMs: number }>(v, (f, tag) => shown.push([f.tMs, tag]), 200);
    p.offer({ tMs: 0 }, 7);
    p.offer({ tMs: 33 }, 8);
    p.offer({ tMs: 66 }, 9); // replaces 33 and its tag
    v.seeked();
    vi.advanceTimersByTime(200);
    p.offer({ tMs: 100 }, 10); // the video is seeking to 66: 100 waits
    v.seeked();
    vi.advanceTimersByTime(200);
    v.seeked();
    expect(shown).toEqual([
      [0, 7],
      [66, 9],
      [100, 10],
    ]);
    p.offer({ tMs: 133 }); // no tag: -1
    vi.advanceTimersByTime(200);
    v.seeked();
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
