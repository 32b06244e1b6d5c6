// Back-pressure between a frame source and the pose worker: at most one frame in flight; live frames that
// arrive while one is in flight are dropped (and counted) before any bitmap is made for them.

export interface PumpStats {
  offered: number;
  processed: number;
  dropped: number;
  failed: number;
}

export class FramePump<F, R> {
  private inFlight = false;
  readonly stats: PumpStats = { offered: 0, processed: 0, dropped: 0, failed: 0 };

  constructor(
    private readonly process: (frame: F) => Promise<R>,
    private readonly onResult: (result: R, frame: F) => void,
    private readonly onError: (err: unknown, frame: F) => void = () => undefined,
  ) {}

  get busy(): boolean {
    return this.inFlight;
  }

  /** Live mode: take the frame if idle, else drop it. Returns whether it was taken. */
  offer(frame: F): boolean {
    this.stats.offered++;
    if (this.inFlight) {
      this.stats.dropped++;
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
  }

  reset(): void {
    this.stats.offered = this.stats.processed = this.stats.dropped = this.stats.failed = 0;
  }
}
