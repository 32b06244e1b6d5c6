// Decodes a video file inside the worker, frame-exact and independent of wall-clock speed: mediabunny demuxes
// (mp4, mov, webm, mkv) and WebCodecs decodes; every frame in [start, end) is yielded once, resized for inference.
import { ALL_FORMATS, BlobSource, CanvasSink, Input, VideoSampleSink } from 'mediabunny';

export interface FileInfo {
  width: number;
  height: number;
  durationS: number;
  /** Nominal frame rate from the packet timestamps. */
  fps: number;
}

export class FileFrames {
  private constructor(
    private readonly input: Input,
    /** Unrotated video: decoded frames are scaled natively by createImageBitmap (the fast path). */
    private readonly samples: VideoSampleSink | null,
    /** Rotated video: mediabunny's canvas sink rotates and scales. */
    private readonly canvases: CanvasSink | null,
    private readonly outWidth: number,
    private readonly outHeight: number,
    readonly info: FileInfo,
  ) {}

  /** Opens the file; null when the container or codec cannot be decoded here (the caller falls back). */
  static async open(file: Blob, maxWidth: number): Promise<FileFrames | null> {
    if (typeof VideoDecoder === 'undefined') return null;
    const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
    try {
      const track = await input.getPrimaryVideoTrack();
      if (!track || !(await track.canDecode())) {
        input.dispose();
        return null;
      }
      const width = track.displayWidth;
      const height = track.displayHeight;
      const k = Math.min(1, maxWidth / width);
      const stats = await track.computePacketStats(120);
      const outWidth = Math.round(width * k);
      const outHeight = Math.round(height * k);
      const rotated = track.rotation !== 0;
      const samples = rotated ? null : new VideoSampleSink(track);
      const canvases = rotated
        ? new CanvasSink(track, { width: outWidth, height: outHeight, fit: 'fill', poolSize: 2 })
        : null;
      const durationS = await input.computeDuration();
      return new FileFrames(input, samples, canvases, outWidth, outHeight, {
        width,
        height,
        durationS,
        fps: stats.averagePacketRate,
      });
    } catch {
      input.dispose();
      return null;
    }
  }

  /**
   * Frames with presentation time in [startS, endS), resized (and rotated) for inference. A bitmap is the
   * caller's to close; a canvas is the sink's and valid only until the next frame is requested.
   */
  async *frames(
    startS: number,
    endS: number,
  ): AsyncGenerator<{ image: ImageBitmap | OffscreenCanvas; tMs: number }> {
    if (this.samples) {
      for await (const sample of this.samples.samples(startS, endS)) {
        const frame = sample.toVideoFrame();
        try {
          const image = await createImageBitmap(frame, {
            resizeWidth: this.outWidth,
            resizeHeight: this.outHeight,
            resizeQuality: 'medium',
          });
          yield { image, tMs: sample.timestamp * 1000 };
        } finally {
          frame.close();
          sample.close();
        }
      }
    } else if (this.canvases) {
      for await (const wrapped of this.canvases.canvases(startS, endS)) {
        yield { image: wrapped.canvas as OffscreenCanvas, tMs: wrapped.timestamp * 1000 };
      }
    }
  }

  dispose(): void {
    this.input.dispose();
  }
}
