// `npm run bench`: the pose pipeline in headless Chromium, per model, on the fake camera and on the video file.
// Prints a table and writes bench/results.json. Targets are reported, not asserted.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LiveGait } from '../src/analysis';
import { LiveSpineGauge } from '../src/analysis/spine';
import { generateWalk } from '../tests/fixtures/gait-generator';
import { haveTestdata, launchApp, MJPEG, ROOT, WEBM, type AppHandle } from '../tests/e2e/harness';

const MODELS = (process.env.BENCH_MODELS ?? 'movenet-lightning,blazepose-lite,blazepose-full').split(',');
const LIVE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 12);
const CLIP_SECONDS = 7.7;

interface Row {
  model: string;
  backend: string;
  rawFps: number;
  pipelineFps: number;
  ratio: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  longTasks: number;
  longTaskMaxMs: number;
  droppedFrames: number;
  fileSpeedX: number;
  fileSpeedOneWorkerX: number;
  fileFrames: number;
  numTensorsBefore: number;
  numTensorsAfter: number;
  heapBeforeMB: number;
  heapAfterMB: number;
}

type Hook = {
  metrics: {
    framesAnalysed: number;
    dropped: number;
    backend: string;
    model: string;
    latencies: Float64Array;
    latencyCount: number;
  };
  memory(): Promise<{ numTensors: number }>;
  benchmarkRaw(count: number, loops: number): Promise<{ fps: number }>;
  resetMetrics(): void;
  recording(): { frames: unknown[] } | null;
  stop(): void;
};
const hook = 'window.__ganglag';

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function heapMB(app: AppHandle): Promise<number> {
  return app.page.evaluate(() => {
    const m = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return m ? m.usedJSHeapSize / 2 ** 20 : NaN;
  });
}

async function benchLive(
  model: string,
): Promise<Omit<Row, 'fileSpeedX' | 'fileSpeedOneWorkerX' | 'fileFrames'>> {
  const app = await launchApp({ fakeCamera: MJPEG });
  try {
    const p = app.page;
    await p.evaluate(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push(e.duration))).observe({
        type: 'longtask',
        buffered: false,
      });
    });
    await p.selectOption('[data-testid=model]', model);
    await p.waitForFunction(
      (m) => (window as unknown as { __ganglag: Hook }).__ganglag.metrics.model === m,
      model,
      { timeout: 120_000 },
    );
    await p.click('[data-testid=start-camera]');
    await p.waitForFunction(
      () => (window as unknown as { __ganglag: Hook }).__ganglag.metrics.framesAnalysed >= 10,
      null,
      { timeout: 120_000 },
    );
    const numTensorsBefore = ((await p.evaluate(`${hook}.memory()`)) as { numTensors: number }).numTensors;
    const heapBeforeMB = await heapMB(app);
    await p.evaluate(() => {
      (window as unknown as { __long: number[] }).__long.length = 0;
      (window as unknown as { __ganglag: Hook }).__ganglag.resetMetrics();
    });
    const t0 = Date.now();
    await p.waitForTimeout(LIVE_SECONDS * 1000);
    const live = await p.evaluate(() => {
      const g = (window as unknown as { __ganglag: Hook }).__ganglag;
      const m = g.metrics;
      const n = Math.min(m.latencyCount, m.latencies.length);
      return {
        frames: m.framesAnalysed,
        dropped: m.dropped,
        backend: m.backend,
        lat: Array.from(m.latencies.slice(0, n)),
        long: (window as unknown as { __long: number[] }).__long.slice(),
      };
    });
    const elapsed = (Date.now() - t0) / 1000;
    const numTensorsAfter = ((await p.evaluate(`${hook}.memory()`)) as { numTensors: number }).numTensors;
    const heapAfterMB = await heapMB(app);
    const raw = (await p.evaluate(`${hook}.benchmarkRaw(10, 5)`)) as { fps: number };
    const pipelineFps = live.frames / elapsed;
    const lat = live.lat.sort((a, b) => a - b);
    return {
      model,
      backend: live.backend,
      rawFps: raw.fps,
      pipelineFps,
      ratio: pipelineFps / raw.fps,
      latencyP50Ms: pct(lat, 0.5),
      latencyP95Ms: pct(lat, 0.95),
      longTasks: live.long.length,
      longTaskMaxMs: live.long.length ? Math.max(...live.long) : 0,
      droppedFrames: live.dropped,
      numTensorsBefore,
      numTensorsAfter,
      heapBeforeMB,
      heapAfterMB,
    };
  } finally {
    await app.close();
  }
}

