// Drafts in the real app: a reload in the middle of analysing the demo file loses nothing that was written; the
// capture view offers the draft at start-up, restoring it makes it the current recording with exactly the frames
// that were written; picking another file then asks first (a keyboard-operable dialog), and so do the guided gait
// and spine tests (issue 12 item 4).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PosesFileV1 } from '../../src/shared/poses-format';
import { haveTestdata, launchApp, MJPEG, WEBM, type AppHandle } from './harness';

const data = haveTestdata();

type Win = Window & {
  __ganglag: { recording(): PosesFileV1 | null };
  __ganglagCapture: { drafts: { writes: number; frames: number; totalMs: number; maxMs: number } };
};

/** The drafts in IndexedDB, read straight from the database: frame count and the frames in their chunks. */
function storedDrafts(app: AppHandle): Promise<{ id: string; frameCount: number; chunkFrames: number }[]> {
  return app.page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, no) => {
      const req = indexedDB.open('ganglag');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => no(req.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((ok) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => ok(r.result as T[]);
      });
    const drafts = await all<{ id: string; frameCount: number }>('drafts');
    const chunks = await all<{ draftId: string; frames: unknown[] }>('draftChunks');
    db.close();
    return drafts.map((d) => ({
      id: d.id,
      frameCount: d.frameCount,
      chunkFrames: chunks.filter((c) => c.draftId === d.id).reduce((n, c) => n + c.frames.length, 0),
    }));
  });
}

