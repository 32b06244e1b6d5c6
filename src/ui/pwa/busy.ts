// Whether the app is busy (recording, analysing a file): a new version is never applied then. No DOM here.
type BusyCheck = () => boolean;
const checks = new Set<BusyCheck>();
const holds = new Set<symbol>();
const idleListeners = new Set<() => void>();

/**
 * Holds back updates until the returned release function is called. The capture view calls this when a recording
 * or a file analysis starts and releases it when it ends (or fails), so no reload can cut it short.
 */
export function holdUpdates(reason: string): () => void {
  const token = Symbol(reason);
  holds.add(token);
  return () => {
    if (holds.delete(token)) notifyIfIdle();
  };
}

/** Adds a check that says whether the app is busy now (polled while an update waits). Returns a remover. */
export function addBusyCheck(fn: BusyCheck): () => void {
  checks.add(fn);
  return () => checks.delete(fn);
}

/** True while anything holds updates back. */
export function isBusy(): boolean {
  if (holds.size > 0) return true;
  for (const c of checks) if (c()) return true;
  return false;
}

function notifyIfIdle(): void {
  if (isBusy()) return;
  for (const fn of [...idleListeners]) fn();
}

/** Runs `fn` now if idle, else as soon as the app becomes idle (holds released or checks false). */
export function whenIdle(fn: () => void): void {
  if (!isBusy()) {
    fn();
    return;
  }
  const poll = setInterval(() => {
    if (!isBusy()) done();
  }, 1000);
  const done = (): void => {
    clearInterval(poll);
    idleListeners.delete(done);
    fn();
  };
  idleListeners.add(done);
}
