// Still frames to mark a floor reference on: a frame of the analysed video file at a chosen time (its own
// <video> element, so the capture view's playback is untouched), or the camera's current frame.

/** A video file opened for stills; seek() resolves when the frame at that time can be drawn. */
export class VideoStill {
  readonly video: HTMLVideoElement;
  private readonly url: string;

  private constructor(readonly file: File) {
    this.url = URL.createObjectURL(file);
    this.video = document.createElement('video');
    this.video.muted = true;
    this.video.playsInline = true;
    this.video.preload = 'auto';
  }

  static async open(file: File): Promise<VideoStill> {
    const s = new VideoStill(file);
    await new Promise<void>((resolve, reject) => {
      s.video.addEventListener('loadeddata', () => resolve(), { once: true });
      s.video.addEventListener(
        'error',
        () => reject(new Error(s.video.error?.message || 'the browser cannot decode this video')),
        { once: true },
      );
      s.video.src = s.url;
    });
    return s;
  }

  get duration(): number {
    return Number.isFinite(this.video.duration) ? this.video.duration : 0;
  }

  get width(): number {
    return this.video.videoWidth;
  }

  get height(): number {
    return this.video.videoHeight;
  }

  async seek(tS: number): Promise<void> {
    const target = Math.min(Math.max(0, tS), Math.max(0, this.duration - 0.05));
    if (Math.abs(this.video.currentTime - target) < 1e-3 && this.video.readyState >= 2) return;
    await new Promise<void>((resolve) => {
      this.video.addEventListener('seeked', () => resolve(), { once: true });
      this.video.currentTime = target;
    });
  }

  close(): void {
    this.video.removeAttribute('src');
    this.video.load();
    URL.revokeObjectURL(this.url);
  }
}

/**
 * The camera's current frame: the capture view's playing <video>. RecordingSource offers no still yet, so the
 * element is read from the capture view's DOM (read only; see the report's needs).
 */
export function cameraStillSource(captureEl: HTMLElement): HTMLVideoElement | null {
  const v = captureEl.querySelector('video');
  return v && v.videoWidth > 0 && v.readyState >= 2 ? v : null;
}
