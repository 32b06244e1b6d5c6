import { describe, expect, it } from 'vitest';
import { validatePoses } from '../../src/shared/poses-format';
import { SKELETON_IDS } from '../../src/shared/skeletons';
import { bodyPoints, generateSpine } from '../fixtures/spine-generator';

describe('spine generator', () => {
  it.each(SKELETON_IDS)('writes valid ganglag.poses/v1 (%s), reproducibly per seed', (skeleton) => {
    const a = generateSpine({
      skeleton,
      test: 'forward-flexion',
      noisePx: 2,
      dropout: 0.05,
      world: true,
      seed: 4,
    });
    expect(() => validatePoses(JSON.parse(JSON.stringify(a.file)))).not.toThrow();
    expect(
      generateSpine({ skeleton, test: 'forward-flexion', noisePx: 2, dropout: 0.05, world: true, seed: 4 }),
    ).toEqual(a);
    const b = generateSpine({
      skeleton,
      test: 'forward-flexion',
      noisePx: 2,
      dropout: 0.05,
      world: true,
      seed: 5,
    });
    expect(b.file.frames[40].keypoints).not.toEqual(a.file.frames[40].keypoints);
    expect(a.truth.reps).toHaveLength(3);
    expect(a.truth.trunkDeg).toHaveLength(a.file.frames.length);
  });

  it('keeps segment lengths and the floor while bending', () => {
    const H = 1.8;
    const dist = (p: Map<string, number[]>, a: string, b: string): number =>
      Math.hypot(...p.get(a)!.map((v, i) => v - p.get(b)![i]));
    const base = { latDeg: 0, yawDeg: 0, forwardHeadM: 0, shoulderObliquityDeg: 0, pelvicObliquityDeg: 0 };
    const up = bodyPoints(H, { ...base, flexDeg: 0, kneeHyperextensionDeg: 0 });
    const bent = bodyPoints(H, { ...base, flexDeg: 100, kneeHyperextensionDeg: 0 });
    for (const [a, b] of [
      ['left_hip', 'left_knee'],
      ['left_knee', 'left_ankle'],
      ['left_shoulder', 'left_elbow'],
      ['left_hip', 'left_shoulder'],
    ]) {
      expect(dist(bent.points, a, b)).toBeCloseTo(dist(up.points, a, b), 6);
    }
    expect(up.points.get('left_shoulder')![1]).toBeCloseTo(0.818 * H, 3);
    expect(up.fingertipY).toBeCloseTo((0.818 - 0.186 - 0.146 - 0.108) * H, 6);
    expect(bent.points.get('left_heel')![1]).toBe(0);
    expect(bent.fingertipY).toBeLessThan(0.1 * H);
  });
});
