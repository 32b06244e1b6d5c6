// The pose models Ganglag ships, served from the app's own origin (public/models, provisioned by npm install).
import type { SkeletonId } from './skeletons';

export const MODEL_IDS = [
  'movenet-multipose',
  'movenet-lightning',
  'movenet-thunder',
  'blazepose-lite',
  'blazepose-full',
  'blazepose-heavy',
] as const;
export type ModelId = (typeof MODEL_IDS)[number];

/** The model's own name, the same in every language (reports, exports). */
export const MODEL_NAMES: Record<ModelId, string> = {
  'movenet-multipose': 'MoveNet MultiPose',
  'movenet-lightning': 'MoveNet Lightning',
  'movenet-thunder': 'MoveNet Thunder',
  'blazepose-lite': 'BlazePose lite',
  'blazepose-full': 'BlazePose full',
  'blazepose-heavy': 'BlazePose heavy',
};

export function isModelId(x: unknown): x is ModelId {
  return (MODEL_IDS as readonly unknown[]).includes(x);
}

export const BACKEND_IDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendId = (typeof BACKEND_IDS)[number];
export type BackendChoice = BackendId | 'auto';

export interface ModelInfo {
  id: ModelId;
  family: 'movenet' | 'blazepose';
  skeleton: SkeletonId;
  /** True when the model finds several people in one pass. */
  multiPerson: boolean;
  /** Files under /models/ this model needs, in load order. */
  files: readonly string[];
}

export function modelInfo(id: ModelId): ModelInfo {
  switch (id) {
    case 'movenet-multipose':
    case 'movenet-lightning':
    case 'movenet-thunder':
      return {
        id,
        family: 'movenet',
        skeleton: 'coco17',
        multiPerson: id === 'movenet-multipose',
        files: [`${id}.json`, `${id}.bin`],
      };
    case 'blazepose-lite':
    case 'blazepose-full':
    case 'blazepose-heavy':
      return {
        id,
        family: 'blazepose',
        skeleton: 'blazepose33',
        multiPerson: false,
        files: ['blazepose-detector.json', 'blazepose-detector.bin', `${id}.json`, `${id}.bin`],
      };
  }
}
