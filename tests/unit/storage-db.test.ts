import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openGanglagDb, type GanglagDb, type OpenOptions } from '../../src/storage/db';
import { GanglagStorageError } from '../../src/storage/errors';
import { timeOfDayOf } from '../../src/storage/time-of-day';
import { condensePoses } from '../../src/storage/condense';
import { flexionAnalysis, gaitAnalysis, samplePoses } from '../fixtures/sessions-fixtures';

/** A fresh, isolated database with a controllable clock and predictable ids. */
async function freshDb(start = new Date('2026-03-01T12:00:00Z'), extra: OpenOptions = {}) {
  let t = start.getTime();
  let n = 0;
  const db = await openGanglagDb({
    idbFactory: new IDBFactory(),
    now: () => new Date(t),
    newId: () => `id-${++n}`,
    storage: null,
    ...extra,
  });
  return { db, advance: (ms: number) => (t += ms) };
}

async function expectCode(p: Promise<unknown>, code: string): Promise<GanglagStorageError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GanglagStorageError);
  expect((err as GanglagStorageError).code).toBe(code);
  expect((err as GanglagStorageError).name).toBe('GanglagStorageError');
  return err as GanglagStorageError;
}

async function seed(db: GanglagDb) {
  const profile = await db.createProfile({
    pseudonym: ' Fjellrev ',
    birthYear: 1956,
    sex: 'female',
    heightM: 1.64,
  });
  const s = await db.addSession({
    profileId: profile.id,
    startedAt: new Date(2026, 0, 5, 8, 30).toISOString(),
    kind: 'gait',
    protocol: '4m-walk',
    analysis: gaitAnalysis(0.9),
    poses: samplePoses(4),
  });
  return { profile, s };
}

describe('time of day', () => {
  it('tags by local hour with the documented boundaries', () => {
    expect(timeOfDayOf(new Date(2026, 0, 1, 3, 59))).toBe('evening');
    expect(timeOfDayOf(new Date(2026, 0, 1, 4, 0))).toBe('morning');
    expect(timeOfDayOf(new Date(2026, 0, 1, 11, 59))).toBe('morning');
    expect(timeOfDayOf(new Date(2026, 0, 1, 12, 0))).toBe('afternoon');
    expect(timeOfDayOf(new Date(2026, 0, 1, 16, 59))).toBe('afternoon');
    expect(timeOfDayOf(new Date(2026, 0, 1, 17, 0))).toBe('evening');
  });
});

describe('condensePoses', () => {
  it('rounds to 0.1 px and 0.01 score and keeps nulls, frame count and timestamps', () => {
    const c = condensePoses(samplePoses(3));
    expect(c.frames).toHaveLength(3);
    expect(c.frames[0].keypoints[0]).toEqual([100.1, 400, 0.91]);
    expect(c.frames[0].keypoints[1]).toBeNull();
    expect(c.frames[2].tMs).toBeCloseTo(66.667, 3);
    expect(JSON.stringify(c).length).toBeLessThan(JSON.stringify(samplePoses(3)).length * 0.75);
  });

  it('drops keypoints below minScore', () => {
    const p = samplePoses(1);
    p.frames[0].keypoints[4] = [1, 2, 0.04];
    expect(condensePoses(p, { minScore: 0.05 }).frames[0].keypoints[4]).toBeNull();
  });
});

