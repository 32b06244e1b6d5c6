// Gait definitions of issue 10: step length footprint to footprint, within-leg variability, foot-strike angle.
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../src/analysis/index';
import { pooledCvPct, symmetryIndexPct } from '../../src/analysis/gait/stats';
import { STEP_LENGTH_DEFINITION } from '../../src/analysis/gait/steps';
import { conditionTracks, DEFAULT_CONDITIONING, extractTracks } from '../../src/analysis/conditioning/tracks';
import { walkFrame } from '../../src/analysis/geometry/frame';
import { landmarks } from '../../src/analysis/geometry/landmarks';
import { correctLegPerspective } from '../../src/analysis/geometry/perspective';
import { footStrikeAngleDeg, gaitNumbers, gaitV1Additions } from '../../src/analysis/gait/metrics';
import { gaitSignals } from '../../src/analysis/gait/signals';
import { TRUNK_SWAY_MAX_FLOOR_DEG, trunkSway, trunkSwayDeg } from '../../src/analysis/gait/upper-body';
import { generateWalk, type WalkParams } from '../fixtures/gait-generator';
import { px, seconds } from '../../src/shared/units';

describe('step length: trailing heel footprint to leading heel footprint', () => {
  it.each(['blazepose33', 'coco17'] as const)(
    '%s: left + right step = stride, and steps match the footprints',
    (skeleton) => {
      for (const seed of [31, 32]) {
        const { file, truth } = generateWalk({ skeleton, seed, noisePx: 2, stepLengthAsymmetry: 0.1 });
        const g = analyzeGait(file).gait!;
        const left = g.stepLengthM.left!;
        const right = g.stepLengthM.right!;
        // Truth: 0.68 m × (1 ± 0.05); the old definition (trailing heel at the strike, rolled forward) read ~2.5 % short.
        expect(left).toBeCloseTo(truth.stepLengthM.left, 1);
        expect(Math.abs(left - truth.stepLengthM.left)).toBeLessThan(0.012);
        expect(Math.abs(right - truth.stepLengthM.right)).toBeLessThan(0.012);
        expect(Math.abs(left + right - g.strideLengthM.mean!) / g.strideLengthM.mean!).toBeLessThan(0.015);
      }
    },
  );

  it('the generator truth is footprint to footprint: left + right = stride exactly', () => {
    const { truth } = generateWalk({ skeleton: 'blazepose33', seed: 1, stepLengthAsymmetry: 0.12 });
    expect(truth.stepLengthM.left + truth.stepLengthM.right).toBeCloseTo(2 * 0.68, 6);
    expect(truth.stepLengthM.left).toBeCloseTo(0.68 * 1.06, 6);
  });

  it('states its definition', () => {
    expect(STEP_LENGTH_DEFINITION).toMatch(/footprint/);
  });
});

describe('variability is within each leg', () => {
  it('pooledCvPct leaves a steady left-right difference out', () => {
    expect(
      pooledCvPct([
        [0.6, 0.6, 0.6],
        [0.7, 0.7, 0.7],
      ]),
    ).toBeCloseTo(0, 9);
    // Within-leg SD 0.01 on a mean of 0.65: 1.54 %.
    expect(
      pooledCvPct([
        [0.59, 0.6, 0.61],
        [0.69, 0.7, 0.71],
      ]),
    ).toBeCloseTo((100 * 0.01) / 0.65, 6);
    expect(symmetryIndexPct(0.6, 0.7)).toBeCloseTo(15.38, 2);
  });

  it.each(['blazepose33', 'coco17'] as const)(
    '%s: 12 percent asymmetry and no variability reads near 0 percent CV',
    (skeleton) => {
      const { file } = generateWalk({
        skeleton,
        seed: 41,
        noisePx: 0,
        stepLengthAsymmetry: 0.12,
        stepTimeAsymmetry: 0.12,
      });
      const g = analyzeGait(file).gait!;
      expect(g.stepLengthSymmetryPct).toBeGreaterThan(10);
      expect(g.stepLengthM.cv).toBeLessThan(1);
      expect((g.stepTimeS as { cv: number }).cv).toBeLessThan(1.5);
    },
  );
});

