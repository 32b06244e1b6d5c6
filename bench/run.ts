// `npm run bench`: the pose pipeline in headless Chromium, per model, on the fake camera and on the video file.
// Prints tables and writes bench/results.json. Targets are reported, not asserted. See docs/performance.md.
// Env: BENCH_MODELS (comma list), BENCH_LIVE_SECONDS, BENCH_LONG_MINUTES (0 skips the long-file run),
// BENCH_WORKERS (comma list of pool sizes, default 1,2,4), BENCH_PARTS (live,first: which of the live and first-pose
// runs to make besides the file runs; default both, '' for file runs alone while working on them).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LiveGait } from '../src/analysis';
import { CpuMeter } from './cpu';
import { LiveSpineGauge } from '../src/analysis/spine';
import { generateWalk } from '../tests/fixtures/gait-generator';
import { haveTestdata, launchApp, MJPEG, ROOT, WEBM, type AppHandle } from '../tests/e2e/harness';

const MODELS = (process.env.BENCH_MODELS ?? 'movenet-lightning,blazepose-lite,blazepose-full').split(',');
const LIVE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 12);
const LONG_MINUTES = Number(process.env.BENCH_LONG_MINUTES ?? 10);
const WORKERS = (process.env.BENCH_WORKERS ?? '1,2,4').split(',').map(Number);
const PARTS = new Set((process.env.BENCH_PARTS ?? 'live,first').split(','));
const CORES = cpus().length;

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
  /** Live: where the worker's time went per frame (ms) and BlazePose's person-detector runs per frame. */
  liveScaleMs: number;
  liveInferMs: number;
  liveDetectorRunsPerFrame: number;
  numTensorsBefore: number;
  numTensorsAfter: number;
  heapBeforeMB: number;
  heapAfterMB: number;
}

interface StageStats {
  frames: number;
  decodeWaitMs: number;
  scaleMs: number;
  inferMs: number;
  postMs: number;
  detectorRuns: number;
  previewMs?: number;
  previews?: number;
}

type Hook = {
  metrics: {
    file: {
      frames: number;
      wallMs: number;
      mainMsPerFrame: number;
      stages: StageStats | null;
      decodeMsPerFrame: number;
    } | null;
    framesAnalysed: number;
    dropped: number;
    backend: string;
    model: string;
    latencies: Float64Array;
    latencyCount: number;
  };
  memory(): Promise<{ numTensors: number; stages: StageStats }>;
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

async function benchLive(model: string): Promise<Row> {
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
    const memAfter = (await p.evaluate(`${hook}.memory()`)) as { numTensors: number; stages: StageStats };
    const numTensorsAfter = memAfter.numTensors;
    const st = memAfter.stages;
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
      liveScaleMs: st.scaleMs / Math.max(1, st.frames),
      liveInferMs: st.inferMs / Math.max(1, st.frames),
      liveDetectorRunsPerFrame: st.detectorRuns / Math.max(1, st.frames),
      numTensorsBefore,
      numTensorsAfter,
      heapBeforeMB,
      heapAfterMB,
    };
  } finally {
    await app.close();
  }
}

interface FileRunResult {
  workers: number;
  /** Media seconds analysed per wall second. */
  speedX: number;
  frames: number;
  wallS: number;
  peakHeapMB: number;
  heapSamplesMB: number[];
  longTasks: number;
  longTaskMaxMs: number;
  tensorsBefore: number;
  tensorsAfter: number;
  /** Per frame, ms: decode alone, and the workers' stages. */
  decodeMs: number;
  decodeWaitMs: number;
  scaleMs: number;
  inferMs: number;
  postMs: number;
  mainMs: number;
  detectorRunsPerFrame: number;
  /** Pictures of analysed frames sent for the screen: ms per analysed frame (worker), and how many in all. */
  previewMs: number;
  previews: number;
  /**
   * CPU time the browser's threads used per frame while the file was analysed (Linux /proc; NaN elsewhere), the
   * decode-only profiling pass taken off, and where it went (thread kind → ms per frame).
   */
  cpuMsPerFrame: number;
  cpuByThreadMsPerFrame: Record<string, number>;
}

