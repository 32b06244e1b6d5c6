// ganglag.poses/v1: the recording interchange format (docs/formats.md). Validated once here, trusted inside.
import * as v from 'valibot';
import { keypointCount, SKELETON_IDS, type SkeletonId } from './skeletons';

export const POSES_FORMAT = 'ganglag.poses/v1';

/** [x px, y px, score 0..1]; x right, y down, in the source video's pixels. */
export type KeypointTuple = [x: number, y: number, score: number];
/** [x m, y m, z m, score] BlazePose world landmark, origin at the hip centre, y down. */
export type WorldTuple = [x: number, y: number, z: number, score: number];

export interface PoseFrameV1 {
  tMs: number;
  /** In the skeleton's order; null where the keypoint was not detected. */
  keypoints: (KeypointTuple | null)[];
  /** BlazePose world landmarks in metres, when the model gives them. */
  world?: (WorldTuple | null)[];
}

export interface PosesFileV1 {
  format: typeof POSES_FORMAT;
  skeleton: SkeletonId;
  /** Nominal frame rate of the source. */
  fps: number;
  width: number;
  height: number;
  subject: { heightM?: number };
  /** Optional provenance: model id, backend, source name. */
  source?: { model?: string; backend?: string; name?: string; recordedAt?: string };
  frames: PoseFrameV1[];
}

/** Largest file the validator accepts: about 30 min at 60 fps. */
export const MAX_FRAMES = 120_000;

/**
 * Plausible subject height, m: the one range of the file format, the CLI's --height, the app's height fields
 * and backups. 2.6 m (not 2.5) because the format and the CLI already promised it, and the tallest recorded
 * adults exceed 2.5 m; under 0.5 m is a typing error (centimetres are refused by the upper bound).
 */
export const MIN_HEIGHT_M = 0.5;
export const MAX_HEIGHT_M = 2.6;

const finite = v.pipe(v.number(), v.finite());
const keypoint = v.nullable(v.tuple([finite, finite, v.pipe(finite, v.minValue(0), v.maxValue(1))]));
const world = v.nullable(v.tuple([finite, finite, finite, v.pipe(finite, v.minValue(0), v.maxValue(1))]));

const fileSchema = v.object({
  format: v.literal(POSES_FORMAT),
  skeleton: v.picklist(SKELETON_IDS),
  fps: v.pipe(finite, v.gtValue(0), v.maxValue(1000)),
  width: v.pipe(finite, v.integer(), v.minValue(1), v.maxValue(16384)),
  height: v.pipe(finite, v.integer(), v.minValue(1), v.maxValue(16384)),
  subject: v.object({
    heightM: v.optional(v.pipe(finite, v.minValue(MIN_HEIGHT_M), v.maxValue(MAX_HEIGHT_M))),
  }),
  source: v.optional(
    v.object({
      model: v.optional(v.string()),
      backend: v.optional(v.string()),
      name: v.optional(v.string()),
      recordedAt: v.optional(v.string()),
    }),
  ),
  frames: v.pipe(
    v.array(
      v.object({
        tMs: finite,
        keypoints: v.array(keypoint),
        world: v.optional(v.array(world)),
      }),
    ),
    v.maxLength(MAX_FRAMES),
  ),
});

export class PosesFormatError extends Error {
  override readonly name = 'PosesFormatError';
  /** Path to the offending field, e.g. "frames[12].keypoints[3]". */
  readonly field: string;
  constructor(field: string, message: string) {
    super(field ? `${field}: ${message}` : message);
    this.field = field;
  }
}

function pathOf(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key as string | number;
    out += typeof key === 'number' ? `[${key}]` : out ? `.${key}` : key;
  }
  return out;
}

/** Validates an already-parsed value as ganglag.poses/v1; throws PosesFormatError naming the field. */
export function validatePoses(value: unknown): PosesFileV1 {
  const res = v.safeParse(fileSchema, value, { abortEarly: true });
  if (!res.success) {
    const issue = res.issues[0];
    throw new PosesFormatError(pathOf(issue), issue.message);
  }
  const file = res.output as PosesFileV1;
  const n = keypointCount(file.skeleton);
  let prev = -Infinity;
  for (let i = 0; i < file.frames.length; i++) {
    const f = file.frames[i];
    if (f.keypoints.length !== n) {
      throw new PosesFormatError(
        `frames[${i}].keypoints`,
        `expected ${n} keypoints for ${file.skeleton}, got ${f.keypoints.length}`,
      );
    }
    if (f.world && f.world.length !== n) {
      throw new PosesFormatError(
        `frames[${i}].world`,
        `expected ${n} world landmarks, got ${f.world.length}`,
      );
    }
    if (!(f.tMs > prev)) {
      throw new PosesFormatError(`frames[${i}].tMs`, `timestamps must increase (${f.tMs} after ${prev})`);
    }
    prev = f.tMs;
  }
  return file;
}

/** Parses JSON text as ganglag.poses/v1. */
export function parsePoses(text: string): PosesFileV1 {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new PosesFormatError('', `not valid JSON (${(err as Error).message})`);
  }
  return validatePoses(value);
}

const round = (x: number, digits: number): number => {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
};

/** Serialises with fixed precision (0.01 px, 0.001 score, 0.1 mm) so files are compact and diffable. */
export function serializePoses(file: PosesFileV1): string {
  const frames = file.frames.map((f) => {
    const out: PoseFrameV1 = {
      tMs: round(f.tMs, 3),
      keypoints: f.keypoints.map((k) => (k ? [round(k[0], 2), round(k[1], 2), round(k[2], 3)] : null)),
    };
    if (f.world) {
      out.world = f.world.map((w) =>
        w ? [round(w[0], 4), round(w[1], 4), round(w[2], 4), round(w[3], 3)] : null,
      );
    }
    return out;
  });
  return JSON.stringify({ ...file, frames });
}
