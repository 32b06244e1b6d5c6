import { describe, expect, it } from 'vitest';
import { FramePump } from '../../src/capture/frame-pump';

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('FramePump back-pressure', () => {
  it('never has more than one frame in flight and counts the drops', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const gates: { resolve: (v: number) => void }[] = [];
    const results: number[] = [];
    const pump = new FramePump<number, number>(
      () => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const d = deferred<number>();
        gates.push(d);
        return d.promise.then((v) => {
          inFlight--;
          return v;
        });
      },
      (r) => results.push(r),
    );
    // 10 frames arrive while the first is in flight: the newest (9) waits in the slot, 8 are dropped.
    for (let i = 0; i < 10; i++) pump.offer(i);
    expect(pump.stats).toMatchObject({ offered: 10, dropped: 8 });
    gates[0].resolve(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(pump.busy).toBe(true); // frame 9 started as soon as frame 0 finished
    gates[1].resolve(9);
    await new Promise((r) => setTimeout(r, 0));
    expect(pump.busy).toBe(false);
    // Alternate: each frame finishes before the next arrives, so none is dropped.
    for (let i = 10; i < 15; i++) {
      expect(pump.offer(i)).toBe(true);
      gates[gates.length - 1].resolve(i);
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(maxInFlight).toBe(1);
    expect(results).toEqual([0, 9, 10, 11, 12, 13, 14]);
    expect(pump.stats).toEqual({ offered: 15, processed: 7, dropped: 8, failed: 0 });
  });

  it('file mode waits instead of dropping, in order', async () => {
    const order: number[] = [];
    const pump = new FramePump<number, number>(
      async (f) => {
        await new Promise((r) => setTimeout(r, 2));
        return f;
      },
      (r) => order.push(r),
    );
    await Promise.all([0, 1, 2, 3].map((i) => pump.push(i)));
    expect(order).toHaveLength(4);
    expect(pump.stats.dropped).toBe(0);
  });

  it('counts a failed frame and stays usable', async () => {
    const errors: unknown[] = [];
    const pump = new FramePump<number, number>(
      async (f) => {
        if (f === 1) throw new Error('boom');
        return f;
      },
      () => undefined,
      (e) => errors.push(e),
    );
    await pump.push(1);
    await pump.push(2);
    expect(pump.stats).toMatchObject({ processed: 1, failed: 1 });
    expect(errors).toHaveLength(1);
  });
});
