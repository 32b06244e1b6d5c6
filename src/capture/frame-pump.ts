// Back-pressure between a frame source and the pose worker: at most one frame in flight. Live frames that
// arrive while one is in flight wait in a single slot, newest wins; the ones it replaces are dropped (and
// counted) before any bitmap is made for them. The slot lets the next frame start the moment the worker is
// free instead of waiting for the camera's next frame.

export interface PumpStats {
  offered: number;
  processed: number;
  dropped: number;
  failed: number;
}

export class FramePump<F, R> {
  private inFlight = false;
  private pending: { frame: F } | null = null;
  readonly stats: PumpStats = { offered: 0, processed: 0, dropped: 0, failed: 0 };

  constructor(
    private readonly process: (frame: F) => Promise<R>,
    private readonly onResult: (result: R, frame: F) => void,
    private readonly onError: (err: unknown, frame: F) => void = () => undefined,
  ) {}

  get busy(): boolean {
    return this.inFlight;
  }

  /** Live mode: run the frame if idle, else park it in the slot (dropping the one there). Returns whether it ran now. */
  offer(frame: F): boolean {
    this.stats.offered++;
    if (this.inFlight) {
      if (this.pending) this.stats.dropped++;
      this.pending = { frame };
      return false;
    }
    void this.run(frame);
    return true;
  }

  /** File mode: waits for the frame to be processed; never drops. */
  async push(frame: F): Promise<void> {
    this.stats.offered++;
    while (this.inFlight) await new Promise((r) => setTimeout(r, 1));
    await this.run(frame);
  }

  private async run(frame: F): Promise<void> {
    this.inFlight = true;
    try {
      const r = await this.process(frame);
      this.stats.processed++;
      this.onResult(r, frame);
    } catch (err) {
      this.stats.failed++;
      this.onError(err, frame);
    } finally {
      this.inFlight = false;
    }
    const next = this.pending;
    this.pending = null;
    if (next) await this.run(next.frame);
  }

  /** Forgets a parked frame (when the source stops). */
  clearPending(): void {
    if (this.pending) this.stats.dropped++;
    this.pending = null;
  }

  reset(): void {
    this.pending = null;
    this.stats.offered = this.stats.processed = this.stats.dropped = this.stats.failed = 0;
  }
}
