// Gait signals in the walking frame (u along the walk, v up; px) built from conditioned tracks.
import type { Tracks } from '../conditioning/tracks';
import { along, midpoint, up, type WalkFrame } from '../geometry/frame';
import type { Landmarks, Side } from '../geometry/landmarks';
import type { Foot } from '../../shared/analysis-format';

export interface FootSignals {
  heelU: Float64Array;
  heelV: Float64Array;
  toeU: Float64Array;
  toeV: Float64Array;
  ankleU: Float64Array;
  ankleV: Float64Array;
  /** Midpoint of heel and toe (the ankle in COCO-17), vertical position, px. */
  centreV: Float64Array;
}

export interface GaitSignals {
  tS: Float64Array;
  sampleHz: number;
  /** Heel and toe keypoints exist (BlazePose-33); else both are the ankle. */
  hasFoot: boolean;
  pelvisU: Float64Array;
  feet: Record<Foot, FootSignals>;
}

function project(f: WalkFrame, x: Float64Array, y: Float64Array, which: 'u' | 'v'): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = which === 'u' ? along(f, x[i], y[i]) : up(f, x[i], y[i]);
  return out;
}

function footSignals(t: Tracks, f: WalkFrame, s: Side): FootSignals {
  const p = (k: number, w: 'u' | 'v'): Float64Array => project(f, t.xs[k], t.ys[k], w);
  const heelV = p(s.heel, 'v');
  const toeV = p(s.toe, 'v');
  const centreV = new Float64Array(heelV.length);
  for (let i = 0; i < centreV.length; i++) centreV[i] = 0.5 * (heelV[i] + toeV[i]);
  return {
    heelU: p(s.heel, 'u'),
    heelV,
    toeU: p(s.toe, 'u'),
    toeV,
    ankleU: p(s.ankle, 'u'),
    ankleV: p(s.ankle, 'v'),
    centreV,
  };
}

export function gaitSignals(t: Tracks, f: WalkFrame, lm: Landmarks): GaitSignals {
  const hx = midpoint(t.xs, lm.left.hip, lm.right.hip);
  const hy = midpoint(t.ys, lm.left.hip, lm.right.hip);
  return {
    tS: t.tS,
    sampleHz: t.sampleHz,
    hasFoot: lm.hasFoot,
    pelvisU: project(f, hx, hy, 'u'),
    feet: { left: footSignals(t, f, lm.left), right: footSignals(t, f, lm.right) },
  };
}

/** Central-difference derivative per second; NaN where a neighbour is missing. */
export function derivative(v: Float64Array, tS: Float64Array): Float64Array {
  const out = new Float64Array(v.length).fill(NaN);
  for (let i = 1; i + 1 < v.length; i++) out[i] = (v[i + 1] - v[i - 1]) / (tS[i + 1] - tS[i - 1]);
  return out;
}
