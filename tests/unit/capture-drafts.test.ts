// Drafts from the capture side: when chunks are written, frames passed on in time order across parallel chunks,
// the frame rate of a restored draft, and the writer against an IndexedDB (fake-indexeddb) through a "reload".
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ChunkSchedule, headerOf } from '../../src/capture/draft-sink';
import { InOrderFrames } from '../../src/capture/in-order';
import { openGanglagDb } from '../../src/storage/db';
import { publishAnalysis } from '../../src/ui/app-state';
import {
  DRAFT_MAX_PENDING,
  DraftWriter,
  draftIdOf,
  draftSaved,
  isUnsaved,
  markDownloaded,
} from '../../src/ui/drafts/draft-writer';
import { fpsFromFrames, restoredRecording } from '../../src/ui/drafts/restore';
import { gaitAnalysis, samplePoses } from '../fixtures/sessions-fixtures';

describe('ChunkSchedule', () => {
  it('writes every interval or once enough frames wait, never more than a chunk, never beyond the bound', () => {
    const s = new ChunkSchedule(3000, 100, 250);
    s.reset(0);
    expect(s.next(10, 1000)).toBeNull(); // too soon, too few
    expect(s.next(10, 3000)).toEqual([0, 10]); // the interval passed
    expect(s.next(50, 3500)).toBeNull();
    expect(s.next(110, 3600)).toEqual([10, 110]); // 100 waiting: a full chunk at once
    expect(s.next(400, 3700)).toEqual([110, 210]); // at most 100 a chunk
    expect(s.next(400, 9000)).toEqual([210, 250]); // the bound on the draft
    expect(s.next(500, 20_000)).toBeNull();
    expect(s.written).toBe(250);
    s.reset(0);
    expect(s.next(3, 1, true)).toEqual([0, 3]); // forced
  });
});

describe('InOrderFrames', () => {
  it('passes frames of parallel chunks on in time order, each once, without the lead-in frames', () => {
    const out: number[] = [];
    const o = new InOrderFrames<{ tMs: number }>([0, 1000, 2000], (f) => out.push(f.tMs));
    o.add(1, { tMs: 600 }); // lead-in of chunk 1 (starts at 1000)
    o.add(1, { tMs: 1000 });
    o.add(2, { tMs: 2000 });
    o.add(0, { tMs: 0 });
    o.add(0, { tMs: 500 });
    expect(out).toEqual([0, 500]); // chunk 1 waits for chunk 0
    o.add(1, { tMs: 1500 });
    o.finish(0);
    expect(out).toEqual([0, 500, 1000, 1500]);
    o.add(1, { tMs: 1500 }); // a repeat after a worker restart
    o.finish(2); // chunk 2 done before chunk 1
    o.add(1, { tMs: 1900 });
    expect(out).toEqual([0, 500, 1000, 1500, 1900]);
    o.finish(1);
    expect(out).toEqual([0, 500, 1000, 1500, 1900, 2000]);
  });
});

describe('restored frame rate', () => {
  const frames = (dts: number[]) => {
    let t = 0;
    return [{ tMs: 0, keypoints: [] }, ...dts.map((d) => ({ tMs: (t += d), keypoints: [] }))];
  };
  it('takes a live recording’s mean rate and a file’s median interval', () => {
    expect(fpsFromFrames('recording', frames([40, 40, 80, 40]), 30)).toBe(20); // 4 intervals in 200 ms
    expect(fpsFromFrames('file', frames([40, 40, 80, 40]), 30)).toBe(25); // median 40 ms
    expect(fpsFromFrames('file', frames([1000 / 30, 1000 / 30, 1000 / 30]), 25)).toBeCloseTo(30, 2);
    expect(fpsFromFrames('file', frames([]), 24)).toBe(24); // one frame: the stored rate
  });
  it('keeps every frame and changes only the rate', () => {
    const p = samplePoses(12);
    const r = restoredRecording('file', { ...p, fps: 17 });
    expect(r.frames).toBe(p.frames);
    expect(r.fps).toBeCloseTo(30, 2);
  });
});

describe('DraftWriter', () => {
  it('keeps a live recording in chunks while it is made, then the finished one, and a save discards it', async () => {
    const factory = new IDBFactory();
    const open = () => openGanglagDb({ idbFactory: factory, name: 'w', storage: null });
    const errors: unknown[] = [];
    const w = new DraftWriter((e) => errors.push(e), open);
    const rec = samplePoses(2 * DRAFT_MAX_PENDING + 20);
    const growing: typeof rec.frames = [];
    w.start('recording', headerOf(rec));
    for (const f of rec.frames) {
      growing.push(f);
      w.progress(growing);
    }
    await w.flushed();
    // Two full chunks were due by count; the last 20 frames wait for the interval.
    expect(w.stats.writes).toBe(2);
    expect(w.stats.frames).toBe(2 * DRAFT_MAX_PENDING);
    const mid = await open();
    const [d] = await mid.drafts.listDrafts();
    expect(d).toMatchObject({ origin: 'recording', frameCount: 2 * DRAFT_MAX_PENDING, analysis: null });
    mid.close(); // a reload here would restore these frames

    w.complete(rec);
    await w.flushed();
    expect(errors).toEqual([]);
    const id = await draftIdOf(rec);
    expect(id).not.toBeNull();
    const db = await open();
    const drafts = await db.drafts.listDrafts();
    expect(drafts.map((x) => x.id)).toEqual([id]); // the finished recording replaced the partial one
    const loaded = await db.drafts.loadDraft(id!);
    expect(loaded.poses.frames).toHaveLength(rec.frames.length);
    expect(loaded.poses.frames[rec.frames.length - 1].tMs).toBeCloseTo(
      rec.frames[rec.frames.length - 1].tMs,
      6,
    );
    expect(await isUnsaved(rec, async () => db)).toBe(true);

    // A published analysis of the recording goes with its draft, so the draft can be saved as it is.
    publishAnalysis({ recording: rec, analysis: gaitAnalysis(1.2), kind: 'gait', protocol: 'guided-gait' });
    await new Promise((r) => setTimeout(r, 50));
    expect((await db.drafts.get(id!)).protocol).toBe('guided-gait');
    expect((await db.drafts.get(id!)).analysis).not.toBeNull();

    await draftSaved(db, rec);
    expect(await db.drafts.listDrafts()).toEqual([]);
    expect(await isUnsaved(rec, async () => db)).toBe(false);
    db.close();
  });

  it('drops a draft of fewer than two frames, keeps a longer one cut short, and skips the question once downloaded', async () => {
    const factory = new IDBFactory();
    const open = () => openGanglagDb({ idbFactory: factory, name: 'w2', storage: null });
    const w = new DraftWriter(() => undefined, open);
    const rec = samplePoses(DRAFT_MAX_PENDING + 5);
    w.start('file', headerOf(rec));
    w.progress(rec.frames.slice(0, 1));
    w.end();
    await w.flushed();
    const db = await open();
    expect(await db.drafts.listDrafts()).toEqual([]);

    w.start('file', headerOf(rec));
    w.progress(rec.frames); // a full chunk is due
    w.end(); // an error part-way
    await w.flushed();
    const [kept] = await db.drafts.listDrafts();
    expect(kept.frameCount).toBe(DRAFT_MAX_PENDING);

    w.complete(rec);
    await w.flushed();
    expect(await isUnsaved(rec, async () => db)).toBe(true);
    markDownloaded(rec);
    expect(await isUnsaved(rec, async () => db)).toBe(false);
    db.close();
  });
});
