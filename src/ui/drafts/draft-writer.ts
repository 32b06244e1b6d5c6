// Keeps the recording in the making as a draft in IndexedDB (src/storage/drafts.ts): a live recording a chunk
// every few seconds, an analysed file as its frames become known in time order, then the finished recording in
// their place. The capture session talks to it through capture's DraftSink; storage stays out of capture/.
// Which recording has which draft is remembered here, so whoever saves it can discard the draft (draftSaved).
import {
  ChunkSchedule,
  headerOf,
  type DraftOrigin,
  type DraftSink,
  type PosesHeader,
} from '../../capture/draft-sink';
import { MAX_FRAMES, type PoseFrameV1, type PosesFileV1 } from '../../shared/poses-format';
import { MAX_CHUNK_FRAMES, openGanglagDb, type GanglagDb } from '../../storage';
import { appState, onAnalysis, type PublishedAnalysis } from '../app-state';
import { now } from '../clock';

/** A chunk every 3 s, or sooner once 300 frames wait (10 s at 30 fps): a reload loses at most a few seconds. */
export const DRAFT_EVERY_MS = 3000;
export const DRAFT_MAX_PENDING = 300;

/** Recording → its draft's id (null: none could be written). */
const draftIds = new WeakMap<PosesFileV1, Promise<string | null>>();
/** Recordings whose poses were downloaded: replacing them loses nothing, so nobody is asked. */
const downloaded = new WeakSet<PosesFileV1>();

/** The id of the draft that holds `rec`, or null when it has none (saved, discarded, or never written). */
export function draftIdOf(rec: PosesFileV1): Promise<string | null> {
  return draftIds.get(rec) ?? Promise.resolve(null);
}

/** Remembers that `rec` is held by draft `id` (a restored draft). */
export function rememberDraft(rec: PosesFileV1, id: string): void {
  draftIds.set(rec, Promise.resolve(id));
}

/** The recording was saved as a session (or deliberately dropped): its draft goes. Call after saving. */
export async function draftSaved(db: GanglagDb, rec: PosesFileV1): Promise<void> {
  const id = await draftIdOf(rec);
  draftIds.delete(rec);
  if (id) await db.drafts.discardDraft(id);
}

export function markDownloaded(rec: PosesFileV1): void {
  downloaded.add(rec);
}

/** True while `rec` exists only as a draft: not saved, not downloaded. */
export async function isUnsaved(
  rec: PosesFileV1 | null,
  db: () => Promise<GanglagDb | null>,
): Promise<boolean> {
  if (!rec || downloaded.has(rec)) return false;
  const id = await draftIdOf(rec);
  if (!id) return false;
  const d = await db();
  if (!d) return false;
  try {
    await d.drafts.get(id);
    return true;
  } catch {
    return false; // discarded elsewhere (saved from the drafts card)
  }
}

export interface DraftStats {
  /** Chunks appended. */
  writes: number;
  /** Frames appended. */
  frames: number;
  /** Time per append, ms: sum and maximum (IndexedDB transaction incl. validation). */
  totalMs: number;
  maxMs: number;
  /** The finished recordings written in full. */
  completed: number;
}

export class DraftWriter implements DraftSink {
  readonly stats: DraftStats = { writes: 0, frames: 0, totalMs: 0, maxMs: 0, completed: 0 };
  private dbP: Promise<GanglagDb | null> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private id: Promise<string | null> = Promise.resolve(null);
  private origin: DraftOrigin = 'recording';
  private readonly schedule = new ChunkSchedule(DRAFT_EVERY_MS, DRAFT_MAX_PENDING, MAX_FRAMES);

  /** `onError` hears each failed write once per recording (the draft is best effort; the recording goes on). */
  constructor(
    private readonly onError: (err: unknown) => void,
    private readonly open: () => Promise<GanglagDb> = () => openGanglagDb({ now }),
  ) {
    onAnalysis((a) => void this.attachAnalysis(a));
  }

  /** The database, opened on first use; null when IndexedDB is unavailable. */
  db(): Promise<GanglagDb | null> {
    this.dbP ??= this.open().catch((err: unknown) => {
      this.onError(err);
      return null;
    });
    return this.dbP;
  }

