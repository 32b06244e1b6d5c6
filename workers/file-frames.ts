// Decodes a video file inside the worker, frame-exact and independent of wall-clock speed: mediabunny demuxes
// (mp4, mov, webm, mkv) and WebCodecs decodes; every frame in [start, end) is yielded once, as decoded.
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
    /** Unrotated video: decoded VideoFrames, cropped and scaled once by the worker (the fast path). */
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
   * Frames with presentation time in [startS, endS), as decoded: a VideoFrame (unrotated video; the caller crops and
   * scales it in one step) or, for rotated video, a canvas at the inference size. Each is the caller's until it
   * calls release(), so the next frame can be decoded while this one is being analysed.
   */
  async *frames(
    startS: number,
    endS: number,
  ): AsyncGenerator<{ image: VideoFrame | OffscreenCanvas; tMs: number; release: () => void }> {
    if (this.samples) {
      for await (const sample of this.samples.samples(startS, endS)) {
        const frame = sample.toVideoFrame();
        const tMs = sample.timestamp * 1000;
        sample.close();
        yield { image: frame, tMs, release: () => frame.close() };
      }
    } else if (this.canvases) {
      for await (const wrapped of this.canvases.canvases(startS, endS)) {
        yield {
          image: wrapped.canvas as OffscreenCanvas,
          tMs: wrapped.timestamp * 1000,
          release: () => undefined,
        };
      }
    }
  }

  dispose(): void {
    this.input.dispose();
  }
}
