// Camera setups: a named camera placement with its floor reference (two floor points in the frame and the
// distance between them), saved once and reused on later recordings from the same setup.
//
// API (reach it as `db.cameraSetups` on an open GanglagDb):
//   await db.cameraSetups.list();        // CameraSetupV1[], by name
//   await db.cameraSetups.get(id);       // CameraSetupV1 | undefined
//   await db.cameraSetups.put({ id?, name, ref: { x1, y1, x2, y2, metres }, frameWidthPx, frameHeightPx });
//                                        // new when id is absent; otherwise replaces that setup (same createdAt)
//   await db.cameraSetups.delete(id);    // leaves a tombstone, so an older backup cannot bring it back
// Invalid input throws GanglagStorageError('invalid-record') naming the field; nothing is written.
import type { IDBPDatabase } from 'idb';
import { assertValidRecord } from './backup';
import { GanglagStorageError, toStorageError } from './errors';
import type { GanglagSchema } from './schema';
import type { CameraSetupInput, CameraSetupV1, Clock } from './types';

export class CameraSetupStore {
  constructor(
    private readonly db: IDBPDatabase<GanglagSchema>,
    private readonly now: Clock,
    private readonly newId: () => string,
  ) {}

  private async run<R>(doing: string, fn: () => Promise<R>): Promise<R> {
    try {
      return await fn();
    } catch (err) {
      throw toStorageError(err, doing);
    }
  }

  async list(): Promise<CameraSetupV1[]> {
    const all = await this.run('reading camera setups', () => this.db.getAll('cameraSetups'));
    return all.sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(id: string): Promise<CameraSetupV1 | undefined> {
    return this.run('reading the camera setup', () => this.db.get('cameraSetups', id));
  }

  /** Saves a new setup, or replaces the one with input.id (which must exist). Returns what was stored. */
  async put(input: CameraSetupInput): Promise<CameraSetupV1> {
    const t = this.now().toISOString();
    const draft: CameraSetupV1 = {
      id: input.id ?? this.newId(),
      name: input.name.trim(),
      ref: {
        x1: input.ref.x1,
        y1: input.ref.y1,
        x2: input.ref.x2,
        y2: input.ref.y2,
        metres: input.ref.metres,
      },
      frameWidthPx: input.frameWidthPx,
      frameHeightPx: input.frameHeightPx,
      createdAt: t,
      updatedAt: t,
    };
    // Checked before the transaction: a bad value never opens one.
    assertValidRecord('cameraSetup', draft);
    return this.run('saving the camera setup', async () => {
      const tx = this.db.transaction(['cameraSetups', 'tombstones'], 'readwrite');
      tx.done.catch(() => {});
      const store = tx.objectStore('cameraSetups');
      let out = draft;
      if (input.id !== undefined) {
        const old = await store.get(input.id);
        if (!old) {
          tx.abort();
          throw notFound(input.id);
        }
        out = { ...draft, createdAt: old.createdAt };
      } else if ((await tx.objectStore('tombstones').getKey(`cameraSetup:${draft.id}`)) !== undefined) {
        tx.abort();
        throw new GanglagStorageError(
          'invalid-record',
          `Not saved: id: camera setup ${draft.id} was deleted`,
          {
            field: 'id',
          },
        );
      }
      await store.put(out);
      await tx.done;
      return out;
    });
  }

  /** Deletes the setup; a tombstone keeps an older backup from restoring it. */
  async delete(id: string): Promise<void> {
    await this.run('deleting the camera setup', async () => {
      const tx = this.db.transaction(['cameraSetups', 'tombstones'], 'readwrite');
      tx.done.catch(() => {});
      if (!(await tx.objectStore('cameraSetups').get(id))) {
        tx.abort();
        throw notFound(id);
      }
      await tx.objectStore('cameraSetups').delete(id);
      await tx
        .objectStore('tombstones')
        .put({ key: `cameraSetup:${id}`, kind: 'cameraSetup', id, deletedAt: this.now().toISOString() });
      await tx.done;
    });
  }
}

function notFound(id: string): GanglagStorageError {
  return new GanglagStorageError('not-found', `No camera setup with id ${id}.`);
}
