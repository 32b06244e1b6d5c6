import { describe, expect, it } from 'vitest';
import { runChunk, type ChunkClient } from '../../src/capture/file-analysis';
import { PoseClientError } from '../../src/inference/pose-client';
import type { FileRun } from '../../workers/pose.worker';
import type { PoseFrame } from '../../src/shared/pose-frame';
import { ms } from '../../src/shared/units';

const FRAME_MS = 1000 / 30;
const N = 60; // a 2 s chunk at 30 fps

function frameAt(i: number): PoseFrame {
  return {
    skeleton: 'coco17',
    tMs: ms(i * FRAME_MS),
    inferenceMs: ms(5),
    width: 640,
    height: 360,
    poses: [],
  };
}

/**
 * A fake worker over a 2 s file: frames at i/30 s. `crashOn(i, attempt)` says whether analysing frame i crashes
 * the worker on that call; it records every range it was asked for.
 */
function fakeClient(
  crashOn: (i: number, call: number) => boolean,
): ChunkClient & { calls: { startS: number; reportFromS: number }[] } {
  const calls: { startS: number; reportFromS: number }[] = [];
  return {
    calls,
    async analyseFile(_file, range, _useRoi, onFrame): Promise<FileRun | null> {
      const call = calls.length;
      calls.push({ startS: range.startS, reportFromS: range.reportFromS });
      let n = 0;
      for (let i = 0; i < N; i++) {
        const t = i * FRAME_MS;
        if (t < range.startS * 1000 - 1e-3 || t >= range.endS * 1000) continue;
        if (crashOn(i, call)) throw new PoseClientError('worker-crashed', 'The pose worker stopped (test).');
        n++;
        if (t >= range.reportFromS * 1000 - 1e-3) onFrame(frameAt(i));
      }
      const stages = {
        frames: n,
        decodeWaitMs: 0,
        scaleMs: 0,
        inferMs: 0,
        postMs: 0,
        detectorRuns: 0,
        previewMs: 0,
        previews: 0,
      };
      return {
        info: { width: 640, height: 360, durationS: N / 30, fps: 30 },
        frames: n,
        lastTMs: NaN,
        stages,
        leadIn: [],
      };
    },
  };
}

async function collect(client: ChunkClient): Promise<{ times: number[]; skippedMs: number[] }> {
  const times: number[] = [];
  const res = await runChunk(client, new Blob([]), { startS: 0, endS: 10, reportFromS: 0 }, true, (f) =>
    times.push(f.tMs),
  );
  return { times, skippedMs: res?.skippedMs ?? [] };
}

describe('file analysis survives worker crashes', () => {
  it('a crash once on a frame: the worker restarts and that frame is analysed, every frame exactly once', async () => {
    const client = fakeClient((i, call) => i === 20 && call === 0);
    const { times, skippedMs } = await collect(client);
    expect(times).toHaveLength(N);
    expect(new Set(times).size).toBe(N);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
    expect(skippedMs).toEqual([]);
    // Resumed after frame 19 (received), with a lead-in of up to 0.5 s for the tracker.
    expect(client.calls).toHaveLength(2);
    expect(client.calls[1].reportFromS * 1000).toBeGreaterThan(19 * FRAME_MS);
    expect(client.calls[1].reportFromS * 1000).toBeLessThanOrEqual(20 * FRAME_MS);
    expect(client.calls[1].startS).toBeCloseTo(client.calls[1].reportFromS - 0.5, 6);
  });

  it('a crash twice on the same frame: that frame is skipped with its time, the rest of the file analysed', async () => {
    const client = fakeClient((i) => i === 20);
    const { times, skippedMs } = await collect(client);
    expect(times).toHaveLength(N - 1);
    expect(times).not.toContain(20 * FRAME_MS);
    expect(times).toContain(19 * FRAME_MS);
    expect(times).toContain(21 * FRAME_MS);
    expect(skippedMs).toHaveLength(1);
    expect(skippedMs[0]).toBeCloseTo(20 * FRAME_MS, 3);
    expect(client.calls).toHaveLength(3);
  });

  it('a crash on the very first frame, twice: frame 0 is skipped, the rest kept', async () => {
    const { times, skippedMs } = await collect(fakeClient((i) => i === 0));
    expect(times).toHaveLength(N - 1);
    expect(times[0]).toBeCloseTo(FRAME_MS, 6);
    expect(skippedMs).toHaveLength(1);
  });

  it('other errors are not retried', async () => {
    const client: ChunkClient = {
      analyseFile: () => Promise.reject(new PoseClientError('model-corrupt', 'bad model')),
    };
    await expect(collect(client)).rejects.toMatchObject({ code: 'model-corrupt' });
  });
});
