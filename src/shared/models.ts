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

/** What the model select holds: one model for everything, or 'auto' (a model per use, below). */
export type ModelChoice = ModelId | 'auto';
export type ModelUse = 'live' | 'file';

/**
 * 'auto': live keeps the fast MultiPose, which also sees bystanders; recorded video gets the most trustworthy
 * model whose file analysis runs at >= 0.5 x real time on a 2-core machine (issue 8 item 6, measured in
 * docs/validation.md: Lightning, mirror 10 ms and encoding 4 ms against 23 and 15 ms, 0.88 x against 0.44 x).
 */
export const AUTO_MODELS: Readonly<Record<ModelUse, ModelId>> = {
  live: 'movenet-multipose',
  file: 'movenet-lightning',
};

export function isModelChoice(x: unknown): x is ModelChoice {
  return x === 'auto' || isModelId(x);
}

/** The model a use runs with this choice. */
export function resolveModel(choice: ModelChoice, use: ModelUse): ModelId {
  return choice === 'auto' ? AUTO_MODELS[use] : choice;
}

/** Every model a choice may run (what offline use must keep), without repeats. */
export function modelsOf(choice: ModelChoice): ModelId[] {
  return choice === 'auto' ? [...new Set(Object.values(AUTO_MODELS))] : [choice];
}
