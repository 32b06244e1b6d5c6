// Drafts: a recording or analysed file kept in IndexedDB while it is made, so a reload, a crash or a closed tab
// loses nothing. Frames are appended in chunks, so a long recording never rewrites what is stored.
//
// API (reach it as `db.drafts` on an open GanglagDb):
//   const d = await db.drafts.saveDraft({ origin: 'recording' | 'file', kind, protocol, profileId?, header,
//                                         analysis?, startedAt? });   // header = the poses file without frames
//   await db.drafts.appendFrames(d.id, frames);   // PoseFrameV1[]; call every ~1 s (at most 2000 frames a call),
//                                                // timestamps must keep increasing across calls
//   await db.drafts.updateDraft(d.id, { analysis, profileId, protocol, kind });   // e.g. once analysed
//   const { draft, poses } = await db.drafts.loadDraft(d.id);                       // poses: a full PosesFileV1
//   await db.drafts.listDrafts();                  // newest first, metadata only (for the restore prompt)
//   await db.drafts.discardDraft(d.id);            // after saving the session, or when the user discards it
//   await db.saveDraftAsSession(d.id, { profileId, notes? })   // validates, stores the session, discards the draft
// Bounds: at most MAX_DRAFTS drafts (saving one more drops the oldest) and MAX_FRAMES frames per draft; a chunk
// beyond that is refused with GanglagStorageError('invalid-record') and nothing is lost of what is stored.
import type { IDBPDatabase } from 'idb';
import { MAX_FRAMES, validatePoses, type PoseFrameV1, type PosesFileV1 } from '../shared/poses-format';
import { GanglagStorageError, toStorageError } from './errors';
import type { GanglagSchema } from './schema';
import type { Clock, DraftInput, DraftRecord } from './types';

export const MAX_DRAFTS = 3;
export const MAX_CHUNK_FRAMES = 2000;

const invalid = (field: string, message: string) =>
  new GanglagStorageError('invalid-record', `Draft not saved: ${field}: ${message}`, { field });

export class DraftStore {
  constructor(
    private readonly db: IDBPDatabase<GanglagSchema>,
    private readonly now: Clock,
    private readonly newId: () => string,
  ) {}

  private async run<R>(doing: string, fn: () => Promise<R>): Promise<R> {
    try {
      return await fn();
    } catch (err) {
      throw toStorageError(err, doing);
    }
  }

  /** Starts a draft with no frames yet. Drops the oldest drafts beyond MAX_DRAFTS. */
  async saveDraft(input: DraftInput): Promise<DraftRecord> {
    // The header must be a valid poses file once frames are added; check it with an empty frame list.
    try {
      validatePoses({ ...input.header, frames: [] });
    } catch (err) {
      throw invalid('header', err instanceof Error ? err.message : String(err));
    }
    const t = this.now().toISOString();
    const draft: DraftRecord = {
      id: this.newId(),
      origin: input.origin,
      kind: input.kind,
      protocol: input.protocol,
      profileId: input.profileId ?? null,
      header: input.header,
      analysis: input.analysis ?? null,
      frameCount: 0,
      chunkCount: 0,
      lastTMs: null,
      startedAt: input.startedAt ?? t,
      createdAt: t,
      updatedAt: t,
    };
    await this.run('saving the draft', async () => {
      const tx = this.db.transaction(['drafts', 'draftChunks'], 'readwrite');
      const all = await tx.objectStore('drafts').getAll();
      all.sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
      for (const old of all.slice(0, Math.max(0, all.length - MAX_DRAFTS + 1))) {
        await tx.objectStore('drafts').delete(old.id);
        await tx.objectStore('draftChunks').delete(IDBKeyRange.bound([old.id, 0], [old.id, Infinity]));
      }
      await tx.objectStore('drafts').add(draft);
      await tx.done;
    });
    return draft;
  }