async function benchFile(
  model: string,
  file: string,
  durationS: number,
  workers: number,
): Promise<FileRunResult> {
  const app = await launchApp({ query: `?workers=${workers}&bench=1` });
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
    const tensorsBefore = ((await p.evaluate(`${hook}.memory()`)) as { numTensors: number }).numTensors;
    const cpu = new CpuMeter();
    cpu.start();
    await p.setInputFiles('[data-testid=file-input]', file);
    // Heap sampled while the file is analysed (main thread; the workers' TF.js memory is the tensor count).
    const heapSamplesMB: number[] = [];
    for (;;) {
      const doneNow = await p.evaluate(
        () =>
          (window as unknown as { __ganglag: Hook }).__ganglag.recording() !== null &&
          !document.querySelector('progress:not([hidden])'),
      );
      heapSamplesMB.push(await heapMB(app));
      cpu.sample();
      if (doneNow) break;
      await p.waitForTimeout(durationS > 60 ? 2000 : 250);
    }
    const r = await p.evaluate(() => {
      const g = (window as unknown as { __ganglag: Hook }).__ganglag;
      return {
        file: g.metrics.file,
        frames: g.recording()?.frames.length ?? 0,
        long: (window as unknown as { __long: number[] }).__long.slice(),
      };
    });
    const tensorsAfter = ((await p.evaluate(`${hook}.memory()`)) as { numTensors: number }).numTensors;
    const f = r.file;
    if (!f) throw new Error('no file metrics: did the analysis fail?');
    const used = cpu.result();
    // ?bench=1 decodes 120 frames alone after the analysis (the decode column); that pass is not the analysis.
    const profileMs = Number.isFinite(f.decodeMsPerFrame) ? 120 * f.decodeMsPerFrame : 0;
    const cpuMsPerFrame = used ? (used.totalMs - profileMs) / Math.max(1, r.frames) : NaN;
    const cpuByThreadMsPerFrame = Object.fromEntries(
      (used?.byThread ?? [])
        .slice(0, 8)
        .map(([k, ms]) => [k, Math.round((ms / Math.max(1, r.frames)) * 10) / 10]),
    );
    const st = f.stages;
    const per = (x: number | undefined): number => (st && x !== undefined ? x / Math.max(1, st.frames) : NaN);
    return {
      workers,
      speedX: durationS / (f.wallMs / 1000),
      frames: r.frames,
      wallS: f.wallMs / 1000,
      peakHeapMB: Math.max(...heapSamplesMB),
      heapSamplesMB,
      longTasks: r.long.length,
      longTaskMaxMs: r.long.length ? Math.max(...r.long) : 0,
      tensorsBefore,
      tensorsAfter,
      decodeMs: f.decodeMsPerFrame,
      decodeWaitMs: per(st?.decodeWaitMs),
      scaleMs: per(st?.scaleMs),
      inferMs: per(st?.inferMs),
      postMs: per(st?.postMs),
      mainMs: f.mainMsPerFrame,
      detectorRunsPerFrame: per(st?.detectorRuns),
      previewMs: per(st?.previewMs),
      previews: st?.previews ?? 0,
      cpuMsPerFrame,
      cpuByThreadMsPerFrame,
    };
  } finally {
    await app.close();
  }
}

/**
 * The machine's limit for recorded video: each frame costs decode + scale + inference + post-processing in some
 * worker, plus the main thread's share; with `cores` cores busy at once, frames per second ≤ cores / that sum.
 * The sum is the CPU time the browser's threads used per frame (/proc, load-independent) where Linux gives it,
 * else the stages' wall times. Returned as a multiple of real time for a file of `fps`.
 */
function limitX(
  r: FileRunResult,
  fps: number,
): { cpuMsPerFrame: number; stageMsPerFrame: number; limitFps: number; limitX: number } {
  const stageMsPerFrame =
    r.decodeMs +
    r.scaleMs +
    r.inferMs +
    r.postMs +
    r.mainMs +
    (Number.isFinite(r.previewMs) ? r.previewMs : 0);
  const cpuMsPerFrame = Number.isFinite(r.cpuMsPerFrame) ? r.cpuMsPerFrame : stageMsPerFrame;
  const limitFps = (CORES * 1000) / cpuMsPerFrame;
  return { cpuMsPerFrame, stageMsPerFrame, limitFps, limitX: limitFps / fps };
}

/** Time to first pose: from navigation to the first pose drawn, with the fake camera; cold, then warm (cached). */
async function benchFirstPose(model: string): Promise<{ coldMs: number; warmMs: number }> {
  const app = await launchApp({ fakeCamera: MJPEG });
  try {
    const p = app.page;
    let visit = 0;
    const measure = async (): Promise<number> => {
      const t0 = Date.now();
      // A new query makes it a full load (a hash alone would navigate within the page); #live is the capture view.
      await p.goto(`${app.url}?visit=${++visit}#live`, { waitUntil: 'commit' });
      await p.selectOption('[data-testid=model]', model);
      await p.click('[data-testid=start-camera]');
      await p.waitForFunction(
        () => (window as unknown as { __ganglag: Hook }).__ganglag.metrics.framesAnalysed >= 1,
        null,
        { timeout: 120_000, polling: 20 },
      );
      return Date.now() - t0;
    };
    // The first page load (by launchApp) fetched only the shell; the model is fetched on first use: cold.
    const coldMs = await measure();
    const warmMs = await measure();
    return { coldMs, warmMs };
  } finally {
    await app.close();
  }
}

