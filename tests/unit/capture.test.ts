import { describe, expect, it } from 'vitest';
import { PoseRecorder } from '../../src/capture/recorder';
import { snapFrameInterval } from '../../src/capture/video-file';
import { validatePoses } from '../../src/shared/poses-format';
import { ms } from '../../src/shared/units';

describe('snapFrameInterval', () => {
  it('snaps ms-rounded container timestamps to the nominal rate and leaves odd ones', () => {
    expect(snapFrameInterval(0.033)).toBeCloseTo(1 / 30, 9);
    expect(snapFrameInterval(0.034)).toBeCloseTo(1 / 30, 9);
    expect(snapFrameInterval(0.04)).toBeCloseTo(1 / 25, 9);
    expect(snapFrameInterval(0.017)).toBeCloseTo(1 / 60, 9);
    expect(snapFrameInterval(0.07)).toBe(0.07);
  });
});

describe('PoseRecorder', () => {
  it('records the subject as valid ganglag.poses/v1 with missing keypoints as null', () => {
    const rec = new PoseRecorder({ skeleton: 'blazepose33', fps: 30, width: 640, height: 360, heightM: 1.7 });
    const kp = new Float32Array(33 * 3).fill(0.5);
    kp[0] = NaN;
    const world = new Float32Array(33 * 4).fill(0.1);
    const frame = {
      skeleton: 'blazepose33' as const,
      tMs: ms(0),
      inferenceMs: ms(5),
      width: 640,
      height: 360,
      poses: [{ keypoints: kp, world, score: 0.5 }],
    };
    rec.add(frame, 0, 0);
    rec.add(frame, -1, 33.3);
    rec.add(frame, 0, 33.3); // not after the previous frame: ignored
    const file = validatePoses(JSON.parse(JSON.stringify(rec.result())));
    expect(file.frames).toHaveLength(2);
    expect(file.frames[0].keypoints[0]).toBeNull();
    expect(file.frames[0].keypoints[1]).toEqual([0.5, 0.5, 0.5]);
    expect(file.frames[0].world?.[2]).toEqual([0.1, 0.1, 0.1, 0.1].map((v) => Math.fround(v)));
    expect(file.frames[1].keypoints.every((k) => k === null)).toBe(true);
    expect(file.subject.heightM).toBe(1.7);
  });
});
