// stepFrames against a fake <video> whose playback drops chosen frames, as Chromium's renderer does under load.
import { describe, expect, it, vi } from 'vitest';
import { stepFrames } from '../../src/capture/video-file';

/** A video of `n` frames at `fps` whose playback never presents the frames in `dropped` (seeking reaches them). */
class FakeVideo {
  readonly pts: number[];
  readonly duration: number;
  playbackRate = 1;
  private shown = -1;
  private cb: ((now: number, meta: { mediaTime: number }) => void) | null = null;
  private onEnded: (() => void) | null = null;
  /** HTMLMediaElement.ended: playback has reached the end. */
  ended = false;
  seeks = 0;
  /** Playback silently stops presenting at these frames (no callback, no 'ended'); seeks still present. */
  playStallsAt = new Set<number>();
  /** Playback from this frame presents nothing and runs on to 'ended' (callbacks lost while playing on). */
  playLostToEndAt = new Set<number>();
  /** From this frame on nothing is presented at all, played or sought (a browser that stopped decoding). */
  deadFrom = Infinity;
  constructor(
    n: number,
    fps: number,
    private readonly dropped: Set<number>,
  ) {
    this.pts = Array.from({ length: n }, (_, i) => i / fps);
    this.duration = n / fps;
  }
  /**
   * The next seeks' callbacks first report another frame, as a late callback under load does: the last frame
   * playback presented or the one shown before playing. The sought frame follows a moment later, or with
   * `lost` is shown without any callback.
   */
  seekReports: { report: 'played' | 'before'; lost?: boolean }[] = [];
  private lastPlayed = -1;
  private beforePlay = -1;
  set currentTime(t: number) {
    this.seeks++;
    this.ended = false;
    let i = 0;
    while (i + 1 < this.pts.length && this.pts[i + 1] <= t + 1e-9) i++;
    const r = this.seekReports.shift();
    if (!r) {
      this.present(i);
      return;
    }
    this.report(r.report === 'played' ? this.lastPlayed : this.beforePlay, 0);
    if (r.lost) this.shown = i;
    else setTimeout(() => this.present(i), 5);
  }
  pause(): void {}
  play(): Promise<void> {
    this.beforePlay = this.shown;
    let i = this.shown + 1;
    while (this.dropped.has(i)) i++;
    if (this.playLostToEndAt.delete(i)) i = this.pts.length;
    if (i >= this.pts.length)
      setTimeout(() => {
        this.ended = true;
        this.onEnded?.();
      }, 0);
    else if (this.playStallsAt.has(i)) this.playStallsAt.delete(i);
    else {
      this.lastPlayed = i;
      this.present(i);
    }
    return Promise.resolve();
  }
  requestVideoFrameCallback(cb: (now: number, meta: { mediaTime: number }) => void): void {
    this.cb = cb;
  }
  addEventListener(_: 'ended', f: () => void): void {
    this.onEnded = f;
  }
  removeEventListener(): void {
    this.onEnded = null;
  }
  private present(i: number): void {
    if (i >= this.deadFrom) return;
    this.shown = i;
    this.report(i, 0);
  }
  private report(i: number, delayMs: number): void {
    setTimeout(() => {
      const cb = this.cb;
      this.cb = null;
      cb?.(0, { mediaTime: this.pts[i] });
    }, delayMs);
  }
}

