// Errors that cross the worker boundary: comlink keeps only name and message, so the name is the code.
export const POSE_ERROR_CODES = [
  'model-missing',
  'model-corrupt',
  'model-load-failed',
  'backend-unavailable',
  'not-initialized',
  'inference-failed',
] as const;
export type PoseErrorCode = (typeof POSE_ERROR_CODES)[number];

export class PoseWorkerError extends Error {
  override readonly name: PoseErrorCode;
  constructor(code: PoseErrorCode, message: string) {
    super(message);
    this.name = code;
  }
}
