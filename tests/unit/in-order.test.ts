// A file's frames reach the draft in time order, each once, also when a worker could not decode the file after
// others did and the whole file is analysed again by stepping <video> elements (one InOrderFrames for both tries).
import { describe, expect, it } from 'vitest';
import { InOrderFrames } from '../../src/capture/in-order';

const FRAME_MS = 1000 / 30;
/** Two chunks of a 2 s file: chunk 1 owns frames 30–59 and warms up on 15 frames before it. */
const STARTS_MS = [0, 30 * FRAME_MS];
const at = (i: number): { tMs: number } => ({ tMs: i * FRAME_MS });
const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, k) => a + k);

function collector(): { order: InOrderFrames<{ tMs: number }>; out: number[] } {
  const out: number[] = [];
  const order = new InOrderFrames<{ tMs: number }>(STARTS_MS, (f) => out.push(Math.round(f.tMs / FRAME_MS)));
  return { order, out };
}

/** Chunk 0 and chunk 1 (with its lead-in) delivering alternately, as two workers do. */
function runBoth(order: InOrderFrames<{ tMs: number }>): void {
  const c0 = range(0, 30);
  const c1 = range(15, 60);
  for (let k = 0; k < Math.max(c0.length, c1.length); k++) {
    if (k < c0.length) order.add(0, at(c0[k]));
    if (k < c1.length) order.add(1, at(c1[k]));
  }
  order.finish(0);
  order.finish(1);
}

describe('InOrderFrames across a second try', () => {
  it('passes each frame on once when chunk 0 was done and chunk 1 could not decode', () => {
    const { order, out } = collector();
    for (const i of range(0, 30)) order.add(0, at(i));
    order.finish(0); // chunk 1's worker returned null: no frame, not finished
    runBoth(order);
    expect(out).toEqual(range(0, 60));
  });

  it('passes each frame on once when chunk 1 was done and chunk 0 could not decode', () => {
    const { order, out } = collector();
    for (const i of range(15, 60)) order.add(1, at(i));
    order.finish(1);
    expect(out).toEqual([]); // waits for chunk 0
    runBoth(order);
    expect(out).toEqual(range(0, 60));
  });

  it('passes each frame on once, in order, on a single try', () => {
    const { order, out } = collector();
    runBoth(order);
    expect(out).toEqual(range(0, 60));
  });
});