async function visit(
  v: FakeVideo,
  startS = 0,
  endS?: number,
  /** Called with each visited frame's number, before the next is looked for. */
  atFrame?: (i: number) => void,
): Promise<{ times: number[]; frameS: number; stalledAtS?: number }> {
  const times: number[] = [];
  const res = await stepFrames(v as unknown as HTMLVideoElement, {
    startS,
    endS,
    frameWaitMs: 30,
    onFrame: async (_video, f) => {
      const i = Math.round((f.tMs * 30) / 1000);
      times.push(i);
      atFrame?.(i);
    },
  });
  expect(res.frames).toBe(times.length);
  return { times, frameS: res.frameS, stalledAtS: res.stalledAtS };
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

describe('stepFrames', () => {
  it('visits every frame once when playback drops none', async () => {
    const { times, frameS } = await visit(new FakeVideo(40, 30, new Set()));
    expect(times).toEqual(range(0, 40));
    expect(frameS).toBeCloseTo(1 / 30, 9);
  });

  it('recovers a frame dropped in the first interval, before the rate is known', async () => {
    const { times, frameS } = await visit(new FakeVideo(40, 30, new Set([1])));
    expect(times).toEqual(range(0, 40));
    expect(frameS).toBeCloseTo(1 / 30, 9);
  });

  it('recovers two frames dropped in a row at the start, and drops later on', async () => {
    const { times } = await visit(new FakeVideo(60, 30, new Set([1, 2, 17, 30, 31, 32])));
    expect(times).toEqual(range(0, 60));
  });

  it('recovers a frame dropped just before the end of its range', async () => {
    // Range [0, 0.5 s]: frame 15 is at 0.5 s; frame 14 is dropped, so playback jumps from 13 to 16.
    const { times } = await visit(new FakeVideo(40, 30, new Set([14, 15])), 0, 0.5);
    expect(times).toEqual(range(0, 16));
  });

  it('starts a range mid-file and still checks its first interval', async () => {
    const { times } = await visit(new FakeVideo(40, 30, new Set([11])), 10 / 30);
    expect(times).toEqual(range(10, 40));
  });

  it('seeks to the next frame when playback presents nothing (rVFC is best effort) and loses none', async () => {
    const v = new FakeVideo(40, 30, new Set());
    v.playStallsAt = new Set([5, 6, 20]);
    const { times, stalledAtS } = await visit(v);
    expect(times).toEqual(range(0, 40));
    expect(stalledAtS).toBeUndefined();
  });

  it("checks for frames left when 'ended' comes before their callbacks, and loses none", async () => {
    const v = new FakeVideo(40, 30, new Set());
    v.playLostToEndAt = new Set([12, 38, 39]);
    const { times, stalledAtS } = await visit(v);
    expect(times).toEqual(range(0, 40));
    expect(stalledAtS).toBeUndefined();
    // A clean run seeks 3 times (start, and checking the first interval); each lost run costs one seek more, the
    // real end (after frame 39) none.
    expect(v.seeks).toBe(3 + 3);
  });

  it('waits for the sought frame when a seek first reports a later one (a late callback)', async () => {
    // Playback drops frame 10 and presents 11; both probes for frame 10 first hear of frame 11.
    const v = new FakeVideo(40, 30, new Set([10]));
    // The recovery of frame 10 starts after frame 11 is reported: arm the late reports at frame 9.
    const { times } = await visit(v, 0, undefined, (i) => {
      if (i === 9) v.seekReports = [{ report: 'played' }, { report: 'played' }];
    });
    expect(times).toEqual(range(0, 40));
  });

  it('asks again once when a probe reports no frame in a gap of two frames (a late callback)', async () => {
    // Playback drops frame 10; the first probe hears of frame 9 again and frame 10 is shown unannounced.
    const v = new FakeVideo(40, 30, new Set([10]));
    const { times } = await visit(v, 0, undefined, (i) => {
      if (i === 9) v.seekReports = [{ report: 'before', lost: true }];
    });
    expect(times).toEqual(range(0, 40));
  });

  it('ends with the frames so far and says where when the browser stops presenting any', async () => {
    const v = new FakeVideo(40, 30, new Set());
    v.deadFrom = 25;
    const { times, stalledAtS } = await visit(v);
    expect(times).toEqual(range(0, 25));
    expect(stalledAtS).toBeCloseTo(24 / 30, 9);
  });

  it('reports a stall at the start when not even the first frame is presented', async () => {
    const v = new FakeVideo(40, 30, new Set());
    v.deadFrom = 0;
    const { times, stalledAtS } = await visit(v);
    expect(times).toEqual([]);
    expect(stalledAtS).toBe(0);
  });

  it('does not count the time a hidden page presents nothing as a stall', async () => {
    // Chromium presents no video frames while the tab is hidden; the analysis waits for the user to come back.
    const doc = { hidden: true };
    vi.stubGlobal('document', doc);
    try {
      const v = new FakeVideo(40, 30, new Set());
      v.deadFrom = 10;
      setTimeout(() => {
        v.deadFrom = Infinity;
        doc.hidden = false;
      }, 2500);
      const { times, stalledAtS } = await visit(v);
      expect(times).toEqual(range(0, 40));
      expect(stalledAtS).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
