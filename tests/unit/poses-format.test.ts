import { describe, expect, it } from 'vitest';
import {
  parsePoses,
  PosesFormatError,
  serializePoses,
  validatePoses,
  type PosesFileV1,
} from '../../src/shared/poses-format';
import { BLAZEPOSE33, COCO17, keypointIndex } from '../../src/shared/skeletons';

function sample(frames = 3): PosesFileV1 {
  return {
    format: 'ganglag.poses/v1',
    skeleton: 'coco17',
    fps: 30,
    width: 640,
    height: 360,
    subject: { heightM: 1.65 },
    frames: Array.from({ length: frames }, (_, i) => ({
      tMs: i * 33.333,
      keypoints: COCO17.map((_, k) => (k === 3 ? null : [100.123456 + k, 200 + i, 0.91234])),
    })),
  };
}

describe('skeletons', () => {
  it('keeps the standard orders', () => {
    expect(COCO17).toHaveLength(17);
    expect(BLAZEPOSE33).toHaveLength(33);
    expect(keypointIndex('coco17', 'left_ankle')).toBe(15);
    expect(keypointIndex('blazepose33', 'left_heel')).toBe(29);
    expect(keypointIndex('blazepose33', 'right_foot_index')).toBe(32);
    expect(keypointIndex('coco17', 'left_heel')).toBe(-1);
  });
});

describe('ganglag.poses/v1', () => {
  it('round-trips with fixed precision', () => {
    const text = serializePoses(sample());
    const back = parsePoses(text);
    expect(back.frames).toHaveLength(3);
    expect(back.frames[0].keypoints[3]).toBeNull();
    expect(back.frames[0].keypoints[0]).toEqual([100.12, 200, 0.912]);
    expect(back.frames[1].tMs).toBeCloseTo(33.333, 3);
    expect(serializePoses(back)).toBe(text);
  });

  it('names the offending field', () => {
    const bad = sample() as unknown as { frames: { keypoints: unknown[] }[] };
    bad.frames[1].keypoints[4] = [1, 'x', 0.5];
    expect(() => validatePoses(bad)).toThrow(PosesFormatError);
    try {
      validatePoses(bad);
    } catch (err) {
      expect((err as PosesFormatError).field).toBe('frames[1].keypoints[4][1]');
    }
  });

  it('rejects wrong keypoint counts, bad timestamps, bad format tags and broken JSON', () => {
    const short = sample();
    short.frames[2].keypoints.pop();
    expect(() => validatePoses(short)).toThrow(/frames\[2\]\.keypoints: expected 17/);
    const back = sample();
    back.frames[2].tMs = 0;
    expect(() => validatePoses(back)).toThrow(/frames\[2\]\.tMs/);
    expect(() => validatePoses({ ...sample(), format: 'ganglag.poses/v2' })).toThrow(/^format/);
    expect(() => parsePoses('{"format": ')).toThrow(/not valid JSON/);
    const score = sample();
    score.frames[0].keypoints[0] = [1, 2, 1.5];
    expect(() => validatePoses(score)).toThrow(/frames\[0\]\.keypoints\[0\]\[2\]/);
  });
});
