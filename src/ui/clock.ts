// The app's clock, injectable so tests can record sessions on chosen dates (?now=ISO or the test hook).
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Makes now() return `iso` from this moment on (time keeps running). */
export function setNow(iso: string): void {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`setNow: not a date: ${iso}`);
  offsetMs = t - Date.now();
}

export function initClockFromUrl(search: string): void {
  const v = new URLSearchParams(search).get('now');
  if (v) setNow(v);
}