/** The analysis's own conditioning of a generated walk, with the true heel strikes. */
function conditioned(params: Partial<WalkParams>) {
  const { file, truth } = generateWalk({ skeleton: 'blazepose33', ...params });
  const lm = landmarks(file.skeleton);
  const raw = extractTracks(file, 0.3, file.frames[0].tMs);
  const t = conditionTracks(raw, { ...DEFAULT_CONDITIONING, legPairs: lm.legPairs }).tracks;
  const frame = walkFrame(t, lm)!;
  const hs = truth.heelStrikes.map((h) => ({ foot: h.foot, tS: h.tS }));
  return { t, lm, frame, hs, file };
}

describe('trunk sway is measured above its noise floor', () => {
  it.each(['blazepose33', 'coco17'] as const)(
    '%s: no true sway reads below the floor at 2 and 4 px',
    (skeleton) => {
      for (const noisePx of [2, 4]) {
        for (const seed of [51, 52, 53, 54]) {
          const { t, lm, frame, hs } = conditioned({ skeleton, seed, noisePx, trunkSwayDeg: 0 });
          const s = trunkSway(t, frame, lm, hs);
          expect(s.deg).toBeLessThan(s.floorDeg);
          // The floor scales with the noise: about 1.2 deg at 2 px, 2.4 deg at 4 px.
          expect(s.floorDeg).toBeGreaterThan(0.4 * noisePx);
          expect(s.floorDeg).toBeLessThan(0.9 * noisePx);
        }
      }
    },
  );

  it('a 4 deg sway at 2 px reads 4 +- 0.6 deg, above its floor; at 6 px the sway is not reported', () => {
    for (const seed of [61, 62, 63]) {
      const { t, lm, frame, hs } = conditioned({ seed, noisePx: 2, trunkSwayDeg: 4 });
      const s = trunkSway(t, frame, lm, hs);
      expect(Math.abs(s.deg - 4)).toBeLessThan(0.6);
      expect(s.floorDeg).toBeLessThan(TRUNK_SWAY_MAX_FLOOR_DEG);
      expect(trunkSwayDeg(t, frame, lm, hs)).toBeCloseTo(s.deg, 9);
      const noisy = conditioned({ seed, noisePx: 6, trunkSwayDeg: 4 });
      expect(trunkSwayDeg(noisy.t, noisy.frame, noisy.lm, noisy.hs)).toBeNaN();
    }
  });
});

describe('foot-strike angle', () => {
  it('reads the generator pitch at contact (20 deg) within 3 deg, BlazePose; NaN in COCO-17', () => {
    for (const noisePx of [0, 2, 4]) {
      const { t, lm, frame, hs, file } = conditioned({ seed: 71, noisePx });
      const s = gaitSignals(correctLegPerspective(t, lm, file.width / 2).tracks, frame, lm);
      const a = hs.map((h) => footStrikeAngleDeg(s, h.foot, seconds(h.tS))).filter(Number.isFinite);
      expect(a.length).toBeGreaterThan(4);
      expect(Math.abs(a.reduce((x, y) => x + y, 0) / a.length - 20)).toBeLessThan(3);
    }
    const coco = conditioned({ skeleton: 'coco17', seed: 71 });
    const s = gaitSignals(coco.t, coco.frame, coco.lm);
    expect(footStrikeAngleDeg(s, 'left', seconds(coco.hs[2].tS))).toBeNaN();
  });
});

describe('gaitV1Additions', () => {
  it('states the definition, names asymmetry as such and carries the foot-strike angle', () => {
    const { t, lm, frame, hs, file } = conditioned({ seed: 81, noisePx: 2, stepLengthAsymmetry: 0.1 });
    const s = gaitSignals(correctLegPerspective(t, lm, file.width / 2).tracks, frame, lm);
    const g = gaitNumbers(s, hs, { left: [], right: [] }, true, px(NaN));
    const add = gaitV1Additions(g);
    expect(add.stepLengthDefinition).toBe(STEP_LENGTH_DEFINITION);
    expect(add.stepLengthAsymmetryPct).toBeCloseTo(10, 0);
    expect(add.stepLengthAsymmetryPct).toBe(Math.round(10 * g.stepLengthSymmetryPct) / 10);
    expect(Math.abs(add.footStrikeAngleDeg!.mean! - 20)).toBeLessThan(3);
  });
});
