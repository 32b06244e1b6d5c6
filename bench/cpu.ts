// CPU time actually consumed by the browser under test, per thread kind, read from Linux's /proc. Unlike wall
// time per stage, a thread's CPU time does not grow when other programs share the cores, so the throughput limit
// (cores ÷ CPU time per frame) stays honest on a busy machine. Elsewhere (no /proc) it returns null.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: utime and stime in /proc are in these ticks. */
const TICKS_PER_S = 100;

function parentOf(pid: string): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? null;
  } catch {
    return null; // gone meanwhile
  }
}

function descendants(root: number): string[] {
  const children = new Map<string, string[]>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const ppid = parentOf(pid);
    if (ppid) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out: string[] = [];
  const todo = [...(children.get(String(root)) ?? [])];
  while (todo.length) {
    const pid = todo.pop()!;
    out.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

function processKind(pid: string): string {
  try {
    // Chromium rewrites its child processes' titles into one space-separated string.
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    if (!cmd[0]?.includes('chrom')) return 'other';
    return cmd.find((a) => a.startsWith('--type='))?.slice(7) ?? 'browser';
  } catch {
    return 'gone';
  }
}

interface ThreadCpu {
  key: string;
  ms: number;
}

function readThreads(root: number): Map<string, ThreadCpu> {
  const out = new Map<string, ThreadCpu>();
  for (const pid of descendants(root)) {
    const kind = processKind(pid);
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ms = ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_S; // utime + stime
        out.set(`${pid}/${tid}`, { key: `${kind}/${name.replace(/\d+$/, '')}`, ms });
      } catch {
        // thread ended between listing and reading
      }
    }
  }
  return out;
}

/**
 * Sums the CPU time the browser's threads use from start() on. Call sample() often (a thread that ends between
 * samples loses what it used since the last one: pool workers end right after the analysis).
 */
export class CpuMeter {
  private readonly base = new Map<string, number>();
  private readonly last = new Map<string, ThreadCpu>();
  readonly available = existsSync('/proc/self/stat');

  constructor(private readonly root = process.pid) {}

  start(): void {
    if (!this.available) return;
    this.base.clear();
    this.last.clear();
    for (const [id, t] of readThreads(this.root)) this.base.set(id, t.ms);
  }

  sample(): void {
    if (!this.available) return;
    for (const [id, t] of readThreads(this.root)) this.last.set(id, t);
  }

  /** CPU ms used since start(), in all and per "process-kind/thread-name", largest first; null without /proc. */
  result(): { totalMs: number; byThread: [string, number][] } | null {
    if (!this.available) return null;
    this.sample();
    const by = new Map<string, number>();
    for (const [id, t] of this.last) {
      const d = t.ms - (this.base.get(id) ?? 0);
      if (d > 0) by.set(t.key, (by.get(t.key) ?? 0) + d);
    }
    const byThread = [...by].sort((a, b) => b[1] - a[1]);
    return { totalMs: byThread.reduce((a, [, ms]) => a + ms, 0), byThread };
  }
}
