import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { isRealDate, parseBackup } from '../../src/storage/backup';
import { condensePoses } from '../../src/storage/condense';
import { openGanglagDb } from '../../src/storage/db';
import { GanglagStorageError } from '../../src/storage/errors';
import { gaitAnalysis, sampleBackup, samplePoses } from '../fixtures/sessions-fixtures';

const open = () =>
  openGanglagDb({ idbFactory: new IDBFactory(), storage: null, now: () => new Date('2026-03-10T12:00:00Z') });

function fails(fn: () => unknown, field: RegExp, message: RegExp): void {
  let err: unknown = null;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(GanglagStorageError);
  expect((err as GanglagStorageError).field).toMatch(field);
  expect((err as GanglagStorageError).message).toMatch(message);
}

describe('condensing never yields what validation refuses', () => {
  it('drops a frame whose rounded timestamp equals the previous one, and keeps huge values finite', () => {
    const p = samplePoses(3);
    p.frames[0].tMs = 0;
    p.frames[1].tMs = 0.0004;
    p.frames[2].tMs = 33.3;
    p.frames[2].keypoints[0] = [1e308, -1e308, 0.5];
    const c = condensePoses(p);
    expect(c.frames.map((f) => f.tMs)).toEqual([0, 33.3]);
    expect(c.frames[1].keypoints[0]).toEqual([1e308, -1e308, 0.5]);
  });

  it('stores such a session and its backup imports again', async () => {
    const db = await open();
    const profile = await db.createProfile({ pseudonym: 'A' });
    const p = samplePoses(3);
    p.frames[1].tMs = p.frames[0].tMs + 0.0004;
    p.frames[2].keypoints[0] = [1e308, 5, 0.5];
    await db.addSession({
      profileId: profile.id,
      kind: 'gait',
      protocol: 'x',
      analysis: gaitAnalysis(1),
      poses: p,
    });
    const other = await open();
    const r = await other.importBackupFile(await db.exportBackupBlob());
    expect(r.sessions.added).toBe(1);
    expect((await other.getPoses((await other.listSessions(profile.id))[0].id)).frames).toHaveLength(2);
    db.close();
    other.close();
  });
});

describe('plausibility bounds, the same for backups and the database', () => {
  const mutate = (f: (b: ReturnType<typeof sampleBackup>) => void) => {
    const b = sampleBackup();
    f(b);
    return () => parseBackup(JSON.stringify(b));
  };

  it('knows real calendar dates', () => {
    expect(isRealDate(2024, 2, 29)).toBe(true);
    expect(isRealDate(2026, 2, 29)).toBe(false);
    expect(isRealDate(2026, 2, 30)).toBe(false);
    expect(isRealDate(2026, 4, 31)).toBe(false);
    expect(isRealDate(1899, 12, 31)).toBe(false);
  });

  it('refuses impossible dates and times', () => {
    fails(
      mutate((b) => (b.events[0].date = '2026-02-30')),
      /events\[0\]\.date/,
      /not a real calendar date/,
    );
    fails(
      mutate((b) => (b.sessions[0].startedAt = '2026-02-30T10:00:00.000Z')),
      /sessions\[0\]\.startedAt/,
      /not a real date/,
    );
    fails(
      mutate((b) => (b.profiles[0].createdAt = '2026-01-01T24:30:00Z')),
      /profiles\[0\]\.createdAt/,
      /real/,
    );
  });

  it('refuses a birth year in the future, negative speeds and more frames used than recorded', () => {
    fails(
      mutate((b) => (b.profiles[0].birthYear = new Date().getUTCFullYear() + 1)),
      /profiles\[0\]\.birthYear/,
      /future/,
    );
    fails(
      mutate((b) => (b.sessions[0].analysis.gait!.speedMps = -0.5)),
      /gait\.speedMps/,
      /0/,
    );
    fails(
      mutate((b) => (b.sessions[0].analysis.quality = { framesTotal: 10, framesUsed: 11, warnings: [] })),
      /quality\.framesUsed/,
      /framesUsed must not exceed framesTotal/,
    );
  });

  it('refuses objects with too many keys', () => {
    fails(
      mutate((b) => {
        const many: Record<string, number> = {};
        for (let i = 0; i < 5000; i++) many[`k${i}`] = i;
        (b.sessions[0].analysis as unknown as Record<string, unknown>).extra = many;
      }),
      /sessions\[0\]\.analysis\.extra/,
      /5000 keys; the limit is 500/,
    );
  });

  it('refuses blank pseudonyms and control or bidi characters, but accepts clinical text', async () => {
    fails(
      mutate((b) => (b.profiles[0].pseudonym = '  ')),
      /pseudonym/,
      /must not be blank/,
    );
    fails(
      mutate((b) => (b.profiles[0].pseudonym = 'Ann\u202Eevil')),
      /pseudonym/,
      /text-direction/,
    );
    fails(
      mutate((b) => (b.profiles[0].pseudonym = 'Ann\nB')),
      /pseudonym/,
      /control/,
    );
    fails(
      mutate((b) => (b.profiles[0].notes = 'x\u2066y')),
      /notes/,
      /text-direction/,
    );
    const ok = sampleBackup();
    ok.profiles[0].notes = 'ROM L<R, pain 3/10\nhip<knee <b>';
    expect(parseBackup(JSON.stringify(ok)).profiles[0].notes).toBe(ok.profiles[0].notes);

    const db = await open();
    await expect(db.createProfile({ pseudonym: 'Ann\u202Eevil' })).rejects.toMatchObject({
      code: 'invalid-record',
      field: 'pseudonym',
    });
    await expect(db.createProfile({ pseudonym: 'A', birthYear: 2100 })).rejects.toMatchObject({
      field: 'birthYear',
    });
    const p = await db.createProfile({ pseudonym: 'A', notes: 'ROM L<R, pain 3/10' });
    const bad = gaitAnalysis(-1);
    await expect(
      db.addSession({ profileId: p.id, kind: 'gait', protocol: 'x', analysis: bad, poses: samplePoses(2) }),
    ).rejects.toMatchObject({ code: 'invalid-record', field: 'analysis.gait.speedMps' });
    await expect(db.addEvent({ profileId: p.id, date: '2026-02-30', label: 'x' })).rejects.toMatchObject({
      field: 'date',
    });
    db.close();
  });
});