/** A long file made at bench time by looping the demo (not committed): tmp/demo-<minutes>min.webm. */
function longVideo(minutes: number): string | null {
  const dir = join(tmpdir(), 'ganglag-bench');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `demo-${minutes}min.webm`);
  if (existsSync(out)) return out;
  try {
    const loops = Math.ceil((minutes * 60) / CLIP_SECONDS);
    execFileSync(process.env.FFMPEG_PATH || 'ffmpeg', [
      '-v',
      'error',
      '-y',
      '-stream_loop',
      String(loops - 1),
      '-i',
      WEBM,
      '-t',
      String(minutes * 60),
      '-c',
      'copy',
      out,
    ]);
    return out;
  } catch (err) {
    console.warn(`ffmpeg failed (${String(err)}): skipping the long-file run; apt-get install -y ffmpeg`);
    return null;
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

const CLIP_SECONDS = 7.7;
const CLIP_FPS = 30;
const analysisCost = benchLiveAnalysis();
console.log(
  `live analysis per frame: LiveGait ${analysisCost.liveGaitUsPerFrame.toFixed(2)} µs, LiveSpineGauge ${analysisCost.liveSpineUsPerFrame.toFixed(2)} µs (target well under 100 µs)`,
);
if (!haveTestdata()) process.exit(1);

interface ModelResult {
  model: string;
  live: Row;
  files: FileRunResult[];
  /** The pool (one worker per core, up to 4) on the demo file. */
  pool: FileRunResult;
  limit: ReturnType<typeof limitX>;
  fractionOfLimit: number;
  poolSpeedupOverOne: number;
  firstPose: { coldMs: number; warmMs: number };
}

/** A live row left out by BENCH_PARTS. */
function notRun(model: string): Row {
  return {
    model,
    backend: '–',
    rawFps: NaN,
    pipelineFps: NaN,
    ratio: NaN,
    latencyP50Ms: NaN,
    latencyP95Ms: NaN,
    longTasks: NaN,
    longTaskMaxMs: NaN,
    droppedFrames: NaN,
    liveScaleMs: NaN,
    liveInferMs: NaN,
    liveDetectorRunsPerFrame: NaN,
    numTensorsBefore: NaN,
    numTensorsAfter: NaN,
    heapBeforeMB: NaN,
    heapAfterMB: NaN,
  };
}

const results: ModelResult[] = [];
for (const model of MODELS) {
  process.stdout.write(`bench ${model}:`);
  if (PARTS.has('live')) process.stdout.write(' live…');
  const live = PARTS.has('live') ? await benchLive(model) : notRun(model);
  const files: FileRunResult[] = [];
  for (const w of WORKERS) {
    process.stdout.write(` file ×${w}…`);
    files.push(await benchFile(model, WEBM, CLIP_SECONDS, w));
  }
  if (PARTS.has('first')) process.stdout.write(' first pose…');
  const firstPose = PARTS.has('first') ? await benchFirstPose(model) : { coldMs: NaN, warmMs: NaN };
  process.stdout.write(' done\n');
  const poolN = Math.min(4, CORES);
  const pool = files.find((f) => f.workers === poolN) ?? files[files.length - 1];
  const one = files.find((f) => f.workers === 1) ?? files[0];
  // Components from the single-worker run: nothing else competes for the cores there.
  const limit = limitX(one, CLIP_FPS);
  results.push({
    model,
    live,
    files,
    pool,
    limit,
    fractionOfLimit: pool.speedX / limit.limitX,
    poolSpeedupOverOne: pool.speedX / one.speedX,
    firstPose,
  });
}

let long: (FileRunResult & { minutes: number; heapGrowthMB: number; posesMB: number }) | null = null;
if (LONG_MINUTES > 0) {
  const file = longVideo(LONG_MINUTES);
  if (file) {
    const model = MODELS[0];
    process.stdout.write(`bench long file (${LONG_MINUTES} min, ${model})…`);
    const r = await benchFile(model, file, LONG_MINUTES * 60, Math.min(4, CORES));
    // The poses kept in memory are the product: about 17–33 keypoints × 3 numbers per frame.
    const posesMB = (r.frames * (model.startsWith('blazepose') ? 33 * 7 : 17 * 3) * 8) / 2 ** 20;
    const s = r.heapSamplesMB.filter(Number.isFinite);
    const heapGrowthMB = s.length > 4 ? s[s.length - 2] - s[Math.floor(s.length / 4)] : NaN;
    long = { ...r, minutes: LONG_MINUTES, heapGrowthMB, posesMB };
    process.stdout.write(' done\n');
  }
}

const f = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : '–');
function printTable(header: string[], table: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  console.log('\n' + line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of table) console.log(line(r));
}

