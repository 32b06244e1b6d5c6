// Norm tables of the walk and chair tests: lookups by age and sex, and the values checked against sources.
import { describe, expect, it } from 'vitest';
import { chairStandNorm, sts5Norm, tugNorm, TUG_FALL_RISK_S } from '../../src/analysis/functional/norms';
import {
  GAIT_SPEED_SMALL_CHANGE_MPS,
  GAIT_SPEED_SUBSTANTIAL_CHANGE_MPS,
  walkSpeedNorm,
  WALK_SPEED_NORMS,
} from '../../src/analysis/walk-test/norms';
import { GAIT_SPEED_NORMS, gaitSpeedNorm, normalGaitSpeedMps } from '../../src/analysis/guarded/norms';
import { meaningfulChange, referenceBand } from '../../src/report/norms';

describe('walk-test norms', () => {
  it('finds the band by pace, age and sex; null outside the published bands', () => {
    expect(walkSpeedNorm('comfortable', 45, 'male')).toMatchObject({
      meanMps: 1.434,
      minAge: 40,
      maxAge: 49,
    });
    expect(walkSpeedNorm('comfortable', 49.9, 'male')?.minAge).toBe(40);
    expect(walkSpeedNorm('comfortable', 85, 'female')?.meanMps).toBe(0.943);
    expect(walkSpeedNorm('fast', 25, 'male')?.meanMps).toBe(2.533);
    expect(walkSpeedNorm('fast', 75, 'female')?.meanMps).toBe(1.749);
    expect(walkSpeedNorm('fast', 85, 'female')).toBeNull();
    expect(walkSpeedNorm('comfortable', 15, 'female')).toBeNull();
  });

  it('has one band per pace, sex and decade, each within human walking speeds', () => {
    for (const n of WALK_SPEED_NORMS) expect(n.meanMps).toBeGreaterThan(0.8);
    for (const n of WALK_SPEED_NORMS) expect(n.meanMps).toBeLessThan(2.6);
    const keys = WALK_SPEED_NORMS.map((n) => `${n.pace}/${n.sex}/${n.minAge}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect([GAIT_SPEED_SMALL_CHANGE_MPS, GAIT_SPEED_SUBSTANTIAL_CHANGE_MPS]).toEqual([0.05, 0.1]);
  });
});

describe('the one gait-speed norm table (Bohannon & Andrews 2011)', () => {
  it('is the same table for the indicator, the walk tests, the progress band and FHIR, at every age and sex', () => {
    for (const sex of ['female', 'male'] as const) {
      for (let age = 20; age <= 99; age++) {
        const b = gaitSpeedNorm(age, sex)!;
        expect(walkSpeedNorm('comfortable', age, sex)?.meanMps, `${sex} ${age}`).toBe(b.meanMps);
        expect(referenceBand('gait-speed', sex, age)).toMatchObject({
          mean: b.meanMps,
          low: b.ciLowMps,
          high: b.ciHighMps,
        });
        expect(normalGaitSpeedMps(age, sex)).toBe(b.meanMps);
      }
    }
    // Cells as tabulated (cm/s), including 50-59 y, where the walk-test copy read 143.2 and 131.0 before.
    expect(gaitSpeedNorm(55, 'male')).toMatchObject({ meanMps: 1.433, ciLowMps: 1.379, ciHighMps: 1.488 });
    expect(gaitSpeedNorm(55, 'female')).toMatchObject({ meanMps: 1.313, ciLowMps: 1.23, ciHighMps: 1.396 });
    expect(GAIT_SPEED_NORMS).toHaveLength(14);
    for (const b of GAIT_SPEED_NORMS) expect(b.ciLowMps < b.meanMps && b.meanMps < b.ciHighMps).toBe(true);
    // The progress chart's smallest meaningful change is the same Perera et al. 2006 pair.
    expect(meaningfulChange('gait-speed')?.thresholds).toEqual([
      GAIT_SPEED_SMALL_CHANGE_MPS,
      GAIT_SPEED_SUBSTANTIAL_CHANGE_MPS,
    ]);
  });
});

describe('chair-test norms', () => {
  it('five-times sit-to-stand, 30-s chair stand and TUG by age (and sex)', () => {
    expect(sts5Norm(72)?.upperS).toBe(12.6);
    expect(sts5Norm(59)).toBeNull();
    expect(chairStandNorm(67, 'female')).toMatchObject({ low: 11, high: 16 });
    expect(chairStandNorm(92, 'male')).toMatchObject({ low: 7, high: 12 });
    expect(tugNorm(81)).toMatchObject({ meanS: 11.3, ciHighS: 12.7 });
    expect(TUG_FALL_RISK_S).toBe(13.5);
  });
});
