// Live camera through getUserMedia, with device and resolution choice; unplugging is reported, not fatal.
import { CaptureError } from './errors';

export interface CameraOptions {
  deviceId?: string;
  width?: number;
  height?: number;
}

export const RESOLUTIONS: readonly { label: string; width: number; height: number }[] = [
  { label: '640×480', width: 640, height: 480 },
  { label: '1280×720', width: 1280, height: 720 },
  { label: '1920×1080', width: 1920, height: 1080 },
];

export async function listCameras(): Promise<{ deviceId: string; label: string }[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'videoinput')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

function mapError(err: unknown): CaptureError {
  const name = (err as { name?: string })?.name ?? '';
  const msg = (err as { message?: string })?.message ?? String(err);
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new CaptureError('camera-denied', msg);
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new CaptureError('no-camera', msg);
    case 'NotReadableError':
    case 'AbortError':
      return new CaptureError('camera-busy', msg);
    default:
      return new CaptureError('no-camera', msg);
  }
}

/** Opens the camera into `video`; `onEnded` fires if the camera goes away (unplugged, revoked). */
export async function openCamera(
  video: HTMLVideoElement,
  opts: CameraOptions,
  onEnded: () => void,
): Promise<MediaStream> {
  if (!window.isSecureContext)
    throw new CaptureError('insecure-context', 'getUserMedia needs https or localhost');
  if (!navigator.mediaDevices?.getUserMedia)
    throw new CaptureError('no-camera', 'getUserMedia is not available');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: {
        deviceId: opts.deviceId ? { exact: opts.deviceId } : undefined,
        width: opts.width ? { ideal: opts.width } : undefined,
        height: opts.height ? { ideal: opts.height } : undefined,
      },
    });
  } catch (err) {
    throw mapError(err);
  }
  const track = stream.getVideoTracks()[0];
  track?.addEventListener('ended', onEnded, { once: true });
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  await video.play();
  return stream;
}

export function closeCamera(video: HTMLVideoElement): void {
  const stream = video.srcObject as MediaStream | null;
  stream?.getTracks().forEach((t) => t.stop());
  video.srcObject = null;
}
