import { describe, expect, it } from 'vitest';
import { LiveGait } from '../../src/analysis/index';
import type { PosesFileV1 } from '../../src/shared/poses-format';
import { generateWalk } from '../fixtures/gait-generator';

function toFrames(file: PosesFileV1): Float32Array[] {
  return file.frames.map((f) => {
    const kp = new Float32Array(f.keypoints.length * 3).fill(NaN);
    f.keypoints.forEach((p, k) => {
      if (p) kp.set(p, 3 * k);
    });
    return kp;
  });
}

describe.each(['blazepose33', 'coco17'] as const)('LiveGait, %s', (skeleton) => {
  it('counts steps, cadence and step length while recording', () => {
    const { file, truth } = generateWalk({ skeleton, seed: 4, strides: 5, direction: -1 });
    const live = new LiveGait({ skeleton, heightM: file.subject.heightM });
    toFrames(file).forEach((kp, i) => live.push(file.frames[i].tMs, kp));
    expect(Math.abs(live.stepCount - truth.heelStrikes.length)).toBeLessThanOrEqual(1);
    expect(Math.abs(live.cadence - truth.cadence)).toBeLessThan(3);
    // Live is for display: ankle/heel distance at the strike, within 8 cm of the true step.
    expect(Math.abs(live.latestStepLengthM - truth.stepLengthM.mean)).toBeLessThan(0.08);
    live.reset();
    expect(live.stepCount).toBe(0);
    expect(live.cadence).toBeNaN();
  });

  it('takes well under 0.1 ms per frame', () => {
    const { file } = generateWalk({ skeleton, seed: 4, strides: 6 });
    const frames = toFrames(file);
    const live = new LiveGait({ skeleton, metresPerPixel: 0.005 });
    const rounds = 40;
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) {
      live.reset();
      for (let i = 0; i < frames.length; i++) live.push(file.frames[i].tMs, frames[i]);
    }
    const perFrameMs = (performance.now() - t0) / (rounds * frames.length);
    expect(perFrameMs).toBeLessThan(0.1);
  });
});
