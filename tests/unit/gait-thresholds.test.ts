// Every guarded-gait threshold has a source or is a screening threshold judged against the patient's baseline.
import { describe, expect, it } from 'vitest';
import { guardedIndicators } from '../../src/analysis/guarded/indicators';
import { judgeAgainstBaseline, THRESHOLD_SOURCES } from '../../src/analysis/guarded/thresholds';
import { INDICATOR_IDS } from '../../src/shared/messages';

const inputs = {
  speedMps: 1.2,
  stepLengthM: 0.68,
  heightM: 1.75,
  doubleSupportPct: 24,
  armSwingPctHeight: 14,
  trunkSwayDeg: 4,
  heelStrikeVelocityMps: 0.5,
  stepLengthSymmetryPct: 2,
  stepTimeSymmetryPct: 2,
};

describe('guarded-gait thresholds', () => {
  it('every indicator has a source; screening ones say so and have a baseline margin', () => {
    for (const id of INDICATOR_IDS) {
      const s = THRESHOLD_SOURCES[id];
      expect(s.source.length).toBeGreaterThan(20);
      if (s.basis === 'screening') {
        expect(s.source).toMatch(/^Screening threshold, no published norm/);
        expect(s.baselineChange).toBeGreaterThan(0);
      }
    }
    // Step length and double support are not age-adjusted, and say so.
    expect(THRESHOLD_SOURCES['short-steps'].ageAdjusted).toBe(false);
    expect(THRESHOLD_SOURCES['short-steps'].source).toMatch(/not adjusted for age/);
    expect(THRESHOLD_SOURCES['long-double-support'].source).toMatch(/not adjusted for age/);
    expect(THRESHOLD_SOURCES['slow-gait-speed'].source).toMatch(/adverse health outcomes/);
  });

  it('without a baseline, screening indicators keep their screening flag and say there is no baseline', () => {
    const now = guardedIndicators({ ...inputs, armSwingPctHeight: 8 }).indicators;
    const j = judgeAgainstBaseline(now, null);
    const arm = j.find((x) => x.id === 'reduced-arm-swing')!;
    expect(arm).toMatchObject({ judgedBy: 'no-baseline', outside: true, baseline: null });
    expect(j.find((x) => x.id === 'slow-gait-speed')!.judgedBy).toBe('threshold');
  });

  it('with a baseline, a screening indicator is judged by its change in the worse direction', () => {
    const base = guardedIndicators({ ...inputs, armSwingPctHeight: 8 }).indicators;
    // This patient's arm swing has always been 8 % of height: not a worsening, though under the 10 % screen.
    const same = judgeAgainstBaseline(
      guardedIndicators({ ...inputs, armSwingPctHeight: 8 }).indicators,
      base,
    );
    expect(same.find((x) => x.id === 'reduced-arm-swing')).toMatchObject({
      judgedBy: 'baseline',
      outside: false,
    });
    // Down to 5 %: 37.5 % less than baseline, more than the 25 % margin.
    const worse = judgeAgainstBaseline(
      guardedIndicators({ ...inputs, armSwingPctHeight: 5 }).indicators,
      base,
    );
    const arm = worse.find((x) => x.id === 'reduced-arm-swing')!;
    expect(arm.change).toBeCloseTo(-0.375, 3);
    expect(arm.outside).toBe(true);
    // More double support is worse: 24 -> 29 % is +21 %, past its 15 % margin; 24 -> 20 % is better.
    const ds = (v: number) =>
      judgeAgainstBaseline(
        guardedIndicators({ ...inputs, doubleSupportPct: v }).indicators,
        guardedIndicators(inputs).indicators,
      ).find((x) => x.id === 'long-double-support')!.outside;
    expect(ds(29)).toBe(true);
    expect(ds(20)).toBe(false);
    // Published thresholds stay as they are.
    const slow = judgeAgainstBaseline(guardedIndicators({ ...inputs, speedMps: 0.9 }).indicators, base);
    expect(slow.find((x) => x.id === 'slow-gait-speed')).toMatchObject({
      judgedBy: 'threshold',
      outside: true,
    });
  });
});
