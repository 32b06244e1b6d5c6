// Raw detections relabelled to follow the named feet before smoothing (gait/raw-feet.ts), and strikes at the view’s edge.
import { describe, expect, it } from 'vitest';
import { conditionTracks, DEFAULT_CONDITIONING, extractTracks } from '../../src/analysis/conditioning/tracks';
import { analyzeGait } from '../../src/analysis/index';
import { relabelRawFeet } from '../../src/analysis/gait/raw-feet';
import { along, walkFrame } from '../../src/analysis/geometry/frame';
import { landmarks } from '../../src/analysis/geometry/landmarks';
import { generateWalk } from '../fixtures/gait-generator';

describe('relabelRawFeet', () => {
  const clean = generateWalk({ skeleton: 'blazepose33', seed: 4, strides: 4, noisePx: 1 }).file;
  const swapped = generateWalk({
    skeleton: 'blazepose33',
    seed: 4,
    strides: 4,
    noisePx: 1,
    legSwaps: 6,
  }).file;
  const lm = landmarks(clean.skeleton);
  const truth = extractTracks(clean, 0.3);
  const raw = extractTracks(swapped, 0.3);
  const frame = walkFrame(
    conditionTracks(truth, { ...DEFAULT_CONDITIONING, legPairs: lm.legPairs }).tracks,
    lm,
  );
  if (!frame) throw new Error('no walk');
  // The named feet: the true heels, smoothed (as foot-spread.ts gives them).
  const smooth = conditionTracks(truth, { ...DEFAULT_CONDITIONING, legPairs: [] }).tracks;
  const heelU = (s: 'left' | 'right') =>
    smooth.xs[lm[s].heel].map((x, i) => along(frame, x, smooth.ys[lm[s].heel][i]));
  const out = relabelRawFeet(raw, lm, frame, { left: heelU('left'), right: heelU('right') });

  it('puts every mislabelled frame back, except where the heels are too close to tell', () => {
    let wrong = 0;
    let mislabelled = 0;
    for (let i = 0; i < raw.tS.length; i++) {
      const k = lm.left.heel;
      if (raw.xs[k][i] !== truth.xs[k][i]) mislabelled++;
      const gap = Math.abs(truth.xs[lm.left.heel][i] - truth.xs[lm.right.heel][i]);
      if (gap > 10 && out.tracks.xs[k][i] !== truth.xs[k][i]) wrong++;
    }
    expect(mislabelled).toBeGreaterThanOrEqual(12);
    expect(wrong).toBe(0);
    expect(out.swappedFrames).toBeGreaterThanOrEqual(mislabelled - 2);
    expect(out.swappedFrames).toBeLessThanOrEqual(mislabelled + 2);
  });

  it('moves whole legs (knee and toe with the heel) and leaves the input untouched', () => {
    for (let i = 0; i < raw.tS.length; i++) {
      const swappedHere = out.tracks.xs[lm.left.heel][i] !== raw.xs[lm.left.heel][i];
      expect(out.tracks.xs[lm.left.knee][i] !== raw.xs[lm.left.knee][i]).toBe(swappedHere);
      expect(out.tracks.xs[lm.left.toe][i] !== raw.xs[lm.left.toe][i]).toBe(swappedHere);
    }
    expect(raw.xs[lm.left.heel]).not.toBe(out.tracks.xs[lm.left.heel]);
  });
});

describe('a heel strike within a foot length of the view’s edge is left out', () => {
  const { file, truth } = generateWalk({ skeleton: 'coco17', seed: 9, strides: 4, noisePx: 1 });
  const last = truth.heelStrikes[truth.heelStrikes.length - 1];
  const i = Math.round(last.tS * 30);
  const lm = landmarks(file.skeleton);
  const heelX = file.frames[i].keypoints[lm[last.foot].heel]![0];
  const near = (w: number) =>
    analyzeGait({ ...file, width: w }, { heightM: 1.7 }).gait?.steps.some(
      (s) => Math.abs(s.tS - last.tS) < 0.1,
    );

  it('keeps the last strike with room to the edge, drops it with the edge 30 px away (foot ≈ 56 px)', () => {
    expect(near(file.width)).toBe(true);
    expect(near(Math.ceil(heelX + 30))).toBe(false);
  });
});
