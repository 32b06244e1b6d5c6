// Capture errors with a stable code the UI maps to a message.
export type CaptureErrorCode =
  | 'camera-denied'
  | 'no-camera'
  | 'camera-unplugged'
  | 'camera-busy'
  | 'insecure-context'
  | 'unsupported-video'
  /** The file's data breaks off or is corrupt and not one frame could be read. */
  | 'damaged-video';

export class CaptureError extends Error {
  override readonly name = 'CaptureError';
  constructor(
    readonly code: CaptureErrorCode,
    message: string,
  ) {
    super(message);
  }
}
