// Each idea written once (issue 11, item 7): the keypoint score threshold, the tuple → typed-array layout and
// the height range, each from one place in src/shared.
import { describe, expect, it } from 'vitest';
import { kx, MIN_SCORE } from '../../src/analysis/geometry/landmarks';
import { keypointsToArray, MIN_KEYPOINT_SCORE } from '../../src/shared/keypoints';
import {
  MAX_HEIGHT_M,
  MIN_HEIGHT_M,
  parsePoses,
  PosesFormatError,
  serializePoses,
} from '../../src/shared/poses-format';
import { parseArgs, UsageError } from '../../src/cli/args';
import { generateWalk } from '../fixtures/gait-generator';

describe('keypointsToArray', () => {
  it('interleaves x, y, score and writes NaN in all three for a missing keypoint', () => {
    const kp = keypointsToArray([[10, 20, 0.9], null, [30, 40, 0.1]]);
    expect(Array.from(kp.subarray(0, 3))).toEqual([10, 20, Math.fround(0.9)]);
    expect(Array.from(kp.subarray(3, 6)).every(Number.isNaN)).toBe(true);
    expect(kp[8]).toBeCloseTo(0.1, 6);
    // A missing keypoint and one scored under the threshold both read as NaN, never as 0.
    expect(kx(kp, 1)).toBeNaN();
    expect(kx(kp, 2)).toBeNaN();
    expect(kx(kp, 0)).toBe(10);
  });

  it('reuses the array it is given (per-frame paths allocate nothing)', () => {
    const out = new Float32Array(6).fill(7);
    expect(keypointsToArray([null, [1, 2, 0.5]], out)).toBe(out);
    expect(Number.isNaN(out[2])).toBe(true);
    expect(out[3]).toBe(1);
  });

  it('the analysis reads the one threshold', () => {
    expect(MIN_SCORE).toBe(MIN_KEYPOINT_SCORE);
    expect(MIN_KEYPOINT_SCORE).toBe(0.3);
  });
});

describe('subject height range', () => {
  const file = generateWalk({ skeleton: 'coco17', seed: 1, strides: 2 }).file;
  const withHeight = (heightM: number): string => serializePoses({ ...file, subject: { heightM } });

  it('is 0.5 to 2.6 m in the file format and on the command line alike', () => {
    expect([MIN_HEIGHT_M, MAX_HEIGHT_M]).toEqual([0.5, 2.6]);
    expect(parsePoses(withHeight(2.6)).subject.heightM).toBe(2.6);
    expect(parsePoses(withHeight(0.5)).subject.heightM).toBe(0.5);
    expect(() => parsePoses(withHeight(2.61))).toThrow(PosesFormatError);
    expect(() => parsePoses(withHeight(0.49))).toThrow(PosesFormatError);
    const cmd = parseArgs(['w.json', '--height', '2.6']);
    expect(cmd.help === false && cmd.options.heightM).toBe(2.6);
    expect(() => parseArgs(['w.json', '--height', '2.61'])).toThrow(UsageError);
    expect(() => parseArgs(['w.json', '--height', '2.61'])).toThrow(
      '--height needs a number from 0.5 to 2.6',
    );
  });
});
