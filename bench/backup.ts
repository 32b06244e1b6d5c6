// Backup bench: fills a database (fake-indexeddb, in this Node process) with N BlazePose sessions of S seconds,
// streams a ganglag.backup/v2 export to a file, imports it into an empty database, checks the round trip, and
// prints time and heap: the most one session adds while it is handled, and what stays (see sampler).
//   npm run bench:backup -- --sessions 500 --seconds 30 [--gc-every 10]
// (node --expose-gc; fake-indexeddb keeps its data on the JS heap, so that part grows with N by design: 500
// sessions of 30 s need a larger heap than Node's default, e.g. NODE_OPTIONS=--max-old-space-size=10000.)
import { createWriteStream, openAsBlob, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openGanglagDb } from '../src/storage/db';
import { BENCH_PROFILE, blazePoses } from '../tests/fixtures/sessions-blazepose';
import { gaitAnalysis } from '../tests/fixtures/sessions-fixtures';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const n = i >= 0 ? Number(process.argv[i + 1]) : def;
  if (!(n > 0)) throw new Error(`--${name} needs a positive number`);
  return n;
};
const sessions = arg('sessions', 500);
const seconds = arg('seconds', 30);
// A forced GC per record costs seconds once the heap holds gigabytes (500 x 30 s): sample every Nth record then.
const gcEvery = arg('gc-every', 1);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:backup does)');
const heap = () => process.memoryUsage().heapUsed;
const MB = (b: number) => (b / 1024 / 1024).toFixed(1);

/**
 * At every progress tick (one record done): the heap before a forced GC (what one record's work left, live or
 * garbage) and after it (what stays). A streaming export or import keeps the first flat and the second from
 * growing with the number of sessions, apart from the database itself.
 */
function sampler() {
  let n = 0;
  let base = 0;
  let maxBefore = 0;
  let after = 0;
  let peak = 0;
  return {
    start: () => {
      gc!();
      base = after = peak = heap();
      return base;
    },
    tick: () => {
      const h = heap();
      peak = Math.max(peak, h);
      if (++n % gcEvery !== 0) return;
      maxBefore = Math.max(maxBefore, h - after);
      gc!();
      after = heap();
    },
    /** Largest heap growth between forced GCs (one record, or --gc-every records), above what stayed. */
    get perRecord() {
      return maxBefore;
    },
    /** Highest heap seen (before GC) during the phase, and the heap at its start. */
    get peak() {
      return peak;
    },
    get base() {
      return base;
    },
    /** What stayed at the end, above the start. */
    get retained() {
      return after - base;
    },
  };
}

async function main(): Promise<void> {
  const now = () => new Date('2026-06-01T12:00:00Z');
  const a = await openGanglagDb({
    idbFactory: new IDBFactory(),
    storage: null,
    now,
  });
  const p = await a.createProfile({ pseudonym: BENCH_PROFILE.pseudonym, notes: BENCH_PROFILE.notes });
  let t = performance.now();
  for (let i = 0; i < sessions; i++) {
    await a.addSession({
      profileId: p.id,
      startedAt: new Date(Date.UTC(2026, 0, 2, 8) + i * 3_600_000).toISOString(),
      kind: 'gait',
      protocol: '4m-walk',
      analysis: gaitAnalysis(0.8 + (i % 50) / 100),
      poses: blazePoses(seconds, i),
    });
    // Progress on stderr: a fill of hundreds of sessions takes minutes on a loaded machine.
    if ((i + 1) % 50 === 0) {
      process.stderr.write(
        `  filled ${i + 1}/${sessions}, heap ${MB(heap())} MB, ${MB(process.memoryUsage().rss)} MB RSS\n`,
      );
    }
  }
  const fillS = (performance.now() - t) / 1000;

  const path = join(tmpdir(), `ganglag-bench-backup-${process.pid}.ndjson`);
  const out = createWriteStream(path);
  const ex = sampler();
  ex.start();
  t = performance.now();
  for await (const line of a.exportBackupLines({ onProgress: ex.tick })) {
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => out.end((err?: Error | null) => (err ? j(err) : r())));
  const exportS = (performance.now() - t) / 1000;
  const bytes = statSync(path).size;
  const before = await a.listSessions(p.id);
  // Closing drops fake-indexeddb's copy once nothing else refers to it (here: only `a`, unused from now on).
  a.close();

  const b = await openGanglagDb({ idbFactory: new IDBFactory(), storage: null, now });
  const blob = await openAsBlob(path);
  const pre = sampler();
  pre.start();
  t = performance.now();
  const plan = await b.previewImport(blob, { onProgress: pre.tick });
  const previewS = (performance.now() - t) / 1000;
  const im = sampler();
  im.start();
  t = performance.now();
  const report = await b.importBackupFile(blob, { previewed: plan, onProgress: im.tick });
  const importS = (performance.now() - t) / 1000;
  const after = await b.listSessions(p.id);
  const same =
    report.sessions.added === sessions &&
    after.length === before.length &&
    JSON.stringify(after) === JSON.stringify(before) &&
    JSON.stringify(await b.getPoses(after[sessions - 1].id)) ===
      JSON.stringify(
        (await import('../src/storage/condense')).condensePoses(blazePoses(seconds, sessions - 1)),
      );
  b.close();
  rmSync(path);

  const per = gcEvery === 1 ? 'session' : `${gcEvery} sessions`;
  console.log(
    `backup bench: ${sessions} BlazePose sessions of ${seconds} s (30 fps, world landmarks); heap sampled with a forced GC every ${gcEvery} record(s)`,
  );
  console.log(`  file            ${MB(bytes)} MB ganglag.backup/v2 (${MB(bytes / sessions)} MB a session)`);
  console.log(`  fill            ${fillS.toFixed(1)} s (addSession: validate, condense, store)`);
  console.log(
    `  export          ${exportS.toFixed(1)} s; heap per ${per} at most ${MB(ex.perRecord)} MB, retained after the export ${MB(ex.retained)} MB`,
  );
  console.log(
    `  preview         ${previewS.toFixed(1)} s; heap per ${per} at most ${MB(pre.perRecord)} MB, retained ${MB(pre.retained)} MB`,
  );
  console.log(
    `  import          ${importS.toFixed(1)} s; heap per ${per} at most ${MB(im.perRecord)} MB, retained ${MB(im.retained)} MB (the new fake-indexeddb database, on the JS heap by design)`,
  );
  for (const [name, sm] of [
    ['export', ex],
    ['preview', pre],
    ['import', im],
  ] as const) {
    console.log(
      `  ${name.padEnd(15)} heap at start ${MB(sm.base)} MB, peak ${MB(sm.peak)} MB (+${MB(sm.peak - sm.base)} MB)`,
    );
  }
  console.log(`  round trip      ${same ? 'identical' : 'DIFFERENT'}`);
  if (!same) process.exitCode = 1;
}

void main();
