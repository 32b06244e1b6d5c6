// Static deployment: the nginx example of docs/deploy.md (docs/nginx/ganglag.conf) serves dist/ with the headers
// and caching rules the docs promise, and the app loads from it; the preview server sends the same policy.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP_HEADER } from '../../vite.config';
import { CHROMIUM, ROOT } from './harness';

const DIST = resolve(ROOT, 'dist');
const CONF = resolve(ROOT, 'docs', 'nginx', 'ganglag.conf');

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? ok(a.port) : fail(new Error('no port'))));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The documented config, pointed at dist/ and a loopback port; the lines replaced must be there as documented. */
function siteConfig(port: number): string {
  const doc = readFileSync(CONF, 'utf8');
  for (const line of ['    listen 80;\n', '    listen [::]:80;\n', '    root /var/www/ganglag;\n'])
    if (!doc.includes(line)) throw new Error(`docs/nginx/ganglag.conf no longer has "${line.trim()}"`);
  return doc
    .replace('    listen 80;\n', `    listen 127.0.0.1:${port};\n`)
    .replace('    listen [::]:80;\n', '')
    .replace('    root /var/www/ganglag;\n', `    root ${DIST};\n`);
}

describe('preview server', () => {
  let server: PreviewServer;
  beforeAll(async () => {
    server = await preview({
      root: ROOT,
      logLevel: 'warn',
      preview: { port: 0, host: '127.0.0.1', strictPort: false },
    });
  });
  afterAll(async () => new Promise<void>((r) => server.httpServer.close(() => r())));

  it('sends a real Content-Security-Policy header with frame-ancestors none', async () => {
    const res = await fetch(server.resolvedUrls!.local[0]);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(CSP_HEADER);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'|https?:|\*/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('nginx with docs/nginx/ganglag.conf', () => {
  let dir: string;
  let nginx: ChildProcess | undefined;
  let base: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    // Installs nginx when root; otherwise fails here with the command to run.
    try {
      execFileSync(process.execPath, [resolve(ROOT, 'scripts', 'ensure-nginx.mjs')], { stdio: 'pipe' });
    } catch (err) {
      const e = err as { stderr?: Buffer };
      throw new Error(`nginx is needed for this test: ${String(e.stderr ?? err)}`, { cause: err });
    }
    const bin = process.env.NGINX_PATH || '/usr/sbin/nginx';
    dir = mkdtempSync(resolve(tmpdir(), 'ganglag-nginx-'));
    const port = await freePort();
    writeFileSync(resolve(dir, 'ganglag.conf'), siteConfig(port));
    const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
      .map((k) => `  ${k}_temp_path ${dir}/${k};`)
      .join('\n');
    writeFileSync(
      resolve(dir, 'nginx.conf'),
      [
        `pid ${dir}/nginx.pid;`,
        `error_log ${dir}/error.log;`,
        // As root, workers run as root too so they can read dist/ wherever the checkout is.
        ...(process.getuid?.() === 0 ? ['user root;'] : []),
        'events {}',
        'http {',
        '  include /etc/nginx/mime.types;',
        '  default_type application/octet-stream;',
        '  access_log off;',
        temps,
        `  include ${dir}/ganglag.conf;`,
        '}',
      ].join('\n'),
    );
    nginx = spawn(bin, ['-p', dir, '-c', resolve(dir, 'nginx.conf'), '-g', 'daemon off;'], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    base = `http://127.0.0.1:${port}`;
    await waitForHttp(base, 20_000);
  });

  afterAll(async () => {
    await browser?.close();
    nginx?.kill('SIGQUIT');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sends the security headers, on pages and on errors', async () => {
    for (const path of ['/', '/models/no-such-model.bin']) {
      const res = await fetch(base + path);
      expect(res.headers.get('content-security-policy'), path).toBe(CSP_HEADER);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
    expect((await fetch(`${base}/models/no-such-model.bin`)).status).toBe(404);
  });

  it('caches hashed assets for good and revalidates the service worker, the page and the manifest', async () => {
    const asset = readdirSync(resolve(DIST, 'assets')).find((f) => f.endsWith('.js'))!;
    const a = await fetch(`${base}/assets/${asset}`);
    expect(a.status).toBe(200);
    expect(a.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/sw.js', '/', '/index.html', '/manifest.webmanifest']) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
    }
    expect((await fetch(`${base}/manifest.webmanifest`)).headers.get('content-type')).toMatch(
      /^application\/manifest\+json/,
    );
    expect((await fetch(`${base}/tfjs-wasm/tfjs-backend-wasm-simd.wasm`)).headers.get('content-type')).toBe(
      'application/wasm',
    );
  });

  it('serves an app that loads, installs its service worker and breaks no policy', async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    await page.goto(base);
    // A new user lands on the start page and its three choices.
    await page.waitForSelector('[data-testid=start-gait]', { timeout: 60_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    expect(await page.textContent('[data-testid=model-size]')).toMatch(/MoveNet MultiPose/);
    expect(problems).toEqual([]);
  });
});