async function benchFile(model: string, query = ''): Promise<{ fileSpeedX: number; fileFrames: number }> {
  const app = await launchApp({ query });
  try {
    const p = app.page;
    await p.selectOption('[data-testid=model]', model);
    await p.waitForFunction(
      (m) => (window as unknown as { __ganglag: Hook }).__ganglag.metrics.model === m,
      model,
      { timeout: 120_000 },
    );
    const t0 = Date.now();
    await p.setInputFiles('[data-testid=file-input]', WEBM);
    await p.waitForFunction(
      () =>
        (window as unknown as { __ganglag: Hook }).__ganglag.recording() !== null &&
        !document.querySelector('progress:not([hidden])'),
      null,
      { timeout: 900_000, polling: 200 },
    );
    const wall = (Date.now() - t0) / 1000;
    const frames = await p.evaluate(
      () => (window as unknown as { __ganglag: Hook }).__ganglag.recording()?.frames.length ?? 0,
    );
    return { fileSpeedX: CLIP_SECONDS / wall, fileFrames: frames };
  } finally {
    await app.close();
  }
}

/** Per-frame cost of the live analysis loops (Node, same code as in the page), µs per frame. */
function benchLiveAnalysis(): { liveGaitUsPerFrame: number; liveSpineUsPerFrame: number; frames: number } {
  const { file } = generateWalk({ skeleton: 'blazepose33', strides: 40, noisePx: 2, seed: 7 });
  const n = file.frames[0].keypoints.length;
  const packed = file.frames.map((f) => {
    const a = new Float32Array(n * 3).fill(NaN);
    f.keypoints.forEach((k, i) => k && a.set(k, 3 * i));
    return a;
  });
  const gait = new LiveGait({ skeleton: 'blazepose33', heightM: 1.7 });
  const spine = new LiveSpineGauge({ skeleton: 'blazepose33', test: 'forward-flexion', heightM: 1.7 });
  const time = (fn: (i: number) => void): number => {
    for (let i = 0; i < packed.length; i++) fn(i); // warm-up
    const reps = 20;
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) for (let i = 0; i < packed.length; i++) fn(i);
    return ((performance.now() - t0) * 1000) / (reps * packed.length);
  };
  const liveGaitUsPerFrame = time((i) => gait.push(file.frames[i].tMs, packed[i]));
  const liveSpineUsPerFrame = time((i) => spine.push(file.frames[i].tMs, packed[i]));
  return { liveGaitUsPerFrame, liveSpineUsPerFrame, frames: packed.length };
}

const analysisCost = benchLiveAnalysis();
console.log(
  `live analysis per frame: LiveGait ${analysisCost.liveGaitUsPerFrame.toFixed(2)} µs, LiveSpineGauge ${analysisCost.liveSpineUsPerFrame.toFixed(2)} µs (target well under 100 µs)`,
);
if (!haveTestdata()) process.exit(1);
const rows: Row[] = [];
for (const model of MODELS) {
  process.stdout.write(`bench ${model}: live…`);
  const live = await benchLive(model);
  process.stdout.write(' file…');
  const file = await benchFile(model);
  process.stdout.write(' one worker…');
  const one = await benchFile(model, '?workers=1');
  rows.push({ ...live, ...file, fileSpeedOneWorkerX: one.fileSpeedX });
  process.stdout.write(' done\n');
}

const f = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : '–');
const header = [
  'model',
  'backend',
  'raw fps',
  'pipeline fps',
  'ratio',
  'lat p50 ms',
  'lat p95 ms',
  'long tasks',
  'dropped',
  'file ×RT (pool)',
  'file ×RT (1 worker)',
  'file frames',
  'tensors before/after',
  'heap MB before/after',
];
const table = rows.map((r) => [
  r.model,
  r.backend,
  f(r.rawFps),
  f(r.pipelineFps),
  f(r.ratio, 2),
  f(r.latencyP50Ms, 0),
  f(r.latencyP95Ms, 0),
  `${r.longTasks} (max ${f(r.longTaskMaxMs, 0)})`,
  String(r.droppedFrames),
  f(r.fileSpeedX, 2),
  f(r.fileSpeedOneWorkerX, 2),
  String(r.fileFrames),
  `${r.numTensorsBefore}/${r.numTensorsAfter}`,
  `${f(r.heapBeforeMB)}/${f(r.heapAfterMB)}`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells: string[]): string => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
console.log('\n' + line(header));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const r of table) console.log(line(r));
console.log(
  '\nTargets (reported, not asserted): ratio ≥ 0.95; no long tasks; file analysis ≥ 1.0× real time with Lightning on 2 cores.',
);
const out = resolve(ROOT, 'bench', 'results.json');
writeFileSync(
  out,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      cores: (await import('node:os')).cpus().length,
      liveSeconds: LIVE_SECONDS,
      liveAnalysis: analysisCost,
      rows,
    },
    null,
    2,
  ),
);
console.log(`wrote ${out}`);
