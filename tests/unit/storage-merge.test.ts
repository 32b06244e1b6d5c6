import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openGanglagDb } from '../../src/storage/db';
import { decideRecord, FUTURE_SLACK_MS, summarizePlan, type IncomingMeta } from '../../src/storage/merge';
import { PROFILE_A, PROFILE_B, sampleBackup, SESSIONS_A } from '../fixtures/sessions-fixtures';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const inc = (updatedAt: string, over: Partial<IncomingMeta> = {}): IncomingMeta => ({
  kind: 'session',
  id: 's',
  profileId: 'p',
  updatedAt,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const local = (updatedAt: string, sameContent = false, profileId = 'p') => ({
  profileId,
  updatedAt,
  sameContent,
});

describe('decideRecord', () => {
  it('adds new records, skips identical ones, and lets the newer side win', () => {
    expect(decideRecord(inc('2026-03-01T00:00:00Z'), undefined, false, NOW).action).toBe('add');
    expect(
      decideRecord(inc('2026-03-02T00:00:00Z'), local('2026-03-01T00:00:00Z', true), false, NOW).action,
    ).toBe('unchanged');
    expect(decideRecord(inc('2026-03-02T00:00:00Z'), local('2026-03-01T00:00:00Z'), false, NOW).action).toBe(
      'update',
    );
    expect(decideRecord(inc('2026-03-01T00:00:00Z'), local('2026-03-02T00:00:00Z'), false, NOW).action).toBe(
      'keep',
    );
    expect(decideRecord(inc('2026-03-01T00:00:00Z'), local('2026-03-01T00:00:00Z'), false, NOW).action).toBe(
      'keep',
    );
  });

  it('clamps dates from the future to now, and a clamped record never replaces a local copy', () => {
    const d = decideRecord(inc('9999-12-31T00:00:00Z'), undefined, false, NOW);
    expect(d).toMatchObject({ action: 'add', clamped: true, updatedAt: NOW.toISOString() });
    const k = decideRecord(inc('9999-12-31T00:00:00Z'), local('2026-03-09T00:00:00Z'), false, NOW);
    expect(k).toMatchObject({ action: 'keep', clamped: true });
    // A clock a few minutes ahead is not the future.
    const slightly = new Date(NOW.getTime() + FUTURE_SLACK_MS - 1000).toISOString();
    expect(decideRecord(inc(slightly), local('2026-03-09T00:00:00Z'), false, NOW)).toMatchObject({
      action: 'update',
      clamped: false,
      updatedAt: slightly,
    });
  });

  it('refuses erased records and moves to another profile, whatever their dates', () => {
    expect(decideRecord(inc('2026-03-09T00:00:00Z'), undefined, true, NOW)).toMatchObject({
      action: 'refuse',
      reason: 'erased',
    });
    expect(
      decideRecord(
        inc('2026-03-09T00:00:00Z', { profileId: 'q' }),
        local('2026-01-01T00:00:00Z'),
        false,
        NOW,
      ),
    ).toMatchObject({ action: 'refuse', reason: 'moves-profile' });
  });

  it('summarises per profile', () => {
    const plan = summarizePlan(
      'ganglag.backup/v2',
      '2026-03-01T00:00:00Z',
      [
        { kind: 'profile', id: 'p', profileId: 'p', label: 'A', action: 'add', clamped: false },
        { kind: 'session', id: 's1', profileId: 'p', label: 'x', action: 'add', clamped: true },
        { kind: 'session', id: 's2', profileId: 'p', label: 'x', action: 'keep', clamped: false },
        {
          kind: 'event',
          id: 'e',
          profileId: 'q',
          label: 'y',
          action: 'refuse',
          reason: 'erased',
          clamped: false,
        },
      ],
      new Map([['p', 'A']]),
    );
    expect(plan.profiles.map((p) => [p.profileId, p.pseudonym, p.action])).toEqual([
      ['p', 'A', 'add'],
      ['q', '', null],
    ]);
    expect(plan.profiles[0].sessions).toMatchObject({ add: 1, keep: 1 });
    expect(plan.totals.event.refuse).toBe(1);
    expect(plan.clamped).toBe(1);
    expect(plan.empty).toBe(false);
  });
});

describe('import preview, tombstones and erasure', () => {
  const open = (t: { now: string }) =>
    openGanglagDb({ idbFactory: new IDBFactory(), storage: null, now: () => new Date(t.now) });
  const file = (b = sampleBackup()) => new Blob([JSON.stringify(b)]);

  it('previews without writing anything, per profile', async () => {
    const db = await open({ now: '2026-03-10T12:00:00Z' });
    const plan = await db.previewImport(file());
    expect(await db.listProfiles()).toEqual([]);
    expect(plan.format).toBe('ganglag.backup/v1');
    const a = plan.profiles.find((p) => p.profileId === PROFILE_A.id)!;
    expect(a.pseudonym).toBe(PROFILE_A.pseudonym);
    expect(a.action).toBe('add');
    expect(a.sessions.add).toBe(SESSIONS_A.filter((s) => s.profileId === PROFILE_A.id).length);
    expect(plan.totals.profile.add).toBe(2);
    db.close();
  });

  it('a file dated in the future is clamped, said so, and re-importing it never reverts a later edit', async () => {
    const clock = { now: '2026-03-10T12:00:00Z' };
    const db = await open(clock);
    await db.importBackupFile(file());
    const future = sampleBackup();
    future.profiles[0] = {
      ...future.profiles[0],
      pseudonym: 'Hijacked',
      birthYear: 1999,
      updatedAt: '9999-12-31T00:00:00.000Z',
    };
    future.sessions[0] = {
      ...future.sessions[0],
      profileId: PROFILE_B.id,
      updatedAt: '9999-12-31T00:00:00.000Z',
    };
    const plan = await db.previewImport(file(future));
    expect(plan.clamped).toBe(2);
    expect(plan.totals.profile.keep).toBe(1);
    expect(plan.totals.session.refuse).toBe(1);
    await db.importBackupFile(file(future));
    expect((await db.getProfile(PROFILE_A.id)).pseudonym).toBe(PROFILE_A.pseudonym);
    expect((await db.getSession(SESSIONS_A[0].id)).profileId).toBe(PROFILE_A.id);
    clock.now = '2026-03-11T12:00:00Z';
    await db.updateProfile(PROFILE_A.id, { notes: 'edited later' });
    clock.now = '2026-03-12T12:00:00Z';
    await db.importBackupFile(file(future));
    expect((await db.getProfile(PROFILE_A.id)).notes).toBe('edited later');

    // Into an empty database a future-dated record is added with its date set to now.
    const other = await open(clock);
    await other.importBackupFile(file(future));
    expect((await other.getProfile(PROFILE_A.id)).updatedAt).toBe('2026-03-12T12:00:00.000Z');
    db.close();
    other.close();
  });

  it('an erased profile stays erased when an older backup is imported, and its tombstone travels', async () => {
    const clock = { now: '2026-03-10T12:00:00Z' };
    const db = await open(clock);
    await db.importBackupFile(file());
    expect(await db.profileContents(PROFILE_A.id)).toEqual({
      sessions: SESSIONS_A.filter((s) => s.profileId === PROFILE_A.id).length,
      events: 1,
      videos: 0,
    });
    await db.deleteProfile(PROFILE_A.id);
    const plan = await db.previewImport(file());
    const a = plan.profiles.find((p) => p.profileId === PROFILE_A.id)!;
    expect(a.action).toBe('refuse');
    expect(a.sessions.refuse).toBeGreaterThan(0);
    expect(a.sessions.add).toBe(0);
    const r = await db.importBackupFile(file());
    expect(r.profiles.refused).toBe(1);
    expect((await db.listProfiles()).map((p) => p.id)).toEqual([PROFILE_B.id]);
    expect(await db.listSessions(PROFILE_A.id)).toEqual([]);
    expect(await db.listEvents(PROFILE_A.id)).toEqual([]);

    // Its backup carries the erasure to a device that still has the profile.
    const backup = await db.exportBackupBlob();
    const elsewhere = await open(clock);
    await elsewhere.importBackupFile(file());
    const p2 = await elsewhere.previewImport(backup);
    expect(p2.profiles.find((p) => p.profileId === PROFILE_A.id)?.action).toBe('erase');
    const r2 = await elsewhere.importBackupFile(backup);
    expect(r2.profiles.erased).toBe(1);
    await expect(elsewhere.getProfile(PROFILE_A.id)).rejects.toThrow(/No profile/);
    expect(await elsewhere.listSessions(PROFILE_A.id)).toEqual([]);
    db.close();
    elsewhere.close();
  });

  it('deleted sessions and events leave tombstones too', async () => {
    const db = await open({ now: '2026-03-10T12:00:00Z' });
    await db.importBackupFile(file());
    const ev = (await db.listEvents(PROFILE_A.id))[0];
    await db.deleteEvent(ev.id);
    await db.deleteSession(SESSIONS_A[0].id);
    await expect(db.deleteEvent(ev.id)).rejects.toThrow(/No event/);
    const r = await db.importBackupFile(file());
    expect(r.events.refused).toBe(1);
    expect(r.sessions.refused).toBe(1);
    expect(await db.listEvents(PROFILE_A.id)).toEqual([]);
    await expect(db.getSession(SESSIONS_A[0].id)).rejects.toThrow(/No session/);
    db.close();
  });
});
