// Save from where you are (issue 14 item 3) and one set of numbers per recording (item 5), in real Chromium on
// the walk-side demo clip: a profile made in the Progress tab, the clip analysed, the Gait tab's results saved
// in place with a note, and the session found in the Progress tab and in IndexedDB with the profile's norms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en as saveEn } from '../../src/ui/i18n/save';
import { haveTestdata, launchApp, WEBM, type AppHandle } from './harness';

const data = haveTestdata();

type Hook = { __ganglag: { recording(): unknown } };

interface StoredSession {
  profileId: string;
  kind: string;
  protocol: string;
  notes: string;
  selfReport?: { painNowNrs?: number };
  analysis: {
    gait?: { cadenceStepsPerMin: number | null; steps: unknown[] };
    guarded?: { indicators: { id: string; referenceCode?: { code: string } }[] };
  };
}

/** Every session in the app's IndexedDB, read directly (not through the UI under test). */
const storedSessions = (app: AppHandle): Promise<StoredSession[]> =>
  app.page.evaluate(
    () =>
      new Promise<StoredSession[]>((resolve, reject) => {
        const open = indexedDB.open('ganglag');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('sessions').objectStore('sessions').getAll();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result as StoredSession[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );

describe.runIf(data)('gait results saved in place (walk-side-demo.webm)', () => {
  let app: AppHandle;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    app = await launchApp();
    app.page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterAll(async () => app?.close());

  it('says where to go when there is no profile', async () => {
    await app.page.click('button[data-view=progress]');
    await app.page.waitForSelector('[data-testid=pg-pseudonym]');
    await app.page.click('button[data-view=live]');
    await app.page.setInputFiles('[data-testid=file-input]', WEBM);
    await app.page.waitForFunction(
      () =>
        (window as unknown as Hook).__ganglag.recording() !== null &&
        !document.querySelector('progress:not([hidden])'),
      null,
      { timeout: 600_000, polling: 500 },
    );
    await app.page.click('button[data-view=gait]');
    await app.page.waitForSelector('[data-testid=save-panel]');
    expect(await app.page.getAttribute('[data-testid=save-panel]', 'data-state')).toBe('no-profile');
    expect(await app.page.textContent('[data-testid=save-no-profile]')).toBe(saveEn['save.noProfile']);
    // Without age and sex the gait speed is judged against the generic adult reference.
    expect(await app.page.getAttribute('[data-indicator=slow-gait-speed]', 'data-reference')).toBe(
      'speed-adult',
    );
    await app.page.click('[data-testid=save-open-progress]');
    await app.page.waitForSelector('[data-testid=progress-view] [data-testid=pg-pseudonym]');
  }, 700_000);

  it('shows the engine numbers once: cards, overall row and step table agree', async () => {
    await app.page.fill('[data-testid=pg-pseudonym]', 'Walker-02');
    await app.page.fill('[data-testid=pg-birth-year]', '1961');
    await app.page.selectOption('[data-testid=pg-sex]', 'female');
    await app.page.fill('[data-testid=pg-height]', '1.65');
    await app.page.click('[data-testid=pg-profile-save]');
    await app.page.waitForSelector('[data-testid=pg-profile-select]');
    await app.page.click('button[data-view=gait]');
    await app.page.waitForSelector('[data-testid=save-panel][data-state=ready]');
    const card = async (id: string) =>
      (await app.page.textContent(`[data-testid=gait-${id}] .gait-card-value`))?.trim();
    const overall = async (col: string) =>
      (await app.page.textContent(`[data-pass=all] [data-col=${col}]`))?.trim();
    expect(await overall('cadence')).toBe(await card('cadence'));
    expect(await overall('step-length')).toBe(await card('step-length'));
    expect(await overall('speed')).toBe(await card('speed'));
    const counted = Number(await app.page.getAttribute('[data-pass=all]', 'data-steps'));
    const inOverall = await app.page.$$eval('tr[data-pass][data-in-overall=true]', (trs) =>
      trs.reduce((n, tr) => n + Number(tr.getAttribute('data-steps')), 0),
    );
    expect(counted).toBeGreaterThan(4);
    expect(inOverall).toBe(counted);
    expect(await app.page.locator('[data-testid=gait-steps] tr[data-step]').count()).toBe(counted);
    expect(Number(await app.page.getAttribute('[data-testid=gait-steps-count]', 'data-steps'))).toBe(counted);
    // A strike left out is shown as such, with why, and is not numbered.
    for (const row of await app.page.locator('[data-testid=gait-steps] tr.left-out').all())
      expect(await row.textContent()).toMatch(/Left out: step (time|length)/);
    // Each pass names its direction and the side that faced the camera.
    for (const d of await app.page.$$eval('tr[data-pass]:not([data-pass=all]) [data-direction]', (tds) =>
      tds.map((td) => td.getAttribute('data-direction')),
    ))
      expect(['left-to-right', 'right-to-left']).toContain(d);
    // The profile's age and sex now choose the gait speed reference.
    expect(await app.page.getAttribute('[data-indicator=slow-gait-speed]', 'data-reference')).toBe(
      'speed-age-sex',
    );
    // Status is a word and a shape, never colour alone.
    for (const b of await app.page.locator('[data-testid=gait-guarded] .badge[data-status]').all())
      expect(await b.textContent()).toMatch(/^[✓✕–?] \S/);
  });

  it('saves to the profile with a note, and the Progress tab lists the session', async () => {
    expect(await app.page.textContent('[data-testid=save-panel] h3')).toBe('Save to Walker-02');
    await app.page.fill('[data-testid=save-notes]', 'saved in place');
    // The patient's own report goes with the session (the form from src/ui/self-report).
    await app.page.selectOption('[data-testid=save-panel] [data-testid=sr-painNow]', '3');
    await app.page.click('[data-testid=save-button]');
    await app.page.waitForSelector('[data-testid=save-panel][data-state=saved]', { timeout: 30_000 });
    expect(await app.page.textContent('[data-testid=save-status]')).toMatch(
      /^Saved to Walker-02 at \d\d:\d\d\.$/,
    );
    const stored = await storedSessions(app);
    expect(stored).toHaveLength(1);
    expect(stored[0].kind).toBe('gait');
    expect(stored[0].notes).toBe('saved in place');
    expect(stored[0].selfReport?.painNowNrs).toBe(3);
    const speedRef = stored[0].analysis.guarded?.indicators.find((i) => i.id === 'slow-gait-speed');
    expect(speedRef?.referenceCode?.code).toBe('speed-age-sex');
    // Shown again (a tab switch re-renders): still saved, no second save offered.
    await app.page.click('button[data-view=live]');
    await app.page.click('button[data-view=gait]');
    expect(await app.page.getAttribute('[data-testid=save-panel]', 'data-state')).toBe('saved');
    await app.page.click('[data-testid=save-open-progress]');
    await app.page.waitForFunction(
      () => document.querySelectorAll('[data-testid=pg-sessions-table] tbody tr').length === 1,
      null,
      { timeout: 30_000 },
    );
    expect(await storedSessions(app)).toHaveLength(1);
    expect(pageErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