describe.runIf(data)('drafts survive a reload in the middle of a file', () => {
  let app: AppHandle;
  let written = 0;
  let draftId = '';
  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => app?.close());

  it('writes the analysed frames as a draft while the file is analysed', async () => {
    await app.page.setInputFiles('[data-testid=file-input]', WEBM);
    await app.page.waitForSelector('[data-testid=file-progress]:not([hidden])', { timeout: 120_000 });
    // Wait for the draft to hold some frames (a chunk every 3 s while frames arrive), then reload mid-file.
    const deadline = Date.now() + 400_000;
    for (;;) {
      const d = await storedDrafts(app);
      if (d.length === 1 && d[0].frameCount >= 20) break;
      if (Date.now() > deadline) throw new Error(`no draft written: ${JSON.stringify(d)}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const busy = await app.page.isVisible('[data-testid=file-progress]');
    const stats = await app.page.evaluate(() => ({ ...(window as unknown as Win).__ganglagCapture.drafts }));
    console.log(
      `[drafts e2e] before reload: ${stats.writes} chunk(s), ${stats.frames} frames, ` +
        `${(stats.totalMs / Math.max(1, stats.writes)).toFixed(1)} ms a chunk on average, max ${stats.maxMs.toFixed(1)} ms (shared machine)`,
    );
    expect(busy).toBe(true); // still analysing: this is a reload in the middle of the file
    expect(stats.writes).toBeGreaterThanOrEqual(1);
    await app.page.reload();
    const after = await storedDrafts(app);
    expect(after).toHaveLength(1);
    written = after[0].frameCount;
    draftId = after[0].id;
    expect(after[0].chunkFrames).toBe(written);
    expect(written).toBeGreaterThanOrEqual(20);
    expect(written).toBeLessThan(225); // a part of the 230-frame clip
  }, 600_000);

  it('offers the draft at start-up and restores exactly the frames written', async () => {
    const row = await app.page.waitForSelector('[data-testid=capture-drafts] [data-testid=pg-draft]', {
      timeout: 30_000,
    });
    expect(await row.getAttribute('data-draft-id')).toBe(draftId);
    expect(Number(await row.getAttribute('data-frames'))).toBe(written);
    expect(await app.page.textContent('[data-testid=capture-drafts]')).toMatch(
      /Unsaved recordings.*Restore/s,
    );
    await app.page.click('[data-testid=draft-restore]');
    await app.page.waitForFunction(() => (window as unknown as Win).__ganglag.recording() !== null);
    const rec = await app.page.evaluate(() => {
      const r = (window as unknown as Win).__ganglag.recording()!;
      const withHips = r.frames.filter((f) => f.keypoints[11] && f.keypoints[12]).length;
      return { frames: r.frames.length, withHips, fps: r.fps, width: r.width, name: r.source?.name };
    });
    expect(rec.frames).toBe(written);
    expect(rec.withHips).toBeGreaterThan(0.5 * written); // poses, not empty frames
    expect(rec.fps).toBeGreaterThan(29);
    expect(rec.fps).toBeLessThan(31);
    expect(rec.width).toBe(1768);
    expect(rec.name).toBe('walk-side-demo.webm');
    expect(await app.page.isHidden('[data-testid=capture-drafts]')).toBe(true);
    expect(await app.page.isEnabled('[data-testid=download]')).toBe(true);
    expect(await app.page.textContent('[data-testid=status]')).toContain(`${written} frames`);
    console.log(`[drafts e2e] restored ${rec.frames} frames of ${written} written`);
  });

  it('asks before a new file replaces the unsaved recording, by keyboard', async () => {
    await app.page.setInputFiles('[data-testid=file-input]', WEBM);
    await app.page.waitForSelector('[data-testid=replace-dialog][open]');
    expect(await app.page.textContent('[data-testid=replace-dialog]')).toContain(
      'Replace the unsaved recording?',
    );
    // Focus starts on the safe answer; Escape keeps the recording and starts nothing.
    expect(await app.page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe(
      'replace-dialog-no',
    );
    await app.page.keyboard.press('Escape');
    await app.page.waitForSelector('[data-testid=replace-dialog]', { state: 'detached' });
    expect(await app.page.isHidden('[data-testid=file-progress]')).toBe(true);
    expect((await storedDrafts(app)).map((d) => d.id)).toEqual([draftId]);

    // Again, and this time Tab to "Discard it and go on" and press Enter: the new file is analysed.
    await app.page.setInputFiles('[data-testid=file-input]', WEBM);
    await app.page.waitForSelector('[data-testid=replace-dialog][open]');
    await app.page.keyboard.press('Tab');
    expect(await app.page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe(
      'replace-dialog-yes',
    );
    await app.page.keyboard.press('Enter');
    await app.page.waitForSelector('[data-testid=file-progress]:not([hidden])', { timeout: 120_000 });
    await app.page.waitForFunction(
      async (old) => {
        const db = await new Promise<IDBDatabase>((ok) => {
          const req = indexedDB.open('ganglag');
          req.onsuccess = () => ok(req.result);
        });
        const ids = await new Promise<IDBValidKey[]>((ok) => {
          const r = db.transaction('drafts').objectStore('drafts').getAllKeys();
          r.onsuccess = () => ok(r.result);
        });
        db.close();
        return !ids.includes(old);
      },
      draftId,
      { timeout: 30_000, polling: 500 },
    );
    expect(await app.page.isEnabled('[data-testid=stop]')).toBe(true); // Stop is enabled while a file is analysed
  }, 300_000);

  it('requested nothing from any other origin', () => {
    expect(app.foreignRequests).toEqual([]);
  });
});

describe.runIf(data)('a live recording is kept as a draft while it is made', () => {
  let app: AppHandle;
  beforeAll(async () => {
    app = await launchApp({ fakeCamera: MJPEG });
  });
  afterAll(async () => app?.close());

  it('writes chunks while recording, then the finished recording; a new recording asks first', async () => {
    await app.page.click('[data-testid=start-camera]');
    await app.page.waitForSelector('[data-testid=record]:not([disabled])', { timeout: 180_000 });
    await app.page.click('[data-testid=record]');
    const deadline = Date.now() + 180_000;
    let during: { id: string; frameCount: number }[] = [];
    while (!(during.length === 1 && during[0].frameCount >= 3)) {
      if (Date.now() > deadline) throw new Error(`no chunk written: ${JSON.stringify(during)}`);
      await new Promise((r) => setTimeout(r, 1000));
      during = await storedDrafts(app);
    }
    await app.page.click('[data-testid=record]'); // stop: the finished recording replaces the chunks
    await app.page.waitForFunction(() => (window as unknown as Win).__ganglag.recording() !== null);
    const frames = await app.page.evaluate(
      () => (window as unknown as Win).__ganglag.recording()!.frames.length,
    );
    await app.page.waitForFunction(
      async ([old, n]) => {
        const db = await new Promise<IDBDatabase>((ok) => {
          const req = indexedDB.open('ganglag');
          req.onsuccess = () => ok(req.result);
        });
        const all = await new Promise<{ id: string; frameCount: number }[]>((ok) => {
          const r = db.transaction('drafts').objectStore('drafts').getAll();
          r.onsuccess = () => ok(r.result as { id: string; frameCount: number }[]);
        });
        db.close();
        return all.length === 1 && all[0].id !== old && all[0].frameCount === n;
      },
      [during[0].id, frames] as const,
      { timeout: 30_000, polling: 500 },
    );
    expect(frames).toBeGreaterThanOrEqual(during[0].frameCount);
    console.log(
      `[drafts e2e] live: ${during[0].frameCount} frames in the draft while recording, ${frames} at the end`,
    );
    // Starting another recording while this one is only a draft asks first.
    await app.page.click('[data-testid=record]');
    await app.page.waitForSelector('[data-testid=replace-dialog][open]');
    await app.page.click('[data-testid=replace-dialog-no]');
    expect(await app.page.textContent('[data-testid=record]')).toBe('Record'); // not started
    expect((await storedDrafts(app)).map((d) => d.frameCount)).toEqual([frames]);
  }, 400_000);

  it('the guided gait and spine tests ask too before replacing it, and "Keep it" loses nothing', async () => {
    const p = app.page;
    const focused = (): Promise<string | undefined> =>
      p.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid);
    const current = (): Promise<number> =>
      p.evaluate(() => (window as unknown as Win).__ganglag.recording()?.frames.length ?? -1);
    const frames = await current();
    const drafts = await storedDrafts(app);
    expect(drafts).toHaveLength(1);

    // Guided gait, on the camera still running: "Start recording" asks first; "Keep it" starts nothing.
    await p.click('[data-view=gait]');
    await p.click('[data-testid=gait-guided-open]');
    await p.waitForSelector('[data-testid=gait-record]:not([disabled])', { timeout: 60_000 });
    await p.click('[data-testid=gait-record]');
    await p.waitForSelector('[data-testid=replace-dialog][open]');
    expect(await focused()).toBe('replace-dialog-no');
    await p.click('[data-testid=replace-dialog-no]');
    await p.waitForSelector('[data-testid=replace-dialog]', { state: 'detached' });
    expect(await p.textContent('[data-testid=gait-record]')).toBe('Start recording');
    await p.click('[data-testid=gait-guided-close]');

    // A guided spine test asks before it starts anything (model, camera); "Keep it" closes it again.
    await p.click('[data-view=spine]');
    await p.click('[data-testid=spine-start-posture]');
    await p.waitForSelector('[data-testid=replace-dialog][open]');
    expect(await focused()).toBe('replace-dialog-no');
    await p.keyboard.press('Enter');
    await p.waitForSelector('[data-testid=spine-panel]', { state: 'detached' });
    await p.waitForSelector('[data-testid=spine-start-posture]');

    // Everything as it was: the same recording, and its draft with every frame.
    expect(await current()).toBe(frames);
    expect(await storedDrafts(app)).toEqual(drafts);
  }, 200_000);
});
