import { describe, expect, it } from 'vitest';
import { filtfiltRuns, twoPassCutoffHz } from '../../src/analysis/conditioning/butterworth';
import { fillGaps } from '../../src/analysis/conditioning/interpolate';
import { hz } from '../../src/shared/units';
import { detectReps, phaseAt } from '../../src/analysis/spine/phases';
import { mulberry32 } from '../fixtures/spine-generator';

const FPS = 30;

/** Piecewise-linear excursion through (seconds, degrees) knots, plus seeded Gaussian-ish noise, then filtered. */
function signal(knots: [number, number][], noiseDeg = 0.7, seed = 1): { e: Float64Array; t: Float64Array } {
  const rand = mulberry32(seed);
  const n = Math.round(knots[knots.length - 1][0] * FPS);
  const e = new Float64Array(n);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = i / FPS;
    t[i] = s * 1000;
    let k = 0;
    while (k < knots.length - 2 && s >= knots[k + 1][0]) k++;
    const [s0, v0] = knots[k];
    const [s1, v1] = knots[k + 1];
    e[i] = v0 + ((v1 - v0) * (s - s0)) / (s1 - s0) + noiseDeg * (rand() + rand() + rand() - 1.5) * 2;
  }
  return { e: filtfiltRuns(e, twoPassCutoffHz(hz(3)), hz(FPS)), t };
}

/** Neutral 1.5 s, then per repetition: down 1.5 s, hold 1.5 s, up 1.5 s to the next neutral, hold 1.5 s. */
function reps(peaks: number[], valleys: number[] = peaks.map(() => 0)): [number, number][] {
  const k: [number, number][] = [[0, valleys[0]]];
  let s = 1.5;
  peaks.forEach((p, i) => {
    const next = valleys[i + 1] ?? valleys[i];
    k.push([s, valleys[i]], [s + 1.5, p], [s + 3, p], [s + 4.5, next]);
    s += 6;
  });
  k.push([s, valleys.at(-1)!]);
  return k;
}

describe('detectReps', () => {
  it('finds exactly 3 repetitions with phases in order', () => {
    const { e, t } = signal(reps([90, 95, 92]));
    const found = detectReps(e, t);
    expect(found).toHaveLength(3);
    for (const r of found) {
      expect(r.neutralFrom).toBeLessThan(r.neutralTo);
      expect(r.neutralTo).toBeLessThanOrEqual(r.start);
      expect(r.start).toBeLessThan(r.plateauFrom);
      expect(r.plateauFrom).toBeLessThanOrEqual(r.peak);
      expect(r.peak).toBeLessThan(r.plateauTo);
      expect(r.plateauTo).toBeLessThanOrEqual(r.end);
      // The end-range hold lasts 1.5 s; the plateau should cover most of it.
      expect((t[r.plateauTo - 1] - t[r.plateauFrom]) / 1000).toBeGreaterThan(1.2);
      expect(phaseAt(found, r.peak)).toBe('end-range');
      expect(phaseAt(found, r.start)).toBe('moving');
      expect(phaseAt(found, r.plateauTo)).toBe('returning');
    }
    expect(phaseAt(found, 0)).toBe('neutral');
    expect(found[0].end).toBeLessThanOrEqual(found[1].neutralFrom);
  });

  it('finds none in noise and sway', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { e, t } = signal(
        [
          [0, 0],
          [3, 2],
          [6, -1],
          [9, 2.5],
          [12, 0],
        ],
        1.5,
        seed,
      );
      expect(detectReps(e, t)).toEqual([]);
    }
  });

  it('separates repetitions with partial returns, and unequal ones down to 35 % of the largest', () => {
    expect(detectReps(...args(signal(reps([90, 95, 92], [0, 25, 25]))))).toHaveLength(3);
    expect(detectReps(...args(signal(reps([100, 40, 95]))))).toHaveLength(3);
    expect(detectReps(...args(signal(reps([12, 13, 11]))))).toHaveLength(3);
  });

  it('ignores a start at end range and a recording that stops bent', () => {
    const startBent = signal([[0, 80], ...reps([90, 92]).map(([s, v]): [number, number] => [s + 2, v])]);
    expect(detectReps(startBent.e, startBent.t)).toHaveLength(2);
    const stopsBent = signal([...reps([90, 92]), [15, 90], [18, 90]]);
    expect(detectReps(stopsBent.e, stopsBent.t)).toHaveLength(2);
  });

  it('skips missing samples', () => {
    const { e, t } = signal(reps([60, 65, 62]));
    for (let i = 100; i < 110; i++) e[i] = NaN;
    expect(detectReps(e, t)).toHaveLength(3);
  });
});

describe('conditioning', () => {
  it('fills only short gaps and keeps constants constant', () => {
    const x = Float64Array.from([1, NaN, 3, NaN, NaN, NaN, 7, NaN]);
    expect(Array.from(fillGaps(x, 2))).toEqual([1, 2, 3, NaN, NaN, NaN, 7, NaN]);
    const c = filtfiltRuns(new Float64Array(50).fill(4.2), twoPassCutoffHz(hz(3)), hz(30));
    for (const v of c) expect(v).toBeCloseTo(4.2, 10);
  });

  it('filters each gap-free run on its own and keeps NaN', () => {
    const x = new Float64Array(60).fill(0);
    for (let i = 30; i < 60; i++) x[i] = 10;
    x[29] = NaN;
    const y = filtfiltRuns(x, twoPassCutoffHz(hz(3)), hz(30));
    expect(y[29]).toBeNaN();
    for (let i = 0; i < 29; i++) expect(Math.abs(y[i])).toBeLessThan(1e-9);
    for (let i = 30; i < 60; i++) expect(y[i]).toBeCloseTo(10, 9);
  });
});

function args(x: { e: Float64Array; t: Float64Array }): [Float64Array, Float64Array] {
  return [x.e, x.t];
}
