import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { openGanglagDb } from '../../src/storage/db';
import { GanglagStorageError } from '../../src/storage/errors';
import { DB_VERSION, migrate } from '../../src/storage/schema';
import { V1_PROFILE, V1_SESSIONS, writeV1Database } from '../fixtures/sessions-v1-writer';
import { V2_EVENT, V2_POSES, V2_PROFILE, V2_SESSION, writeV2Database } from '../fixtures/sessions-v2-writer';
import { buildMetricsCsv, CSV_COLUMNS } from '../../src/report/csv';
import type { SelfReport } from '../../src/storage/types';

describe('schema migrations', () => {
  it('is at version 5', () => {
    expect(DB_VERSION).toBe(5);
  });

  it('opens data written by schema v1: poses moved out, time of day and updatedAt filled, events usable', async () => {
    const factory = new IDBFactory();
    await writeV1Database(factory, 'old');
    const db = await openGanglagDb({
      idbFactory: factory,
      name: 'old',
      storage: null,
      newId: () => 'new-id',
    });
    const profile = await db.getProfile(V1_PROFILE.id);
    expect(profile).toEqual({ ...V1_PROFILE, updatedAt: V1_PROFILE.createdAt });
    const sessions = await db.listSessions(V1_PROFILE.id);
    expect(sessions.map((s) => s.id)).toEqual(['v1-s1', 'v1-s2']);
    expect(sessions.map((s) => s.timeOfDay)).toEqual(['morning', 'evening']);
    for (const [i, s] of sessions.entries()) {
      expect('poses' in s).toBe(false);
      expect(s.videoConsent).toBe(false);
      expect(s.updatedAt).toBe(V1_SESSIONS[i].createdAt);
      expect(s.analysis.gait?.speedMps).toBe(V1_SESSIONS[i].analysis.gait?.speedMps);
      expect(await db.getPoses(s.id)).toEqual(V1_SESSIONS[i].poses);
    }
    const ev = await db.addEvent({ profileId: V1_PROFILE.id, date: '2025-11-05', label: 'Started physio' });
    expect(await db.listEvents(V1_PROFILE.id)).toEqual([ev]);
    // The migrated data exports as a valid backup.
    const backup = await db.exportBackup();
    expect(backup.sessions).toHaveLength(2);
    db.close();
  });

  it('opens data written by schema v2 unchanged, with tombstones and drafts working', async () => {
    const factory = new IDBFactory();
    await writeV2Database(factory, 'v2');
    const db = await openGanglagDb({ idbFactory: factory, name: 'v2', storage: null });
    expect(await db.getProfile(V2_PROFILE.id)).toEqual(V2_PROFILE);
    const [migrated] = await db.listSessions(V2_PROFILE.id);
    // Everything kept as it was; the analysis gains typed warning codes derived from its English texts.
    expect({ ...migrated, analysis: V2_SESSION.analysis }).toEqual(V2_SESSION);
    expect(migrated?.analysis.quality.warnings).toEqual(V2_SESSION.analysis.quality.warnings);
    expect(migrated?.analysis.quality.warningCodes).toHaveLength(V2_SESSION.analysis.quality.warnings.length);
    expect(await db.getPoses(V2_SESSION.id)).toEqual(V2_POSES);
    expect((await db.getVideo(V2_SESSION.id))?.mimeType).toBe('video/webm');
    expect(await db.listEvents(V2_PROFILE.id)).toEqual([V2_EVENT]);
    expect(await db.drafts.listDrafts()).toEqual([]);
    await db.deleteEvent(V2_EVENT.id);
    const lines = (await (await db.exportBackupBlob()).text()).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('{"kind":"tombstone"'))).toHaveLength(1);
    db.close();
  });

  it('opens v1 data through v2 and v3 in one go, with the new stores usable', async () => {
    const factory = new IDBFactory();
    await writeV1Database(factory, 'v1to3');
    const db = await openGanglagDb({ idbFactory: factory, name: 'v1to3', storage: null });
    await db.deleteSession(V1_SESSIONS[0].id);
    const d = await db.drafts.saveDraft({
      origin: 'file',
      kind: 'gait',
      protocol: '4m-walk',
      header: {
        format: 'ganglag.poses/v1',
        skeleton: 'coco17',
        fps: 30,
        width: 640,
        height: 480,
        subject: {},
      },
    });
    expect((await db.drafts.listDrafts()).map((x) => x.id)).toEqual([d.id]);
    expect((await db.listSessions(V1_PROFILE.id)).map((s) => s.id)).toEqual([V1_SESSIONS[1].id]);
    db.close();
  });

  it('opens data written by schema v3 (from v2 through the v3 step), adding an empty camera setups store', async () => {
    // idb's openDB uses the global factory, so the whole test does.
    const factory = globalThis.indexedDB;
    await writeV2Database(factory, 'v3');
    // Bring it to v3 exactly as the v3 app did, and leave a v3-only record (a tombstone) in it.
    const v3 = await openDB('v3', 3, {
      upgrade: (db, old, _new, tx) => migrate(db as never, tx as never, old, 3),
    });
    expect([...v3.objectStoreNames]).not.toContain('cameraSetups');
    await v3.put('tombstones', {
      key: 'event:gone',
      kind: 'event',
      id: 'gone',
      deletedAt: '2026-01-01T00:00:00.000Z',
    });
    v3.close();
    const db = await openGanglagDb({ idbFactory: factory, name: 'v3', storage: null, newId: () => 'cam-a' });
    expect(await db.getProfile(V2_PROFILE.id)).toEqual(V2_PROFILE);
    const [s] = await db.listSessions(V2_PROFILE.id);
    expect(s.id).toBe(V2_SESSION.id);
    // Sessions gain the optional self-report in v4; stored ones stay as they were.
    expect('selfReport' in s).toBe(false);
    expect(await db.cameraSetups.list()).toEqual([]);
    const c = await db.cameraSetups.put({
      name: 'Room 2',
      ref: { x1: 10, y1: 300, x2: 450, y2: 300, metres: 4 },
      frameWidthPx: 640,
      frameHeightPx: 480,
    });
    expect(await db.cameraSetups.get('cam-a')).toEqual(c);
    const lines = (await (await db.exportBackupBlob()).text()).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('{"kind":"tombstone"'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('{"kind":"cameraSetup"'))).toHaveLength(1);
    db.close();
  });

  it('opens data written by schema v4, giving each session the pose model its poses name (v5)', async () => {
    const factory = globalThis.indexedDB;
    await writeV2Database(factory, 'v4');
    const v4 = await openDB('v4', 4, {
      upgrade: (db, old, _new, tx) => migrate(db as never, tx as never, old, 4),
    });
    // The v2 session's poses as the app saves them (source named), and a second session whose poses name a
    // model Ganglag does not have.
    await v4.put('poses', {
      sessionId: V2_SESSION.id,
      poses: { ...V2_POSES, source: { model: 'blazepose-full', backend: 'wasm' } },
    });
    const other = { ...V2_SESSION, id: 'odd', startedAt: '2026-02-01T08:00:00.000Z' };
    await v4.put('sessions', other);
    await v4.put('poses', { sessionId: 'odd', poses: { ...V2_POSES, source: { model: 'synthetic' } } });
    v4.close();
    const db = await openGanglagDb({ idbFactory: factory, name: 'v4', storage: null });
    expect((await db.getSession(V2_SESSION.id)).model).toBe('blazepose-full');
    expect('model' in (await db.getSession('odd'))).toBe(false);
    // Nothing else changed (v3 rewrote the analysis' warnings to codes), and it exports and imports again.
    const { model: _model, ...rest } = await db.getSession(V2_SESSION.id);
    expect({ ...rest, analysis: V2_SESSION.analysis }).toEqual(V2_SESSION);
    const backup = JSON.stringify(await db.exportBackup());
    db.close();
    const fresh = await openGanglagDb({ idbFactory: new IDBFactory(), name: 'v4b', storage: null });
    await fresh.importBackup(backup);
    expect((await fresh.getSession(V2_SESSION.id)).model).toBe('blazepose-full');
    fresh.close();
  });

  it('opens v1 data through every step to the current version, camera setups usable', async () => {
    const factory = new IDBFactory();
    await writeV1Database(factory, 'v1to4');
    const db = await openGanglagDb({ idbFactory: factory, name: 'v1to4', storage: null });
    expect(await db.listSessions(V1_PROFILE.id)).toHaveLength(2);
    await db.cameraSetups.put({
      name: 'Gym',
      ref: { x1: 0, y1: 0, x2: 100, y2: 0, metres: 1 },
      frameWidthPx: 100,
      frameHeightPx: 100,
    });
    expect(await db.cameraSetups.list()).toHaveLength(1);
    db.close();
  });

  it('reopening a current database keeps its data (no migration runs twice)', async () => {
    const factory = new IDBFactory();
    await writeV1Database(factory, 'twice');
    (await openGanglagDb({ idbFactory: factory, name: 'twice', storage: null })).close();
    const db = await openGanglagDb({ idbFactory: factory, name: 'twice', storage: null });
    expect(await db.listSessions(V1_PROFILE.id)).toHaveLength(2);
    db.close();
  });

  it('refuses a database from a newer app with a typed error', async () => {
    // Both use the global factory here.
    (await openDB('future', DB_VERSION + 1)).close();
    const err = await openGanglagDb({ name: 'future', storage: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GanglagStorageError);
    expect((err as GanglagStorageError).code).toBe('version-too-new');
  });

  // Issue 10: the patient-reported items live in sessions from v4 on. Data from every earlier version opens without
  // a made-up report, takes one, keeps it across reopening (no step runs twice) and carries it into backup and CSV.
  describe('self-report from every earlier version to the current one', () => {
    const report: SelfReport = {
      painNowNrs: 3,
      painDuringNrs: 5,
      morningStiffnessMin: 45,
      sinceGettingUpMin: 90,
      walkingAid: 'cane',
      note: 'stiff after the drive, "better" by noon',
    };
    const writers: [string, (f: IDBFactory, name: string) => Promise<string>][] = [
      ['v1', async (f, name) => (await writeV1Database(f, name), V1_SESSIONS[0].id)],
      ['v2', async (f, name) => (await writeV2Database(f, name), V2_SESSION.id)],
      [
        'v3',
        async (f, name) => {
          await writeV2Database(f, name);
          const v3 = await openDB(name, 3, {
            upgrade: (db, old, _new, tx) => migrate(db as never, tx as never, old, 3),
          });
          v3.close();
          return V2_SESSION.id;
        },
      ],
      [
        'v4 (current) with a report already stored',
        async (f, name) => {
          const db = await openGanglagDb({ idbFactory: f, name, storage: null });
          const p = await db.createProfile({ pseudonym: 'Fjellrev 12' });
          const s = await db.addSession({
            profileId: p.id,
            kind: 'gait',
            protocol: 'guided-gait',
            analysis: V2_SESSION.analysis,
            poses: V2_POSES,
            notes: '',
            selfReport: report,
          });
          db.close();
          return s.id;
        },
      ],
    ];

    it.each(writers)('%s', async (label, write) => {
      // idb's openDB (the v3 step) uses the global factory; the others use their own, so each case gets a name.
      const factory = label === 'v3' ? globalThis.indexedDB : new IDBFactory();
      const name = `self-report-${label}`;
      const id = await write(factory, name);
      const db = await openGanglagDb({ idbFactory: factory, name, storage: null });
      const before = await db.getSession(id);
      if (label.startsWith('v4')) expect(before.selfReport).toEqual(report);
      else {
        expect('selfReport' in before).toBe(false);
        expect((await db.updateSession(id, { selfReport: report })).selfReport).toEqual(report);
      }
      db.close();
      // Reopened at the current version: nothing migrates again, the report and the rest are intact.
      const again = await openGanglagDb({ idbFactory: factory, name, storage: null });
      const s = await again.getSession(id);
      expect(s.selfReport).toEqual(report);
      expect(s.analysis.gait?.speedMps).toBe(before.analysis.gait?.speedMps);
      // Into a backup and out again, field for field.
      const blob = await again.exportBackupBlob();
      const copy = await openGanglagDb({ idbFactory: new IDBFactory(), name: `${name}-copy`, storage: null });
      await copy.importBackupFile(blob);
      expect((await copy.getSession(id)).selfReport).toEqual(report);
      // And into the CSV's self-report columns.
      const profile = await again.getProfile(s.profileId);
      const lines = buildMetricsCsv([profile], [s]).trimEnd().split('\r\n');
      // Cells of one RFC 4180 record (quoted cells may hold commas and doubled quotes).
      const cells = (line: string): string[] =>
        [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)]
          .slice(0, -1)
          .map((m) => (m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]));
      expect(cells(lines[0])).toEqual(CSV_COLUMNS);
      const row = cells(lines[1]);
      const at = (c: string) => row[CSV_COLUMNS.indexOf(c)];
      expect(
        [
          'pain_now_nrs',
          'pain_during_test_nrs',
          'morning_stiffness_min',
          'time_since_getting_up_min',
          'walking_aid',
          'self_report_note',
        ].map(at),
      ).toEqual(['3', '5', '45', '90', 'cane', 'stiff after the drive, "better" by noon']);
      again.close();
      copy.close();
    });
  });
});
