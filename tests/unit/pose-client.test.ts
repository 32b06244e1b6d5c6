import * as Comlink from 'comlink';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PoseClient, PoseClientError, toClientError } from '../../src/inference/pose-client';
import type { PoseFrame } from '../../src/shared/pose-frame';
import { POSE_ERROR_CODES } from '../../src/shared/pose-errors';

describe('errors across the worker boundary', () => {
  it('maps each worker error name to its code, and anything else to inference-failed', () => {
    for (const code of POSE_ERROR_CODES) {
      const e = toClientError({ name: code, message: `m ${code}` });
      expect(e).toBeInstanceOf(PoseClientError);
      expect(e.code).toBe(code);
      expect(e.message).toBe(`m ${code}`);
    }
    expect(toClientError(new TypeError('x')).code).toBe('inference-failed');
    expect(toClientError('boom').message).toBe('boom');
    const own = new PoseClientError('busy', 'b');
    expect(toClientError(own)).toBe(own);
  });
});

/** A "worker" on a MessageChannel serving `api` through Comlink, as the real worker does. */
function fakeWorker(api: object): () => Worker {
  return () => {
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(api, port2);
    return Object.assign(port1, { terminate: () => port1.close() }) as unknown as Worker;
  };
}

const frame = (tMs: number): PoseFrame => ({ tMs, poses: [] }) as unknown as PoseFrame;
const never = (): Promise<never> => new Promise<never>(() => undefined);

describe('a hung worker', () => {
  // The client resolves the models' base URL against the page's address.
  beforeAll(() => vi.stubGlobal('location', { href: 'http://localhost/' }));

  it('that never loads its model fails start() with worker-crashed instead of waiting for ever', async () => {
    const crashes: string[] = [];
    const client = new PoseClient({
      model: 'movenet-lightning',
      backend: 'auto',
      initTimeoutMs: 80,
      onCrash: (r) => crashes.push(r),
      createWorker: fakeWorker({ init: never }),
    });
    const err = await client.start().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PoseClientError);
    expect((err as PoseClientError).code).toBe('worker-crashed');
    expect(crashes).toEqual(['model not loaded in 80 ms']);
    client.terminate();
  });

  it('that stops delivering frames of a file is treated as crashed after fileStallMs, the frames before kept', async () => {
    const got: number[] = [];
    const client = new PoseClient({
      model: 'movenet-lightning',
      backend: 'auto',
      fileStallMs: 120,
      createWorker: fakeWorker({
        init: async () => ({ model: 'movenet-lightning' }),
        analyseFile: async (_f: Blob, _r: unknown, _u: boolean, onFrame: (f: PoseFrame) => Promise<void>) => {
          // Frames 40 ms apart stay within the limit; then decoding stops for good.
          for (const t of [0, 33, 67]) {
            await onFrame(frame(t));
            await new Promise((r) => setTimeout(r, 40));
          }
          return never();
        },
      }),
    });
    const t0 = performance.now();
    const err = await client
      .analyseFile(new Blob([]), { startS: 0, endS: 1, reportFromS: 0 }, false, (f) => got.push(f.tMs))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect((err as PoseClientError).code).toBe('worker-crashed');
    expect((err as PoseClientError).message).toMatch(/no frame in 0.12 s/);
    expect(got).toEqual([0, 33, 67]);
    // Declared hung within a few checks of the limit, not at once and not never.
    expect(performance.now() - t0).toBeGreaterThan(120 + 80);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(client.busy).toBe(false);
  });
});
