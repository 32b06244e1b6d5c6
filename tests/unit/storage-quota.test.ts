import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { unwrap } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { openGanglagDb, type GanglagDb } from '../../src/storage/db';
import { GanglagStorageError, isQuotaError, toStorageError } from '../../src/storage/errors';
import { snapshot } from '../fixtures/sessions-db-helpers';
import { gaitAnalysis, samplePoses } from '../fixtures/sessions-fixtures';

/**
 * Makes fake-indexeddb behave like a full disk: after `allow` more records, storing one throws
 * QuotaExceededError inside the request, so the transaction aborts with that error, as browsers do.
 */
function fillDiskAfter(allow: number): () => void {
  const proto = rawObjectStoreProto();
  const original = proto.storeRecord;
  let left = allow;
  proto.storeRecord = function (this: unknown, ...args: unknown[]) {
    if (left-- <= 0) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return original.apply(this, args);
  };
  return () => {
    proto.storeRecord = original;
  };
}

type RawProto = { storeRecord: (...args: unknown[]) => unknown };
let rawProto: RawProto | undefined;
function rawObjectStoreProto(): RawProto {
  if (!rawProto) throw new Error('call primeRawProto first');
  return rawProto;
}
async function primeRawProto(db: GanglagDb): Promise<void> {
  // Reach fake-indexeddb's internal record store through a real transaction on our own database.
  const idb = (db as unknown as { db: Parameters<typeof unwrap>[0] }).db;
  const raw = unwrap(idb) as unknown as IDBDatabase;
  const store = raw.transaction('profiles', 'readonly').objectStore('profiles') as unknown as {
    _rawObjectStore: object;
  };
  rawProto = Object.getPrototypeOf(store._rawObjectStore) as RawProto;
}

/**
 * The other way browsers report a full disk: the request fails with AbortError and only the transaction's
 * error says QuotaExceededError. After `allow` more requests, the next one aborts its transaction like that.
 */
function abortTransactionAfter(db: GanglagDb, allow: number): () => void {
  const idb = (db as unknown as { db: Parameters<typeof unwrap>[0] }).db;
  const raw = unwrap(idb) as unknown as IDBDatabase;
  type TxProto = { _execRequestAsync: (...a: unknown[]) => unknown; _abort: (name: string) => void };
  const proto = Object.getPrototypeOf(raw.transaction('profiles', 'readonly')) as TxProto;
  const original = proto._execRequestAsync;
  let left = allow;
  proto._execRequestAsync = function (this: TxProto, ...args: unknown[]) {
    const request = original.apply(this, args);
    if (left-- <= 0) this._abort('QuotaExceededError');
    return request;
  };
  return () => {
    proto._execRequestAsync = original;
  };
}

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

async function expectQuota(p: Promise<unknown>): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GanglagStorageError);
  expect((err as GanglagStorageError).code).toBe('quota-exceeded');
  expect((err as Error).message).toMatch(/Storage is full.*Nothing was changed/);
}

describe('full storage', () => {
  it('maps QuotaExceededError to code quota-exceeded and loses nothing already stored', async () => {
    const db = await openGanglagDb({ idbFactory: new IDBFactory(), storage: null });
    await primeRawProto(db);
    const p = await db.createProfile({ pseudonym: 'A' });
    const first = await db.addSession({
      profileId: p.id,
      kind: 'gait',
      protocol: 'x',
      analysis: gaitAnalysis(1),
      poses: samplePoses(3),
    });
    const before = await snapshot(db);

    // The session record fits, its poses do not: the whole session must vanish, not half of it.
    restore = fillDiskAfter(1);
    await expectQuota(
      db.addSession({
        profileId: p.id,
        kind: 'gait',
        protocol: 'x',
        analysis: gaitAnalysis(2),
        poses: samplePoses(3),
      }),
    );
    restore();
    restore = fillDiskAfter(0);
    await expectQuota(db.updateProfile(p.id, { notes: 'longer notes' }));
    await expectQuota(db.saveVideo(first.id, new Blob(['x']), { consented: true }));
    restore();

    expect((await db.listSessions(p.id)).map((s) => s.id)).toEqual([first.id]);
    expect(await snapshot(db)).toBe(before);
    // Once space is free again, writing works.
    await db.addSession({
      profileId: p.id,
      kind: 'gait',
      protocol: 'x',
      analysis: gaitAnalysis(2),
      poses: samplePoses(3),
    });
    expect(await db.listSessions(p.id)).toHaveLength(2);
    db.close();
  });

  it('a quota failure midway through an import leaves the database unchanged', async () => {
    const src = await openGanglagDb({ idbFactory: new IDBFactory(), storage: null });
    const p = await src.createProfile({ pseudonym: 'A' });
    for (let i = 0; i < 4; i++) {
      await src.addSession({
        profileId: p.id,
        kind: 'gait',
        protocol: 'x',
        analysis: gaitAnalysis(1 + i / 10),
        poses: samplePoses(2),
      });
    }
    const text = JSON.stringify(await src.exportBackup());
    src.close();

    const db = await openGanglagDb({ idbFactory: new IDBFactory(), storage: null });
    await primeRawProto(db);
    await db.createProfile({ pseudonym: 'Local' });
    const before = await snapshot(db);
    restore = fillDiskAfter(5);
    await expectQuota(db.importBackup(text));
    restore();
    expect(await snapshot(db)).toBe(before);
    const report = await db.importBackup(text);
    expect(report.sessions.added).toBe(4);
    db.close();
  });

  it('also maps a transaction aborted with QuotaExceededError whose request only saw AbortError', async () => {
    const db = await openGanglagDb({ idbFactory: new IDBFactory(), storage: null });
    const p = await db.createProfile({ pseudonym: 'A' });
    const before = await snapshot(db);
    // addSession: get(profile), add(session), put(poses); the third request aborts the transaction.
    restore = abortTransactionAfter(db, 2);
    await expectQuota(
      db.addSession({
        profileId: p.id,
        kind: 'gait',
        protocol: 'x',
        analysis: gaitAnalysis(1),
        poses: samplePoses(2),
      }),
    );
    restore();
    expect(await snapshot(db)).toBe(before);
    db.close();
  });

  it('recognises the quota error shapes of current and older browsers', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError({ name: 'Error', code: 22 })).toBe(true);
    expect(isQuotaError(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
    expect(toStorageError(new DOMException('x', 'VersionError'), 'opening').code).toBe('version-too-new');
    expect(toStorageError(new Error('boom'), 'saving').message).toBe('Storage failed while saving: boom');
    const own = new GanglagStorageError('not-found', 'gone');
    expect(toStorageError(own, 'x')).toBe(own);
  });
});
