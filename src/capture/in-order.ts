// File analysis runs chunks in parallel; a draft must grow in time order. This passes frames on in time order,
// each once, as soon as every earlier frame is known: chunk 0 streams, a later chunk's frames wait until the chunks
// before it are finished. Lead-in frames (before a chunk's own start) only warmed up that chunk's tracker.

export class InOrderFrames<F extends { tMs: number }> {
  private current = 0;
  private lastMs = Number.NEGATIVE_INFINITY;
  private readonly waiting: F[][];
  private readonly finished: boolean[];

  /** `startsMs[i]`: where chunk i's own frames begin (media time, ms). */
  constructor(
    private readonly startsMs: readonly number[],
    private readonly emit: (frame: F) => void,
  ) {
    this.waiting = startsMs.map(() => []);
    this.finished = startsMs.map(() => false);
  }

  add(chunk: number, frame: F): void {
    if (chunk > 0 && frame.tMs < this.startsMs[chunk] - 1e-3) return;
    if (chunk === this.current) this.out(frame);
    else if (chunk > this.current) this.waiting[chunk].push(frame);
  }

  /** Chunk `chunk` has delivered all its frames. */
  finish(chunk: number): void {
    this.finished[chunk] = true;
    while (this.current < this.startsMs.length && this.finished[this.current]) {
      this.current++;
      if (this.current < this.startsMs.length) {
        for (const f of this.waiting[this.current]) this.out(f);
        this.waiting[this.current] = [];
      }
    }
  }

  private out(frame: F): void {
    if (frame.tMs <= this.lastMs + 1e-3) return;
    this.lastMs = frame.tMs;
    this.emit(frame);
  }
}
