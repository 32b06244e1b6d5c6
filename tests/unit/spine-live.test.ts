import { describe, expect, it } from 'vitest';
import { LiveSpineGauge, type SpinePhase } from '../../src/analysis/spine';
import { SKELETON_IDS } from '../../src/shared/skeletons';
import { generateSpine, toKeypointArray, type SpineGenOptions } from '../fixtures/spine-generator';

const NOISY = { noisePx: 2, dropout: 0.05, frameDropout: 0.01 } as const;

function play(opts: SpineGenOptions & { test: 'forward-flexion' | 'extension' | 'lateral-flexion' }) {
  const { file, truth } = generateSpine(opts);
  const gauge = new LiveSpineGauge({
    skeleton: opts.skeleton,
    test: opts.test,
    heightM: file.subject.heightM,
  });
  const phases: SpinePhase[] = [];
  const sides: string[] = [];
  for (const f of file.frames) {
    gauge.push(f.tMs, toKeypointArray(f));
    if (phases.at(-1) !== gauge.phase) phases.push(gauge.phase);
    if (gauge.phase === 'end-range' && gauge.side && sides.at(-1) !== gauge.side) sides.push(gauge.side);
  }
  return { gauge, truth, phases, sides };
}

describe.each(SKELETON_IDS)('LiveSpineGauge, %s, 2 px noise with dropouts', (skeleton) => {
  it('counts 3 forward bends through every phase and holds the end range', () => {
    const { gauge, truth, phases } = play({ skeleton, test: 'forward-flexion', seed: 3, ...NOISY });
    expect(gauge.reps).toBe(3);
    const cycle: SpinePhase[] = ['moving', 'end-range', 'returning', 'neutral'];
    expect(phases).toEqual(['neutral', ...cycle, ...cycle, ...cycle]);
    const last = truth.reps[2];
    expect(Math.abs(gauge.heldEndRangeDeg - last.endRangeDeg)).toBeLessThanOrEqual(2);
    expect(Math.abs(gauge.lastRomDeg - last.romDeg)).toBeLessThanOrEqual(3);
    expect(Math.abs(gauge.heldFingertipToFloorCm - last.fingertipToFloorCm)).toBeLessThanOrEqual(2);
    expect(Math.abs(gauge.trunkDeg - truth.trunkDeg.at(-1)!)).toBeLessThanOrEqual(2);
    expect(Number.isFinite(gauge.fingertipToFloorCm)).toBe(true);
  });

  it('counts extensions and lateral bends with their sides, also with thrown keypoints', () => {
    for (const seed of [1, 2, 3, 4]) {
      expect(play({ skeleton, test: 'extension', seed, ...NOISY }).gauge.reps).toBe(3);
      const glitchy = play({ skeleton, test: 'forward-flexion', seed, outlier: 0.02, ...NOISY });
      expect(glitchy.gauge.reps).toBe(3);
      expect(Math.abs(glitchy.gauge.heldEndRangeDeg - glitchy.truth.reps[2].endRangeDeg)).toBeLessThanOrEqual(
        2,
      );
    }
    const lateral = play({ skeleton, test: 'lateral-flexion', seed: 4, ...NOISY });
    expect(lateral.gauge.reps).toBe(6);
    expect(lateral.sides).toEqual(['left', 'right', 'left', 'right', 'left', 'right']);
  });

  it('counts nothing in quiet standing', () => {
    for (const test of ['forward-flexion', 'extension'] as const) {
      const { file } = generateSpine({ skeleton, test: 'standing', swayDeg: 1.5, seed: 2, ...NOISY });
      const gauge = new LiveSpineGauge({ skeleton, test });
      for (const f of file.frames) gauge.push(f.tMs, toKeypointArray(f));
      expect(gauge.reps).toBe(0);
      expect(gauge.phase).toBe('neutral');
      expect(gauge.fingertipToFloorCm).toBeNaN();
    }
  });

  it('ignores frames without a torso and starts over on reset', () => {
    const { gauge } = play({ skeleton, test: 'forward-flexion', seed: 5 });
    const before = gauge.trunkDeg;
    gauge.push(1e6, new Float32Array(skeleton === 'coco17' ? 51 : 99).fill(NaN));
    expect(gauge.trunkDeg).toBe(before);
    gauge.reset();
    expect(gauge.reps).toBe(0);
    expect(gauge.trunkDeg).toBeNaN();
    expect(gauge.phase).toBe('neutral');
  });
});
