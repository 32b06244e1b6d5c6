// The app's IndexedDB: profiles, sessions with condensed poses, consented videos, clinician events, backup/import.
// Every write is one transaction: it either all lands or, on any error (quota included), nothing changes.
import { wrap, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { validatePoses, type PosesFileV1 } from '../shared/poses-format';
import {
  assertValidRecord,
  BACKUP_FORMAT,
  neutralizeMarkup,
  DEFAULT_BACKUP_LIMITS,
  parseBackup,
  type BackupLimits,
  type BackupV1,
} from './backup';
import { condensePoses } from './condense';
import { GanglagStorageError, isQuotaError, toStorageError } from './errors';
import { DB_NAME, DB_VERSION, migrate, type GanglagSchema } from './schema';
import { timeOfDayOf } from './time-of-day';
import type {
  ClinicianEvent,
  Clock,
  EventInput,
  Profile,
  ProfileInput,
  SessionInput,
  SessionRecord,
  SessionWithPoses,
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
  /** Records whose local copy was as new or newer and different; the local copy was kept. */
  keptLocal: number;
}

export interface ImportReport {
  profiles: MergeCounts;
  sessions: MergeCounts;
  events: MergeCounts;
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

const emptyCounts = (): MergeCounts => ({ added: 0, updated: 0, unchanged: 0, keptLocal: 0 });

/** JSON with sorted keys, so records read back from IndexedDB compare equal to parsed ones. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : val,
  );
}

type Decision = 'add' | 'update' | 'unchanged' | 'keep-local';
function decide(
  local: { updatedAt: string } | undefined,
  incoming: { updatedAt: string },
  same: boolean,
): Decision {
  if (!local) return 'add';
  if (same) return 'unchanged';
  return Date.parse(incoming.updatedAt) > Date.parse(local.updatedAt) ? 'update' : 'keep-local';
}
function count(c: MergeCounts, d: Decision): void {
  if (d === 'add') c.added++;
  else if (d === 'update') c.updated++;
  else if (d === 'unchanged') c.unchanged++;
  else c.keptLocal++;
}

export class GanglagDb {
  constructor(
    private readonly db: Db,
    private readonly now: Clock,
    private readonly newId: () => string,
    private readonly storage: StorageLike | null,
  ) {}

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

  /** Deletes the profile with all its sessions, poses, videos and events. */
  async deleteProfile(id: string): Promise<void> {
    await this.write(
      ['profiles', 'sessions', 'poses', 'videos', 'events'],
      'deleting the profile',
      async (tx) => {
        if (!(await tx.objectStore('profiles').get(id))) throw notFound('profile', id);
        const sessionIds = await tx.objectStore('sessions').index('by-profile').getAllKeys(id);
        for (const sid of sessionIds) {
          await tx.objectStore('sessions').delete(sid);
          await tx.objectStore('poses').delete(sid);
          await tx.objectStore('videos').delete(sid);
        }
        for (const eid of await tx.objectStore('events').index('by-profile').getAllKeys(id)) {
          await tx.objectStore('events').delete(eid);
        }
        await tx.objectStore('profiles').delete(id);
      },
    );
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
    const poses = condensePoses(valid.source ? { ...valid, source: neutralizeMarkup(valid.source) } : valid);
    const session: SessionRecord = {
      id: this.newId(),
      profileId: input.profileId,
      startedAt: startedAt.toISOString(),
      kind: input.kind,
      protocol: input.protocol,
      timeOfDay: input.timeOfDay ?? timeOfDayOf(startedAt),
      analysis: neutralizeMarkup(input.analysis),
      notes: input.notes ?? '',
      videoConsent: false,
      createdAt: t,
      updatedAt: t,
    };
    assertValidRecord('session', { ...session, poses });
    await this.write(['profiles', 'sessions', 'poses'], 'saving the session', async (tx) => {
      if (!(await tx.objectStore('profiles').get(session.profileId)))
        throw notFound('profile', session.profileId);
      await tx.objectStore('sessions').add(session);
      await tx.objectStore('poses').put({ sessionId: session.id, poses });
    });
    return session;
  }

  /** Edits what the user may change after recording: notes, time-of-day tag, protocol. */
  async updateSession(
    id: string,
    patch: Partial<Pick<SessionRecord, 'notes' | 'timeOfDay' | 'protocol'>>,
  ): Promise<SessionRecord> {
    return this.write(['sessions', 'poses'], 'saving the session', async (tx) => {
      const old = await tx.objectStore('sessions').get(id);
      if (!old) throw notFound('session', id);
      const next: SessionRecord = { ...old, ...definedOnly(patch), updatedAt: this.stamp() };
      const poses = (await tx.objectStore('poses').get(id))?.poses;
      assertValidRecord('session', { ...next, poses: poses ?? {} });
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

  async deleteSession(id: string): Promise<void> {
    await this.write(['sessions', 'poses', 'videos'], 'deleting the session', async (tx) => {
      if (!(await tx.objectStore('sessions').get(id))) throw notFound('session', id);
      await tx.objectStore('sessions').delete(id);
      await tx.objectStore('poses').delete(id);
      await tx.objectStore('videos').delete(id);
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
    await this.write(['events'], 'deleting the event', (tx) => tx.objectStore('events').delete(id));
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

  /** Everything except videos, in one consistent snapshot. */
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
   * Validates the whole file first, then merges it in one transaction: new ids are added, identical records
   * skipped, and a record present on both sides is replaced only when the file's updatedAt is newer.
   * Any problem rejects the import with nothing changed.
   */
  async importBackup(text: string, limits: BackupLimits = DEFAULT_BACKUP_LIMITS): Promise<ImportReport> {
    const backup = parseBackup(text, limits);
    const report: ImportReport = { profiles: emptyCounts(), sessions: emptyCounts(), events: emptyCounts() };
    await this.write(
      ['profiles', 'sessions', 'poses', 'videos', 'events'],
      'importing the backup',
      async (tx) => {
        const profiles = tx.objectStore('profiles');
        const sessions = tx.objectStore('sessions');
        const poses = tx.objectStore('poses');
        const events = tx.objectStore('events');
        const knownProfiles = new Set(backup.profiles.map((p) => p.id));
        for (const id of await profiles.getAllKeys()) knownProfiles.add(id);
        backup.sessions.forEach((s, i) => {
          if (!knownProfiles.has(s.profileId)) throw danglingRef(`sessions[${i}].profileId`, s.profileId);
        });
        backup.events.forEach((e, i) => {
          if (!knownProfiles.has(e.profileId)) throw danglingRef(`events[${i}].profileId`, e.profileId);
        });

        for (const p of backup.profiles) {
          const local = await profiles.get(p.id);
          const d = decide(local, p, local !== undefined && stableJson(local) === stableJson(p));
          count(report.profiles, d);
          if (d === 'add' || d === 'update') await profiles.put(p);
        }
        for (const { poses: p, ...s } of backup.sessions) {
          const local = await sessions.get(s.id);
          const localPoses = local ? (await poses.get(s.id))?.poses : undefined;
          const same = local !== undefined && stableJson([local, localPoses]) === stableJson([s, p]);
          const d = decide(local, s, same);
          count(report.sessions, d);
          if (d === 'add' || d === 'update') {
            // A clip kept on this device stays, and so does the consent that allowed it.
            const hasVideo = (await tx.objectStore('videos').getKey(s.id)) !== undefined;
            await sessions.put({ ...s, videoConsent: s.videoConsent || hasVideo });
            await poses.put({ sessionId: s.id, poses: p });
          }
        }
        for (const e of backup.events) {
          const local = await events.get(e.id);
          const d = decide(local, e, local !== undefined && stableJson(local) === stableJson(e));
          count(report.events, d);
          if (d === 'add' || d === 'update') await events.put(e);
        }
      },
    );
    return report;
  }
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

/** Drops undefined values so a patch never erases a field by accident. */
function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, val]) => val !== undefined)) as Partial<T>;
}
