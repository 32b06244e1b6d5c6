import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openGanglagDb } from '../../src/storage/db';
import { GanglagStorageError } from '../../src/storage/errors';
import type { CameraSetupInput } from '../../src/storage/types';

let clock = new Date('2026-06-01T12:00:00Z');
const fresh = () => {
  let n = 0;
  return openGanglagDb({
    idbFactory: new IDBFactory(),
    storage: null,
    now: () => clock,
    newId: () => `cam-${++n}`,
  });
};

const ROOM2: CameraSetupInput = {
  name: '  Room 2, tripod at the window ',
  ref: { x1: 100, y1: 400, x2: 540, y2: 410, metres: 4 },
  frameWidthPx: 640,
  frameHeightPx: 480,
};

async function refusal(p: Promise<unknown>, field: string): Promise<GanglagStorageError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GanglagStorageError);
  expect((err as GanglagStorageError).code).toBe('invalid-record');
  expect((err as GanglagStorageError).field).toBe(field);
  return err as GanglagStorageError;
}

describe('camera setups store', () => {
  it('puts, lists by name, gets, replaces (keeping createdAt) and deletes', async () => {
    clock = new Date('2026-06-01T12:00:00Z');
    const db = await fresh();
    const a = await db.cameraSetups.put(ROOM2);
    expect(a).toEqual({
      id: 'cam-1',
      name: 'Room 2, tripod at the window',
      ref: { x1: 100, y1: 400, x2: 540, y2: 410, metres: 4 },
      frameWidthPx: 640,
      frameHeightPx: 480,
      createdAt: '2026-06-01T12:00:00.000Z',
      updatedAt: '2026-06-01T12:00:00.000Z',
    });
    const b = await db.cameraSetups.put({ ...ROOM2, name: 'Corridor' });
    expect((await db.cameraSetups.list()).map((c) => c.name)).toEqual([
      'Corridor',
      'Room 2, tripod at the window',
    ]);
    expect(await db.cameraSetups.get(a.id)).toEqual(a);
    expect(await db.cameraSetups.get('nope')).toBeUndefined();

    clock = new Date('2026-06-02T08:00:00Z');
    const changed = await db.cameraSetups.put({ ...ROOM2, id: a.id, ref: { ...ROOM2.ref, metres: 6 } });
    expect(changed.id).toBe(a.id);
    expect(changed.ref.metres).toBe(6);
    expect(changed.createdAt).toBe('2026-06-01T12:00:00.000Z');
    expect(changed.updatedAt).toBe('2026-06-02T08:00:00.000Z');
    expect(await db.cameraSetups.list()).toHaveLength(2);

    await db.cameraSetups.delete(b.id);
    expect((await db.cameraSetups.list()).map((c) => c.id)).toEqual([a.id]);
    const missing = await db.cameraSetups.delete(b.id).catch((e: unknown) => e);
    expect((missing as GanglagStorageError).code).toBe('not-found');
    const ghost = await db.cameraSetups.put({ ...ROOM2, id: 'never-was' }).catch((e: unknown) => e);
    expect((ghost as GanglagStorageError).code).toBe('not-found');
    db.close();
  });

  it('refuses implausible setups with one error naming the field, and stores nothing', async () => {
    const db = await fresh();
    await refusal(db.cameraSetups.put({ ...ROOM2, name: '   ' }), 'name');
    await refusal(db.cameraSetups.put({ ...ROOM2, name: 'Room \u202e2' }), 'name');
    await refusal(db.cameraSetups.put({ ...ROOM2, name: 'Room\n2' }), 'name');
    // Centimetres typed as metres, zero, negative, not a number.
    for (const metres of [200, 30.01, 0, -1, NaN, Infinity]) {
      await refusal(db.cameraSetups.put({ ...ROOM2, ref: { ...ROOM2.ref, metres } }), 'ref.metres');
    }
    expect((await db.cameraSetups.put({ ...ROOM2, ref: { ...ROOM2.ref, metres: 30 } })).ref.metres).toBe(30);
    await refusal(db.cameraSetups.put({ ...ROOM2, ref: { ...ROOM2.ref, x1: NaN } }), 'ref.x1');
    const outside = await refusal(db.cameraSetups.put({ ...ROOM2, ref: { ...ROOM2.ref, x2: 641 } }), 'ref');
    expect(outside.message).toMatch(/inside the frame/);
    await refusal(db.cameraSetups.put({ ...ROOM2, ref: { ...ROOM2.ref, y1: -0.5 } }), 'ref');
    const same = await refusal(
      db.cameraSetups.put({ ...ROOM2, ref: { ...ROOM2.ref, x2: 100.5, y2: 400.5 } }),
      'ref',
    );
    expect(same.message).toMatch(/coincide/);
    await refusal(db.cameraSetups.put({ ...ROOM2, frameWidthPx: 0 }), 'frameWidthPx');
    await refusal(db.cameraSetups.put({ ...ROOM2, frameHeightPx: 480.5 }), 'frameHeightPx');
    // The points on the frame's edge are inside it.
    const edge = await db.cameraSetups.put({ ...ROOM2, ref: { x1: 0, y1: 480, x2: 640, y2: 0, metres: 5 } });
    expect(edge.ref.x2).toBe(640);
    expect(await db.cameraSetups.list()).toHaveLength(2);
    db.close();
  });

  it('goes into the v2 backup, restores, and a deleted setup stays deleted after an older backup', async () => {
    clock = new Date('2026-06-01T12:00:00Z');
    const a = await fresh();
    const setup = await a.cameraSetups.put(ROOM2);
    const old = await a.exportBackupBlob();
    const lines = (await old.text()).trimEnd().split('\n');
    expect(JSON.parse(lines[0]).counts.cameraSetups).toBe(1);
    expect(lines.filter((l) => l.startsWith('{"kind":"cameraSetup"'))).toHaveLength(1);

    const b = await fresh();
    const plan = await b.previewImport(old);
    expect(plan.cameraSetups.counts.add).toBe(1);
    expect(plan.cameraSetups.entries[0].label).toBe('Room 2, tripod at the window');
    expect(plan.profiles).toEqual([]);
    expect(plan.empty).toBe(false);
    const report = await b.importBackupFile(old, { previewed: plan });
    expect(report.cameraSetups.added).toBe(1);
    expect(await b.cameraSetups.list()).toEqual([setup]);
    // Importing the same file again changes nothing.
    expect((await b.importBackupFile(old)).cameraSetups.unchanged).toBe(1);

    // Erased on a: the tombstone travels and erases on b; the older file cannot bring it back on either.
    clock = new Date('2026-06-03T12:00:00Z');
    await a.cameraSetups.delete(setup.id);
    const later = await a.exportBackupBlob();
    expect((await b.importBackupFile(later)).cameraSetups).toMatchObject({ erased: 1 });
    expect(await b.cameraSetups.list()).toEqual([]);
    for (const db of [a, b]) {
      const r = await db.importBackupFile(old);
      expect(r.cameraSetups.refused).toBe(1);
      expect(await db.cameraSetups.list()).toEqual([]);
    }
    const again = await a.cameraSetups.put({ ...ROOM2, id: setup.id }).catch((e: unknown) => e);
    expect((again as GanglagStorageError).code).toBe('not-found');
    a.close();
    b.close();
  });

  it('rejects a backup whose camera setup is implausible, naming the line', async () => {
    const a = await fresh();
    await a.cameraSetups.put(ROOM2);
    const text = await (await a.exportBackupBlob()).text();
    const b = await fresh();
    // Rewrite the record with a bad distance and a matching checksum, as a hostile file would.
    const lines = text.trimEnd().split('\n');
    const i = lines.findIndex((l) => l.startsWith('{"kind":"cameraSetup"'));
    const rec = JSON.parse(lines[i]).record;
    rec.ref.metres = 200;
    const json = JSON.stringify(rec);
    const { sha256Hex } = await import('../../src/storage/backup-stream');
    lines[i] = `{"kind":"cameraSetup","sha256":"${await sha256Hex(json)}","record":${json}}`;
    const err = await b.importBackupFile(new Blob([lines.join('\n') + '\n'])).catch((e: unknown) => e);
    expect((err as GanglagStorageError).code).toBe('invalid-backup');
    expect((err as GanglagStorageError).field).toBe('cameraSetups[0].ref.metres');
    expect(await b.cameraSetups.list()).toEqual([]);
    a.close();
    b.close();
  });
});
