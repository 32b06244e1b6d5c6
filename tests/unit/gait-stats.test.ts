import { describe, expect, it } from 'vitest';
import { tCritical95 } from '../../src/analysis/gait/stats';

describe('tCritical95', () => {
  it("gives Student's one-sided 95 % quantile, from the table and beyond it", () => {
    // Reference values: the t distribution's 0.95 quantile (R: qt(0.95, df)).
    expect(tCritical95(1)).toBeCloseTo(6.314, 3);
    expect(tCritical95(5)).toBeCloseTo(2.015, 3);
    expect(tCritical95(11)).toBeCloseTo(1.796, 3);
    expect(tCritical95(30)).toBeCloseTo(1.697, 3);
    expect(tCritical95(40)).toBeCloseTo(1.684, 2);
    expect(tCritical95(60)).toBeCloseTo(1.671, 2);
    expect(tCritical95(120)).toBeCloseTo(1.658, 2);
    expect(tCritical95(1e6)).toBeCloseTo(1.645, 3);
  });

  it('is infinite without degrees of freedom, so nothing passes', () => {
    expect(tCritical95(0)).toBe(Infinity);
    expect(tCritical95(NaN)).toBe(Infinity);
  });
});