console.log(`\ncores: ${CORES}`);
printTable(
  [
    'model',
    'backend',
    'raw fps',
    'pipeline fps',
    'ratio',
    'lat p50/p95 ms',
    'scale/infer ms',
    'detector/frame',
    'long tasks',
    'dropped',
    'tensors',
    'heap MB',
  ],
  results.map(({ model, live: r }) => [
    model,
    r.backend,
    f(r.rawFps),
    f(r.pipelineFps),
    f(r.ratio, 2),
    `${f(r.latencyP50Ms, 0)}/${f(r.latencyP95Ms, 0)}`,
    `${f(r.liveScaleMs)}/${f(r.liveInferMs)}`,
    f(r.liveDetectorRunsPerFrame, 2),
    `${r.longTasks} (max ${f(r.longTaskMaxMs, 0)})`,
    String(r.droppedFrames),
    `${r.numTensorsBefore}/${r.numTensorsAfter}`,
    `${f(r.heapBeforeMB)}/${f(r.heapAfterMB)}`,
  ]),
);
printTable(
  [
    'model',
    'decode',
    'scale',
    'infer',
    'post',
    'main',
    'stages ms',
    'CPU ms/frame',
    'limit ×RT',
    'pool ×RT',
    'of limit',
    ...WORKERS.map((w) => `×RT ${w}w`),
    'pool/1w',
    'first pose cold/warm s',
  ],
  results.map((r) => {
    const o = r.files.find((x) => x.workers === 1) ?? r.files[0];
    return [
      r.model,
      f(o.decodeMs),
      f(o.scaleMs),
      f(o.inferMs),
      f(o.postMs, 2),
      f(o.mainMs, 2),
      f(r.limit.stageMsPerFrame),
      f(r.limit.cpuMsPerFrame),
      f(r.limit.limitX, 2),
      f(r.pool.speedX, 2),
      f(r.fractionOfLimit, 2),
      ...r.files.map((x) => f(x.speedX, 2)),
      f(r.poolSpeedupOverOne, 2),
      `${f(r.firstPose.coldMs / 1000, 2)}/${f(r.firstPose.warmMs / 1000, 2)}`,
    ];
  }),
);
for (const r of results)
  for (const x of r.files)
    console.log(
      `${r.model} ×${x.workers}w CPU ms/frame ${f(x.cpuMsPerFrame)}: ${Object.entries(x.cpuByThreadMsPerFrame)
        .map(([k, ms]) => `${k} ${f(ms)}`)
        .join(', ')}`,
    );
if (long)
  console.log(
    `\nlong file: ${long.minutes} min, ${long.frames} frames at ${f(long.speedX, 2)}× real time; heap peak ${f(long.peakHeapMB)} MB, growth over the last 3/4 ${f(long.heapGrowthMB)} MB (the poses themselves ≈ ${f(long.posesMB)} MB); tensors ${long.tensorsBefore}/${long.tensorsAfter}; long tasks ${long.longTasks} (max ${f(long.longTaskMaxMs, 0)} ms)`,
  );
console.log(
  '\nTargets (reported, not asserted): live ratio ≥ 0.95, latency p95 ≤ 1.5 × inference, no long tasks; file ≥ 0.85 of the limit, Lightning ≥ 1.0× real time; first pose warm < 3 s; memory flat over the long file.',
);
const out = resolve(ROOT, 'bench', 'results.json');
writeFileSync(
  out,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      cores: CORES,
      liveSeconds: LIVE_SECONDS,
      liveAnalysis: analysisCost,
      models: results.map((r) => ({
        ...r,
        files: r.files.map((x) => ({ ...x, heapSamplesMB: undefined })),
        pool: { ...r.pool, heapSamplesMB: undefined },
      })),
      rows: results.map((r) => ({
        ...r.live,
        fileSpeedX: r.pool.speedX,
        fileSpeedOneWorkerX: (r.files.find((x) => x.workers === 1) ?? r.files[0]).speedX,
        fileFrames: r.pool.frames,
        limitX: r.limit.limitX,
        fileFractionOfLimit: r.fractionOfLimit,
        poolSpeedupOverOne: r.poolSpeedupOverOne,
        peakHeapMB: r.pool.peakHeapMB,
        firstPoseColdMs: r.firstPose.coldMs,
        firstPoseWarmMs: r.firstPose.warmMs,
      })),
      longFile: long,
    },
    null,
    2,
  ),
);
console.log(`wrote ${out}`);
