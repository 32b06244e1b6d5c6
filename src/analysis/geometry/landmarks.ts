// The keypoints the gait engine reads, resolved per skeleton once (COCO-17 has no heel or toe: ankles stand in).
import { keypointIndex, type KeypointName, type SkeletonId } from '../../shared/skeletons';
import type { LegPairs } from '../conditioning/leg-swap';

export interface Side {
  hip: number;
  knee: number;
  ankle: number;
  /** Heel; the ankle in COCO-17. */
  heel: number;
  /** Toe tip (foot_index); the ankle in COCO-17. */
  toe: number;
  shoulder: number;
  wrist: number;
  eye: number;
  ear: number;
}

export interface Landmarks {
  skeleton: SkeletonId;
  hasFoot: boolean;
  left: Side;
  right: Side;
  nose: number;
  legPairs: LegPairs;
}

function side(skeleton: SkeletonId, s: 'left' | 'right'): Side {
  const at = (name: string): number => keypointIndex(skeleton, `${s}_${name}` as KeypointName);
  const ankle = at('ankle');
  const heel = at('heel');
  const toe = at('foot_index');
  return {
    hip: at('hip'),
    knee: at('knee'),
    ankle,
    heel: heel >= 0 ? heel : ankle,
    toe: toe >= 0 ? toe : ankle,
    shoulder: at('shoulder'),
    wrist: at('wrist'),
    eye: at('eye'),
    ear: at('ear'),
  };
}

export function landmarks(skeleton: SkeletonId): Landmarks {
  const left = side(skeleton, 'left');
  const right = side(skeleton, 'right');
  const hasFoot = left.heel !== left.ankle;
  const pairs: [number, number][] = [
    [left.hip, right.hip],
    [left.knee, right.knee],
    [left.ankle, right.ankle],
  ];
  if (hasFoot) pairs.push([left.heel, right.heel], [left.toe, right.toe]);
  return { skeleton, hasFoot, left, right, nose: keypointIndex(skeleton, 'nose'), legPairs: pairs };
}