  /** Resolves when every write asked for so far is done (tests, and before a question about replacing). */
  flushed(): Promise<void> {
    return this.chain;
  }

  private failedOnce = false;

  private enqueue(fn: (db: GanglagDb) => Promise<void>): void {
    this.chain = this.chain.then(async () => {
      const db = await this.db();
      if (!db) return;
      try {
        await fn(db);
      } catch (err) {
        if (!this.failedOnce) this.onError(err);
        this.failedOnce = true;
      }
    });
  }

  start(origin: DraftOrigin, header: PosesHeader): void {
    this.origin = origin;
    this.failedOnce = false;
    this.schedule.reset(performance.now());
    let resolve: (id: string | null) => void = () => undefined;
    this.id = new Promise((r) => (resolve = r));
    this.enqueue(async (db) => {
      const d = await db.drafts.saveDraft({
        origin,
        kind: 'gait',
        protocol: 'free-walk',
        profileId: appState.profile?.id ?? null,
        header,
      });
      resolve(d.id);
    });
    // A failed start leaves no draft: later chunks are skipped.
    this.chain = this.chain.then(() => resolve(null));
  }

  progress(frames: readonly PoseFrameV1[]): void {
    const r = this.schedule.next(frames.length, performance.now());
    if (r) this.append(frames.slice(r[0], r[1]));
  }

  private append(chunk: PoseFrameV1[]): void {
    const idP = this.id;
    this.enqueue(async (db) => {
      const id = await idP;
      if (!id) return;
      const t0 = performance.now();
      await db.drafts.appendFrames(id, chunk);
      const ms = performance.now() - t0;
      this.stats.writes++;
      this.stats.frames += chunk.length;
      this.stats.totalMs += ms;
      this.stats.maxMs = Math.max(this.stats.maxMs, ms);
    });
  }

  complete(rec: PosesFileV1): void {
    const oldId = this.id;
    const origin = this.origin;
    let resolve: (id: string | null) => void = () => undefined;
    const idP = new Promise<string | null>((r) => (resolve = r));
    this.id = idP;
    draftIds.set(rec, idP);
    this.enqueue(async (db) => {
      // The finished recording replaces the frames written while it was made (a file's subject is chosen with
      // hindsight at the end; a live recording gets its measured frame rate).
      const old = await oldId;
      if (old) await db.drafts.discardDraft(old);
      const d = await db.drafts.saveDraft({
        origin,
        kind: 'gait',
        protocol: 'free-walk',
        profileId: appState.profile?.id ?? null,
        header: headerOf(rec),
      });
      const frames = rec.frames.slice(0, MAX_FRAMES);
      for (let i = 0; i < frames.length; i += MAX_CHUNK_FRAMES)
        await db.drafts.appendFrames(d.id, frames.slice(i, i + MAX_CHUNK_FRAMES));
      this.stats.completed++;
      resolve(d.id);
      // The analysis may have been published while this was written.
      const a = appState.analysis;
      if (a && a.recording === rec) await this.attachAnalysis(a);
    });
    this.chain = this.chain.then(() => resolve(null));
  }

  end(): void {
    const idP = this.id;
    const written = this.schedule.written;
    this.id = Promise.resolve(null);
    this.enqueue(async (db) => {
      const id = await idP;
      // Fewer than two frames are no recording; anything longer is kept to be restored.
      if (id && written < 2) await db.drafts.discardDraft(id);
    });
  }

  /** Drops the draft of a recording the user chose to replace. */
  discardFor(rec: PosesFileV1): void {
    const idP = draftIdOf(rec);
    draftIds.delete(rec);
    this.enqueue(async (db) => {
      const id = await idP;
      if (id) await db.drafts.discardDraft(id);
    });
  }

  /** A published analysis of a drafted recording is stored with the draft, so the draft can be saved as is. */
  private async attachAnalysis(a: PublishedAnalysis): Promise<void> {
    const id = await draftIdOf(a.recording);
    const db = await this.db();
    if (!id || !db) return;
    try {
      await db.drafts.updateDraft(id, {
        analysis: a.analysis,
        kind: a.kind,
        protocol: a.protocol,
        profileId: appState.profile?.id ?? null,
      });
    } catch {
      // the draft was saved or discarded meanwhile: nothing to attach to
    }
  }
}
