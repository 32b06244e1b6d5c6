// The installable app: manifest and service worker, the chosen model cached on first use with a progress bar,
// and a second visit with the network off that still loads and analyses a video file.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePoses, type PosesFileV1 } from '../../src/shared/poses-format';
import { haveTestdata, launchApp, MJPEG, ROOT, WEBM, type AppHandle } from './harness';

const data = haveTestdata();

interface ProgressState {
  value: number;
  max: number;
  hidden: boolean;
  label: string;
}
/** The page's globals this file reads: the app's test hook and the progress log of the init script. */
type W = Window & {
  __ganglag: { recording(): PosesFileV1 | null };
  __progressLog: ProgressState[];
};

const modelBytes = (...files: string[]): number =>
  files.reduce((n, f) => n + statSync(resolve(ROOT, 'public', 'models', f)).size, 0);

function mjpegFrameCount(): number {
  const buf = readFileSync(MJPEG);
  let n = 0;
  for (let i = 0; i + 2 < buf.length; i++)
    if (buf[i] === 0xff && buf[i + 1] === 0xd8 && buf[i + 2] === 0xff) n++;
  return n;
}

describe('web app manifest', () => {
  it('names the app, runs standalone and has PNG icons of 192 and 512 px, one maskable', () => {
    const dist = resolve(ROOT, 'dist');
    const html = readFileSync(resolve(dist, 'index.html'), 'utf8');
    expect(html).toMatch(/<link rel="manifest" href="\/manifest\.webmanifest"/);
    const m = JSON.parse(readFileSync(resolve(dist, 'manifest.webmanifest'), 'utf8')) as {
      name: string;
      short_name: string;
      display: string;
      start_url: string;
      theme_color: string;
      icons: { src: string; sizes: string; type: string; purpose: string }[];
    };
    expect(m.short_name).toBe('Ganglag');
    expect(m.display).toBe('standalone');
    expect(m.start_url).toBe('./');
    expect(m.theme_color).toMatch(/^#[0-9a-f]{6}$/);
    for (const size of [192, 512]) {
      const icon = m.icons.find((i) => i.sizes === `${size}x${size}` && i.type === 'image/png');
      expect(icon, `${size} px icon`).toBeDefined();
      const png = readFileSync(resolve(dist, icon!.src));
      // PNG IHDR: width and height, big-endian, at bytes 16 and 20.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    expect(m.icons.some((i) => i.purpose === 'maskable')).toBe(true);
  });

  it('precaches the app shell and the wasm, and not the pose models', () => {
    const sw = readFileSync(resolve(ROOT, 'dist', 'sw.js'), 'utf8');
    expect(sw).toContain('"index.html"');
    expect(sw).toContain('tfjs-wasm/tfjs-backend-wasm-simd.wasm');
    expect(sw).toMatch(/assets\/pose\.worker-[\w-]+\.js/);
    expect(sw).not.toMatch(/models\/[\w-]+\.(bin|json)/);
  });
});

describe.runIf(data)('offline after one visit', () => {
  let app: AppHandle;
  const modelRequests: string[] = [];
  beforeAll(async () => {
    app = await launchApp({ serviceWorkers: 'allow' });
    app.context.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/models/')) modelRequests.push(path.slice('/models/'.length));
    });
    // Watch the model progress bar from the first paint (it may finish between two polls).
    await app.context.addInitScript(() => {
      (window as unknown as W).__progressLog = [];
      new MutationObserver(() => {
        const bar = document.querySelector<HTMLProgressElement>('[data-testid=model-progress]');
        if (!bar) return;
        const log = (window as unknown as W).__progressLog;
        const last = log.at(-1);
        const now = {
          value: bar.value,
          max: bar.max,
          hidden: bar.hidden,
          label: bar.parentElement?.textContent ?? '',
        };
        if (!last || last.value !== now.value || last.hidden !== now.hidden) log.push(now);
      }).observe(document, { subtree: true, attributes: true, childList: true, characterData: true });
    });
    await app.page.reload();
    await app.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
      timeout: 60_000,
    });
    await app.page.waitForFunction(
      () =>
        /stored on this device/.test(document.querySelector('[data-testid=model-size]')?.textContent ?? ''),
      null,
      { timeout: 120_000, polling: 250 },
    );
  });
  afterAll(async () => app?.close());

  it('downloads only the chosen models (automatic: MultiPose live, Lightning for files), with their size and a progress bar to the end', async () => {
    const want = modelBytes(
      'movenet-multipose.json',
      'movenet-multipose.bin',
      'movenet-lightning.json',
      'movenet-lightning.bin',
    );
    expect([...new Set(modelRequests)].sort()).toEqual([
      'movenet-lightning.bin',
      'movenet-lightning.json',
      'movenet-multipose.bin',
      'movenet-multipose.json',
    ]);
    const log = await app.page.evaluate(() => (window as unknown as W).__progressLog);
    const shown = log.filter((s) => !s.hidden);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown[0].max).toBe(want);
    expect(shown[0].label).toContain(`of ${(want / 1e6).toFixed(1)} MB`);
    expect(Math.max(...shown.map((s) => s.value))).toBeGreaterThan(0.5 * want);
    expect(log.at(-1)?.hidden).toBe(true);
  });

  it('reloads with the network off, says what an uncached model costs, and analyses the demo video', async () => {
    await app.context.setOffline(true);
    await app.page.reload();
    await app.page.waitForSelector('[data-testid=file-input]', { state: 'attached', timeout: 60_000 });
    // A model never used is not on the device: its size is stated before anything is fetched.
    await app.page.selectOption('[data-testid=model]', 'blazepose-lite');
    const lite = modelBytes(
      'blazepose-detector.json',
      'blazepose-detector.bin',
      'blazepose-lite.json',
      'blazepose-lite.bin',
    );
    await app.page.waitForFunction(
      (mb) => (document.querySelector('[data-testid=model-size]')?.textContent ?? '').includes(`${mb} MB`),
      (lite / 1e6).toFixed(1),
      { timeout: 10_000 },
    );
    // Back to the default: its file model (Lightning) was cached with the live one.
    await app.page.selectOption('[data-testid=model]', 'auto');
    await app.page.setInputFiles('[data-testid=file-input]', WEBM);
    await app.page.waitForFunction(
      () =>
        (window as unknown as W).__ganglag.recording() !== null &&
        !document.querySelector('progress:not([hidden])'),
      null,
      { timeout: 600_000, polling: 500 },
    );
    const rec = validatePoses(
      JSON.parse(
        await app.page.evaluate(() => JSON.stringify((window as unknown as W).__ganglag.recording())),
      ),
    );
    expect(rec.source?.model).toBe('movenet-lightning');
    expect(Math.abs(rec.frames.length - mjpegFrameCount())).toBeLessThanOrEqual(1);
    expect(rec.frames.filter((f) => f.keypoints.some((k) => k !== null)).length).toBeGreaterThan(
      0.5 * rec.frames.length,
    );
    expect(app.foreignRequests).toEqual([]);
  });

  it('announces a new version with a reload prompt, and the reload applies it', async () => {
    await app.context.setOffline(false);
    // A new deployment: the same service worker with one more line (restored below; e2e files run one at a time).
    const swPath = resolve(ROOT, 'dist', 'sw.js');
    const sw = readFileSync(swPath, 'utf8');
    try {
      writeFileSync(swPath, `${sw}\n// next version\n`);
      await app.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      const prompt = app.page.locator('[data-testid=pwa-update]');
      await prompt.waitFor({ state: 'visible', timeout: 60_000 });
      expect(await prompt.textContent()).toContain('A new version of Ganglag is ready');
      const reloaded = app.page.waitForEvent('load', { timeout: 60_000 });
      await app.page.click('[data-testid=pwa-reload]');
      await reloaded;
      await app.page.waitForSelector('[data-testid=file-input]', { state: 'attached' });
      const waiting = await app.page.evaluate(
        async () => !!(await navigator.serviceWorker.getRegistration())?.waiting,
      );
      expect(waiting).toBe(false);
      expect(await app.page.isVisible('[data-testid=pwa-update]')).toBe(false);
    } finally {
      writeFileSync(swPath, sw);
    }
  });
});
