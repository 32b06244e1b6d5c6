import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openGanglagDb } from '../../src/storage/db';
import { MAX_DRAFTS } from '../../src/storage/drafts';
import type { DraftInput } from '../../src/storage/types';
import { gaitAnalysis, samplePoses } from '../fixtures/sessions-fixtures';

const poses = samplePoses(10);
const { frames, ...header } = poses;
const input: DraftInput = { origin: 'recording', kind: 'gait', protocol: '4m-walk', header };

describe('drafts', () => {
  it('survive closing the database: frames appended in chunks come back as one poses file', async () => {
    const factory = new IDBFactory();
    let t = Date.parse('2026-03-10T12:00:00Z');
    const opts = { idbFactory: factory, name: 'd', storage: null, now: () => new Date((t += 1000)) };
    const db = await openGanglagDb(opts);
    const d = await db.drafts.saveDraft(input);
    await db.drafts.appendFrames(d.id, frames.slice(0, 4));
    await db.drafts.appendFrames(d.id, frames.slice(4));
    db.close(); // a reload

    const again = await openGanglagDb(opts);
    const [listed] = await again.drafts.listDrafts();
    expect(listed).toMatchObject({ id: d.id, frameCount: 10, chunkCount: 2, analysis: null });
    const loaded = await again.drafts.loadDraft(d.id);
    expect(loaded.poses).toEqual(poses);

    await again.drafts.updateDraft(d.id, { analysis: gaitAnalysis(1.1) });
    const profile = await again.createProfile({ pseudonym: 'A' });
    const s = await again.saveDraftAsSession(d.id, { profileId: profile.id, notes: 'restored' });
    expect(s.notes).toBe('restored');
    expect((await again.getPoses(s.id)).frames).toHaveLength(10);
    expect(await again.drafts.listDrafts()).toEqual([]);
    again.close();
  });

  it('refuses frames that go back in time or break the skeleton, keeping what is stored', async () => {
    const db = await openGanglagDb({ idbFactory: new IDBFactory(), storage: null });
    const d = await db.drafts.saveDraft(input);
    await db.drafts.appendFrames(d.id, frames.slice(0, 5));
    await expect(
      db.drafts.appendFrames(d.id, [
        { ...frames[5], tMs: 5 },
        { ...frames[6], tMs: 1 },
      ]),
    ).rejects.toMatchObject({ code: 'invalid-record', field: 'frames' });
    await expect(db.drafts.appendFrames(d.id, [{ ...frames[5], tMs: 100 }])).rejects.toThrow(
      /timestamps must increase \(100 after 133\.3/,
    );
    await expect(db.drafts.appendFrames(d.id, [{ tMs: 999, keypoints: [] }])).rejects.toThrow(
      /expected 17 keypoints/,
    );
    expect((await db.drafts.loadDraft(d.id)).poses.frames).toHaveLength(5);
    await expect(db.saveDraftAsSession(d.id, { profileId: 'x' })).rejects.toThrow(/not been analysed/);
    await expect(db.drafts.saveDraft({ ...input, header: { ...header, fps: -1 } })).rejects.toMatchObject({
      field: 'header',
    });
    db.close();
  });

  it('keeps at most MAX_DRAFTS, dropping the oldest, and discards cleanly', async () => {
    let t = 0;
    const db = await openGanglagDb({
      idbFactory: new IDBFactory(),
      storage: null,
      now: () => new Date((t += 1000)),
    });
    const ids: string[] = [];
    for (let i = 0; i < MAX_DRAFTS + 2; i++) {
      const d = await db.drafts.saveDraft(input);
      await db.drafts.appendFrames(d.id, frames.slice(0, 2));
      ids.push(d.id);
    }
    const left = (await db.drafts.listDrafts()).map((d) => d.id);
    expect(left).toEqual(ids.slice(-MAX_DRAFTS).reverse());
    await expect(db.drafts.loadDraft(ids[0])).rejects.toMatchObject({ code: 'not-found' });
    await db.drafts.discardDraft(left[0]);
    expect(await db.drafts.listDrafts()).toHaveLength(MAX_DRAFTS - 1);
    db.close();
  });

  it('erasing a profile discards its drafts', async () => {
    const db = await openGanglagDb({ idbFactory: new IDBFactory(), storage: null });
    const p = await db.createProfile({ pseudonym: 'A' });
    await db.drafts.saveDraft({ ...input, profileId: p.id });
    await db.drafts.saveDraft(input);
    await db.deleteProfile(p.id);
    expect((await db.drafts.listDrafts()).map((d) => d.profileId)).toEqual([null]);
    db.close();
  });
});
