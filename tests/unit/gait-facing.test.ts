// The side towards the camera from the facing (nose ahead of the ears, toes ahead of the heels) and the walking
// direction: a walk played backwards (someone stepping backwards) faces against the walking direction.
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../src/analysis/index';
import { conditionTracks, DEFAULT_CONDITIONING, extractTracks } from '../../src/analysis/conditioning/tracks';
import { facing } from '../../src/analysis/gait/facing';
import { walkFrame } from '../../src/analysis/geometry/frame';
import { landmarks } from '../../src/analysis/geometry/landmarks';
import type { PosesFileV1 } from '../../src/shared/poses-format';
import { generateWalk } from '../fixtures/gait-generator';

function faceOf(file: PosesFileV1) {
  const lm = landmarks(file.skeleton);
  const t = conditionTracks(extractTracks(file), { ...DEFAULT_CONDITIONING, legPairs: lm.legPairs }).tracks;
  const f = walkFrame(t, lm);
  if (!f) throw new Error('no walking direction');
  return { ...facing(t, f, lm), direction: f.direction };
}

/** The same frames in reverse order: the body moves the other way while it faces the same way. */
function backwards(file: PosesFileV1): PosesFileV1 {
  const n = file.frames.length;
  return {
    ...file,
    frames: file.frames.map((_, i) => ({ ...file.frames[n - 1 - i], tMs: file.frames[i].tMs })),
  };
}

/** Without the head: only the feet can tell (BlazePose), or nothing (COCO-17). */
function headless(file: PosesFileV1, keep: number): PosesFileV1 {
  return {
    ...file,
    frames: file.frames.map((f) => ({ ...f, keypoints: f.keypoints.map((k, i) => (i < keep ? null : k)) })),
  };
}

describe('facing', () => {
  for (const skeleton of ['coco17', 'blazepose33'] as const) {
    for (const direction of [1, -1] as const) {
      it(`${skeleton}, walking to image ${direction > 0 ? 'right' : 'left'}: forward, that side to the camera`, () => {
        const f = faceOf(generateWalk({ skeleton, direction, seed: 4 }).file);
        expect(f.direction).toBe(direction);
        expect(f.forward).toBe(1);
        expect(f.by).toContain('nose');
        if (skeleton === 'blazepose33') expect(f.by).toContain('feet');
        expect(f.cameraSide).toBe(direction > 0 ? 'right' : 'left');
      });

      it(`${skeleton}, stepping backwards to image ${direction > 0 ? 'left' : 'right'}: the other side`, () => {
        const f = faceOf(backwards(generateWalk({ skeleton, direction, seed: 4 }).file));
        expect(f.direction).toBe(-direction);
        expect(f.forward).toBe(-1);
        // Facing image right shows the right side, whichever way the body moves.
        expect(f.cameraSide).toBe(direction > 0 ? 'right' : 'left');
      });
    }
  }

  it('with no head in view, BlazePose decides from the feet and COCO-17 falls back to the walking direction', () => {
    // BlazePose keypoints 0–10 are the face; COCO-17 0–4.
    const bp = faceOf(
      headless(backwards(generateWalk({ skeleton: 'blazepose33', direction: 1, seed: 4 }).file), 11),
    );
    expect(bp).toMatchObject({ forward: -1, by: ['feet'], cameraSide: 'right' });
    const coco = faceOf(
      headless(backwards(generateWalk({ skeleton: 'coco17', direction: 1, seed: 4 }).file), 5),
    );
    expect(coco).toMatchObject({ forward: null, by: [], cameraSide: 'left' });
  });

  it('the result names the side from the facing: a backwards pass to image left shows the right side', () => {
    const { file } = generateWalk({ skeleton: 'blazepose33', direction: 1, seed: 4, cameraDistanceM: 3.5 });
    const passes = analyzeGait(backwards(file), { heightM: 1.7 }).gait?.passes ?? [];
    expect(passes.map((p) => [p.direction, p.cameraSide])).toEqual([['right-to-left', 'right']]);
  });
});
