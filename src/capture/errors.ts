// Capture errors with a stable code the UI maps to a message.
export type CaptureErrorCode =
  | 'camera-denied'
  | 'no-camera'
  | 'camera-unplugged'
  | 'camera-busy'
  | 'insecure-context'
  | 'unsupported-video';

export class CaptureError extends Error {
  override readonly name = 'CaptureError';
  constructor(
    readonly code: CaptureErrorCode,
    message: string,
  ) {
    super(message);
  }
}
