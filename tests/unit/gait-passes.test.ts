import { describe, expect, it } from 'vitest';
import { analyzeGait, analyzeGaitPasses } from '../../src/analysis/index';
import type { PosesFileV1 } from '../../src/shared/poses-format';
import { generateWalk } from '../fixtures/gait-generator';

/** There and back, filmed with perspective (camera 3.5 m away), out of the view 1.5 s between the passes. */
function twoPasses() {
  const there = generateWalk({
    skeleton: 'coco17',
    seed: 21,
    strides: 4,
    direction: 1,
    cameraDistanceM: 3.5,
  });
  const back = generateWalk({
    skeleton: 'coco17',
    seed: 22,
    strides: 4,
    direction: -1,
    cameraDistanceM: 3.5,
  });
  const endMs = there.file.frames[there.file.frames.length - 1].tMs;
  const gap = Array.from({ length: 45 }, (_, i) => ({
    tMs: endMs + (i + 1) * (1000 / 30),
    keypoints: there.file.frames[0].keypoints.map(() => null),
  }));
  const offset = gap[gap.length - 1].tMs + 1000 / 30;
  const file: PosesFileV1 = {
    ...there.file,
    width: Math.max(there.file.width, back.file.width),
    frames: [...there.file.frames, ...gap, ...back.file.frames.map((f) => ({ ...f, tMs: f.tMs + offset }))],
  };
  return { file, there: there.truth, back: back.truth, backStartS: offset / 1000 };
}

describe('gait.passes', () => {
  const { file, there, back, backStartS } = twoPasses();
  const g = analyzeGait(file, { heightM: 1.7 }).gait;

  it('reports every pass with its direction, span, steps, cadence, speed and step length', () => {
    const passes = g?.passes ?? [];
    expect(passes.map((p) => p.direction)).toEqual(['left-to-right', 'right-to-left']);
    expect(passes[0].startS).toBeLessThan(0.5);
    expect(passes[1].startS).toBeGreaterThan(backStartS - 0.5);
    expect(passes[1].endS).toBeGreaterThan(passes[1].startS + 2);
    const truth = [there, back];
    passes.forEach((p, k) => {
      expect(p.steps, `pass ${k + 1}`).toBeGreaterThanOrEqual(6);
      expect(Math.abs((p.cadenceStepsPerMin ?? NaN) - truth[k].cadence), `pass ${k + 1}`).toBeLessThan(2);
      expect(Math.abs((p.speedMps ?? NaN) - truth[k].speedMps), `pass ${k + 1}`).toBeLessThan(0.05);
      expect(Math.abs((p.stepLengthM.mean ?? NaN) - truth[k].stepLengthM.mean), `pass ${k + 1}`).toBeLessThan(
        0.04,
      );
    });
  });

  it('says which side faced the camera: the right walking to image right, the left walking back', () => {
    expect(g?.passes?.map((p) => p.cameraSide)).toEqual(['right', 'left']);
  });

  it('never has two strikes of the same foot in a row within a pass', () => {
    const steps = g?.steps ?? [];
    for (let k = 1; k < steps.length; k++) {
      if (steps[k].tS - steps[k - 1].tS < 1) expect(steps[k].foot, `step ${k}`).not.toBe(steps[k - 1].foot);
    }
  });
});

describe('a pass’s reference instant (the pelvis crossing a fifth of the view from the entry side)', () => {
  const { file } = generateWalk({ skeleton: 'coco17', seed: 3, strides: 4, direction: 1, noisePx: 1 });
  /** The same frames seen in a mirror: x → width − x (the walk goes the other way). */
  const mirrored: PosesFileV1 = {
    ...file,
    frames: file.frames.map((f) => ({
      ...f,
      keypoints: f.keypoints.map((k) => (k ? ([file.width - k[0], k[1], k[2]] as typeof k) : k)),
    })),
  };
  const [p] = analyzeGaitPasses(file);
  const [m] = analyzeGaitPasses(mirrored);

  it('is where the hips cross 1/5 of the width, between frames', () => {
    const hipX = (i: number) => 0.5 * (file.frames[i].keypoints[11]![0] + file.frames[i].keypoints[12]![0]);
    const i = file.frames.findIndex((_, k) => hipX(k) >= file.width / 5);
    const tS = (i - (hipX(i) - file.width / 5) / (hipX(i) - hipX(i - 1))) / 30;
    expect(p.originS).toBeGreaterThan(p.startS);
    // The pass's hips are smoothed (6 Hz), the check's are raw: within a quarter frame.
    expect(Math.abs(p.originS - tS)).toBeLessThan(0.25 / 30);
  });

  it('is the same instant in the mirrored walk', () => {
    expect(m.direction).toBe(-p.direction);
    expect(m.originS).toBeCloseTo(p.originS, 6);
  });
});
