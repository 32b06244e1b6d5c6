import { describe, expect, it } from 'vitest';
import { guardedIndicators, type GuardedInputs } from '../../src/analysis/guarded/indicators';
import { normalGaitSpeedMps } from '../../src/analysis/guarded/norms';

const healthy: GuardedInputs = {
  speedMps: 1.3,
  stepLengthM: 0.7,
  heightM: 1.7,
  doubleSupportPct: 22,
  armSwingPctHeight: 20,
  trunkSwayDeg: 4,
  stepLengthSymmetryPct: 2,
  stepTimeSymmetryPct: 1,
};

describe('guarded-gait indicators', () => {
  it('uses Bohannon & Andrews 2011 norms by age band and sex', () => {
    expect(normalGaitSpeedMps(25, 'male')).toBe(1.358);
    expect(normalGaitSpeedMps(75, 'female')).toBe(1.132);
    expect(normalGaitSpeedMps(95, 'female')).toBe(0.943);
    expect(normalGaitSpeedMps(10, 'male')).toBe(1.358);
  });

  it('has six indicators with unit and reference, none outside for healthy walking', () => {
    const g = guardedIndicators(healthy);
    expect(g.indicators.map((i) => i.id)).toEqual([
      'slow-gait-speed',
      'short-steps',
      'long-double-support',
      'reduced-arm-swing',
      'reduced-trunk-sway',
      'asymmetry',
    ]);
    for (const i of g.indicators) {
      expect(i.unit.length).toBeGreaterThan(0);
      expect(i.reference.length).toBeGreaterThan(10);
      expect(i.outside).toBe(false);
    }
    expect(g.summary).toBe('0 of 6 indicators outside reference. Screening aid, not a diagnosis.');
  });

  it('judges speed by age and sex when given, else by the adult reference', () => {
    const slowish = { ...healthy, speedMps: 0.95 };
    expect(guardedIndicators(slowish).indicators[0]).toMatchObject({ value: 0.95, outside: true });
    const old = guardedIndicators({ ...slowish, ageYears: 85, sex: 'female' }).indicators[0];
    expect(old.outside).toBe(false);
    expect(old.reference).toContain('0.75 m/s (80% of 0.94 m/s, female aged 85; Bohannon & Andrews 2011)');
  });

  it('names what is outside and counts what cannot be computed', () => {
    const g = guardedIndicators({
      ...healthy,
      doubleSupportPct: 35,
      stepTimeSymmetryPct: 12,
      trunkSwayDeg: NaN,
    });
    expect(g.summary).toBe(
      '2 of 6 indicators outside reference: double support 35 % of gait cycle; step asymmetry 12 % asymmetry index ' +
        '(1 not computable). Screening aid, not a diagnosis.',
    );
    expect(g.indicators.find((i) => i.id === 'reduced-trunk-sway')).toMatchObject({
      value: null,
      outside: false,
    });
  });
});