  /** Appends frames as one chunk; they must continue the draft's timestamps. */
  async appendFrames(id: string, frames: readonly PoseFrameV1[]): Promise<DraftRecord> {
    if (frames.length === 0) return this.get(id);
    if (frames.length > MAX_CHUNK_FRAMES) {
      throw invalid('frames', `${frames.length} frames in one call; the limit is ${MAX_CHUNK_FRAMES}`);
    }
    return this.run('saving the draft', async () => {
      const tx = this.db.transaction(['drafts', 'draftChunks'], 'readwrite');
      const d = await tx.objectStore('drafts').get(id);
      if (!d) throw new GanglagStorageError('not-found', `No draft with id ${id}.`);
      if (d.frameCount + frames.length > MAX_FRAMES) {
        throw invalid('frames', `a draft holds at most ${MAX_FRAMES} frames`);
      }
      try {
        validatePoses({ ...d.header, frames });
      } catch (err) {
        throw invalid('frames', err instanceof Error ? err.message : String(err));
      }
      if (d.lastTMs !== null && !(frames[0].tMs > d.lastTMs)) {
        throw invalid('frames', `timestamps must increase (${frames[0].tMs} after ${d.lastTMs})`);
      }
      const next: DraftRecord = {
        ...d,
        frameCount: d.frameCount + frames.length,
        chunkCount: d.chunkCount + 1,
        lastTMs: frames[frames.length - 1].tMs,
        updatedAt: this.now().toISOString(),
      };
      await tx.objectStore('draftChunks').put({ draftId: id, seq: d.chunkCount, frames: [...frames] });
      await tx.objectStore('drafts').put(next);
      await tx.done;
      return next;
    });
  }

  /** Changes the draft's metadata, e.g. the analysis once it is done or the chosen profile. */
  async updateDraft(
    id: string,
    patch: Partial<Pick<DraftRecord, 'analysis' | 'profileId' | 'protocol' | 'kind'>>,
  ): Promise<DraftRecord> {
    return this.run('saving the draft', async () => {
      const tx = this.db.transaction(['drafts'], 'readwrite');
      const d = await tx.objectStore('drafts').get(id);
      if (!d) throw new GanglagStorageError('not-found', `No draft with id ${id}.`);
      const clean = Object.fromEntries(Object.entries(patch).filter(([, x]) => x !== undefined));
      const next: DraftRecord = { ...d, ...clean, updatedAt: this.now().toISOString() };
      await tx.objectStore('drafts').put(next);
      await tx.done;
      return next;
    });
  }

  async get(id: string): Promise<DraftRecord> {
    const d = await this.run('reading the draft', () => this.db.get('drafts', id));
    if (!d) throw new GanglagStorageError('not-found', `No draft with id ${id}.`);
    return d;
  }

  /** The draft with its frames joined into one poses file. */
  async loadDraft(id: string): Promise<{ draft: DraftRecord; poses: PosesFileV1 }> {
    return this.run('reading the draft', async () => {
      const tx = this.db.transaction(['drafts', 'draftChunks'], 'readonly');
      const draft = await tx.objectStore('drafts').get(id);
      if (!draft) throw new GanglagStorageError('not-found', `No draft with id ${id}.`);
      const frames: PoseFrameV1[] = [];
      const range = IDBKeyRange.bound([id, 0], [id, Infinity]);
      for (let c = await tx.objectStore('draftChunks').openCursor(range); c; c = await c.continue()) {
        for (const f of c.value.frames) frames.push(f);
      }
      return { draft, poses: { ...draft.header, frames } };
    });
  }

  /** Every draft, newest first, without frames. */
  async listDrafts(): Promise<DraftRecord[]> {
    const all = await this.run('reading drafts', () => this.db.getAll('drafts'));
    return all.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  }

  async discardDraft(id: string): Promise<void> {
    await this.run('discarding the draft', async () => {
      const tx = this.db.transaction(['drafts', 'draftChunks'], 'readwrite');
      await tx.objectStore('drafts').delete(id);
      await tx.objectStore('draftChunks').delete(IDBKeyRange.bound([id, 0], [id, Infinity]));
      await tx.done;
    });
  }

  /** Erasing a profile erases its drafts too. */
  async discardForProfile(profileId: string): Promise<void> {
    for (const d of await this.listDrafts()) if (d.profileId === profileId) await this.discardDraft(d.id);
  }
}
