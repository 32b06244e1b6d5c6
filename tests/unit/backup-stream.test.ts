import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKUP_LIMITS } from '../../src/storage/backup';
import { BACKUP_FORMAT_V2, readBackup, type BackupProgress } from '../../src/storage/backup-stream';
import { openGanglagDb, type GanglagDb } from '../../src/storage/db';
import { GanglagStorageError } from '../../src/storage/errors';
import { snapshot } from '../fixtures/sessions-db-helpers';
import { BENCH_PROFILE, benchSession } from '../fixtures/sessions-blazepose';
import { sampleBackup } from '../fixtures/sessions-fixtures';

const fresh = () =>
  openGanglagDb({
    idbFactory: new IDBFactory(),
    storage: null,
    now: () => new Date('2026-06-01T12:00:00Z'),
  });

/** Loads profile + sessions straight through a v1 import, which is the quickest way to fill a database. */
async function filled(sessions: number, seconds: number, extra: number[] = []): Promise<GanglagDb> {
  const db = await fresh();
  const all = [
    ...Array.from({ length: sessions }, (_, i) => benchSession(i, seconds)),
    ...extra.map((s, i) => benchSession(sessions + i, s)),
  ];
  await db.importBackup(
    JSON.stringify({
      format: 'ganglag.backup/v1',
      exportedAt: '2026-05-01T00:00:00.000Z',
      schemaVersion: 2,
      profiles: [BENCH_PROFILE],
      sessions: all,
      events: [{ ...sampleBackup().events[0], profileId: BENCH_PROFILE.id }],
    }),
    { ...DEFAULT_BACKUP_LIMITS, maxBytes: 1024 ** 3 },
  );
  return db;
}

async function rejection(p: Promise<unknown>): Promise<GanglagStorageError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GanglagStorageError);
  expect((err as GanglagStorageError).code).toBe('invalid-backup');
  return err as GanglagStorageError;
}

describe('ganglag.backup/v2 streamed backup', () => {
  it('round-trips 500 BlazePose sessions (and one of 30 s) with progress, one session per line', async () => {
    const a = await filled(500, 1, [30]);
    const progress: BackupProgress[] = [];
    const blob = await a.exportBackupBlob({ onProgress: (p) => progress.push(p) });
    expect(progress).toHaveLength(1 + 501 + 1);
    expect(progress.at(-1)).toEqual({ done: 503, total: 503 });
    const text = await blob.text();
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 1 + 501 + 1 + 1);
    expect(JSON.parse(lines[0]).format).toBe(BACKUP_FORMAT_V2);
    // A 30 s session is about 1.3 MB as one line; nothing forces the whole file into one string.
    expect(Math.max(...lines.map((l) => l.length))).toBeGreaterThan(1_000_000);

    const b = await fresh();
    const seen: number[] = [];
    const plan = await b.previewImport(blob);
    expect(plan.totals.session.add).toBe(501);
    expect(await b.listProfiles()).toEqual([]);
    const report = await b.importBackupFile(blob, { previewed: plan, onProgress: (p) => seen.push(p.done) });
    expect(report.sessions.added).toBe(501);
    expect(report.events.added).toBe(1);
    expect(seen.at(-1)).toBe(503);
    expect(seen.every((d, i) => i === 0 || d > seen[i - 1])).toBe(true);
    expect(await snapshot(b)).toBe(await snapshot(a));
    a.close();
    b.close();
  }, 300_000);

  it('restores a backup larger than the single-file limit, which v1 would refuse', async () => {
    const a = await filled(3, 2);
    const blob = await a.exportBackupBlob();
    const limits = { ...DEFAULT_BACKUP_LIMITS, maxBytes: Math.floor(blob.size / 2) };
    const v1 = JSON.stringify(await a.exportBackup());
    const b = await fresh();
    expect((await rejection(b.importBackup(v1, limits))).message).toMatch(/too large/);
    const r = await b.importBackupFile(blob, { limits });
    expect(r.sessions.added).toBe(3);
    a.close();
    b.close();
  });

  it('still imports an old single-file ganglag.backup/v1, with a UTF-8 BOM too', async () => {
    const db = await fresh();
    const r = await db.importBackupFile(new Blob(['\uFEFF' + JSON.stringify(sampleBackup())]));
    expect(r.profiles.added).toBe(2);
    expect(r.sessions.added).toBe(sampleBackup().sessions.length);
    db.close();
  });

  it('refuses damaged, truncated, reordered or miscounted files, naming the line, and writes nothing', async () => {
    const a = await filled(3, 1);
    const text = await (await a.exportBackupBlob()).text();
    a.close();
    const lines = text.trimEnd().split('\n');
    const b = await fresh();
    const cases: [string, string, RegExp][] = [
      ['changed digit', text.replace('"protocol":"4m-walk"', '"protocol":"4m-walj"'), /line 3: the checksum/],
      ['truncated', lines.slice(0, -1).join('\n'), /truncated/],
      ['cut mid-line', text.slice(0, Math.floor(text.length * 0.6)), /line \d+: (not valid JSON|expected)/],
      [
        'reordered',
        [lines[0], lines[2], lines[1], ...lines.slice(3)].join('\n'),
        /profiles must come before|refers to profile/,
      ],
      ['extra key', text.replace(/\}\n\{"kind":"event"/, '},"x":1}\n{"kind":"event"'), /checksum|expected/],
      ['miscounted', text.replace('"sessions":3', '"sessions":4'), /lists 4 sessions but holds 3/],
      ['after the end', `${text}{"kind":"end","counts":{}}\n`, /nothing may follow/],
      ['not UTF-8', '', /empty/],
    ];
    for (const [name, bad, re] of cases) {
      const err = await rejection(b.importBackupFile(new Blob([bad])));
      expect(err.message, name).toMatch(re);
      expect(err.message.split('\n'), name).toHaveLength(1);
    }
    const binary = new Blob([new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x0a])]);
    expect((await rejection(b.importBackupFile(binary))).message).toMatch(/not UTF-8/);
    expect(await b.listProfiles()).toEqual([]);
    b.close();
  });

  it('validates each record with the same rules as the database', async () => {
    const a = await filled(1, 1);
    const text = await (await a.exportBackupBlob()).text();
    a.close();
    // Re-sign a hostile record so only the record rules can catch it.
    const lines = text.trimEnd().split('\n');
    const rec = JSON.parse(lines[1]).record;
    rec.pseudonym = 'Anna\u202eevil';
    const { sha256Hex } = await import('../../src/storage/backup-stream');
    const json = JSON.stringify(rec);
    lines[1] = `{"kind":"profile","sha256":"${await sha256Hex(json)}","record":${json}}`;
    const items = readBackup(new Blob([lines.join('\n')]));
    const err = await rejection(
      (async () => {
        for await (const _ of items) void _;
      })(),
    );
    expect(err.message).toMatch(/profiles\[0\]\.pseudonym: .*control or text-direction/);
  });
});
