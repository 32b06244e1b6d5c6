// Sessions and progress in real Chromium: a profile, the demo clip analysed once and saved as two sessions on
// different dates (injected clock), the progress chart, the session panel, PDF/FHIR/CSV/backup exports, reload,
// damaged backups rejected with nothing changed, all under the built app's Content-Security-Policy.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Dialog, Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleBackup } from '../fixtures/sessions-fixtures';
import { haveTestdata, launchApp, ROOT, WEBM, type AppHandle } from './harness';

const data = haveTestdata();

/** The app's test hook and the CSP listener, as seen from page.evaluate (typed here, not on the global Window). */
type PageGlobals = {
  __ganglag: { recording(): unknown; setNow(iso: string): void };
  __cspViolations: string[];
};

const FIRST = '2026-03-02T08:30:00.000Z';
const SECOND = '2026-03-16T18:15:00.000Z';

/** Directive → source list of a CSP string. */
function parseCsp(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/** The records of a ganglag.backup/v2 file gathered into the v1 shape (which still imports). */
function asV1(ndjson: string) {
  const lines = ndjson
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { kind?: string; record?: Record<string, unknown>; exportedAt?: string });
  const of = (kind: string) => lines.filter((l) => l.kind === kind).map((l) => l.record!);
  return {
    format: 'ganglag.backup/v1',
    exportedAt: lines[0].exportedAt!,
    schemaVersion: 3,
    profiles: of('profile'),
    sessions: of('session') as ({ notes: string } & Record<string, unknown>)[],
    events: of('event'),
  };
}

async function download(app: AppHandle, testid: string): Promise<{ name: string; text: string }> {
  const pending: Promise<Download> = app.page.waitForEvent('download', { timeout: 30_000 });
  await app.page.click(`[data-testid=${testid}]`);
  const d = await pending;
  const path = await d.path();
  return { name: d.suggestedFilename(), text: readFileSync(path, 'latin1') };
}

const pointCount = (app: AppHandle, metric: string) =>
  app.page.getAttribute(`[data-testid=pg-chart-${metric}]`, 'data-points');

async function showProgress(app: AppHandle): Promise<void> {
  await app.page.click('button[data-view=progress]');
  await app.page.waitForSelector('[data-testid=progress-view] [data-testid=pg-profile] h2');
}

async function saveSession(app: AppHandle, at: string, keepVideo: boolean): Promise<void> {
  await app.page.evaluate((iso) => (window as unknown as PageGlobals).__ganglag.setNow(iso), at);
  await app.page.click('button[data-view=live]');
  await showProgress(app); // re-render: the form takes its date from the injected clock
  const local = await app.page.evaluate((iso) => {
    const d = new Date(iso);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }, at);
  expect(await app.page.inputValue('[data-testid=pg-session-datetime]')).toBe(local);
  await app.page.fill('[data-testid=pg-save-notes]', keepVideo ? 'evening walk' : 'morning walk');
  // The analysed file is still in the file input, so the consent question must be asked.
  await app.page.check(keepVideo ? '[data-testid=pg-consent-yes]' : '[data-testid=pg-consent-no]');
  const before = await app.page
    .$$eval('[data-testid=pg-sessions-table] tbody tr', (r) => r.length)
    .catch(() => 0);
  await app.page.click('[data-testid=pg-save-session]');
  await app.page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid=pg-sessions-table] tbody tr').length === n,
    before + 1,
    { timeout: 60_000 },
  );
  const result = await app.page.textContent('[data-testid=pg-save-result]');
  expect(result).toMatch(/saved/);
  if (keepVideo) expect(result).toMatch(/video clip is kept/);
}

