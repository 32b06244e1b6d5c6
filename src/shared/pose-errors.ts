// Codes of the errors the pose worker throws. Comlink keeps only an error's name and message across threads,
// so the worker sets name = code and the client maps it back.
export const POSE_ERROR_CODES = [
  'model-missing',
  'model-corrupt',
  'model-load-failed',
  'backend-unavailable',
  'not-initialized',
  'inference-failed',
] as const;
export type PoseErrorCode = (typeof POSE_ERROR_CODES)[number];

export function isPoseErrorCode(name: unknown): name is PoseErrorCode {
  return typeof name === 'string' && (POSE_ERROR_CODES as readonly string[]).includes(name);
}
