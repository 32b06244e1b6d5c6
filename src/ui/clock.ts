// The app's clock, injectable only in test builds so browser tests can record sessions on chosen dates.
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Makes now() return `iso` from this moment on (time keeps running); false (clock unchanged) if not a date. */
export function setNow(iso: string): boolean {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return false;
  offsetMs = t - Date.now();
  return true;
}

/** `?now=ISO` moves the clock in test builds; a value that is not a date is ignored, never fatal. */
export function initClockFromUrl(search: string, enabled: boolean): void {
  if (!enabled) return;
  const v = new URLSearchParams(search).get('now');
  if (v) setNow(v);
}
