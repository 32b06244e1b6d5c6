// Where a recording in the making is kept, so a reload, a crash or a closed tab loses nothing. capture/ may not
// import storage: the UI injects a sink (src/ui/drafts/draft-writer.ts writes it to IndexedDB).
import type { PoseFrameV1, PosesFileV1 } from '../shared/poses-format';

export type DraftOrigin = 'recording' | 'file';
export type PosesHeader = Omit<PosesFileV1, 'frames'>;

/** The poses file without its frames. */
export function headerOf(rec: PosesFileV1): PosesHeader {
  const { frames, ...header } = rec;
  void frames;
  return header;
}

export interface DraftSink {
  /** A live recording or a file analysis starts; `header` is its poses file without frames. */
  start(origin: DraftOrigin, header: PosesHeader): void;
  /**
   * The frames recorded so far, in time order (the same growing array each call). Called after every frame, so it
   * must be cheap: the sink writes the frames it has not written yet, in chunks, when it chooses.
   */
  progress(frames: readonly PoseFrameV1[]): void;
  /** The finished recording (also a cancelled file's partial one): replaces what was written. */
  complete(rec: PosesFileV1): void;
  /** Stopped without a result (an error, or too short): the sink keeps what it wrote if it is worth keeping. */
  end(): void;
}

/**
 * When to write the next chunk: every `everyMs`, or sooner once `maxPending` frames wait (bounded chunk size),
 * and never beyond `maxFrames` in all. Pure: time comes in as an argument.
 */
export class ChunkSchedule {
  written = 0;
  private lastMs = Number.NEGATIVE_INFINITY;

  constructor(
    readonly everyMs: number,
    readonly maxPending: number,
    readonly maxFrames: number,
  ) {}

  reset(nowMs: number): void {
    this.written = 0;
    this.lastMs = nowMs;
  }

  /** The [from, to) range of frames to write now, or null. Marks them written. */
  next(available: number, nowMs: number, force = false): [number, number] | null {
    const limit = Math.min(available, this.maxFrames);
    const pending = limit - this.written;
    if (pending <= 0) return null;
    if (!force && pending < this.maxPending && nowMs - this.lastMs < this.everyMs) return null;
    const from = this.written;
    const to = Math.min(limit, from + this.maxPending);
    this.written = to;
    this.lastMs = nowMs;
    return [from, to];
  }
}
