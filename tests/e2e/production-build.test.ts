// A production build carries no test hooks: no window.__ganglag (setNow, crashWorker), no ?now= clock, and no
// ?step-video switch (forces the <video> stepping path in file analysis).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './harness';

const outDir = mkdtempSync(join(tmpdir(), 'ganglag-prod-'));

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => join(e.parentPath, e.name));
}

describe('production build', () => {
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('has no test hooks, while the e2e build under test does', async () => {
    await build({ root: ROOT, mode: 'production', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    const prod = jsFiles(outDir).map((f) => readFileSync(f, 'utf8'));
    expect(prod.length).toBeGreaterThan(0);
    // The global is the only way in to setNow/crashWorker; the methods behind it are unreachable without it.
    expect(prod.some((js) => js.includes('__ganglag'))).toBe(false);
    expect(prod.some((js) => js.includes('step-video'))).toBe(false);
    // The browser tests run on `vite build --mode e2e` (dist/), which must keep them, or this test proves nothing.
    const e2e = jsFiles(join(ROOT, 'dist')).map((f) => readFileSync(f, 'utf8'));
    expect(e2e.some((js) => js.includes('__ganglag'))).toBe(true);
    expect(e2e.some((js) => js.includes('step-video'))).toBe(true);
  }, 600_000);
});
