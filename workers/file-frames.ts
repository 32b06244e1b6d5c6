// Decodes a video file inside the worker, frame-exact and independent of wall-clock speed: mediabunny demuxes
// (mp4, mov, webm, mkv) and WebCodecs decodes; every frame in [start, end) is yielded once, resized for inference.
import { ALL_FORMATS, BlobSource, CanvasSink, Input } from 'mediabunny';

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
    private readonly sink: CanvasSink,
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
      const sink = new CanvasSink(track, {
        width: Math.round(width * k),
        height: Math.round(height * k),
        fit: 'fill',
        poolSize: 2,
      });
      const durationS = await input.computeDuration();
      return new FileFrames(input, sink, { width, height, durationS, fps: stats.averagePacketRate });
    } catch {
      input.dispose();
      return null;
    }
  }

  /**
   * Frames with presentation time in [startS, endS), already resized (and rotated) for inference. The sink
   * reuses its canvases, so a canvas is valid only until the next frame is requested: use it, don't keep it.
   */
  async *frames(startS: number, endS: number): AsyncGenerator<{ canvas: OffscreenCanvas; tMs: number }> {
    for await (const wrapped of this.sink.canvases(startS, endS)) {
      yield { canvas: wrapped.canvas as OffscreenCanvas, tMs: wrapped.timestamp * 1000 };
    }
  }

  dispose(): void {
    this.input.dispose();
  }
}
