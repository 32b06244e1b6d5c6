// Keypoint orders of the supported skeletons. Don't reorder: indices are part of ganglag.poses/v1.

/** MoveNet / COCO-17 order. */
export const COCO17 = [
  'nose',
  'left_eye',
  'right_eye',
  'left_ear',
  'right_ear',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
] as const;

/** MediaPipe BlazePose-33 order. */
export const BLAZEPOSE33 = [
  'nose',
  'left_eye_inner',
  'left_eye',
  'left_eye_outer',
  'right_eye_inner',
  'right_eye',
  'right_eye_outer',
  'left_ear',
  'right_ear',
  'mouth_left',
  'mouth_right',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_pinky',
  'right_pinky',
  'left_index',
  'right_index',
  'left_thumb',
  'right_thumb',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
  'left_heel',
  'right_heel',
  'left_foot_index',
  'right_foot_index',
] as const;

export type Coco17Name = (typeof COCO17)[number];
export type BlazePose33Name = (typeof BLAZEPOSE33)[number];
export type KeypointName = Coco17Name | BlazePose33Name;

export const SKELETON_IDS = ['coco17', 'blazepose33'] as const;
export type SkeletonId = (typeof SKELETON_IDS)[number];

export function keypointNames(skeleton: SkeletonId): readonly KeypointName[] {
  switch (skeleton) {
    case 'coco17':
      return COCO17;
    case 'blazepose33':
      return BLAZEPOSE33;
  }
}

export function keypointCount(skeleton: SkeletonId): number {
  return keypointNames(skeleton).length;
}

/** Index of a named keypoint in a skeleton, or -1 when that skeleton lacks it (e.g. heel in COCO-17). */
export function keypointIndex(skeleton: SkeletonId, name: KeypointName): number {
  return (keypointNames(skeleton) as readonly string[]).indexOf(name);
}

/** Bones drawn in the overlay, as pairs of keypoint names present in both skeletons unless noted. */
const BONES_COMMON: readonly (readonly [KeypointName, KeypointName])[] = [
  ['left_shoulder', 'right_shoulder'],
  ['left_hip', 'right_hip'],
  ['left_shoulder', 'left_hip'],
  ['right_shoulder', 'right_hip'],
  ['left_shoulder', 'left_elbow'],
  ['left_elbow', 'left_wrist'],
  ['right_shoulder', 'right_elbow'],
  ['right_elbow', 'right_wrist'],
  ['left_hip', 'left_knee'],
  ['left_knee', 'left_ankle'],
  ['right_hip', 'right_knee'],
  ['right_knee', 'right_ankle'],
  ['nose', 'left_eye'],
  ['nose', 'right_eye'],
  ['left_eye', 'left_ear'],
  ['right_eye', 'right_ear'],
];
const BONES_BLAZEPOSE_EXTRA: readonly (readonly [KeypointName, KeypointName])[] = [
  ['left_ankle', 'left_heel'],
  ['left_heel', 'left_foot_index'],
  ['left_ankle', 'left_foot_index'],
  ['right_ankle', 'right_heel'],
  ['right_heel', 'right_foot_index'],
  ['right_ankle', 'right_foot_index'],
  ['left_wrist', 'left_index'],
  ['right_wrist', 'right_index'],
];

/** Bones as index pairs, flattened [a0, b0, a1, b1, ...] for an allocation-free draw loop. */
export function boneIndices(skeleton: SkeletonId): Int16Array {
  const bones = skeleton === 'blazepose33' ? [...BONES_COMMON, ...BONES_BLAZEPOSE_EXTRA] : BONES_COMMON;
  const out = new Int16Array(bones.length * 2);
  bones.forEach(([a, b], i) => {
    out[2 * i] = keypointIndex(skeleton, a);
    out[2 * i + 1] = keypointIndex(skeleton, b);
  });
  return out;
}
