// The pipeline smoke test in Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi: open the app,
// analyse the demo video file, download the poses, get a gait result.
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePoses, type PosesFileV1 } from '../../src/shared/poses-format';
import { haveTestdata, ROOT, WEBM } from './harness';

const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const data = haveTestdata();

/** What the page saved through downloadBlob (an <a download> click on a blob: URL), captured in the page. */
type W = Window & {
  __downloads: { name: string; text: string }[];
  __ganglag: { recording(): unknown };
};

describe.runIf(data)('Firefox ESR: video file → poses → gait', () => {
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;
  let origin: string;
  const foreign: string[] = [];
  const errors: string[] = [];
  let rec: PosesFileV1;

  beforeAll(async () => {
    server = await preview({
      root: ROOT,
      logLevel: 'warn',
      preview: { port: 0, host: '127.0.0.1', strictPort: false },
    });
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('preview server has no URL');
    origin = new URL(url).origin;
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      timeout: 120_000, // starting Firefox on a loaded machine (30 s by default)
      // Every page call (waitForFunction included) is also capped by this, 180 s by default: under load waiting for
      // the analysis hit it ("script.callFunction timed out") within the test's own 600 s.
      protocolTimeout: 660_000,
      extraPrefsFirefox: { 'intl.accept_languages': 'en-US' },
    });
    page = await browser.newPage();
    // Loading the app (models, wasm) on a loaded machine: 30 s by default for goto and waitForSelector.
    page.setDefaultTimeout(120_000);
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
    });
    // Keep downloads in the page: record name and content instead of writing to the disk. The blob is read
    // directly, since fetching a blob: URL is a connect-src request, which the policy allows only for 'self'.
    await page.evaluateOnNewDocument(() => {
      const w = window as unknown as W;
      w.__downloads = [];
      const blobs = new Map<string, Blob>();
      const createObjectURL = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (obj: Blob | MediaSource) => {
        const u = createObjectURL(obj);
        if (obj instanceof Blob) blobs.set(u, obj);
        return u;
      };
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        const blob = blobs.get(this.href);
        if (!this.download || !blob) return;
        const name = this.download;
        void blob.text().then((text) => w.__downloads.push({ name, text }));
      };
    });
    // The capture view (#live): the start page is what a new user sees first.
    await page.goto(`${url}#live`);
    await page.waitForSelector('[data-testid=file-input]');
  });

  afterAll(async () => {
    await browser?.close();
    if (server) await new Promise<void>((r) => server.httpServer.close(() => r()));
  });

  it('analyses every frame of the demo webm and downloads valid ganglag.poses/v1', async () => {
    await page.locator('[data-testid=height]').fill('1.65');
    await page.$eval('[data-testid=height]', (el) =>
      el.dispatchEvent(new Event('change', { bubbles: true })),
    );
    const input = await page.$('[data-testid=file-input]');
    await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(resolve(WEBM));
    await page.waitForFunction(
      () =>
        (window as unknown as W).__ganglag.recording() !== null &&
        !document.querySelector('progress:not([hidden])'),
      { timeout: 600_000, polling: 500 },
    );
    const readouts = await page.$eval('[data-testid=readouts]', (el) => el.textContent ?? '');
    console.log(`[firefox e2e] readouts after the file: ${readouts}`);
    await page.click('[data-testid=download]');
    await page.waitForFunction(() => (window as unknown as W).__downloads.length > 0, { timeout: 30_000 });
    const [dl] = await page.evaluate(() => (window as unknown as W).__downloads);
    expect(dl.name).toMatch(/\.json$/);
    rec = validatePoses(JSON.parse(dl.text));
    expect(rec.skeleton).toBe('coco17');
    expect([rec.width, rec.height]).toEqual([1768, 994]);
    // The clip has 230 frames at 30 fps (tests/e2e/pipeline.test.ts counts them in the MJPEG copy).
    expect(rec.frames.length).toBeGreaterThanOrEqual(228);
    expect(rec.frames.length).toBeLessThanOrEqual(232);
    expect(rec.frames.filter((f) => f.keypoints.some((k) => k !== null)).length).toBeGreaterThan(
      0.5 * rec.frames.length,
    );
  }, 630_000); // the analysis may take up to 600 s here (the e2e project's default is 240 s)

  it('returns to the start of the clip, and scrubbing draws the analysed frame on screen', async () => {
    // Firefox ESR 128 has no requestVideoFrameCallback (the scrubber draws on 'seeked'), later ones have it.
    await page.waitForFunction(() => document.querySelector('.scrub')?.getAttribute('data-frame') === '0');
    let want = 0;
    for (let i = 1; i < rec.frames.length; i++)
      if (Math.abs(rec.frames[i].tMs - 3000) < Math.abs(rec.frames[want].tMs - 3000)) want = i;
    await page.$eval('[data-testid=scrub]', (el) => {
      (el as HTMLInputElement).value = '3';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForFunction(
      (w) => document.querySelector('.scrub')?.getAttribute('data-frame') === String(w),
      {},
      want,
    );
    // Past the middle of a frame: the picture is still that frame's (the nearest analysed frame is the next one).
    const at = 3.09;
    let inside = 0;
    while (inside + 1 < rec.frames.length && rec.frames[inside + 1].tMs <= at * 1000) inside++;
    expect(rec.frames[inside + 1].tMs - at * 1000).toBeLessThan(at * 1000 - rec.frames[inside].tMs);
    await page.$eval(
      '[data-testid=scrub]',
      (el, s) => {
        (el as HTMLInputElement).value = String(s);
        el.dispatchEvent(new Event('input', { bubbles: true }));
      },
      at,
    );
    await page.waitForFunction(
      (w) => document.querySelector('.scrub')?.getAttribute('data-frame') === String(w),
      {},
      inside,
    );
    const rvfc = await page.evaluate(() => 'requestVideoFrameCallback' in HTMLVideoElement.prototype);
    console.log(`[firefox e2e] scrubbed to frames ${want} and ${inside}, requestVideoFrameCallback: ${rvfc}`);
  });

  it('gets a plausible gait result on the Gait tab', async () => {
    await page.click('[data-view=gait]');
    await page.waitForSelector('[data-testid=gait-cadence]', { timeout: 60_000 });
    const value = async (id: string): Promise<number> =>
      Number(await page.$eval(`[data-testid=${id}]`, (el) => el.getAttribute('data-value')));
    const cadence = await value('gait-cadence');
    const stepLength = await value('gait-step-length');
    console.log(`[firefox e2e] cadence ${cadence} steps/min, step length ${stepLength} m`);
    expect(cadence).toBeGreaterThanOrEqual(90);
    expect(cadence).toBeLessThanOrEqual(130);
    expect(stepLength).toBeGreaterThanOrEqual(0.45);
    expect(stepLength).toBeLessThanOrEqual(0.85);
  });

  it('raised no page error and requested nothing from any other origin', () => {
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
