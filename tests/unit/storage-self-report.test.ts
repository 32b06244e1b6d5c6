import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openGanglagDb } from '../../src/storage/db';
import { GanglagStorageError } from '../../src/storage/errors';
import type { SelfReport } from '../../src/storage/types';
import { EMPTY_FIELDS, parseDecimal, parseSelfReport } from '../../src/ui/self-report/parse';
import type { SessionInput } from '../../src/storage/types';
import { gaitAnalysis, samplePoses } from '../fixtures/sessions-fixtures';

const sampleSessionInput = (profileId: string): SessionInput => ({
  profileId,
  kind: 'gait',
  protocol: 'free-walk',
  startedAt: '2026-05-01T08:00:00.000Z',
  analysis: gaitAnalysis(1.1),
  poses: samplePoses(),
});

const fields = (over: Partial<typeof EMPTY_FIELDS>) => ({ ...EMPTY_FIELDS, ...over });

describe('self-report form parsing', () => {
  it('reads decimals with a comma or a point, and nothing else', () => {
    expect(parseDecimal('1,5')).toBe(1.5);
    expect(parseDecimal(' 1.5 ')).toBe(1.5);
    expect(parseDecimal('2')).toBe(2);
    expect(parseDecimal(',5')).toBe(0.5);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('   ')).toBeNull();
    for (const bad of ['1,5,0', '1.000,5', '1e3', 'abc', '1 5', '0x10', '½', 'Infinity', '1,5h']) {
      expect(parseDecimal(bad), bad).toBeNaN();
    }
  });

  it('gives undefined when every field is skipped', () => {
    expect(parseSelfReport(EMPTY_FIELDS)).toEqual({ value: undefined, problems: [] });
    expect(parseSelfReport(fields({ note: '  \n ' })).value).toBeUndefined();
  });

  it('parses a full report: hours with a decimal comma become whole minutes', () => {
    const r = parseSelfReport({
      painNow: '3',
      painDuring: '5',
      morningStiffness: '45',
      sinceGettingUpH: '1,5',
      walkingAid: 'cane',
      note: ' ROM L<R, pain 3/10 ',
    });
    expect(r.problems).toEqual([]);
    expect(r.value).toEqual({
      painNowNrs: 3,
      painDuringNrs: 5,
      morningStiffnessMin: 45,
      sinceGettingUpMin: 90,
      walkingAid: 'cane',
      note: 'ROM L<R, pain 3/10',
    } satisfies SelfReport);
    expect(parseSelfReport(fields({ sinceGettingUpH: '2.25', morningStiffness: '7,6' })).value).toEqual({
      sinceGettingUpMin: 135,
      morningStiffnessMin: 8,
    });
    expect(parseSelfReport(fields({ painNow: '0', morningStiffness: '0' })).value).toEqual({
      painNowNrs: 0,
      morningStiffnessMin: 0,
    });
  });

  it('names each bad field once and keeps the good answers', () => {
    const r = parseSelfReport({
      painNow: '11',
      painDuring: '2,5',
      morningStiffness: '601',
      sinceGettingUpH: 'abc',
      walkingAid: 'wheelchair',
      note: 'ok',
    });
    expect(r.problems).toEqual([
      { field: 'painNow', code: 'range', min: 0, max: 10 },
      { field: 'painDuring', code: 'whole' },
      { field: 'morningStiffness', code: 'range', min: 0, max: 600 },
      { field: 'sinceGettingUpH', code: 'not-number' },
      { field: 'walkingAid', code: 'choice' },
    ]);
    expect(r.value).toEqual({ note: 'ok' });
    expect(parseSelfReport(fields({ painNow: '-1' })).problems[0].code).toBe('range');
    expect(parseSelfReport(fields({ sinceGettingUpH: '24,01' })).problems[0]).toMatchObject({ max: 24 });
    expect(parseSelfReport(fields({ sinceGettingUpH: '24' })).value).toEqual({ sinceGettingUpMin: 1440 });
    expect(parseSelfReport(fields({ note: 'x'.repeat(2001) })).problems[0].code).toBe('too-long');
    expect(parseSelfReport(fields({ note: 'a\u202eb' })).problems[0].code).toBe('unsafe-text');
    expect(parseSelfReport(fields({ note: 'line 1\nline 2' })).value).toEqual({ note: 'line 1\nline 2' });
  });
});

