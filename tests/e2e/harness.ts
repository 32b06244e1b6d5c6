// Browser-test harness: serves the built app with `vite preview` and drives Debian's Chromium via playwright-core.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..', '..');
export const TESTDATA = resolve(ROOT, '..', 'shared', 'testdata');
export const WEBM = resolve(TESTDATA, 'walk-side-demo.webm');
export const MJPEG = resolve(TESTDATA, 'walk-side-demo-640x360.mjpeg');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** True when the shared test data is there; in CI its absence is a failure, elsewhere a loud skip. */
export function haveTestdata(): boolean {
  const ok = existsSync(WEBM) && existsSync(MJPEG);
  if (!ok) {
    const msg = `shared test data missing at ${TESTDATA}`;
    if (process.env.CI) throw new Error(`${msg}: CI must have it`);
    console.warn(`\n!!! ${msg}: SKIPPING the tests that need it !!!\n`);
  }
  return ok;
}

export interface AppHandle {
  server: PreviewServer;
  url: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Requests to anything but the preview server's origin (data: and blob: are local). */
  foreignRequests: string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  fakeCamera?: string | 'default';
  /** Deny camera permission (no fake-ui auto-accept). */
  denyCamera?: boolean;
  locale?: string;
  /** Query string for the app's URL, e.g. '?workers=1'. */
  query?: string;
  /**
   * 'allow' lets the app install its service worker (offline tests). Default 'block': a service worker would
   * serve requests that tests mock with route(), and precaching on every launch costs time.
   */
  serviceWorkers?: 'allow' | 'block';
  /**
   * The view to open (the address's #hash). Default 'live', the capture view that most tests drive; '' opens the
   * app as a new user sees it, on the start page.
   */
  view?: string;
  /** CSS pixels; default 1280×720. */
  viewport?: { width: number; height: number };
  /** 2 with a half-size viewport is a 200 % zoom. */
  deviceScaleFactor?: number;
}

export async function launchApp(opts: LaunchOptions = {}): Promise<AppHandle> {
  if (!existsSync(resolve(ROOT, 'dist', 'index.html')))
    throw new Error('dist/ missing: run `vite build` first');
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('preview server has no URL');
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--autoplay-policy=no-user-gesture-required',
  ];
  if (opts.fakeCamera) {
    args.push('--use-fake-device-for-media-stream');
    if (!opts.denyCamera) args.push('--use-fake-ui-for-media-stream');
    if (opts.fakeCamera !== 'default') args.push(`--use-file-for-fake-video-capture=${opts.fakeCamera}`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
  const context = await browser.newContext({
    locale: opts.locale ?? 'en-US',
    acceptDownloads: true,
    serviceWorkers: opts.serviceWorkers ?? 'block',
    viewport: opts.viewport ?? { width: 1280, height: 720 },
    deviceScaleFactor: opts.deviceScaleFactor ?? 1,
  });
  const origin = new URL(url).origin;
  if (!opts.denyCamera && opts.fakeCamera) await context.grantPermissions(['camera'], { origin });
  const foreignRequests: string[] = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    foreignRequests.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  const view = opts.view ?? 'live';
  await page.goto(url + (opts.query ?? '') + (view ? `#${view}` : ''));
  return {
    server,
    url,
    browser,
    context,
    page,
    foreignRequests,
    async close() {
      await browser.close();
      await new Promise<void>((r) => server.httpServer.close(() => r()));
    },
  };
}

/** Opens a view by its tab and waits until the tab is marked current. */
export async function openTab(app: AppHandle, id: string): Promise<void> {
  await app.page.click(`[data-view=${id}]`);
  await app.page.waitForSelector(`[data-view=${id}][aria-current=page]`);
}

/** Closes an open guided spine or gait panel (tests that visit every panel in turn). */
export async function closePanels(app: AppHandle): Promise<void> {
  if (await app.page.isVisible('[data-testid=spine-close]')) {
    await app.page.click('[data-testid=spine-close]');
    await app.page.waitForSelector('[data-testid=spine-panel]', { state: 'detached' });
  }
  if (await app.page.isVisible('[data-testid=gait-guided-close]')) {
    await app.page.click('[data-testid=gait-guided-close]');
    await app.page.waitForSelector('[data-testid=gait-guided]', { state: 'detached' });
  }
}

/**
 * What the capture view says now (status line and progress bars): the message a timed-out wait fails with, so a
 * CI log tells a slow analysis from a stuck one.
 */
export async function captureState(app: AppHandle): Promise<string> {
  return app.page
    .evaluate(() => {
      const status = document.querySelector('[data-testid=status]')?.textContent ?? '(no status)';
      const bars = [...document.querySelectorAll('progress:not([hidden])')].map(
        (p) => `${(100 * (p as HTMLProgressElement).position).toFixed(0)} %`,
      );
      return `status "${status}", progress ${bars.join(', ') || 'none shown'}`;
    })
    .catch((e: unknown) => `page did not answer (${String(e)})`);
}

/** Waits until the file analysis is done (its status matches `done`, no progress bar shown). */
export async function waitForAnalysis(app: AppHandle, done: RegExp, timeoutMs: number): Promise<void> {
  try {
    await app.page.waitForFunction(
      (src) =>
        new RegExp(src).test(document.querySelector('[data-testid=status]')?.textContent ?? '') &&
        !document.querySelector('progress:not([hidden])'),
      done.source,
      { timeout: timeoutMs, polling: 500 },
    );
  } catch (e) {
    throw new Error(`analysis not done in ${timeoutMs / 1000} s: ${await captureState(app)}`, { cause: e });
  }
}
