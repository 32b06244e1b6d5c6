// The app's IndexedDB: profiles, sessions with condensed poses, consented videos, clinician events, backup/import.
// Every write is one transaction: it either all lands or, on any error (quota included), nothing changes.
import { wrap, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { isModelId, type ModelId } from '../shared/models';
import { validatePoses, type PosesFileV1 } from '../shared/poses-format';
import {
  assertValidRecord,
  BACKUP_FORMAT,
  cleanMachineText,
  DEFAULT_BACKUP_LIMITS,
  type BackupLimits,
  type BackupV1,
} from './backup';
import {
  endLine,
  headerLine,
  isStreamBackup,
  readBackup,
  recordLine,
  type BackupCounts,
  type BackupItem,
  type ProgressCallback,
} from './backup-stream';
import { CameraSetupStore } from './camera-setups';
import { DraftStore } from './drafts';
import { decideRecord, summarizePlan, type ImportPlan, type PlanEntry } from './merge';
import { condensePoses } from './condense';
import { GanglagStorageError, isQuotaError, toStorageError } from './errors';
import { DB_NAME, DB_VERSION, migrate, type GanglagSchema } from './schema';
import { timeOfDayOf } from './time-of-day';
import type {
  CameraSetupV1,
  SelfReport,
  ClinicianEvent,
  Clock,
  EventInput,
  Profile,
  ProfileInput,
  SessionInput,
  SessionRecord,
  SessionWithPoses,
  Tombstone,
  VideoRecord,
} from './types';

type StorageLike = Pick<StorageManager, 'estimate' | 'persist' | 'persisted'>;

export interface OpenOptions {
  name?: string;
  /** Defaults to the global indexedDB. */
  idbFactory?: IDBFactory;
  now?: Clock;
  newId?: () => string;
  /** Defaults to navigator.storage; null where the platform has none. */
  storage?: StorageLike | null;
}

export interface StorageInfo {
  usageBytes: number | null;
  quotaBytes: number | null;
  /** Whether the browser promised not to evict our data; null when unknown. */
  persisted: boolean | null;
}

export interface MergeCounts {
  added: number;
  updated: number;
  unchanged: number;
  /** Records whose local copy was as new or newer and different, or whose file date was in the future. */
  keptLocal: number;
  /** Records erased on this device (tombstoned), or that would move to another profile. */
  refused: number;
  /** Local records erased because the file erased them. */
  erased: number;
}

export interface ImportReport {
  profiles: MergeCounts;
  sessions: MergeCounts;
  events: MergeCounts;
  cameraSetups: MergeCounts;
}

type Db = IDBPDatabase<GanglagSchema>;
type Stores = StoreNames<GanglagSchema>;

/** openDB from idb, but with an explicit factory so tests and e2e can isolate databases. */
async function openWith(factory: IDBFactory, name: string, version: number): Promise<Db> {
  const request = factory.open(name, version);
  let failure: unknown;
  request.addEventListener('upgradeneeded', (e) => {
    const db = wrap(request.result) as unknown as IDBPDatabase<unknown>;
    const tx = wrap(request.transaction!) as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
    tx.done.catch(() => {});
    migrate(db, tx, e.oldVersion, version).catch((err: unknown) => {
      failure = err;
      try {
        tx.abort();
      } catch {
        // already finished
      }
    });
  });
  try {
    const db = (await wrap(request)) as unknown as Db;
    // Let a newer tab upgrade instead of blocking it forever.
    db.addEventListener('versionchange', () => db.close());
    return db;
  } catch (err) {
    throw toStorageError(failure ?? err, 'opening the database');
  }
}

export async function openGanglagDb(opts: OpenOptions = {}): Promise<GanglagDb> {
  const factory = opts.idbFactory ?? globalThis.indexedDB;
  if (!factory) throw new GanglagStorageError('unavailable', 'This browser offers no IndexedDB storage.');
  const db = await openWith(factory, opts.name ?? DB_NAME, DB_VERSION);
  const storage =
    opts.storage !== undefined
      ? opts.storage
      : ((globalThis.navigator?.storage as StorageLike | undefined) ?? null);
  return new GanglagDb(
    db,
    opts.now ?? (() => new Date()),
    opts.newId ?? (() => crypto.randomUUID()),
    storage,
  );
}

const emptyCounts = (): MergeCounts => ({
  added: 0,
  updated: 0,
  unchanged: 0,
  keptLocal: 0,
  refused: 0,
  erased: 0,
});

/** JSON with sorted keys, so records read back from IndexedDB compare equal to parsed ones. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : val,
  );
}

/** Content without its dates (and the per-device video flag), for "unchanged" comparisons. */
function content(record: object): string {
  const { createdAt: _c, updatedAt: _u, videoConsent: _v, ...rest } = record as Record<string, unknown>;
  return stableJson(rest);
}

function tally(report: ImportReport, e: PlanEntry): void {
  const c = report[`${e.kind}s` as const];
  if (e.action === 'add') c.added++;
  else if (e.action === 'update') c.updated++;
  else if (e.action === 'unchanged') c.unchanged++;
  else if (e.action === 'keep') c.keptLocal++;
  else if (e.action === 'refuse') c.refused++;
  else c.erased++;
}

/** Options for streamed export and import. */
export interface BackupStreamOptions {
  onProgress?: ProgressCallback;
  limits?: BackupLimits;
}

type MergeTx = IDBPTransaction<
  GanglagSchema,
  ('profiles' | 'sessions' | 'poses' | 'videos' | 'events' | 'cameraSetups' | 'tombstones')[],
  'readwrite' | 'readonly'
>;
interface MergeContext {
  fileProfiles: Set<string>;
  pseudonyms: Map<string, string>;
  /** Position of the next session / event in the file, for error paths. */
  index: { session: number; event: number };
}
const newContext = (pseudonyms: Map<string, string>): MergeContext => ({
  fileProfiles: new Set(),
  pseudonyms,
  index: { session: 0, event: 0 },
});
const MERGE_STORES = [
  'profiles',
  'sessions',
  'poses',
  'videos',
  'events',
  'cameraSetups',
  'tombstones',
] as const;

export class GanglagDb {
  constructor(
    private readonly db: Db,
    private readonly now: Clock,
    private readonly newId: () => string,
    private readonly storage: StorageLike | null,
  ) {
    this.drafts = new DraftStore(db, now, newId);
    this.cameraSetups = new CameraSetupStore(db, now, newId);
  }

  /** Named camera placements with their floor reference; see src/storage/camera-setups.ts. */
  readonly cameraSetups: CameraSetupStore;

  /** Unsaved recordings and analysed files; see src/storage/drafts.ts. */
  readonly drafts: DraftStore;

  close(): void {
    this.db.close();
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  /** Runs fn in one readwrite transaction; on any error aborts it so nothing it wrote remains. */
  private async write<S extends Stores[], R>(
    stores: S,
    doing: string,
    fn: (tx: IDBPTransaction<GanglagSchema, S, 'readwrite'>) => Promise<R>,
  ): Promise<R> {
    let tx: IDBPTransaction<GanglagSchema, S, 'readwrite'>;
    try {
      tx = this.db.transaction(stores, 'readwrite');
    } catch (err) {
      throw toStorageError(err, doing);
    }
    const done = tx.done;
    done.catch(() => {});
    try {
      const out = await fn(tx);
      await done;
      return out;
    } catch (err) {
      try {
        tx.abort();
      } catch {
        // already aborted by the failing request, or committed
      }
      // A quota failure may surface as AbortError on a request, with the real cause on the transaction.
      const cause = !isQuotaError(err) && isQuotaError(tx.error) ? tx.error : err;
      throw toStorageError(cause, doing);
    }
  }

  private async read<R>(doing: string, fn: () => Promise<R>): Promise<R> {
    try {
      return await fn();
    } catch (err) {
      throw toStorageError(err, doing);
    }
  }

  // Profiles

  async createProfile(input: ProfileInput): Promise<Profile> {
    const t = this.stamp();
    const profile: Profile = {
      id: this.newId(),
      pseudonym: input.pseudonym.trim(),
      birthYear: input.birthYear ?? null,
      sex: input.sex ?? 'unknown',
      heightM: input.heightM ?? null,
      notes: input.notes ?? '',
      createdAt: t,
      updatedAt: t,
    };
    assertValidRecord('profile', profile);
    await this.write(['profiles'], 'saving the profile', (tx) => tx.objectStore('profiles').add(profile));
    return profile;
  }

  async updateProfile(id: string, patch: Partial<ProfileInput>): Promise<Profile> {
    return this.write(['profiles'], 'saving the profile', async (tx) => {
      const store = tx.objectStore('profiles');
      const old = await store.get(id);
      if (!old) throw notFound('profile', id);
      const next: Profile = { ...old, ...definedOnly(patch), id, updatedAt: this.stamp() };
      assertValidRecord('profile', next);
      await store.put(next);
      return next;
    });
  }

  async getProfile(id: string): Promise<Profile> {
    const p = await this.read('reading the profile', () => this.db.get('profiles', id));
    if (!p) throw notFound('profile', id);
    return p;
  }

  async listProfiles(): Promise<Profile[]> {
    const all = await this.read('reading profiles', () => this.db.getAll('profiles'));
    return all.sort((a, b) => a.pseudonym.localeCompare(b.pseudonym));
  }

  /**
   * Erases the profile for good with all its sessions, poses, videos, events and drafts. Tombstones (ids only)
   * remain so that importing an older backup cannot bring any of it back.
   */
  async deleteProfile(id: string): Promise<void> {
    await this.write([...MERGE_STORES], 'deleting the profile', async (tx) => {
      if (!(await tx.objectStore('profiles').get(id))) throw notFound('profile', id);
      await eraseProfile(tx, id, this.stamp());
    });
    await this.drafts.discardForProfile(id);
  }

  /** What erasing a profile removes, for the confirmation. */
  async profileContents(id: string): Promise<{ sessions: number; events: number; videos: number }> {
    return this.read('reading the profile', async () => {
      const tx = this.db.transaction(['sessions', 'events', 'videos'], 'readonly');
      const sessionIds = await tx.objectStore('sessions').index('by-profile').getAllKeys(id);
      let videos = 0;
      for (const sid of sessionIds) if ((await tx.objectStore('videos').getKey(sid)) !== undefined) videos++;
      const events = await tx.objectStore('events').index('by-profile').count(id);
      return { sessions: sessionIds.length, events, videos };
    });
  }

  // Sessions

  /** Stores a session and its condensed poses. Time of day defaults from startedAt in local time. */
  async addSession(input: SessionInput): Promise<SessionRecord> {
    const t = this.stamp();
    const startedAt = input.startedAt ? new Date(input.startedAt) : this.now();
    if (!Number.isFinite(startedAt.getTime())) {
      throw new GanglagStorageError(
        'invalid-record',
        `Not saved: startedAt: not a date (${input.startedAt})`,
        {
          field: 'startedAt',
        },
      );
    }
    const valid = validatePoses(input.poses);
    const poses = condensePoses(valid.source ? { ...valid, source: cleanMachineText(valid.source) } : valid);
    const session: SessionRecord = {
      id: this.newId(),
      profileId: input.profileId,
      startedAt: startedAt.toISOString(),
      kind: input.kind,
      protocol: input.protocol,
      timeOfDay: input.timeOfDay ?? timeOfDayOf(startedAt),
      analysis: cleanMachineText(input.analysis),
      notes: input.notes ?? '',
      videoConsent: false,
      ...selfReportField(input.selfReport),
      ...modelField(poses.source?.model),
      createdAt: t,
      updatedAt: t,
    };
    // Validated after condensing: what is stored is exactly what a backup accepts.
    assertValidRecord('session', { ...session, poses });
    await this.write(['profiles', 'sessions', 'poses'], 'saving the session', async (tx) => {
      if (!(await tx.objectStore('profiles').get(session.profileId)))
        throw notFound('profile', session.profileId);
      await tx.objectStore('sessions').add(session);
      await tx.objectStore('poses').put({ sessionId: session.id, poses });
    });
    return session;
  }

  /** Saves a draft as a session of `profileId` (it needs its analysis), then discards the draft. */
  async saveDraftAsSession(
    draftId: string,
    opts: { profileId: string; notes?: string; selfReport?: SelfReport },
  ): Promise<SessionRecord> {
    const { draft, poses } = await this.drafts.loadDraft(draftId);
    if (!draft.analysis) {
      throw new GanglagStorageError('invalid-record', 'Not saved: the draft has not been analysed yet.', {
        field: 'analysis',
      });
    }
    const session = await this.addSession({
      profileId: opts.profileId,
      startedAt: draft.startedAt,
      kind: draft.kind,
      protocol: draft.protocol,
      analysis: draft.analysis,
      poses,
      notes: opts.notes,
      selfReport: opts.selfReport,
    });
    await this.drafts.discardDraft(draftId);
    return session;
  }

  /**
   * Edits what the user may change after recording: notes, time-of-day tag, protocol, self-report (null or an
   * empty report removes it).
   */
  async updateSession(
    id: string,
    patch: Partial<Pick<SessionRecord, 'notes' | 'timeOfDay' | 'protocol'>> & {
      selfReport?: SelfReport | null;
    },
  ): Promise<SessionRecord> {
    return this.write(['sessions'], 'saving the session', async (tx) => {
      const old = await tx.objectStore('sessions').get(id);
      if (!old) throw notFound('session', id);
      const { selfReport, ...rest } = patch;
      const next: SessionRecord = { ...old, ...definedOnly(rest), updatedAt: this.stamp() };
      if (selfReport !== undefined) {
        delete next.selfReport;
        Object.assign(next, selfReportField(selfReport ?? undefined));
      }
      assertValidRecord('sessionMeta', next);
      await tx.objectStore('sessions').put(next);
      return next;
    });
  }

  async getSession(id: string): Promise<SessionRecord> {
    const s = await this.read('reading the session', () => this.db.get('sessions', id));
    if (!s) throw notFound('session', id);
    return s;
  }

  async getPoses(sessionId: string): Promise<PosesFileV1> {
    const p = await this.read('reading the poses', () => this.db.get('poses', sessionId));
    if (!p) throw notFound('poses of session', sessionId);
    return p.poses;
  }

  /**
   * A profile's sessions, oldest first; with a period, only those started within it. Bounds are ISO strings
   * compared as text, so a bare date "2026-01-31" as `to` ends before that day: pass "2026-01-31T23:59:59.999Z".
   */
  async listSessions(
    profileId: string,
    period: { from?: string; to?: string } = {},
  ): Promise<SessionRecord[]> {
    const range = IDBKeyRange.bound([profileId, period.from ?? ''], [profileId, period.to ?? '\uffff']);
    return this.read('reading sessions', () =>
      this.db.getAllFromIndex('sessions', 'by-profile-started', range),
    );
  }

  /** Erases the session, its poses and video; a tombstone keeps an older backup from restoring it. */
  async deleteSession(id: string): Promise<void> {
    await this.write(['sessions', 'poses', 'videos', 'tombstones'], 'deleting the session', async (tx) => {
      if (!(await tx.objectStore('sessions').get(id))) throw notFound('session', id);
      await tx.objectStore('sessions').delete(id);
      await tx.objectStore('poses').delete(id);
      await tx.objectStore('videos').delete(id);
      await tx.objectStore('tombstones').put(tombstone('session', id, this.stamp()));
    });
  }

  // Videos: kept only with consent asked for this session.

  async saveVideo(sessionId: string, blob: Blob, consent: { consented: boolean }): Promise<void> {
    if (consent.consented !== true) {
      throw new GanglagStorageError(
        'no-consent',
        'The video is kept only after the person agrees, per session.',
      );
    }
    await this.write(['sessions', 'videos'], 'saving the video', async (tx) => {
      const s = await tx.objectStore('sessions').get(sessionId);
      if (!s) throw notFound('session', sessionId);
      const t = this.stamp();
      await tx.objectStore('videos').put({ sessionId, blob, mimeType: blob.type, consentedAt: t });
      await tx.objectStore('sessions').put({ ...s, videoConsent: true, updatedAt: t });
    });
  }

  async getVideo(sessionId: string): Promise<VideoRecord | undefined> {
    return this.read('reading the video', () => this.db.get('videos', sessionId));
  }

  /** Removes the clip and the consent flag with it. */
  async deleteVideo(sessionId: string): Promise<void> {
    await this.write(['sessions', 'videos'], 'deleting the video', async (tx) => {
      const s = await tx.objectStore('sessions').get(sessionId);
      if (!s) throw notFound('session', sessionId);
      await tx.objectStore('videos').delete(sessionId);
      await tx.objectStore('sessions').put({ ...s, videoConsent: false, updatedAt: this.stamp() });
    });
  }

  // Clinician events

  async addEvent(input: EventInput): Promise<ClinicianEvent> {
    const t = this.stamp();
    const event: ClinicianEvent = {
      id: this.newId(),
      profileId: input.profileId,
      date: input.date,
      label: input.label.trim(),
      createdAt: t,
      updatedAt: t,
    };
    assertValidRecord('event', event);
    await this.write(['profiles', 'events'], 'saving the event', async (tx) => {
      if (!(await tx.objectStore('profiles').get(event.profileId)))
        throw notFound('profile', event.profileId);
      await tx.objectStore('events').add(event);
    });
    return event;
  }

  async updateEvent(
    id: string,
    patch: Partial<Pick<ClinicianEvent, 'date' | 'label'>>,
  ): Promise<ClinicianEvent> {
    return this.write(['events'], 'saving the event', async (tx) => {
      const old = await tx.objectStore('events').get(id);
      if (!old) throw notFound('event', id);
      const next: ClinicianEvent = { ...old, ...definedOnly(patch), updatedAt: this.stamp() };
      assertValidRecord('event', next);
      await tx.objectStore('events').put(next);
      return next;
    });
  }

  async deleteEvent(id: string): Promise<void> {
    await this.write(['events', 'tombstones'], 'deleting the event', async (tx) => {
      if (!(await tx.objectStore('events').get(id))) throw notFound('event', id);
      await tx.objectStore('events').delete(id);
      await tx.objectStore('tombstones').put(tombstone('event', id, this.stamp()));
    });
  }

  /** A profile's events, earliest first. */
  async listEvents(profileId: string): Promise<ClinicianEvent[]> {
    const all = await this.read('reading events', () =>
      this.db.getAllFromIndex('events', 'by-profile', profileId),
    );
    return all.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  // Storage quota and persistence

  /** Asks the browser not to evict our data. True if granted, false if refused, null if unsupported. */
  async requestPersistence(): Promise<boolean | null> {
    if (!this.storage?.persist) return null;
    try {
      return await this.storage.persist();
    } catch {
      return null;
    }
  }

  async storageInfo(): Promise<StorageInfo> {
    const s = this.storage;
    if (!s) return { usageBytes: null, quotaBytes: null, persisted: null };
    const [estimate, persisted] = await Promise.all([
      s.estimate ? s.estimate().catch(() => null) : null,
      s.persisted ? s.persisted().catch(() => null) : null,
    ]);
    return { usageBytes: estimate?.usage ?? null, quotaBytes: estimate?.quota ?? null, persisted };
  }

  // Backup and import

  /** Everything except videos, as one object (ganglag.backup/v1 shape); for tests and small databases. */
  async exportBackup(): Promise<BackupV1> {
    return this.read('exporting the backup', async () => {
      const tx = this.db.transaction(['profiles', 'sessions', 'poses', 'events'], 'readonly');
      const [profiles, sessions, poses, events] = await Promise.all([
        tx.objectStore('profiles').getAll(),
        tx.objectStore('sessions').getAll(),
        tx.objectStore('poses').getAll(),
        tx.objectStore('events').getAll(),
      ]);
      await tx.done;
      const posesBySession = new Map(poses.map((p) => [p.sessionId, p.poses]));
      const withPoses: SessionWithPoses[] = sessions.map((s) => {
        const p = posesBySession.get(s.id);
        if (!p) throw new GanglagStorageError('unknown', `Session ${s.id} has no stored poses.`);
        return { ...s, poses: p };
      });
      return {
        format: BACKUP_FORMAT,
        exportedAt: this.stamp(),
        schemaVersion: DB_VERSION,
        profiles,
        sessions: withPoses,
        events,
      };
    });
  }

  /**
   * The ganglag.backup/v2 lines (NDJSON with a SHA-256 per record), one session read at a time, so memory holds
   * one session whatever the size of the database. Videos are never in backups.
   */
  async *exportBackupLines(opts: BackupStreamOptions = {}): AsyncGenerator<string> {
    const keys = await this.read('exporting the backup', async () => {
      const tx = this.db.transaction(
        ['profiles', 'sessions', 'events', 'cameraSetups', 'tombstones'],
        'readonly',
      );
      const out = {
        profiles: await tx.objectStore('profiles').getAll(),
        sessions: await tx.objectStore('sessions').getAllKeys(),
        events: await tx.objectStore('events').getAll(),
        cameraSetups: await tx.objectStore('cameraSetups').getAll(),
        tombstones: await tx.objectStore('tombstones').getAll(),
      };
      await tx.done;
      return out;
    });
    const counts: BackupCounts = {
      profiles: keys.profiles.length,
      sessions: keys.sessions.length,
      events: keys.events.length,
      cameraSetups: keys.cameraSetups.length,
      tombstones: keys.tombstones.length,
    };
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    let done = 0;
    const tick = () => opts.onProgress?.({ done: ++done, total });
    yield headerLine({ exportedAt: this.stamp(), schemaVersion: DB_VERSION, counts });
    for (const p of keys.profiles) {
      yield await recordLine('profile', p);
      tick();
    }
    for (const id of keys.sessions) {
      const [s, p] = await this.read('exporting the backup', async () => {
        const tx = this.db.transaction(['sessions', 'poses'], 'readonly');
        return Promise.all([tx.objectStore('sessions').get(id), tx.objectStore('poses').get(id)]);
      });
      // Deleted while exporting: leave it out, and say so by the count in the end line.
      if (!s || !p)
        throw new GanglagStorageError('unknown', 'A session was deleted during the export; export again.');
      yield await recordLine('session', { ...s, poses: p.poses });
      tick();
    }
    for (const e of keys.events) {
      yield await recordLine('event', e);
      tick();
    }
    for (const c of keys.cameraSetups) {
      yield await recordLine('cameraSetup', c);
      tick();
    }
    for (const t of keys.tombstones) {
      yield await recordLine('tombstone', t);
      tick();
    }
    yield endLine(counts);
  }

  /** The whole backup as a Blob built from one small Blob per line (browsers keep large Blobs off the JS heap). */
  async exportBackupBlob(opts: BackupStreamOptions = {}): Promise<Blob> {
    const parts: Blob[] = [];
    for await (const line of this.exportBackupLines(opts)) parts.push(new Blob([line]));
    return new Blob(parts, { type: 'application/x-ndjson' });
  }

  /**
   * Reads the whole file and says what importing it would do, per profile and record, writing nothing.
   * Throws GanglagStorageError('invalid-backup') for any problem in the file.
   */
  async previewImport(file: Blob, opts: BackupStreamOptions = {}): Promise<ImportPlan> {
    const entries: PlanEntry[] = [];
    const pseudonyms = new Map<string, string>();
    const ctx = newContext(pseudonyms);
    const now = this.now();
    const it = readBackup(file, opts);
    let r = await it.next();
    while (!r.done) {
      const item = r.value;
      const entry = await this.read('reading the backup', async () => {
        const tx = this.db.transaction([...MERGE_STORES], 'readonly');
        return this.mergeItem(tx, item, now, false, ctx);
      });
      if (entry) entries.push(entry);
      r = await it.next();
    }
    return summarizePlan(r.value.format, r.value.exportedAt, entries, pseudonyms);
  }

  /**
   * Imports a backup file (v2 stream or v1 single file). The whole file is validated before anything is written
   * (pass `previewed` with a plan from previewImport of the same Blob to skip that pass). A v1 file is merged in
   * one transaction; a v2 file one record per transaction, so a failure midway (storage full) keeps what landed,
   * and importing again completes it: merging is idempotent.
   */
  async importBackupFile(
    file: Blob,
    opts: BackupStreamOptions & { previewed?: ImportPlan } = {},
  ): Promise<ImportReport> {
    const report: ImportReport = {
      profiles: emptyCounts(),
      sessions: emptyCounts(),
      events: emptyCounts(),
      cameraSetups: emptyCounts(),
    };
    const ctx = newContext(new Map());
    const now = this.now();
    if (!(await isStreamBackup(file))) {
      const items: BackupItem[] = [];
      for await (const item of readBackup(file, { limits: opts.limits })) items.push(item);
      await this.write([...MERGE_STORES], 'importing the backup', async (tx) => {
        for (const item of items) {
          const e = await this.mergeItem(tx, item, now, true, ctx);
          if (e) tally(report, e);
        }
      });
      opts.onProgress?.({ done: items.length, total: items.length });
      return report;
    }
    if (!opts.previewed) await this.previewImport(file, { limits: opts.limits });
    for await (const item of readBackup(file, opts)) {
      const e = await this.write([...MERGE_STORES], 'importing the backup', (tx) =>
        this.mergeItem(tx, item, now, true, ctx),
      );
      if (e) tally(report, e);
    }
    return report;
  }

  /** Imports backup text (either format); see importBackupFile. */
  async importBackup(text: string, limits: BackupLimits = DEFAULT_BACKUP_LIMITS): Promise<ImportReport> {
    return this.importBackupFile(new Blob([text]), { limits });
  }

  /**
   * Decides one record against what is here (merge.ts decideRecord) and, when `write`, applies it. Returns the
   * plan entry, or null for a tombstone of something this device never had.
   */
  private async mergeItem(
    tx: MergeTx,
    item: BackupItem,
    now: Date,
    write: boolean,
    ctx: MergeContext,
  ): Promise<PlanEntry | null> {
    const rw = tx as IDBPTransaction<GanglagSchema, (typeof MERGE_STORES)[number][], 'readwrite'>;
    const tombs = tx.objectStore('tombstones');
    const erasedProfile = async (pid: string) => (await tombs.getKey(`profile:${pid}`)) !== undefined;
    if (item.kind === 'tombstone') {
      const t = item.record;
      if ((await tombs.getKey(t.key)) !== undefined) return null;
      const local =
        t.kind === 'profile'
          ? await tx.objectStore('profiles').get(t.id)
          : t.kind === 'session'
            ? await tx.objectStore('sessions').get(t.id)
            : t.kind === 'event'
              ? await tx.objectStore('events').get(t.id)
              : await tx.objectStore('cameraSetups').get(t.id);
      if (write) {
        if (t.kind === 'profile') await eraseProfile(rw, t.id, t.deletedAt);
        else {
          if (t.kind === 'session') {
            await rw.objectStore('sessions').delete(t.id);
            await rw.objectStore('poses').delete(t.id);
            await rw.objectStore('videos').delete(t.id);
          } else if (t.kind === 'event') await rw.objectStore('events').delete(t.id);
          else await rw.objectStore('cameraSetups').delete(t.id);
          await rw.objectStore('tombstones').put(t);
        }
      }
      if (!local) return null;
      const profileId = 'profileId' in local ? local.profileId : 'pseudonym' in local ? local.id : '';
      if ('pseudonym' in local && !ctx.pseudonyms.has(local.id))
        ctx.pseudonyms.set(local.id, local.pseudonym);
      return { kind: t.kind, id: t.id, profileId, label: labelOf(local), action: 'erase', clamped: false };
    }
    if (item.kind === 'profile') {
      const p = item.record;
      ctx.fileProfiles.add(p.id);
      ctx.pseudonyms.set(p.id, p.pseudonym);
      const local = await tx.objectStore('profiles').get(p.id);
      const d = decideRecord(
        { kind: 'profile', id: p.id, profileId: p.id, updatedAt: p.updatedAt, createdAt: p.createdAt },
        local && {
          profileId: local.id,
          updatedAt: local.updatedAt,
          sameContent: content(local) === content(p),
        },
        await erasedProfile(p.id),
        now,
      );
      if (write && (d.action === 'add' || d.action === 'update')) {
        await rw.objectStore('profiles').put({ ...p, createdAt: d.createdAt, updatedAt: d.updatedAt });
      }
      return {
        kind: 'profile',
        id: p.id,
        profileId: p.id,
        label: p.pseudonym,
        action: d.action,
        reason: d.reason,
        clamped: d.clamped,
      };
    }
    if (item.kind === 'cameraSetup') {
      const c = item.record;
      const local = await tx.objectStore('cameraSetups').get(c.id);
      const d = decideRecord(
        { kind: 'cameraSetup', id: c.id, profileId: '', updatedAt: c.updatedAt, createdAt: c.createdAt },
        local && { profileId: '', updatedAt: local.updatedAt, sameContent: content(local) === content(c) },
        (await tombs.getKey(`cameraSetup:${c.id}`)) !== undefined,
        now,
      );
      if (write && (d.action === 'add' || d.action === 'update')) {
        await rw.objectStore('cameraSetups').put({ ...c, createdAt: d.createdAt, updatedAt: d.updatedAt });
      }
      return {
        kind: 'cameraSetup',
        id: c.id,
        profileId: '',
        label: c.name,
        action: d.action,
        reason: d.reason,
        clamped: d.clamped,
      };
    }
    const rec = item.record;
    const store = item.kind === 'session' ? 'sessions' : 'events';
    const field = `${store}[${ctx.index[item.kind]++}].profileId`;
    if (!ctx.fileProfiles.has(rec.profileId) && !ctx.pseudonyms.has(rec.profileId)) {
      const localProfile = await tx.objectStore('profiles').get(rec.profileId);
      if (localProfile) ctx.pseudonyms.set(localProfile.id, localProfile.pseudonym);
      else if (!(await erasedProfile(rec.profileId))) throw danglingRef(field, rec.profileId);
    }
    const erased =
      (await tombs.getKey(`${item.kind}:${rec.id}`)) !== undefined || (await erasedProfile(rec.profileId));
    let local: { profileId: string; updatedAt: string } | undefined;
    let same: boolean;
    if (item.kind === 'session') {
      const { poses: _p, ...meta } = item.record;
      const l = await tx.objectStore('sessions').get(rec.id);
      local = l;
      same = l !== undefined && content(l) === content(meta);
    } else {
      const l = await tx.objectStore('events').get(rec.id);
      local = l;
      same = l !== undefined && content(l) === content(item.record);
    }
    const d = decideRecord(
      {
        kind: item.kind,
        id: rec.id,
        profileId: rec.profileId,
        updatedAt: rec.updatedAt,
        createdAt: rec.createdAt,
      },
      local && { profileId: local.profileId, updatedAt: local.updatedAt, sameContent: same },
      erased,
      now,
    );
    if (write && (d.action === 'add' || d.action === 'update')) {
      const dates = { createdAt: d.createdAt, updatedAt: d.updatedAt };
      if (item.kind === 'session') {
        const { poses, ...s } = item.record;
        // A clip kept on this device stays, and so does the consent that allowed it.
        const hasVideo = (await rw.objectStore('videos').getKey(s.id)) !== undefined;
        await rw.objectStore('sessions').put({ ...s, ...dates, videoConsent: s.videoConsent || hasVideo });
        await rw.objectStore('poses').put({ sessionId: s.id, poses });
      } else {
        await rw.objectStore('events').put({ ...item.record, ...dates });
      }
    }
    return {
      kind: item.kind,
      id: rec.id,
      profileId: rec.profileId,
      label: labelOf(item.kind === 'session' ? item.record : item.record),
      at: item.kind === 'session' ? item.record.startedAt : item.record.date,
      action: d.action,
      reason: d.reason,
      clamped: d.clamped,
    };
  }
}

const tombstone = (kind: Tombstone['kind'], id: string, deletedAt: string): Tombstone => ({
  key: `${kind}:${id}`,
  kind,
  id,
  deletedAt,
});

/** Deletes a profile with everything that belongs to it, leaving tombstones. Runs inside the caller's tx. */
async function eraseProfile(
  tx: IDBPTransaction<GanglagSchema, (typeof MERGE_STORES)[number][], 'readwrite'>,
  id: string,
  deletedAt: string,
): Promise<void> {
  const tombs = tx.objectStore('tombstones');
  for (const sid of await tx.objectStore('sessions').index('by-profile').getAllKeys(id)) {
    await tx.objectStore('sessions').delete(sid);
    await tx.objectStore('poses').delete(sid);
    await tx.objectStore('videos').delete(sid);
    await tombs.put(tombstone('session', sid, deletedAt));
  }
  for (const eid of await tx.objectStore('events').index('by-profile').getAllKeys(id)) {
    await tx.objectStore('events').delete(eid);
    await tombs.put(tombstone('event', eid, deletedAt));
  }
  await tx.objectStore('profiles').delete(id);
  await tombs.put(tombstone('profile', id, deletedAt));
}

/** What the user recognises a record by, in the import preview. */
function labelOf(r: Profile | SessionRecord | ClinicianEvent | CameraSetupV1): string {
  if ('pseudonym' in r) return r.pseudonym;
  if ('ref' in r) return r.name;
  if ('label' in r) return r.label;
  return `${r.kind} · ${r.protocol}`;
}

function notFound(what: string, id: string): GanglagStorageError {
  return new GanglagStorageError('not-found', `No ${what} with id ${id}.`);
}

function danglingRef(field: string, id: string): GanglagStorageError {
  return new GanglagStorageError(
    'invalid-backup',
    `Backup rejected: ${field}: refers to profile "${id}", which is neither in the file nor on this device`,
    { field },
  );
}

/** The session's selfReport field: absent when there is no report or every answer was skipped. */
/** The session's pose model, where its poses name one Ganglag knows. */
function modelField(model: string | undefined): { model?: ModelId } {
  return isModelId(model) ? { model } : {};
}

function selfReportField(r: SelfReport | undefined): { selfReport?: SelfReport } {
  if (!r) return {};
  const answered = definedOnly(r);
  if (typeof answered.note === 'string' && answered.note.trim() === '') delete answered.note;
  return Object.keys(answered).length > 0 ? { selfReport: answered } : {};
}

/** Drops undefined values so a patch never erases a field by accident. */
function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, val]) => val !== undefined)) as Partial<T>;
}