describe.runIf(data)('sessions and progress (walk-side-demo.webm)', () => {
  let app: AppHandle;
  const pageErrors: string[] = [];
  let backup = '';

  beforeAll(async () => {
    app = await launchApp();
    app.page.on('pageerror', (e) => pageErrors.push(e.message));
    // Runs before the app's own scripts on every load, so a CSP violation anywhere is caught.
    await app.page.addInitScript(() => {
      (window as unknown as PageGlobals).__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as PageGlobals).__cspViolations.push(
          `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
        ),
      );
    });
    // Norwegian local time, whatever the machine's: the sessions' times of day and dates are then fixed.
    const cdp = await app.context.newCDPSession(app.page);
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'Europe/Oslo' });
    await app.page.reload();
  });
  afterAll(async () => app?.close());

  it('serves a CSP that allows only its own origin and no inline script', async () => {
    const html = readFileSync(resolve(ROOT, 'dist', 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta).not.toBeNull();
    const live = await app.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(live).toBe(meta![1]);
    const csp = parseCsp(meta![1]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    const scripts = csp.get('script-src') ?? csp.get('default-src')!;
    expect(scripts).toContain("'self'");
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'blob:', 'http:', 'https:'])
      expect(scripts).not.toContain(bad);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    // Every source in every directive is the page's own origin or a local scheme: no remote origin anywhere.
    const allowed = new Set(["'self'", "'none'", "'wasm-unsafe-eval'", 'blob:', 'data:']);
    for (const [directive, sources] of csp)
      for (const s of sources) expect(allowed.has(s), `${directive} allows ${s}`).toBe(true);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script element
  });

  it('creates a profile', async () => {
    await showProgress(app);
    await app.page.fill('[data-testid=pg-pseudonym]', 'Walker-01');
    await app.page.fill('[data-testid=pg-birth-year]', '1961');
    await app.page.selectOption('[data-testid=pg-sex]', 'female');
    await app.page.fill('[data-testid=pg-height]', '1.65');
    await app.page.fill('[data-testid=pg-profile-notes]', 'pain \u202e01/3');
    await app.page.click('[data-testid=pg-profile-save]');
    // A text-direction override in a note is refused with a clear message, and nothing is created.
    await app.page.waitForSelector('[data-testid=pg-profile-form] .pg-msg.error');
    expect(await app.page.$$('[data-testid=pg-profile-select]')).toHaveLength(0);
    await app.page.fill('[data-testid=pg-profile-notes]', 'Low back pain; ROM L<R, pain 3/10.');
    await app.page.click('[data-testid=pg-profile-save]');
    await app.page.waitForSelector('[data-testid=pg-profile-select]');
    expect(await app.page.textContent('[data-testid=pg-profile-select] option:checked')).toBe('Walker-01');
    expect(await app.page.textContent('[data-testid=pg-profile-facts]')).toContain('born 1961');
  });

  it('analyses the clip once and saves it as two sessions on different dates', async () => {
    await app.page.click('button[data-view=live]');
    await app.page.setInputFiles('[data-testid=file-input]', WEBM);
    await app.page.waitForFunction(
      () =>
        (window as unknown as PageGlobals).__ganglag.recording() !== null &&
        !document.querySelector('progress:not([hidden])'),
      null,
      { timeout: 600_000, polling: 500 },
    );
    await saveSession(app, FIRST, false);
    await saveSession(app, SECOND, true);
    const rows = await app.page.$$eval('[data-testid=pg-sessions-table] tbody tr', (r) =>
      r.map((x) => x.textContent ?? ''),
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('2026-03-16 19:15'); // newest first, in Oslo time
    expect(rows[0]).toContain('Evening'); // time of day set from the time
    expect(rows[1]).toContain('2026-03-02 09:30');
    expect(rows[1]).toContain('Morning');
    expect(rows[0]).toContain('video');
    expect(rows[1]).not.toContain('video');
  }, 700_000);

  it('shows both sessions on the progress charts; hovering shows one and clicking opens it', async () => {
    expect(await pointCount(app, 'gait-speed')).toBe('2');
    expect(await pointCount(app, 'cadence')).toBe('2');
    expect(await pointCount(app, 'step-length')).toBe('2');
    const canvas = app.page.locator('[data-testid=pg-chart-gait-speed]');
    const pts = JSON.parse((await canvas.getAttribute('data-session-points')) ?? '[]') as {
      id: string;
      x: number;
      y: number;
    }[];
    expect(pts).toHaveLength(2);
    expect(pts[0].x).toBeLessThan(pts[1].x); // time axis: 2 March left of 16 March
    await canvas.hover({ position: { x: pts[1].x, y: pts[1].y } });
    await app.page.waitForFunction(() =>
      document.querySelector('[data-testid=pg-hover-gait-speed]')?.textContent?.includes('2026-03-16'),
    );
    expect(await app.page.textContent('[data-testid=pg-hover-gait-speed]')).toMatch(
      /^2026-03-16 19:15 · evening · free-walk: \d\.\d\d m\/s$/,
    );
    await canvas.click({ position: { x: pts[1].x, y: pts[1].y } });
    await app.page.waitForSelector('[data-testid=pg-session-panel]:not([hidden]) [data-testid=pg-results]');
    expect(await app.page.getAttribute('[data-testid=pg-session-panel]', 'data-session')).toBe(pts[1].id);
  });

  it('shows the session: results, replay with video and scrubbing, gait events, comparison', async () => {
    const results = await app.page.textContent('[data-testid=pg-results]');
    expect(results).toMatch(/Gait speed/);
    await app.page.waitForSelector('[data-testid=pg-replay-video]');
    // The tracker loses the walker in some frames; the most skeleton pixels over a few positions mid-walk.
    const max = Number(await app.page.getAttribute('[data-testid=pg-scrub]', 'max'));
    let drawn = 0;
    for (const at of [0.3, 0.4, 0.5, 0.6, 0.7]) {
      await app.page.fill('[data-testid=pg-scrub]', String(Math.round(max * at)));
      const n = await app.page.evaluate(() => {
        const c = document.querySelector('[data-testid=pg-replay]') as HTMLCanvasElement;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let k = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) k++;
        return k;
      });
      drawn = Math.max(drawn, n);
    }
    expect(drawn).toBeGreaterThan(200);
    expect(
      Number(await app.page.getAttribute('[data-testid=pg-gait-events]', 'data-points')),
    ).toBeGreaterThan(2);
    // The same clip twice: every difference is zero and none is meaningful.
    const diffs = await app.page.$$eval('[data-testid=pg-compare] tbody tr', (r) =>
      r.map((x) => x.children[3]?.textContent ?? ''),
    );
    expect(diffs.length).toBeGreaterThan(3);
    for (const d of diffs) expect(Number(d)).toBe(0);
    // Both sessions come from one model (the file default), named in the session's line; no "different models" note.
    expect(await app.page.textContent('[data-testid=pg-session-panel]')).toMatch(
      /pose model: MoveNet Lightning/,
    );
    expect(await app.page.$('[data-testid=pg-compare-models]')).toBeNull();
    // Notes stay editable after recording.
    await app.page.fill('[data-testid=pg-session-notes]', 'evening walk, tired');
    await app.page.click('[data-testid=pg-session-panel] button[type=submit]');
    await app.page.waitForFunction(() =>
      document.querySelector('[data-testid=pg-sessions-table] tbody tr')?.textContent?.includes('tired'),
    );
    if (process.env.GANGLAG_SCREENSHOTS)
      await app.page.screenshot({ path: '/tmp/ganglag-progress-full.png', fullPage: true });
  });

  it('adds a clinician event that appears on the charts; deleting one asks first', async () => {
    await app.page.fill('[data-testid=pg-event-date]', '2026-03-09');
    await app.page.fill('[data-testid=pg-event-label]', 'Treatment \u202estarted');
    await app.page.click('[data-testid=pg-event-add]');
    // Text-direction overrides are refused by storage; plain text (with "<") goes in, as text.
    await app.page.waitForSelector('[data-testid=pg-events] .pg-msg.error');
    await app.page.fill('[data-testid=pg-event-label]', 'hip<knee <b>x</b>');
    await app.page.click('[data-testid=pg-event-add]');
    await app.page.waitForFunction(() =>
      document.querySelector('[data-testid=pg-event-list]')?.textContent?.includes('hip<knee <b>x</b>'),
    );
    expect(await app.page.$$('[data-testid=pg-event-list] b')).toHaveLength(0);
    const del = '[data-testid=pg-event-list] button[aria-label*="hip<knee"]';
    const answers = [false, true];
    const seen: string[] = [];
    const onDialog = (d: Dialog) => {
      seen.push(d.message());
      void (answers.shift() ? d.accept() : d.dismiss());
    };
    app.page.on('dialog', onDialog);
    await app.page.click(del);
    await app.page.waitForTimeout(300);
    expect(await app.page.textContent('[data-testid=pg-event-list]')).toContain('hip<knee');
    await app.page.click(del);
    await app.page.waitForFunction(
      () => !document.querySelector('[data-testid=pg-event-list]')?.textContent?.includes('hip<knee'),
    );
    app.page.off('dialog', onDialog);
    expect(seen).toEqual([
      'Delete the event "hip<knee <b>x</b>" (2026-03-09)?',
      'Delete the event "hip<knee <b>x</b>" (2026-03-09)?',
    ]);

    await app.page.fill('[data-testid=pg-event-label]', 'Treatment started');
    await app.page.click('[data-testid=pg-event-add]');
    await app.page.waitForFunction(() =>
      document.querySelector('[data-testid=pg-event-list]')?.textContent?.includes('Treatment started'),
    );
    expect(await pointCount(app, 'gait-speed')).toBe('2'); // event markers are not session points
  });

  it('says clearly when storage is full, keeps what was typed and loses nothing', async () => {
    // The next IndexedDB add fails as a full disk does; the storage layer must roll the session back.
    await app.page.evaluate(() => {
      const add = IDBObjectStore.prototype.add;
      IDBObjectStore.prototype.add = function () {
        IDBObjectStore.prototype.add = add;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await app.page.fill('[data-testid=pg-save-notes]', 'third walk');
    await app.page.check('[data-testid=pg-consent-no]');
    await app.page.click('[data-testid=pg-save-session]');
    await app.page.waitForSelector('[data-testid=pg-save-msg].error');
    expect(await app.page.textContent('[data-testid=pg-save-msg]')).toMatch(
      /Storage on this device is full.*Nothing already stored was lost/,
    );
    expect(await app.page.inputValue('[data-testid=pg-save-notes]')).toBe('third walk');
    expect(await app.page.$$('[data-testid=pg-sessions-table] tbody tr')).toHaveLength(2);
    expect(await pointCount(app, 'gait-speed')).toBe('2');
  });

  it('exports the PDF report, FHIR bundle, CSV and backup', async () => {
    await app.page.fill('[data-testid=pg-period-from]', '2026-03-01');
    await app.page.fill('[data-testid=pg-period-to]', '2026-03-31');
    const pdf = await download(app, 'pg-export-pdf');
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.text.startsWith('%PDF-')).toBe(true);
    expect(pdf.text).toContain('Walker-01');
    expect(pdf.text).toContain('/Subtype /Image'); // the charts went in as PNG
    expect(await app.page.textContent('[data-testid=pg-io-msg]')).toMatch(/2 sessions/);

    const fhir = JSON.parse((await download(app, 'pg-export-fhir')).text) as {
      resourceType: string;
      type: string;
      entry: { resource: { resourceType: string; code?: { coding: { code: string }[] } } }[];
    };
    expect(fhir.resourceType).toBe('Bundle');
    expect(fhir.type).toBe('collection');
    const speeds = fhir.entry.filter(
      (e) =>
        e.resource.resourceType === 'Observation' &&
        e.resource.code?.coding.some((c) => c.code === 'gait-speed'),
    );
    expect(speeds).toHaveLength(2);
    expect(fhir.entry.filter((e) => e.resource.resourceType === 'Patient')).toHaveLength(1);
    // Code-system URIs survive the build's remote-URL stripping (they are identifiers, never fetched).
    const text = JSON.stringify(fhir);
    expect(text).toContain('http://terminology.hl7.org/CodeSystem/observation-category');
    expect(text).toContain('http://unitsofmeasure.org');
    expect(text).not.toContain('urn:ganglag:removed-url');

    const csv = (await download(app, 'pg-export-csv')).text.split('\r\n').filter(Boolean);
    expect(csv[0].startsWith('session_id,profile_pseudonym,started_at_utc')).toBe(true);
    expect(csv).toHaveLength(3);

    const png = await download(app, 'pg-png-gait-speed');
    expect(png.text.startsWith('\x89PNG')).toBe(true);

    const file = await download(app, 'pg-export-backup');
    backup = file.text;
    if (process.env.GANGLAG_SCREENSHOTS) writeFileSync('/tmp/ganglag-progress-backup.ndjson', backup);
    expect(file.name).toMatch(/\.ndjson$/);
    const parsed = asV1(backup);
    expect(JSON.parse(backup.split('\n')[0]).format).toBe('ganglag.backup/v2');
    expect(parsed.sessions).toHaveLength(2);
    expect(parsed.events).toHaveLength(1);
  });

  it('keeps everything after a reload', async () => {
    await app.page.reload();
    await showProgress(app);
    await app.page.waitForSelector('[data-testid=pg-chart-gait-speed]');
    expect(await pointCount(app, 'gait-speed')).toBe('2');
    expect(await app.page.textContent('[data-testid=pg-profile-select] option:checked')).toBe('Walker-01');
    expect(await app.page.textContent('[data-testid=pg-event-list]')).toContain('Treatment started');
  });

  it('rejects damaged and hostile backups with a clear message and changes nothing', async () => {
    const parsed = asV1(backup);
    const hostile = structuredClone(parsed);
    hostile.sessions[0].notes = 'pain \u202e3/10';
    const polluted = structuredClone(parsed);
    polluted.profiles[0] = JSON.parse(
      `{"__proto__": {"admin": true}, ${JSON.stringify(polluted.profiles[0]).slice(1)}`,
    );
    const bad: [string, string, RegExp][] = [
      ['truncated.ndjson', backup.slice(0, Math.floor(backup.length / 2)), /not valid JSON|truncated/],
      ['tampered.ndjson', backup.replace('"Walker-01"', '"Walker-02"'), /checksum does not match/],
      ['bidi.json', JSON.stringify(hostile), /sessions\[0\]\.notes.*text-direction/i],
      ['proto.json', JSON.stringify(polluted), /__proto__/],
      ['wrong.json', JSON.stringify({ format: 'something-else' }), /Backup rejected/],
    ];
    for (const [name, text, why] of bad) {
      await app.page.setInputFiles('[data-testid=pg-import-input]', {
        name,
        mimeType: 'application/json',
        buffer: Buffer.from(text, 'utf8'),
      });
      await app.page.waitForFunction(
        (n) => document.querySelector('[data-testid=pg-io-result]')?.textContent?.includes(n),
        name,
      );
      const msg = (await app.page.textContent('[data-testid=pg-io-result]')) ?? '';
      expect(msg).toContain('rejected; nothing stored was changed');
      expect(msg).toMatch(why);
      expect(await app.page.getAttribute('[data-testid=pg-io-result]', 'data-kind')).toBe('error');
    }
    expect(await app.page.$$('[data-testid=progress-view] img')).toHaveLength(0); // text, never HTML
    const after = asV1((await download(app, 'pg-export-backup')).text);
    expect({ ...after, exportedAt: '' }).toEqual({ ...parsed, exportedAt: '' });

    // The intact backup is previewed (nothing new), then merges without duplicating anything.
    await app.page.setInputFiles('[data-testid=pg-import-input]', {
      name: 'good.ndjson',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(backup, 'utf8'),
    });
    await app.page.waitForSelector('[data-testid=pg-import-preview]');
    expect(await app.page.textContent('[data-testid=pg-import-preview]')).toMatch(
      /Walker-01.*profile unchanged.*Sessions: 0 new, 0 updated, 2 kept as here/s,
    );
    await app.page.click('[data-testid=pg-import-confirm]');
    await app.page.waitForFunction(() =>
      document.querySelector('[data-testid=pg-io-result]')?.textContent?.includes('good.ndjson'),
    );
    expect(await app.page.textContent('[data-testid=pg-io-result]')).toMatch(
      /0 profiles, 0 sessions and 0 events/,
    );
    expect(await pointCount(app, 'gait-speed')).toBe('2');
  });

  it('keeps several profiles apart', async () => {
    await app.page.click('[data-testid=pg-new-profile]');
    await app.page.fill('[data-testid=pg-pseudonym]', 'Walker-02');
    await app.page.selectOption('[data-testid=pg-sex]', 'male');
    await app.page.click('[data-testid=pg-profile-save]');
    await app.page.waitForFunction(
      () =>
        document.querySelector('[data-testid=pg-profile-select] option:checked')?.textContent === 'Walker-02',
    );
    expect(await app.page.textContent('[data-testid=pg-sessions]')).toContain(
      'No sessions for this profile yet',
    );
    expect(await app.page.$$('[data-testid=pg-charts] canvas')).toHaveLength(0);
    const csv = (await download(app, 'pg-export-csv')).text.split('\r\n').filter(Boolean);
    expect(csv).toHaveLength(3); // all profiles: Walker-01's two sessions
    const ids = await app.page.$$eval('[data-testid=pg-profile-select] option', (o) =>
      o.map((x) => [(x as HTMLOptionElement).value, x.textContent]),
    );
    expect(ids.map(([, name]) => name).sort()).toEqual(['Walker-01', 'Walker-02']);
    await app.page.selectOption(
      '[data-testid=pg-profile-select]',
      ids.find(([, n]) => n === 'Walker-01')![0]!,
    );
    await app.page.waitForSelector('[data-testid=pg-chart-gait-speed]');
    expect(await pointCount(app, 'gait-speed')).toBe('2');
  });

  it('offers to restore an unsaved recording after a reload, and saves it to a profile', async () => {
    // A draft as the capture side leaves it mid-recording: header, analysis, frames in two chunks.
    await app.page.evaluate(async () => {
      const req = indexedDB.open('ganglag');
      const db = await new Promise<IDBDatabase>((ok, no) => {
        req.onsuccess = () => ok(req.result);
        req.onerror = () => no(req.error);
      });
      const get = <T>(store: string, key: IDBValidKey) =>
        new Promise<T>((ok) => {
          const r = db.transaction(store).objectStore(store).get(key);
          r.onsuccess = () => ok(r.result as T);
        });
      const keys = await new Promise<IDBValidKey[]>((ok) => {
        const r = db.transaction('sessions').objectStore('sessions').getAllKeys();
        r.onsuccess = () => ok(r.result);
      });
      const s = await get<Record<string, unknown>>('sessions', keys[0]);
      const { poses } = await get<{ poses: { frames: unknown[] } & Record<string, unknown> }>(
        'poses',
        keys[0],
      );
      const { frames, ...header } = poses;
      const half = Math.floor(frames.length / 2);
      const tx = db.transaction(['drafts', 'draftChunks'], 'readwrite');
      tx.objectStore('drafts').put({
        id: 'draft-1',
        origin: 'recording',
        kind: s.kind,
        protocol: s.protocol,
        profileId: null,
        header,
        analysis: s.analysis,
        frameCount: frames.length,
        chunkCount: 2,
        lastTMs: (frames[frames.length - 1] as { tMs: number }).tMs,
        startedAt: '2026-03-20T09:00:00.000Z',
        createdAt: '2026-03-20T09:00:00.000Z',
        updatedAt: '2026-03-20T09:01:00.000Z',
      });
      tx.objectStore('draftChunks').put({ draftId: 'draft-1', seq: 0, frames: frames.slice(0, half) });
      tx.objectStore('draftChunks').put({ draftId: 'draft-1', seq: 1, frames: frames.slice(half) });
      await new Promise((ok) => (tx.oncomplete = ok));
      db.close();
    });
    await app.page.reload();
    await showProgress(app);
    await app.page.waitForSelector('[data-testid=pg-draft]');
    expect(await app.page.textContent('[data-testid=pg-drafts]')).toMatch(
      /Unsaved recordings.*Recording .*Gait/s,
    );
    const before = await app.page.$$eval('[data-testid=pg-sessions-table] tbody tr', (r) => r.length);
    const walker = await app.page.$$eval('[data-testid=pg-draft-profile] option', (o) =>
      o.find((x) => x.textContent === 'Walker-01')?.getAttribute('value'),
    );
    await app.page.selectOption('[data-testid=pg-draft-profile]', walker!);
    await app.page.click('[data-testid=pg-draft-save]');
    await app.page.waitForFunction(() =>
      document.querySelector('[data-testid=pg-drafts]')?.hasAttribute('hidden'),
    );
    await app.page.selectOption('[data-testid=pg-profile-select]', walker!);
    await app.page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=pg-sessions-table] tbody tr').length === n,
      before + 1,
    );
  });

  it('ran under the CSP without a violation, a page error or a foreign request', async () => {
    expect(await app.page.evaluate(() => (window as unknown as PageGlobals).__cspViolations)).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});

/** Profile A's sample sessions, with real screening indicators, a self-report and a consent without a clip. */
function keyboardBackup(): string {
  const b = sampleBackup();
  const indicators = (shortSteps: number) => [
    { id: 'short-steps', value: shortSteps, unit: 'm', reference: '>= 0.57 m', outside: false },
    { id: 'slow-gait-speed', value: 0.82, unit: 'm/s', reference: '>= 1.00 m/s', outside: true },
  ];
  for (const s of b.sessions) {
    if (s.kind !== 'gait' || !s.analysis.guarded) continue;
    // 0.62 m on the first session; 0.50 m later is 19 % shorter, beyond the 10 % screening margin.
    s.analysis.guarded.indicators = indicators(s.id === 's1' ? 0.62 : 0.5);
  }
  b.sessions[0] = { ...b.sessions[0], videoConsent: true }; // consent given elsewhere; backups hold no clips
  b.sessions[1] = {
    ...b.sessions[1],
    selfReport: { painNowNrs: 6, painDuringNrs: 7, morningStiffnessMin: 45 },
  };
  b.sessions[3] = {
    ...b.sessions[3],
    selfReport: { painNowNrs: 3, morningStiffnessMin: 20, sinceGettingUpMin: 90, walkingAid: 'cane' },
  };
  return JSON.stringify(b);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe-core findings on the page as it stands, as "rule target" lines. */
async function axeFindings(app: AppHandle): Promise<string[]> {
  await app.page.evaluate(AXE_SOURCE); // evaluate() runs outside the app's script policy
  const res = (await app.page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<unknown> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  })) as AxeResults;
  return res.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(' ')}`));
}

describe('progress by keyboard: backup picker, session focus, data tables, baseline and self-report', () => {
  let app: AppHandle;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    app = await launchApp();
    app.page.on('pageerror', (e) => pageErrors.push(e.message));
    const cdp = await app.context.newCDPSession(app.page);
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'Europe/Oslo' });
    await app.page.reload();
    await showProgress(app);
  });
  afterAll(async () => app?.close());

  it('opens the backup picker with Tab, Enter and Space, and imports after confirming by keyboard', async () => {
    const p = app.page;
    // Count the picker's openings instead of opening the native dialog (headless file choosers are flaky).
    await p.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('[data-testid=pg-import-input]')!;
      (window as unknown as { __picks: number }).__picks = 0;
      input.addEventListener('click', (e) => {
        (window as unknown as { __picks: number }).__picks++;
        e.preventDefault();
      });
    });
    const picks = () => p.evaluate(() => (window as unknown as { __picks: number }).__picks);
    await p.focus('[data-testid=pg-export-backup]');
    await p.keyboard.press('Tab');
    expect(await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'pg-import-button',
    );
    await p.keyboard.press('Enter');
    expect(await picks()).toBe(1);
    await p.keyboard.press(' ');
    expect(await picks()).toBe(2);
    await p.setInputFiles('[data-testid=pg-import-input]', {
      name: 'keyboard.json',
      mimeType: 'application/json',
      buffer: Buffer.from(keyboardBackup()),
    });
    await p.waitForSelector('[data-testid=pg-import-preview]');
    await p.focus('[data-testid=pg-import-confirm]');
    await p.keyboard.press(' ');
    await p.waitForFunction(
      () => document.querySelectorAll('[data-testid=pg-sessions-table] tbody tr').length === 8,
    );
  });

  it('does not show an imported session as having video when the backup held no clip', async () => {
    const cell = await app.page.textContent('tr[data-session=s1] [data-testid=pg-session-video]');
    expect(cell).toBe('');
  });

  it('moves focus into the opened session and back to its row when closed', async () => {
    const p = app.page;
    await p.focus('tr[data-session=s4]');
    await p.keyboard.press('Enter');
    await p.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'pg-session-title',
      null,
      { timeout: 10_000 },
    );
    expect(await p.getAttribute('tr[data-session=s4]', 'aria-current')).toBe('true');
    await p.focus('[data-testid=pg-session-close]');
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => document.activeElement?.getAttribute('data-session') === 's4');
    expect(await p.isHidden('[data-testid=pg-session-panel]')).toBe(true);
  });

  it('judges a screening indicator against the baseline in words, and marks outside with a sign, not colour alone', async () => {
    const p = app.page;
    await p.click('tr[data-session=s4]');
    await p.waitForSelector('[data-testid=pg-indicators]');
    const short = await p.textContent('[data-testid=pg-indicators] tr[data-indicator=short-steps]');
    expect(short).toContain('⚠ outside reference');
    expect(short).toMatch(/Worse than the baseline of 2026-01-05 09:00 \(0\.62\): −19 %/);
    const speed = await p.textContent('[data-testid=pg-indicators] tr[data-indicator=slow-gait-speed]');
    expect(speed).toContain('⚠ outside reference');
    expect(speed).toContain('Its published threshold.');
    expect(await p.textContent('[data-testid=pg-baseline-judgement]')).toContain(
      '1 of 1 worse than the baseline',
    );
    expect(await p.textContent('[data-testid=pg-session-self-report]')).toMatch(/Pain now3 \/ 10.*Cane/s);
    await p.click('[data-testid=pg-session-close]');
  });

  it('gives every chart a table of its values, in Norwegian with decimal commas', async () => {
    const p = app.page;
    const rows = await p.$$eval('[data-testid=pg-table-gait-speed] tbody tr', (r) =>
      r.map((x) => [...x.children].map((c) => c.textContent)),
    );
    expect(rows).toHaveLength(5);
    expect(rows[0].slice(3)).toEqual(['0.82', 'baseline']);
    expect(rows[4].slice(3)).toEqual(['0.97', '+0.15']);
    expect(await p.getAttribute('[data-testid=pg-chart-pain]', 'data-points')).toBe('3');
    const pain = await p.$$eval('[data-testid=pg-table-pain] tbody tr', (r) =>
      r.map((x) => [...x.children].slice(3).map((c) => c.textContent)),
    );
    expect(pain).toEqual([
      ['6', '7'],
      ['3', '–'],
    ]);
    await p.selectOption('[data-testid=lang]', 'nb');
    await p.waitForFunction(() =>
      document.querySelector('[data-testid=pg-table-gait-speed] summary')?.textContent?.includes('tabell'),
    );
    const nb = await p.$$eval('[data-testid=pg-table-gait-speed] tbody tr', (r) =>
      r.map((x) => [...x.children].slice(3).map((c) => c.textContent)),
    );
    expect(nb[0]).toEqual(['0,82', 'utgangspunkt']);
    expect(nb[4]).toEqual(['0,97', '+0,15']);
    const stiff = await p.$$eval('[data-testid=pg-table-stiffness] tbody tr', (r) =>
      r.map((x) => [...x.children].slice(3).map((c) => c.textContent)),
    );
    expect(stiff).toEqual([
      ['45', '–'],
      ['20', '1,5'],
    ]);
    await p.selectOption('[data-testid=lang]', 'en');
    expect(pageErrors).toEqual([]);
  });

  it('has no serious or critical axe finding with a session open and every table shown, in both languages', async () => {
    const p = app.page;
    const findings: string[] = [];
    for (const lang of ['en', 'nb']) {
      await p.selectOption('[data-testid=lang]', lang);
      await p.click('tr[data-session=s4]');
      await p.waitForSelector('[data-testid=pg-indicators]');
      await p.$$eval('details.pg-data-table', (ds) =>
        ds.forEach((d) => ((d as HTMLDetailsElement).open = true)),
      );
      findings.push(...(await axeFindings(app)).map((f) => `${lang}: ${f}`));
      await p.click('[data-testid=pg-session-close]');
    }
    expect(findings).toEqual([]);
    await p.selectOption('[data-testid=lang]', 'en');
  });
});
