// Soak: runs the live pipeline on the fake camera for N minutes and prints, each minute, the page's JS heap
// (after a forced GC), the worker's TF.js tensor count and the fps. Exits 1 if the heap grew by 5 MB or more
// from the first sample after warm-up, or if the tensor count changed at all.
//   npm run soak -- --minutes 30        (needs dist/: the npm script builds first)
import { haveTestdata, launchApp, MJPEG } from '../tests/e2e/harness';

const HEAP_LIMIT_BYTES = 5 * 1024 * 1024;
const WARMUP_MS = 20_000;
const START_TIMEOUT_MS = 600_000;

interface Hook {
  metrics: { framesAnalysed: number; fps: number; dropped: number; crashes: number };
  memory(): Promise<{ numTensors: number }>;
}
/** The page's window with the app's test hook; typed here, not globally (the e2e tests declare their own). */
type HookedWindow = { __ganglag: Hook };

function minutesArg(argv: readonly string[]): number {
  const i = argv.indexOf('--minutes');
  const raw = i >= 0 ? argv[i + 1] : '30';
  const n = Number(raw);
  if (raw === undefined || !/^\d+(\.\d+)?$/.test(raw) || !(n > 0)) {
    process.stderr.write(`soak: --minutes needs a positive number, got "${raw ?? ''}"\n`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<number> {
  const minutes = minutesArg(process.argv.slice(2));
  if (!haveTestdata()) return 2;
  const app = await launchApp({ fakeCamera: MJPEG });
  try {
    const cdp = await app.context.newCDPSession(app.page);
    await cdp.send('HeapProfiler.enable');
    const errors: string[] = [];
    app.page.on('pageerror', (e) => errors.push(e.message));
    await app.page.click('[data-testid=start-camera]');
    // A loaded machine may take minutes to load and compile the model: wait long, and say how far it got.
    await app.page
      .waitForFunction(
        () => (window as unknown as HookedWindow).__ganglag.metrics.framesAnalysed >= 10,
        null,
        { timeout: START_TIMEOUT_MS, polling: 500 },
      )
      .catch(async (err: unknown) => {
        const m = await app.page
          .evaluate(() => ({ ...(window as unknown as HookedWindow).__ganglag.metrics }))
          .catch(() => null);
        const status = await app.page
          .locator('[data-testid=status]')
          .textContent({ timeout: 1000 })
          .catch(() => null);
        throw new Error(
          `no 10 frames analysed within ${START_TIMEOUT_MS / 1000} s (metrics ${JSON.stringify(m)}, status "${status ?? ''}", page errors: ${errors.join('; ') || 'none'}): ${err instanceof Error ? err.message : String(err)}`,
        );
      });
    await app.page.waitForTimeout(WARMUP_MS);

    const sample = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const { numTensors } = await app.page.evaluate(() =>
        (window as unknown as HookedWindow).__ganglag.memory(),
      );
      const m = await app.page.evaluate(() => ({ ...(window as unknown as HookedWindow).__ganglag.metrics }));
      return { heap: heap.usedSize, tensors: numTensors, ...m };
    };
    const mb = (b: number) => (b / 1024 / 1024).toFixed(2);
    const first = await sample();
    console.log('minute  heap_MB  d_heap_MB  tensors  fps    frames  dropped  crashes');
    const line = (label: string, s: typeof first) =>
      console.log(
        `${label.padEnd(6)}  ${mb(s.heap).padStart(7)}  ${mb(s.heap - first.heap).padStart(9)}  ${String(s.tensors).padStart(7)}  ${s.fps.toFixed(1).padStart(5)}  ${String(s.framesAnalysed).padStart(6)}  ${String(s.dropped).padStart(7)}  ${String(s.crashes).padStart(7)}`,
      );
    line('0', first);
    let last = first;
    const tensorCounts = new Set([first.tensors]);
    const steps = Math.ceil(minutes);
    for (let k = 1; k <= steps; k++) {
      await app.page.waitForTimeout(Math.min(1, minutes - (k - 1)) * 60_000);
      last = await sample();
      tensorCounts.add(last.tensors);
      line(String(k), last);
    }
    const growth = last.heap - first.heap;
    const framesRun = last.framesAnalysed - first.framesAnalysed;
    const failures: string[] = [];
    if (growth >= HEAP_LIMIT_BYTES) failures.push(`heap grew by ${mb(growth)} MB (limit 5 MB)`);
    if (tensorCounts.size > 1) failures.push(`tensor count changed: ${[...tensorCounts].join(' → ')}`);
    if (framesRun <= 0) failures.push('no frames were analysed during the soak');
    if (errors.length > 0) failures.push(`page errors: ${errors.join('; ')}`);
    console.log(
      `soak ${minutes} min: heap ${growth >= 0 ? '+' : ''}${mb(growth)} MB, tensors ${[...tensorCounts].join('/')}, ${framesRun} frames`,
    );
    if (failures.length > 0) {
      console.error(`soak FAILED: ${failures.join('; ')}`);
      return 1;
    }
    console.log('soak passed');
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`soak: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
