import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../src/analysis/index';
import { perspectiveEvidence, type PerspectiveStep } from '../../src/analysis/geometry/perspective';
import type { PosesFileV1 } from '../../src/shared/poses-format';
import { keypointNames } from '../../src/shared/skeletons';
import { accuracy } from '../fixtures/gait-metrics';
import { generateWalk } from '../fixtures/gait-generator';

/**
 * The far leg's knee and foot points drawn `share` closer to its hip vertically: its apparent length is short
 * (as a detector shortens a partly hidden leg) while every x, so every footprint and step, stays true.
 */
function farLegShortened(file: PosesFileV1, direction: 1 | -1, share: number): PosesFileV1 {
  const names = keypointNames(file.skeleton);
  const far = direction > 0 ? 'left_' : 'right_';
  const hip = names.indexOf(`${far}hip` as (typeof names)[number]);
  const moved = names
    .map((n, i) => (n.startsWith(far) && /knee|ankle|heel|foot_index/.test(n) ? i : -1))
    .filter((i) => i >= 0);
  return {
    ...file,
    frames: file.frames.map((f) => ({
      ...f,
      keypoints: f.keypoints.map((k, i) => {
        const h = f.keypoints[hip];
        if (!k || !h || !moved.includes(i)) return k;
        return [k[0], h[1] + (1 - share) * (k[1] - h[1]), k[2]];
      }),
    })),
  };
}

// Deterministic noise (a fixed LCG), so the regressions below see the same residuals on every run.
function noiseSeq(seed: number): () => number {
  let s = seed;
  return () => {
    s = (1103515245 * s + 12345) % 2147483648;
    return s / 2147483648 - 0.5;
  };
}

/** Eight steps along 1200 px around the centre, 190 px long, left foot leading the odd ones. */
function steps(opts: {
  eps: number;
  present: boolean;
  trendPxPerPx: number;
  offsetPx: number;
  seed: number;
}) {
  const rnd = noiseSeq(opts.seed);
  const out: PerspectiveStep[] = [];
  for (let k = 0; k < 8; k++) {
    const mid = -600 + (1200 * k) / 7;
    const leftLed = k % 2 === 1;
    const predicted = (leftLed ? 1 : -1) * opts.eps * mid; // near/far error the leg ratio predicts, px
    const truth = 190 + opts.trendPxPerPx * mid + (leftLed ? opts.offsetPx : 0) + 8 * rnd();
    const uncorrectedPx = truth + (opts.present ? predicted : 0);
    out.push({ uncorrectedPx, correctedPx: uncorrectedPx - predicted, midU: mid, leftLed });
  }
  return out;
}

describe('perspectiveEvidence: is the near/far error the leg ratio predicts in the steps?', () => {
  it('finds it, with gamma near 1, when the steps carry it (3 % depth ratio, 8 px noise)', () => {
    for (const seed of [1, 2, 3]) {
      const e = perspectiveEvidence(steps({ eps: 0.03, present: true, trendPxPerPx: 0, offsetPx: 0, seed }));
      expect(e.df).toBe(4);
      expect(e.significant).toBe(true);
      expect(e.gamma).toBeGreaterThan(0.75);
      expect(e.gamma).toBeLessThan(1.25);
    }
  });
  it('does not when the steps lack it, also with a trend along the walk and a left/right offset', () => {
    for (const seed of [1, 2, 3]) {
      const e = perspectiveEvidence(
        steps({ eps: 0.03, present: false, trendPxPerPx: 0.015, offsetPx: 14, seed }),
      );
      expect(e.significant).toBe(false);
      expect(Math.abs(e.gamma)).toBeLessThan(0.5);
    }
  });
  it('cannot decide with fewer steps than parameters', () => {
    const e = perspectiveEvidence(
      steps({ eps: 0.03, present: true, trendPxPerPx: 0, offsetPx: 0, seed: 1 }).slice(0, 4),
    );
    expect(e.significant).toBe(false);
    expect(e.gamma).toBeNaN();
  });
});

describe('leg-perspective correction only where the steps show it', () => {
  it.each(['blazepose33', 'coco17'] as const)(
    '%s: a far leg that only looks 3 % short (orthographic camera) leaves the steps true',
    (skeleton) => {
      for (const direction of [1, -1] as const) {
        for (const seed of [11, 12]) {
          const { file, truth } = generateWalk({ skeleton, direction, seed, noisePx: 2, farLegScore: 0.6 });
          const a = accuracy(analyzeGait(farLegShortened(file, direction, 0.03)), truth);
          expect(a.missed).toBeLessThanOrEqual(1);
          expect(a.stepMaeM).toBeLessThanOrEqual(0.012);
        }
      }
    },
  );
  it.each(['blazepose33', 'coco17'] as const)(
    '%s: a pinhole camera 3.5 m away keeps the correction (step MAE within 1 cm)',
    (skeleton) => {
      for (const direction of [1, -1] as const) {
        const { file, truth } = generateWalk({
          skeleton,
          direction,
          seed: 11,
          noisePx: 2,
          cameraDistanceM: 3.5,
        });
        expect(accuracy(analyzeGait(file), truth).stepMaeM).toBeLessThanOrEqual(0.01);
      }
    },
  );
});
