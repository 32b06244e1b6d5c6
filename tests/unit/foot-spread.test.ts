import { describe, expect, it } from 'vitest';
import { conditionTracks, DEFAULT_CONDITIONING, extractTracks } from '../../src/analysis/conditioning/tracks';
import { assignFeet } from '../../src/analysis/gait/foot-spread';
import { legCues } from '../../src/analysis/gait/near-side';
import { tCritical95 } from '../../src/analysis/gait/stats';
import { gaitSignals } from '../../src/analysis/gait/signals';
import { walkFrame } from '../../src/analysis/geometry/frame';
import { landmarks } from '../../src/analysis/geometry/landmarks';
import { correctLegPerspective } from '../../src/analysis/geometry/perspective';
import type { PosesFileV1 } from '../../src/shared/poses-format';
import { keypointNames, type KeypointName } from '../../src/shared/skeletons';
import { generateWalk } from '../fixtures/gait-generator';

function assign(file: PosesFileV1) {
  const lm = landmarks(file.skeleton);
  const t = conditionTracks(extractTracks(file, 0.3), {
    ...DEFAULT_CONDITIONING,
    legPairs: lm.legPairs,
  }).tracks;
  const frame = walkFrame(t, lm);
  if (!frame) throw new Error('no walk');
  const s = gaitSignals(correctLegPerspective(t, lm, file.width / 2).tracks, frame, lm);
  return assignFeet(s, frame.direction, legCues(file.frames, lm, frame));
}

/** The file with every left and right keypoint label exchanged (a detector that has them the wrong way). */
function mislabelled(file: PosesFileV1): PosesFileV1 {
  const names = keypointNames(file.skeleton);
  const other = names.map((n) =>
    names.indexOf(
      (n.startsWith('left_') ? n.replace('left_', 'right_') : n.replace('right_', 'left_')) as KeypointName,
    ),
  );
  return { ...file, frames: file.frames.map((f) => ({ ...f, keypoints: other.map((j) => f.keypoints[j]) })) };
}

describe.each([1, -1] as const)('feet from the spread and the geometry, walking %i', (direction) => {
  const { file, truth } = generateWalk({
    skeleton: 'coco17',
    seed: 11,
    strides: 5,
    direction,
    cameraDistanceM: 3.5,
    noisePx: 1,
    legSwaps: 4,
  });
  const a = assign(file);

  it('finds every heel strike of the same foot within 2 frames, in strict alternation', () => {
    for (let k = 1; k < a.strikes.length; k++) expect(a.strikes[k].foot).not.toBe(a.strikes[k - 1].foot);
    const inner = truth.heelStrikes.filter((h) => h.tS > 0.3 && h.tS < file.frames.length / 30 - 0.3);
    let hits = 0;
    for (const h of inner) {
      const m = a.strikes.find((e) => Math.abs(e.tS - h.tS) <= 2 / 30);
      if (m) {
        hits++;
        expect(m.foot, `strike at ${h.tS.toFixed(2)} s`).toBe(h.foot);
      }
    }
    expect(hits / inner.length).toBeGreaterThanOrEqual(0.9);
  });

  it('takes left and right from the image cues: the side facing the camera is the near leg', () => {
    // Perspective only (every score 0.9): the near leg looks longer and its heel stands lower.
    expect(a.decidedBy).toBe('image-cues');
    expect(a.nearSide).toBe(direction > 0 ? 'right' : 'left');
    for (const e of a.evidence) expect(Math.abs(e.t)).toBeGreaterThan(2 * tCritical95(e.df));
  });

  it('gives the same feet when the model has every label the wrong way', () => {
    const b = assign(mislabelled(file));
    expect(b.strikes.map((e) => e.foot)).toEqual(a.strikes.map((e) => e.foot));
    b.strikes.forEach((e, k) => expect(e.tS).toBeCloseTo(a.strikes[k].tS, 6));
  });
});

describe.each([1, -1] as const)(
  'near and far leg from the image cues, walking %i (truth known)',
  (direction) => {
    const near = direction > 0 ? 'right' : 'left';
    const walk = (o: { cameraDistanceM: number; farLegScore?: number }) =>
      generateWalk({ skeleton: 'coco17', seed: 5, strides: 4, direction, noisePx: 2, legSwaps: 3, ...o });
    /** Share of the true heel strikes matched (within 2 frames) by a strike of the same foot. */
    const sameFoot = (file: PosesFileV1, truth: ReturnType<typeof walk>['truth']): number => {
      const a = assign(file);
      const m = truth.heelStrikes.filter((h) =>
        a.strikes.some((e) => Math.abs(e.tS - h.tS) <= 2 / 30 && e.foot === h.foot),
      );
      return m.length / truth.heelStrikes.length;
    };

    it('occlusion alone (orthographic camera, far leg scored 0.6): decided, right feet, even mislabelled', () => {
      const { file, truth } = walk({ cameraDistanceM: 0, farLegScore: 0.6 });
      const a = assign(file);
      expect(a.decidedBy).toBe('image-cues');
      expect(a.nearSide).toBe(near);
      const b = assign(mislabelled(file));
      expect(b.decidedBy).toBe('image-cues');
      expect(b.strikes.map((e) => e.foot)).toEqual(a.strikes.map((e) => e.foot));
      expect(sameFoot(file, truth)).toBeGreaterThanOrEqual(0.8);
      expect(sameFoot(mislabelled(file), truth)).toBeGreaterThanOrEqual(0.8);
    });

    it('perspective alone (camera 3.5 m away, equal scores): decided, and every foot right, even mislabelled', () => {
      const { file, truth } = walk({ cameraDistanceM: 3.5 });
      const a = assign(file);
      expect(a.decidedBy).toBe('image-cues');
      expect(a.nearSide).toBe(near);
      expect(sameFoot(file, truth)).toBeGreaterThanOrEqual(0.8);
      expect(sameFoot(mislabelled(file), truth)).toBeGreaterThanOrEqual(0.8);
    });

    it('without any cue (orthographic, equal scores) nothing is significant and the labels decide', () => {
      const { file } = walk({ cameraDistanceM: 0 });
      const a = assign(file);
      expect(a.decidedBy).toBe('labels');
      for (const e of a.evidence) expect(e.significant).toBe(false);
    });
  },
);
