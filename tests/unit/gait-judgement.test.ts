// Indicators that a short, noisy walk cannot bound say cannot-judge instead of flagging; an asymmetry seen from
// one side only is not flagged (the detector's near/far leg bias alone can make one); both sides pooled judge it.
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../src/analysis/index';
import { asymmetryInterval, type JudgedIndicatorV1 } from '../../src/analysis/gait/judgement';
import type { PosesFileV1 } from '../../src/shared/poses-format';
import { generateWalk, type WalkParams } from '../fixtures/gait-generator';

function indicator(file: PosesFileV1, id: string): JudgedIndicatorV1 {
  const ind = analyzeGait(file, { heightM: 1.7 }).guarded?.indicators.find((i) => i.id === id);
  if (!ind) throw new Error(`no ${id}`);
  return ind as JudgedIndicatorV1;
}

/** There and back (right, then left after a 1.5 s exit), both with the same gait. */
function thereAndBack(params: Partial<WalkParams>): PosesFileV1 {
  const there = generateWalk({ skeleton: 'coco17', seed: 21, strides: 4, direction: 1, ...params });
  const back = generateWalk({ skeleton: 'coco17', seed: 22, strides: 4, direction: -1, ...params });
  const endMs = there.file.frames[there.file.frames.length - 1].tMs;
  const gap = Array.from({ length: 45 }, (_, i) => ({
    tMs: endMs + (i + 1) * (1000 / 30),
    keypoints: there.file.frames[0].keypoints.map(() => null),
  }));
  const offset = gap[gap.length - 1].tMs + 1000 / 30;
  return {
    ...there.file,
    width: Math.max(there.file.width, back.file.width),
    frames: [...there.file.frames, ...gap, ...back.file.frames.map((f) => ({ ...f, tMs: f.tMs + offset }))],
  };
}

describe('asymmetryInterval', () => {
  it('is the symmetry index ± t·SE (Welch), floored at 0', () => {
    // L mean 0.7, R mean 0.8: SI = 200·0.1/1.5 = 13.33 %. SDs 0.01 each, n = 3: SE = √(2·0.0001/3) = 0.008165,
    // Welch df = 4, t = 2.776: half width 200·2.776·0.008165/1.5 = 3.02 %.
    const [lo, hi] = asymmetryInterval([0.69, 0.7, 0.71], [0.79, 0.8, 0.81]) ?? [NaN, NaN];
    expect(lo).toBeCloseTo(13.333 - 3.022, 2);
    expect(hi).toBeCloseTo(13.333 + 3.022, 2);
    expect(asymmetryInterval([0.7, 0.9, 0.5], [0.7, 0.71, 0.72])?.[0]).toBe(0);
    expect(asymmetryInterval([0.7], [0.7, 0.8])).toBeNull();
  });
});

describe('judged indicators on the generator (truth: healthy 24 % double support; asymmetry as generated)', () => {
  it('a healthy walk at 2 px noise: asymmetry and double support judged within, with their intervals', () => {
    const { file } = generateWalk({ skeleton: 'coco17', seed: 11, direction: 1, noisePx: 2 });
    const asym = indicator(file, 'asymmetry');
    expect(asym).toMatchObject({ judgement: 'within', outside: false });
    expect(asym.interval95?.[1]).toBeLessThanOrEqual(8);
    const ds = indicator(file, 'long-double-support');
    expect(ds.judgement).toBe('within');
    expect(ds.interval95?.[0]).toBeLessThan(24);
    expect(ds.interval95?.[1]).toBeGreaterThan(24);
  });

  it('a 20 % asymmetric walk from one side is not flagged: cannot-judge, one-side-view', () => {
    const { file } = generateWalk({ skeleton: 'coco17', seed: 11, direction: 1, stepLengthAsymmetry: 0.2 });
    const r = analyzeGait(file, { heightM: 1.7 });
    const asym = r.guarded?.indicators.find((i) => i.id === 'asymmetry') as JudgedIndicatorV1;
    expect(asym).toMatchObject({
      outside: false,
      judgement: 'cannot-judge',
      judgementReason: 'one-side-view',
    });
    expect(asym.value).toBeGreaterThan(15);
    expect(asym.interval95?.[0]).toBeGreaterThan(8);
    expect(r.guarded?.summary).not.toMatch(/asymmetry/);
  });

  it('the same asymmetry walked there and back (both sides to the camera) is flagged', () => {
    const asym = indicator(thereAndBack({ stepLengthAsymmetry: 0.2 }), 'asymmetry');
    expect(asym).toMatchObject({ outside: true, judgement: 'outside' });
    expect(asym.judgementReason).toBeUndefined();
  });

  it('a healthy walk there and back is judged within', () => {
    expect(indicator(thereAndBack({}), 'asymmetry')).toMatchObject({ outside: false, judgement: 'within' });
  });

  it('an indicator without a value (COCO-17 has no foot points for the strike angle, etc.) is not-computable', () => {
    const { file } = generateWalk({ skeleton: 'coco17', seed: 11, direction: 1, noisePx: 6 });
    const r = analyzeGait(file, { heightM: 1.7 });
    const nulls = (r.guarded?.indicators ?? []).filter((i) => i.value === null) as JudgedIndicatorV1[];
    expect(nulls.length).toBeGreaterThan(0); // trunk sway above its noise floor at 6 px
    for (const i of nulls)
      expect(i).toMatchObject({ judgement: 'cannot-judge', judgementReason: 'not-computable' });
  });

  it('a noisy short walk whose interval holds the threshold says cannot-judge, measurement-noise', () => {
    // Two strides and a half at 8 px noise: the interval is far wider than the 8 % threshold.
    const { file } = generateWalk({ skeleton: 'coco17', seed: 5, direction: 1, noisePx: 8, strides: 3 });
    const asym = indicator(file, 'asymmetry');
    expect(asym).toMatchObject({
      outside: false,
      judgement: 'cannot-judge',
      judgementReason: 'measurement-noise',
    });
    const [lo, hi] = asym.interval95 ?? [NaN, NaN];
    expect(lo).toBeLessThanOrEqual(8);
    expect(hi).toBeGreaterThan(8);
  });

  it('a walk with too few measured steps for an interval says cannot-judge, measurement-noise, with no interval', () => {
    // One stride and a half: its first and last stances are cut off, too few step lengths per leg remain.
    const { file } = generateWalk({ skeleton: 'coco17', seed: 5, direction: 1, noisePx: 8, strides: 2 });
    const asym = indicator(file, 'asymmetry');
    expect(asym).toMatchObject({
      outside: false,
      judgement: 'cannot-judge',
      judgementReason: 'measurement-noise',
    });
    expect(asym.interval95).toBeUndefined();
  });
});