const fresh = () => {
  let n = 0;
  return openGanglagDb({
    idbFactory: new IDBFactory(),
    storage: null,
    now: () => new Date('2026-06-01T12:00:00Z'),
    newId: () => `id-${++n}`,
  });
};

describe('self-report in stored sessions', () => {
  it('stores, edits, removes and round-trips it through the backup', async () => {
    const db = await fresh();
    const p = await db.createProfile({ pseudonym: 'P1' });
    const report: SelfReport = {
      painNowNrs: 4,
      morningStiffnessMin: 30,
      walkingAid: 'none',
      note: 'hip<knee',
    };
    const s = await db.addSession({ ...sampleSessionInput(p.id), selfReport: report });
    expect(s.selfReport).toEqual(report);
    expect((await db.getSession(s.id)).selfReport).toEqual(report);
    // Nothing answered: no field at all.
    const bare = await db.addSession({ ...sampleSessionInput(p.id), selfReport: { note: '  ' } });
    expect('selfReport' in bare).toBe(false);

    const edited = await db.updateSession(s.id, { selfReport: { painNowNrs: 6 } });
    expect(edited.selfReport).toEqual({ painNowNrs: 6 });
    expect((await db.updateSession(s.id, { notes: 'x' })).selfReport).toEqual({ painNowNrs: 6 });

    const blob = await db.exportBackupBlob();
    const b = await fresh();
    await b.importBackupFile(blob);
    expect((await b.getSession(s.id)).selfReport).toEqual({ painNowNrs: 6 });
    expect('selfReport' in (await b.getSession(bare.id))).toBe(false);

    const removed = await db.updateSession(s.id, { selfReport: null });
    expect('selfReport' in removed).toBe(false);
    db.close();
    b.close();
  });

  it('refuses implausible answers with one error naming the field, storing nothing', async () => {
    const db = await fresh();
    const p = await db.createProfile({ pseudonym: 'P1' });
    const bad: [SelfReport, string][] = [
      [{ painNowNrs: 11 }, 'selfReport.painNowNrs'],
      [{ painDuringNrs: 2.5 }, 'selfReport.painDuringNrs'],
      [{ painNowNrs: NaN }, 'selfReport.painNowNrs'],
      [{ morningStiffnessMin: 601 }, 'selfReport.morningStiffnessMin'],
      [{ morningStiffnessMin: -1 }, 'selfReport.morningStiffnessMin'],
      [{ sinceGettingUpMin: 1441 }, 'selfReport.sinceGettingUpMin'],
      [{ walkingAid: 'wheelchair' as never }, 'selfReport.walkingAid'],
      [{ note: 'x'.repeat(2001) }, 'selfReport.note'],
      [{ note: 'a\u202eb' }, 'selfReport.note'],
      [{ painNowNrs: 1, extra: 1 } as SelfReport, 'selfReport.extra'],
    ];
    for (const [selfReport, field] of bad) {
      const err = await db
        .addSession({ ...sampleSessionInput(p.id), selfReport })
        .catch((e: unknown) => e as GanglagStorageError);
      expect(err, field).toBeInstanceOf(GanglagStorageError);
      expect((err as GanglagStorageError).field, JSON.stringify(selfReport)).toBe(field);
    }
    expect(await db.listSessions(p.id)).toEqual([]);
    const s = await db.addSession(sampleSessionInput(p.id));
    const err = await db.updateSession(s.id, { selfReport: { painNowNrs: 12 } }).catch((e: unknown) => e);
    expect((err as GanglagStorageError).code).toBe('invalid-record');
    expect('selfReport' in (await db.getSession(s.id))).toBe(false);
    db.close();
  });
});