describe('GanglagDb', () => {
  it('stores profiles, sessions with condensed poses, and derives time of day from the local start time', async () => {
    const { db } = await freshDb();
    const { profile, s } = await seed(db);
    expect(profile).toMatchObject({
      id: 'id-1',
      pseudonym: 'Fjellrev',
      createdAt: '2026-03-01T12:00:00.000Z',
    });
    expect(s.timeOfDay).toBe('morning');
    expect(s.videoConsent).toBe(false);
    expect(await db.getSession(s.id)).toEqual(s);
    const poses = await db.getPoses(s.id);
    expect(poses.frames).toHaveLength(4);
    expect(poses.frames[1].keypoints[0]).toEqual([110.1, 400, 0.91]);
    db.close();
  });

  it('uses the injected clock for start time and updatedAt, and lists sessions oldest first', async () => {
    const { db, advance } = await freshDb(new Date(2026, 1, 10, 19, 0));
    const p = await db.createProfile({ pseudonym: 'A' });
    const base = { profileId: p.id, kind: 'gait' as const, protocol: 'x', poses: samplePoses(2) };
    const late = await db.addSession({ ...base, analysis: gaitAnalysis(1.1) });
    expect(late.timeOfDay).toBe('evening');
    expect(late.startedAt).toBe(new Date(2026, 1, 10, 19, 0).toISOString());
    await db.addSession({
      ...base,
      startedAt: new Date(2026, 0, 1, 9).toISOString(),
      analysis: gaitAnalysis(1),
    });
    const other = await db.createProfile({ pseudonym: 'B' });
    await db.addSession({ ...base, profileId: other.id, analysis: gaitAnalysis(1.2) });
    const list = await db.listSessions(p.id);
    expect(list.map((x) => x.analysis.gait?.speedMps)).toEqual([1, 1.1]);
    const feb = await db.listSessions(p.id, { from: '2026-02-01', to: '2026-02-28T23:59:59.999Z' });
    expect(feb.map((x) => x.id)).toEqual([late.id]);
    expect(await db.listSessions(p.id, { to: '2025-12-31' })).toEqual([]);
    advance(60_000);
    const edited = await db.updateSession(late.id, { timeOfDay: 'afternoon', notes: 'felt stiff' });
    expect(edited.timeOfDay).toBe('afternoon');
    expect(Date.parse(edited.updatedAt) - Date.parse(late.updatedAt)).toBe(60_000);
    expect((await db.getSession(late.id)).notes).toBe('felt stiff');
    db.close();
  });

  it('keeps clinician events per profile, sorted by date', async () => {
    const { db } = await freshDb();
    const { profile } = await seed(db);
    await db.addEvent({ profileId: profile.id, date: '2026-02-01', label: 'Dose changed' });
    const e = await db.addEvent({ profileId: profile.id, date: '2026-01-12', label: 'Treatment started' });
    expect((await db.listEvents(profile.id)).map((x) => x.label)).toEqual([
      'Treatment started',
      'Dose changed',
    ]);
    await db.updateEvent(e.id, { label: 'Physio started' });
    expect((await db.listEvents(profile.id))[0].label).toBe('Physio started');
    await expectCode(db.addEvent({ profileId: 'nobody', date: '2026-01-01', label: 'x' }), 'not-found');
    await expectCode(
      db.addEvent({ profileId: profile.id, date: '12.01.2026', label: 'x' }),
      'invalid-record',
    );
    db.close();
  });

  it('keeps a video only with consent, and deleting a profile removes everything it owns', async () => {
    const { db } = await freshDb();
    const { profile, s } = await seed(db);
    const clip = new Blob([new Uint8Array([1, 2, 3, 4])], { type: 'video/webm' });
    await expectCode(db.saveVideo(s.id, clip, { consented: false }), 'no-consent');
    expect(await db.getVideo(s.id)).toBeUndefined();
    await db.saveVideo(s.id, clip, { consented: true });
    const v = await db.getVideo(s.id);
    expect(v?.blob.size).toBe(4);
    expect(v?.mimeType).toBe('video/webm');
    expect((await db.getSession(s.id)).videoConsent).toBe(true);
    await db.addEvent({ profileId: profile.id, date: '2026-01-12', label: 'x' });
    await db.deleteProfile(profile.id);
    await expectCode(db.getProfile(profile.id), 'not-found');
    await expectCode(db.getSession(s.id), 'not-found');
    await expectCode(db.getPoses(s.id), 'not-found');
    expect(await db.getVideo(s.id)).toBeUndefined();
    expect(await db.listEvents(profile.id)).toEqual([]);
    db.close();
  });

  it('rejects sessions for unknown profiles, bad poses and control characters in notes, storing nothing', async () => {
    const { db } = await freshDb();
    const { profile } = await seed(db);
    const base = {
      profileId: profile.id,
      kind: 'spine' as const,
      protocol: 'forward-flexion',
      analysis: flexionAnalysis(60, 20),
      poses: samplePoses(2),
    };
    await expectCode(db.addSession({ ...base, profileId: 'ghost' }), 'not-found');
    const bad = samplePoses(2);
    bad.frames[1].tMs = 0;
    await expect(db.addSession({ ...base, poses: bad })).rejects.toThrow(/timestamps must increase/);
    const e = await expectCode(db.addSession({ ...base, notes: 'pain \u202e3/10' }), 'invalid-record');
    expect(e.field).toBe('notes');
    expect(await db.listSessions(profile.id)).toHaveLength(1);
    db.close();
  });

  it('stores analysis text verbatim but without control characters, so its backup imports again', async () => {
    const { db } = await freshDb();
    const { profile } = await seed(db);
    const analysis = gaitAnalysis(1);
    analysis.quality.warnings = ['score<min for <left_ankle>', 'speed < 1 m/s\u0007'];
    const s = await db.addSession({
      profileId: profile.id,
      kind: 'gait',
      protocol: 'x',
      analysis,
      poses: samplePoses(2),
    });
    expect(s.analysis.quality.warnings).toEqual(['score<min for <left_ankle>', 'speed < 1 m/s']);
    const text = JSON.stringify(await db.exportBackup());
    const { db: other } = await freshDb();
    expect((await other.importBackup(text)).sessions.added).toBe(2);
    db.close();
    other.close();
  });

  it('keeps the pose model its poses name with the session, through a backup; a name it does not know is left out', async () => {
    const { db } = await freshDb();
    const { profile } = await seed(db);
    const add = (model: string) =>
      db.addSession({
        profileId: profile.id,
        kind: 'gait',
        protocol: 'x',
        analysis: gaitAnalysis(1),
        poses: { ...samplePoses(2), source: { model, backend: 'wasm' } },
      });
    const s = await add('movenet-lightning');
    expect(s.model).toBe('movenet-lightning');
    expect((await db.getSession(s.id)).model).toBe('movenet-lightning');
    expect('model' in (await add('posenet'))).toBe(false);
    const backup = await db.exportBackup();
    const { db: other } = await freshDb();
    await other.importBackup(JSON.stringify(backup));
    expect((await other.getSession(s.id)).model).toBe('movenet-lightning');
    // A backup naming a model the app does not have is refused with the field named.
    const bad = structuredClone(backup);
    const i = bad.sessions.findIndex((x) => x.id === s.id);
    (bad.sessions[i] as { model: string }).model = 'posenet';
    const { db: third } = await freshDb();
    await expect(third.importBackup(JSON.stringify(bad))).rejects.toThrow(/model/);
    db.close();
    other.close();
    third.close();
  });

  it('validates profiles at the boundary and names the field', async () => {
    const { db } = await freshDb();
    expect((await expectCode(db.createProfile({ pseudonym: '   ' }), 'invalid-record')).field).toBe(
      'pseudonym',
    );
    expect(
      (await expectCode(db.createProfile({ pseudonym: 'A', heightM: 17 }), 'invalid-record')).field,
    ).toBe('heightM');
    expect(
      (await expectCode(db.createProfile({ pseudonym: 'A', birthYear: 1850 }), 'invalid-record')).field,
    ).toBe('birthYear');
    const p = await db.createProfile({ pseudonym: 'A' });
    await expectCode(db.updateProfile(p.id, { notes: 'a\u0000b' }), 'invalid-record');
    // Plain clinical text with "<" is fine.
    expect((await db.updateProfile(p.id, { notes: 'ROM L<R, pain 3/10' })).notes).toBe('ROM L<R, pain 3/10');
    await expectCode(db.updateProfile('nope', { notes: 'x' }), 'not-found');
    expect((await db.listProfiles()).map((x) => x.id)).toEqual([p.id]);
    db.close();
  });

  it('reports storage use and asks for persistence through the injected StorageManager', async () => {
    let asked = 0;
    const { db } = await freshDb(undefined, {
      storage: {
        estimate: async () => ({ usage: 1234, quota: 10_000 }),
        persist: async () => (++asked, true),
        persisted: async () => asked > 0,
      },
    });
    expect(await db.storageInfo()).toEqual({ usageBytes: 1234, quotaBytes: 10_000, persisted: false });
    expect(await db.requestPersistence()).toBe(true);
    expect((await db.storageInfo()).persisted).toBe(true);
    db.close();
    const { db: none } = await freshDb();
    expect(await none.storageInfo()).toEqual({ usageBytes: null, quotaBytes: null, persisted: null });
    expect(await none.requestPersistence()).toBeNull();
    none.close();
  });
});
