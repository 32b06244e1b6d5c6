// Gait positioning before a guided walk (src/analysis/positioning/gait.ts), and the view test it shares with
// the spine analysis and spine positioning (src/analysis/geometry/view.ts).
import { describe, expect, it } from 'vitest';
import {
  checkGaitPositioning,
  GAIT_PROBLEMS,
  GaitPositioning,
  problemBit,
  type GaitProblem,
} from '../../src/analysis/positioning/gait';
import { checkPositioning } from '../../src/analysis/spine';
import { FRONT_MIN_RATIO, SIDE_MAX_RATIO, viewFromWidths } from '../../src/analysis/geometry/view';
import { keypointsToArray } from '../../src/shared/keypoints';
import { px } from '../../src/shared/units';
import { SKELETON_IDS, type SkeletonId } from '../../src/shared/skeletons';
import { generateSpine } from '../fixtures/spine-generator';

const W = 1280;
const H = 720;

function frame(skeleton: SkeletonId, view: 'side' | 'front', hideFarSide = false): Float32Array {
  const { file } = generateSpine({
    skeleton,
    test: 'standing',
    view,
    standS: 1,
    noisePx: 2,
    seed: 5,
    hideFarSide,
  });
  return keypointsToArray(file.frames[10].keypoints);
}

/** Moves and scales every keypoint about the frame centre. */
function transform(kp: Float32Array, scale: number, dy = 0): Float32Array {
  const out = Float32Array.from(kp);
  for (let i = 0; i < out.length; i += 3) {
    out[i] = W / 2 + (out[i] - W / 2) * scale;
    out[i + 1] = H / 2 + (out[i + 1] - H / 2) * scale + dy;
  }
  return out;
}

const problems = (mask: number): GaitProblem[] => GAIT_PROBLEMS.filter((p) => mask & problemBit(p));

describe('viewFromWidths', () => {
  it('side-on, oblique and facing from (shoulder + hip width) / (2 × trunk)', () => {
    expect(viewFromWidths(px(10), px(10), px(100))).toBe('side');
    expect(viewFromWidths(px(2 * 100 * SIDE_MAX_RATIO), px(0), px(100))).toBe('side');
    expect(viewFromWidths(px(60), px(0), px(100))).toBe('oblique');
    expect(viewFromWidths(px(2 * 100 * FRONT_MIN_RATIO), px(0), px(100))).toBe('front');
    expect(viewFromWidths(px(55), px(55), px(100))).toBe('front');
  });

  it('is null without a trunk or a width', () => {
    expect(viewFromWidths(px(10), px(10), px(0))).toBeNull();
    expect(viewFromWidths(px(NaN), px(10), px(100))).toBeNull();
    expect(viewFromWidths(px(10), px(10), px(NaN))).toBeNull();
  });
});

describe.each(SKELETON_IDS)('checkGaitPositioning, %s', (skeleton) => {
  it('accepts a whole body side-on at a usable size, also with the far side hidden', () => {
    expect(problems(checkGaitPositioning(frame(skeleton, 'side'), skeleton, W, H))).toEqual([]);
    expect(problems(checkGaitPositioning(frame(skeleton, 'side', true), skeleton, W, H))).toEqual([]);
  });

  it('asks to turn side-on when facing the camera: the same view test as spine positioning', () => {
    const kp = frame(skeleton, 'front');
    expect(problems(checkGaitPositioning(kp, skeleton, W, H))).toEqual(['turn-side-on']);
    expect(checkPositioning(kp, skeleton, W, H, 'forward-flexion', 'side').problems).toContain(
      'turn-side-on',
    );
  });

  it('no person without a subject or when nothing scores', () => {
    expect(problems(checkGaitPositioning(null, skeleton, W, H))).toEqual(['no-person']);
    const empty = frame(skeleton, 'side').fill(NaN);
    expect(problems(checkGaitPositioning(empty, skeleton, W, H))).toEqual(['no-person']);
  });

  it('too small far away, too close near, body not in view when the feet are cut off', () => {
    const side = frame(skeleton, 'side');
    expect(problems(checkGaitPositioning(transform(side, 0.3), skeleton, W, H))).toEqual(['too-small']);
    // Standing, eyes to ankles span about 0.71 of the frame height; scaled 1.38 (and moved up) about 0.98.
    const near = transform(side, 1.38, -80);
    expect(problems(checkGaitPositioning(near, skeleton, W, H))).toEqual(['too-close']);
    expect(problems(checkGaitPositioning(transform(side, 1, 0.45 * H), skeleton, W, H))).toContain(
      'body-not-in-view',
    );
  });

  it('low confidence when the body scores under 0.45 on average', () => {
    const kp = frame(skeleton, 'side');
    for (let i = 2; i < kp.length; i += 3) kp[i] = 0.35;
    expect(problems(checkGaitPositioning(kp, skeleton, W, H))).toEqual(['low-confidence']);
  });
});

describe('GaitPositioning', () => {
  it('shows a problem only once it persists, and drops it once gone', () => {
    const g = new GaitPositioning();
    const bit = problemBit('too-small');
    expect(g.push(0)).toBe(0);
    expect(g.push(bit)).toBe(0);
    let out = 0;
    for (let i = 0; i < 10; i++) out = g.push(bit);
    expect(out).toBe(bit);
    for (let i = 0; i < 10; i++) out = g.push(0);
    expect(out).toBe(0);
    expect(g.count).toBe(22);
    g.reset();
    expect(g.count).toBe(0);
  });
});
