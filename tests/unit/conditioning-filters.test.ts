import { describe, expect, it } from 'vitest';
import { butterworthLowpass, filtfilt, filtfiltRuns } from '../../src/analysis/conditioning/butterworth';
import { hampel } from '../../src/analysis/conditioning/hampel';
import { fillGaps } from '../../src/analysis/conditioning/interpolate';
import { correctLegSwaps } from '../../src/analysis/conditioning/leg-swap';
import { OneEuroFilter } from '../../src/analysis/conditioning/one-euro';
import { unwrapRadians } from '../../src/analysis/conditioning/unwrap';
import { prng } from '../fixtures/gait-generator';
import { hz as toHz } from '../../src/shared/units';

const sine = (n: number, hz: number, fs: number, amp = 1): Float64Array =>
  Float64Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / fs));

describe('zero-phase Butterworth', () => {
  it('passes a slow sine without lag and removes a fast one', () => {
    const fs = 60;
    const slow = sine(600, 1, fs);
    const out = filtfilt(butterworthLowpass(toHz(6), toHz(fs)), slow, 30);
    for (let i = 60; i < 540; i++) expect(Math.abs(out[i] - slow[i])).toBeLessThan(0.01);
    const fast = filtfilt(butterworthLowpass(toHz(6), toHz(fs)), sine(600, 20, fs), 30);
    for (let i = 60; i < 540; i++) expect(Math.abs(fast[i])).toBeLessThan(0.05);
  });

  it('filters each gap-free run on its own and keeps NaN as NaN (never 0)', () => {
    const v = Float64Array.from({ length: 40 }, (_, i) => (i >= 18 && i < 22 ? NaN : 100 + i));
    const out = filtfiltRuns(v, toHz(6), toHz(30));
    for (let i = 18; i < 22; i++) expect(out[i]).toBeNaN();
    // A ramp passes a zero-phase filter unchanged, right up to the gap on both sides.
    for (const i of [0, 17, 22, 39]) expect(out[i]).toBeCloseTo(100 + i, 4);
  });

  it('stays within the range of a smooth input', () => {
    const v = sine(300, 0.5, 30, 50);
    const out = filtfiltRuns(v, toHz(6), toHz(30));
    for (let i = 0; i < v.length; i++) expect(Math.abs(out[i])).toBeLessThanOrEqual(50.0001);
  });
});

describe('One Euro filter', () => {
  it('is causal, stays within the input range and resets', () => {
    const f = new OneEuroFilter();
    const rand = prng(1);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < 300; i++) {
      const x = 10 + rand();
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      const y = f.apply(x, i * 33.3);
      expect(y).toBeGreaterThanOrEqual(lo);
      expect(y).toBeLessThanOrEqual(hi);
    }
    expect(f.apply(NaN, 1e4)).toBeNaN();
    f.reset();
    expect(f.apply(-5, 2e4)).toBe(-5);
  });

  it('reduces jitter on a still signal', () => {
    const f = new OneEuroFilter();
    const rand = prng(2);
    let rawVar = 0;
    let outVar = 0;
    for (let i = 0; i < 600; i++) {
      const x = rand() - 0.5;
      const y = f.apply(x, i * 33.3);
      if (i > 30) {
        rawVar += x * x;
        outVar += y * y;
      }
    }
    expect(outVar).toBeLessThan(0.3 * rawVar);
  });
});

describe('Hampel outliers, gap filling, unwrapping', () => {
  it('rejects a spike to NaN and keeps a real ramp', () => {
    const v = Float64Array.from({ length: 30 }, (_, i) => 3 * i);
    v[12] = 500;
    const out = hampel(v, 3, 4);
    expect(out[12]).toBeNaN();
    expect(Array.from(out).filter(Number.isNaN)).toHaveLength(1);
  });

  it('bridges gaps up to the bound only', () => {
    const v = Float64Array.from([0, NaN, NaN, 3, NaN, NaN, NaN, NaN, 8, NaN]);
    const out = fillGaps(v, 2);
    expect(Array.from(out.subarray(0, 4))).toEqual([0, 1, 2, 3]);
    for (let i = 4; i < 8; i++) expect(out[i]).toBeNaN();
    expect(out[9]).toBeNaN();
  });

  it('unwraps angles across ±π', () => {
    const raw = Float64Array.from({ length: 50 }, (_, i) => {
      const a = 0.3 * i;
      return Math.atan2(Math.sin(a), Math.cos(a));
    });
    const out = unwrapRadians(raw);
    for (let i = 0; i < 50; i++) expect(out[i]).toBeCloseTo(0.3 * i, 9);
  });
});

describe('leg swap correction', () => {
  it('restores labels swapped for a few frames while the legs cross', () => {
    const n = 90;
    // Two "ankles": one still then moving, the other moving then still; they cross at frame 45.
    const lx = Float64Array.from({ length: n }, (_, i) => (i < 30 ? 0 : i < 60 ? 10 * (i - 30) : 300));
    const rx = Float64Array.from({ length: n }, (_, i) => 150 + (i >= 60 ? 5 * (i - 60) : 0));
    const ly = Float64Array.from({ length: n }, (_, i) =>
      i >= 30 && i < 60 ? 400 - 20 * Math.sin((Math.PI * (i - 30)) / 30) : 400,
    );
    const ry = new Float64Array(n).fill(400);
    const truth = [Float64Array.from(lx), Float64Array.from(rx)];
    const xs = [lx, rx];
    const ys = [ly, ry];
    for (let i = 44; i < 50; i++) {
      [xs[0][i], xs[1][i]] = [xs[1][i], xs[0][i]];
      [ys[0][i], ys[1][i]] = [ys[1][i], ys[0][i]];
    }
    const changed = correctLegSwaps(xs, ys, [[0, 1]]);
    expect(changed).toBe(6);
    expect(Array.from(xs[0])).toEqual(Array.from(truth[0]));
    expect(Array.from(xs[1])).toEqual(Array.from(truth[1]));
  });
});
