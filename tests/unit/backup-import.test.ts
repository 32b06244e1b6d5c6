import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKUP_LIMITS, parseBackup, utf8Length } from '../../src/storage/backup';
import { openGanglagDb } from '../../src/storage/db';
import { GanglagStorageError } from '../../src/storage/errors';
import { snapshot } from '../fixtures/sessions-db-helpers';
import { PROFILE_A, sampleBackup, SESSIONS_A } from '../fixtures/sessions-fixtures';

/** A database whose clock reads `clock.t`; tests move the clock forward by assigning it. */
const fresh = (t = '2026-03-02T10:00:00Z', clock = { t }) =>
  openGanglagDb({ idbFactory: new IDBFactory(), storage: null, now: () => new Date(clock.t) });

async function rejection(p: Promise<unknown>): Promise<GanglagStorageError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GanglagStorageError);
  expect((err as GanglagStorageError).code).toBe('invalid-backup');
  return err as GanglagStorageError;
}

describe('backup export and import', () => {
  it('round-trips everything into a fresh database and merges a second import without duplicates', async () => {
    const a = await fresh();
    const report = await a.importBackup(JSON.stringify(sampleBackup()));
    expect(report.profiles).toEqual({
      added: 2,
      updated: 0,
      unchanged: 0,
      keptLocal: 0,
      refused: 0,
      erased: 0,
    });
    expect(report.sessions.added).toBe(SESSIONS_A.length);
    expect(report.events.added).toBe(1);

    const exported = await a.exportBackup();
    expect(exported.exportedAt).toBe('2026-03-02T10:00:00.000Z');
    expect(exported.schemaVersion).toBe(5);
    expect(parseBackup(JSON.stringify(exported))).toEqual(exported);

    const b = await fresh();
    await b.importBackup(JSON.stringify(exported));
    expect(await snapshot(b)).toBe(await snapshot(a));
    expect(await b.listSessions(PROFILE_A.id)).toHaveLength(SESSIONS_A.length);

    const again = await b.importBackup(JSON.stringify(exported));
    expect(again.profiles).toEqual({
      added: 0,
      updated: 0,
      unchanged: 2,
      keptLocal: 0,
      refused: 0,
      erased: 0,
    });
    expect(again.sessions.unchanged).toBe(SESSIONS_A.length);
    expect(await snapshot(b)).toBe(await snapshot(a));
    a.close();
    b.close();
  });

  it('on conflicting ids the newer updatedAt wins', async () => {
    const clock = { t: '2026-03-05T10:00:00Z' };
    const db = await fresh(clock.t, clock);
    await db.importBackup(JSON.stringify(sampleBackup()));
    // Local edit at 2026-03-05 is newer than the file's 2026-01-02 copy: kept.
    await db.updateProfile(PROFILE_A.id, { notes: 'edited here' });
    const r1 = await db.importBackup(JSON.stringify(sampleBackup()));
    expect(r1.profiles).toEqual({ added: 0, updated: 0, unchanged: 1, keptLocal: 1, refused: 0, erased: 0 });
    expect((await db.getProfile(PROFILE_A.id)).notes).toBe('edited here');
    // A file edited later still wins.
    const later = sampleBackup();
    later.profiles[0] = {
      ...later.profiles[0],
      notes: 'edited elsewhere',
      updatedAt: '2026-04-01T00:00:00.000Z',
    };
    later.sessions[0] = { ...later.sessions[0], notes: 'late note', updatedAt: '2026-04-01T00:00:00.000Z' };
    clock.t = '2026-04-02T00:00:00Z';
    const r2 = await db.importBackup(JSON.stringify(later));
    expect(r2.profiles.updated).toBe(1);
    expect(r2.sessions).toEqual({
      added: 0,
      updated: 1,
      unchanged: SESSIONS_A.length - 1,
      keptLocal: 0,
      refused: 0,
      erased: 0,
    });
    expect((await db.getProfile(PROFILE_A.id)).notes).toBe('edited elsewhere');
    expect((await db.getSession(SESSIONS_A[0].id)).notes).toBe('late note');
    db.close();
  });

  it('keeps a consented video on this device when an import updates its session', async () => {
    const clock = { t: '2026-03-02T10:00:00Z' };
    const db = await fresh(clock.t, clock);
    await db.importBackup(JSON.stringify(sampleBackup()));
    await db.saveVideo('s1', new Blob(['clip']), { consented: true });
    clock.t = '2027-01-02T00:00:00Z';
    const later = sampleBackup();
    later.sessions[0] = { ...later.sessions[0], notes: 'x', updatedAt: '2027-01-01T00:00:00.000Z' };
    await db.importBackup(JSON.stringify(later));
    expect((await db.getVideo('s1'))?.blob.size).toBe(4);
    expect((await db.getSession('s1')).videoConsent).toBe(true);
    db.close();
  });

  it('accepts clinical text with "<" and tag-like text, and stores strings verbatim', () => {
    const b = sampleBackup();
    b.profiles[0].notes = 'ROM L<R, pain 3/10; hip<knee; speed < 1 m/s & <b>x</b> "quoted"';
    b.events[0].label = 'hip<knee';
    const parsed = parseBackup(JSON.stringify(b));
    expect(parsed.profiles[0].notes).toBe(b.profiles[0].notes);
    expect(parsed.events[0].label).toBe('hip<knee');
  });

  const cases: [string, (b: Record<string, unknown>) => unknown, RegExp][] = [
    [
      'control character',
      (b) => ((b.profiles as { notes: string }[])[0].notes = 'hi \u0007 there'),
      /profiles\[0\]\.notes: contains a control or text-direction character/,
    ],
    [
      'right-to-left override',
      (b) => ((b.events as { label: string }[])[0].label = 'x\u202eevil'),
      /events\[0\]\.label: contains a control or text-direction character/,
    ],
    [
      '__proto__ key',
      (b) =>
        Object.defineProperty(b.profiles as object[], 0, {
          value: JSON.parse('{"__proto__": {"admin": true}}'),
          enumerable: true,
        }),
      /profiles\[0\]\.__proto__: forbidden key/,
    ],
    [
      'control character in a key',
      (b) => ((b.sessions as { analysis: Record<string, unknown> }[])[0].analysis['a\u0000b'] = 1),
      /sessions\[0\]\.analysis: a key contains a control/,
    ],
    [
      'constructor key',
      (b) => ((b as { constructor?: unknown }).constructor = { prototype: {} }),
      /constructor: forbidden key/,
    ],
    [
      'wrong type',
      (b) => ((b.profiles as { birthYear: unknown }[])[1].birthYear = '1990'),
      /profiles\[1\]\.birthYear: Invalid type/,
    ],
    [
      'unknown key',
      (b) => ((b.profiles as { isAdmin?: boolean }[])[0].isAdmin = true),
      /profiles\[0\]\.isAdmin/,
    ],
    ['bad enum', (b) => ((b.sessions as { kind: string }[])[2].kind = 'dance'), /sessions\[2\]\.kind/],
    [
      'bad date',
      (b) => ((b.sessions as { startedAt: string }[])[0].startedAt = '2026-02-30T25:61:00Z'),
      /sessions\[0\]\.startedAt/,
    ],
    [
      'bad id',
      (b) => ((b.events as { id: string }[])[0].id = '../../etc'),
      /events\[0\]\.id: expected an id/,
    ],
    [
      'wrong format',
      (b) => (b.format = 'ganglag.backup/v9'),
      /format: expected format "ganglag\.backup\/v1"/,
    ],
    [
      'duplicate id',
      (b) => (b.profiles as unknown[]).push((b.profiles as unknown[])[0]),
      /profiles\[2\]\.id: duplicate id "profile-a"/,
    ],
    [
      'dangling profile',
      (b) => ((b.events as { profileId: string }[])[0].profileId = 'ghost'),
      /events\[0\]\.profileId: refers to profile "ghost"/,
    ],
    [
      'bad poses',
      (b) => ((b.sessions as { poses: { frames: { tMs: number }[] } }[])[1].poses.frames[2].tMs = 0),
      /sessions\[1\]\.poses\.frames\[2\]\.tMs: timestamps must increase/,
    ],
    [
      'too deep',
      (b) =>
        ((b.sessions as { analysis: Record<string, unknown> }[])[0].analysis.x = JSON.parse(
          '[[[[[[[[[[[[[1]]]]]]]]]]]]]',
        )),
      /nested deeper than 12 levels/,
    ],
    [
      'huge array',
      (b) =>
        ((b.sessions as { analysis: { quality: { warnings: unknown[] } } }[])[0].analysis.quality.warnings =
          new Array(DEFAULT_BACKUP_LIMITS.maxArrayLength + 1).fill(0)),
      /sessions\[0\]\.analysis\.quality\.warnings: list has 120001 items/,
    ],
  ];

  it.each(cases)(
    'rejects %s with a message naming the problem, changing nothing',
    async (_name, mutate, message) => {
      const db = await fresh();
      await db.createProfile({ pseudonym: 'Local' });
      const before = await snapshot(db);
      const b = sampleBackup() as unknown as Record<string, unknown>;
      mutate(b);
      const err = await rejection(db.importBackup(JSON.stringify(b)));
      expect(err.message).toMatch(/^Backup rejected: /);
      expect(err.message).toMatch(message);
      expect(await snapshot(db)).toBe(before);
      db.close();
    },
  );

  it('rejects truncated, empty, non-object and oversized files', async () => {
    const db = await fresh();
    const text = JSON.stringify(sampleBackup());
    expect((await rejection(db.importBackup(text.slice(0, text.length / 2)))).message).toMatch(
      /not valid JSON \(the file looks truncated\)/,
    );
    // Cut anywhere: after a key, a value or inside a string, it reads as truncated; a real syntax error does not.
    for (const cut of ['{"format"', '{"format":"ganglag.backup/v1"', '{"format":"gang', '{"profiles":[1,'])
      expect((await rejection(db.importBackup(cut))).message, cut).toMatch(/\(the file looks truncated\)/);
    expect((await rejection(db.importBackup('{"format" 1}'))).message).not.toMatch(/truncated/);
    expect((await rejection(db.importBackup(''))).message).toMatch(/empty/);
    expect((await rejection(db.importBackup('[1,2]'))).message).toMatch(/expected a JSON object/);
    const limits = { ...DEFAULT_BACKUP_LIMITS, maxBytes: utf8Length(text) - 1 };
    expect((await rejection(db.importBackup(text, limits))).message).toMatch(
      /too large \(\d+ bytes; the limit is \d+ bytes\)/,
    );
    expect(await db.listProfiles()).toEqual([]);
    db.close();
  });

  it('counts UTF-8 bytes exactly', () => {
    for (const s of ['', 'abc', 'Havørn', '日本', '🦊x', 'a\u0000b']) {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
    }
  });
});
