// Five-times sit-to-stand, 30-second chair stand and Timed Up and Go against the chair generator's truth.
import { describe, expect, it } from 'vitest';
import { analyzeFunctional } from '../../src/analysis/functional/functional';
import { generateChair } from '../fixtures/chair-generator';

const CASES = [
  ['coco17', 1, 1],
  ['coco17', 2, -1],
  ['blazepose33', 3, 1],
  ['blazepose33', 4, -1],
] as const;

describe('chair tests against synthetic truth', () => {
  it.each(CASES)(
    'five-times sit-to-stand, %s seed %i facing %i: time within 0.1 s, count exact',
    (skeleton, seed, facing) => {
      const g = generateChair({ skeleton, test: 'sit-to-stand-5', seed, facing });
      const r = analyzeFunctional(g.file, 'sit-to-stand-5').functional;
      expect(r.count).toBe(5);
      expect(Math.abs((r.timeS as number) - g.truth.timeS)).toBeLessThan(0.1);
      expect(r.phases.map((p) => p.name)).toEqual([1, 2, 3, 4, 5].flatMap((k) => [`rise-${k}`, `sit-${k}`]));
      r.phases
        .filter((p) => p.name.startsWith('rise'))
        .forEach((p, k) => {
          expect(Math.abs(p.startS - g.truth.rises[k].startS)).toBeLessThan(0.1);
          expect(Math.abs(p.endS - g.truth.rises[k].standS)).toBeLessThan(0.15);
        });
    },
  );

  it('five-times sit-to-stand with slower rises (1.6 s) still within 0.1 s', () => {
    const g = generateChair({ skeleton: 'coco17', test: 'sit-to-stand-5', seed: 9, riseS: 1.6, sitS: 1.5 });
    const r = analyzeFunctional(g.file, 'sit-to-stand-5').functional;
    expect(r.count).toBe(5);
    expect(Math.abs((r.timeS as number) - g.truth.timeS)).toBeLessThan(0.1);
  });

  it('fewer than five stands: count, no time, and a note', () => {
    const g = generateChair({ skeleton: 'coco17', test: 'sit-to-stand-5', reps: 3, seed: 2 });
    const res = analyzeFunctional(g.file, 'sit-to-stand-5');
    expect(res.functional).toMatchObject({ count: 3, timeS: null });
    expect(res.notes).toEqual([{ code: 'too-few-stands', found: 3, expected: 5 }]);
  });

  it.each([
    ['coco17', 5, 1.0, 0.3],
    ['blazepose33', 6, 0.8, 0.1],
    ['coco17', 7, 1.2, 0.6],
  ] as const)('30-second chair stand, %s seed %i: count exact', (skeleton, seed, riseS, standHoldS) => {
    const g = generateChair({ skeleton, test: 'chair-stand-30s', seed, riseS, standHoldS });
    const r = analyzeFunctional(g.file, 'chair-stand-30s').functional;
    expect(g.truth.count).toBeGreaterThan(8);
    expect(r.count).toBe(g.truth.count);
    expect(r.timeS).toBe(30);
  });

  it.each(CASES)(
    'Timed Up and Go, %s seed %i facing %i: total within 0.2 s, five phases in order',
    (skeleton, seed, facing) => {
      const g = generateChair({ skeleton, test: 'tug', seed, facing });
      const r = analyzeFunctional(g.file, 'tug').functional;
      expect(Math.abs((r.timeS as number) - g.truth.timeS)).toBeLessThan(0.2);
      expect(r.count).toBeNull();
      expect(r.phases.map((p) => p.name)).toEqual(['rise', 'walk-out', 'turn', 'walk-back', 'sit']);
      r.phases.forEach((p, k) => {
        expect(p.endS).toBeGreaterThan(p.startS);
        expect(Math.abs(p.startS - g.truth.phases[k].startS)).toBeLessThan(0.25);
        expect(Math.abs(p.endS - g.truth.phases[k].endS)).toBeLessThan(0.25);
      });
    },
  );

  it('a walk is no chair test: a note, no time', () => {
    const g = generateChair({ skeleton: 'coco17', test: 'sit-to-stand-5', seed: 1 });
    const standing = { ...g.file, frames: g.file.frames.slice(0, 25) };
    const res = analyzeFunctional(standing, 'tug');
    expect(res.functional).toMatchObject({ timeS: null, count: null, phases: [] });
    expect(res.notes[0].code).toBe('no-sit-stand');
  });
});
