// The worker's error type: the name is the code, so it survives the trip through comlink.
import type { PoseErrorCode } from '../src/shared/pose-errors';

export class PoseWorkerError extends Error {
  override readonly name: PoseErrorCode;
  constructor(code: PoseErrorCode, message: string) {
    super(message);
    this.name = code;
  }
}
