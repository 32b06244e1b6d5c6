import { describe, expect, it } from 'vitest';
import { checkPositioning, POSITIONING_PROBLEMS } from '../../src/analysis/spine';
import { SKELETON_IDS, type SkeletonId } from '../../src/shared/skeletons';
import { generateSpine, toKeypointArray } from '../fixtures/spine-generator';

const W = 1280;
const H = 720;

function frame(skeleton: SkeletonId, view: 'side' | 'front', noisePx = 2): Float32Array {
  const { file } = generateSpine({ skeleton, test: 'standing', view, standS: 1, noisePx, seed: 5 });
  return toKeypointArray(file.frames[10]);
}

/** Moves and scales every keypoint about the frame centre. */
function transform(kp: Float32Array, scale: number, dy: number): Float32Array {
  const out = Float32Array.from(kp);
  for (let i = 0; i < out.length; i += 3) {
    out[i] = W / 2 + (out[i] - W / 2) * scale;
    out[i + 1] = H / 2 + (out[i + 1] - H / 2) * scale + dy;
  }
  return out;
}

describe.each(SKELETON_IDS)('checkPositioning, %s', (skeleton) => {
  it('accepts a whole body side-on for forward flexion and extension', () => {
    for (const test of ['forward-flexion', 'extension'] as const) {
      expect(checkPositioning(frame(skeleton, 'side'), skeleton, W, H, test, 'side')).toEqual({
        ok: true,
        problems: [],
      });
    }
  });

  it('accepts side-on with the far side occluded (its keypoints missing)', () => {
    const { file } = generateSpine({
      skeleton,
      test: 'standing',
      standS: 1,
      hideFarSide: true,
      noisePx: 2,
      seed: 5,
    });
    const kp = toKeypointArray(file.frames[10]);
    expect(checkPositioning(kp, skeleton, W, H, 'forward-flexion', 'side')).toEqual({
      ok: true,
      problems: [],
    });
  });

  it('rejects a front view for forward flexion with turn-side-on, whatever view is passed', () => {
    for (const view of ['side', 'front'] as const) {
      const r = checkPositioning(frame(skeleton, 'front'), skeleton, W, H, 'forward-flexion', view);
      expect(r.ok).toBe(false);
      expect(r.problems).toEqual(['turn-side-on']);
    }
  });

  it('asks to face the camera for lateral flexion and front-view posture, and accepts it', () => {
    expect(
      checkPositioning(frame(skeleton, 'side'), skeleton, W, H, 'lateral-flexion', 'side').problems,
    ).toEqual(['face-camera']);
    expect(checkPositioning(frame(skeleton, 'side'), skeleton, W, H, 'posture', 'front').problems).toEqual([
      'face-camera',
    ]);
    expect(checkPositioning(frame(skeleton, 'front'), skeleton, W, H, 'lateral-flexion', 'front').ok).toBe(
      true,
    );
    expect(checkPositioning(frame(skeleton, 'front'), skeleton, W, H, 'posture', 'front').ok).toBe(true);
    expect(checkPositioning(frame(skeleton, 'front'), skeleton, W, H, 'posture', 'side').problems).toEqual([
      'turn-side-on',
    ]);
  });

  it('says which end of the body is cut off', () => {
    const feetOut = checkPositioning(
      transform(frame(skeleton, 'side'), 1, 120),
      skeleton,
      W,
      H,
      'extension',
      'side',
    );
    expect(feetOut.problems).toContain('feet-not-visible');
    expect(feetOut.problems).not.toContain('head-not-visible');
    const headOut = checkPositioning(
      transform(frame(skeleton, 'side'), 1, -200),
      skeleton,
      W,
      H,
      'extension',
      'side',
    );
    expect(headOut.problems).toContain('head-not-visible');
    expect(headOut.problems).not.toContain('feet-not-visible');
  });

  it('flags too close and too far', () => {
    const close = checkPositioning(
      transform(frame(skeleton, 'side'), 1.35, 0),
      skeleton,
      W,
      H,
      'extension',
      'side',
    );
    expect(close.problems).toContain('too-close');
    const far = checkPositioning(
      transform(frame(skeleton, 'side'), 0.4, 0),
      skeleton,
      W,
      H,
      'extension',
      'side',
    );
    expect(far.problems).toEqual(['too-far']);
    // Standing fits, but a forward bend would leave a narrow portrait frame.
    const portrait = checkPositioning(frame(skeleton, 'side'), skeleton, 300, H, 'forward-flexion', 'side');
    expect(portrait.problems).toContain('too-close');
  });

  it('lists several problems in the stable order of POSITIONING_PROBLEMS', () => {
    const kp = transform(frame(skeleton, 'front'), 1, 120);
    for (let i = 2; i < kp.length; i += 3) kp[i] = 0.35;
    const r = checkPositioning(kp, skeleton, W, H, 'forward-flexion', 'side');
    expect(r.problems).toEqual(['too-dark-or-low-confidence', 'feet-not-visible', 'turn-side-on']);
    const order = r.problems.map((p) => POSITIONING_PROBLEMS.indexOf(p));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('flags low confidence and an empty picture', () => {
    const dim = frame(skeleton, 'side');
    for (let i = 2; i < dim.length; i += 3) dim[i] = 0.32;
    expect(checkPositioning(dim, skeleton, W, H, 'extension', 'side').problems).toContain(
      'too-dark-or-low-confidence',
    );
    const none = new Float32Array(dim.length).fill(NaN);
    expect(checkPositioning(none, skeleton, W, H, 'forward-flexion', 'side')).toEqual({
      ok: false,
      problems: ['body-not-in-view'],
    });
  });
});
