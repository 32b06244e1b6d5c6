// IndexedDB schema and its migration ladder. Each step upgrades from the version before it; never edit a released step.
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { AnalysisV1 } from '../shared/analysis-format';
import { isModelId } from '../shared/models';
import type { PosesFileV1 } from '../shared/poses-format';
import { timeOfDayOf } from './time-of-day';
import { migrateStoredAnalysis } from '../shared/messages';
import type { PoseFrameV1 } from '../shared/poses-format';
import type {
  CameraSetupV1,
  ClinicianEvent,
  DraftRecord,
  Profile,
  SessionRecord,
  Tombstone,
  VideoRecord,
} from './types';

export const DB_NAME = 'ganglag';
export const DB_VERSION = 5;

/** Current schema (v4). */
export interface GanglagSchema extends DBSchema {
  profiles: { key: string; value: Profile };
  sessions: {
    key: string;
    value: SessionRecord;
    indexes: { 'by-profile': string; 'by-profile-started': [string, string] };
  };
  /** Condensed pose series, apart from sessions so that listing sessions stays cheap. */
  poses: { key: string; value: { sessionId: string; poses: PosesFileV1 } };
  videos: { key: string; value: VideoRecord };
  events: { key: string; value: ClinicianEvent; indexes: { 'by-profile': string } };
  /** v3: erased records, keyed `${kind}:${id}`. */
  tombstones: { key: string; value: Tombstone };
  /** v3: unsaved recordings and analysed files. */
  drafts: { key: string; value: DraftRecord };
  /** v3: a draft's frames, appended in chunks while recording. */
  draftChunks: { key: [string, number]; value: { draftId: string; seq: number; frames: PoseFrameV1[] } };
  /** v4: named camera placements with their floor reference. */
  cameraSetups: { key: string; value: CameraSetupV1 };
}

/** v2 as released, for the fixture writer. */
export interface GanglagSchemaV2 extends DBSchema {
  profiles: { key: string; value: Profile };
  sessions: {
    key: string;
    value: SessionRecord;
    indexes: { 'by-profile': string; 'by-profile-started': [string, string] };
  };
  poses: { key: string; value: { sessionId: string; poses: PosesFileV1 } };
  videos: { key: string; value: VideoRecord };
  events: { key: string; value: ClinicianEvent; indexes: { 'by-profile': string } };
}

/** v1 records, kept so migrations and the fixture writer can be typed. */
export interface ProfileV1 {
  id: string;
  pseudonym: string;
  birthYear: number | null;
  sex: Profile['sex'];
  heightM: number | null;
  notes: string;
  createdAt: string;
}
export interface SessionV1 {
  id: string;
  profileId: string;
  startedAt: string;
  kind: SessionRecord['kind'];
  protocol: string;
  analysis: AnalysisV1;
  /** v1 kept poses inline; v2 moves them to the poses store. */
  poses: PosesFileV1;
  notes: string;
  createdAt: string;
}
export interface GanglagSchemaV1 extends DBSchema {
  profiles: { key: string; value: ProfileV1 };
  sessions: { key: string; value: SessionV1; indexes: { 'by-profile': string } };
}

// The upgrade callback sees whichever stores exist; typing it loosely here keeps each step honest about its version.
type AnyDb = IDBPDatabase<unknown>;
type AnyTx = IDBPTransaction<unknown, string[], 'versionchange'>;

/** Steps of the ladder; steps[n - 1] upgrades a database at version n - 1 to version n. */
const steps: ((db: AnyDb, tx: AnyTx) => Promise<void> | void)[] = [
  // v1: profiles and sessions with inline poses.
  (db) => {
    db.createObjectStore('profiles', { keyPath: 'id' });
    const sessions = db.createObjectStore('sessions', { keyPath: 'id' });
    sessions.createIndex('by-profile', 'profileId');
  },
  // v2: clinician events, time-of-day tags, updatedAt on every record, poses and videos in their own stores.
  async (db, tx) => {
    db.createObjectStore('poses', { keyPath: 'sessionId' });
    db.createObjectStore('videos', { keyPath: 'sessionId' });
    const events = db.createObjectStore('events', { keyPath: 'id' });
    events.createIndex('by-profile', 'profileId');
    const sessions = tx.objectStore('sessions');
    sessions.createIndex('by-profile-started', ['profileId', 'startedAt']);
    const poses = tx.objectStore('poses');
    for (let c = await sessions.openCursor(); c; c = await c.continue()) {
      const { poses: inline, ...old } = c.value as SessionV1;
      const next: SessionRecord = {
        ...old,
        timeOfDay: timeOfDayOf(new Date(old.startedAt)),
        videoConsent: false,
        updatedAt: old.createdAt,
      };
      await poses.put({ sessionId: old.id, poses: inline });
      await c.update(next);
    }
    const profiles = tx.objectStore('profiles');
    for (let c = await profiles.openCursor(); c; c = await c.continue()) {
      const old = c.value as ProfileV1;
      await c.update({ ...old, updatedAt: old.createdAt } satisfies Profile);
    }
  },
  // v3: tombstones for erased records; drafts of unsaved recordings with their frames in chunks; analysis
  // warnings and indicator references gain their typed codes (derived from the stored English texts).
  async (db, tx) => {
    db.createObjectStore('tombstones', { keyPath: 'key' });
    db.createObjectStore('drafts', { keyPath: 'id' });
    db.createObjectStore('draftChunks', { keyPath: ['draftId', 'seq'] });
    const sessions = tx.objectStore('sessions');
    for (let c = await sessions.openCursor(); c; c = await c.continue()) {
      const old = c.value as SessionRecord;
      await c.update({ ...old, analysis: migrateStoredAnalysis(old.analysis) } satisfies SessionRecord);
    }
  },
  // v4: camera setups (floor references). Sessions gain optional fields only (selfReport, clinicalTest), so
  // stored sessions stay valid as they are.
  (db) => {
    db.createObjectStore('cameraSetups', { keyPath: 'id' });
  },
  // v5: sessions name their pose model (SessionRecord.model), filled here from their poses' source so that
  // summaries compare stored sessions of one model only; a session whose poses name none stays without.
  async (_db, tx) => {
    const sessions = tx.objectStore('sessions');
    const poses = tx.objectStore('poses');
    for (let c = await sessions.openCursor(); c; c = await c.continue()) {
      const old = c.value as SessionRecord;
      const stored = (await poses.get(old.id)) as { poses?: PosesFileV1 } | undefined;
      const model = stored?.poses?.source?.model;
      if (old.model === undefined && isModelId(model))
        await c.update({ ...old, model } satisfies SessionRecord);
    }
  },
];

/** Runs the ladder from oldVersion up to target (default DB_VERSION) inside the versionchange transaction. */
export async function migrate(db: AnyDb, tx: AnyTx, oldVersion: number, target = DB_VERSION): Promise<void> {
  for (let v = oldVersion + 1; v <= target; v++) await steps[v - 1](db, tx);
}

export const ALL_STORES: StoreNames<GanglagSchema>[] = [
  'profiles',
  'sessions',
  'poses',
  'videos',
  'events',
  'tombstones',
  'drafts',
  'draftChunks',
  'cameraSetups',
];
