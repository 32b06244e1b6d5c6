// Small helpers of the progress views: storage errors as user text, dates, sizes, file names.
import { format } from 'date-fns';
import { METRICS, type MetricId } from '../../report';
import { protocolName } from '../../report/i18n';
import type { StorageErrorCode } from '../../storage';
import { formatNumber } from '../../shared/messages';
import { getLang, t } from '../i18n';

/** The storage layer's message for a failure, in the UI language where we have one. Branches on `code`. */
export function errorText(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  const detail = typeof e?.message === 'string' ? e.message : String(err);
  const code = typeof e?.code === 'string' ? (e.code as StorageErrorCode) : null;
  switch (code) {
    case 'quota-exceeded':
      return t('progress.err.quota');
    case 'invalid-backup':
      return t('progress.err.invalidBackup', { detail });
    case 'invalid-record':
      return t('progress.err.invalidRecord', { detail });
    case 'not-found':
      return t('progress.err.notFound');
    case 'no-consent':
      return t('progress.err.noConsent');
    case 'version-too-new':
      return t('progress.err.versionTooNew');
    case 'unavailable':
      return t('progress.err.unavailable');
    case 'unknown':
    case null:
      return t('progress.err.unknown', { detail });
  }
}

export const isQuota = (err: unknown): boolean =>
  (err as { code?: unknown } | null)?.code === 'quota-exceeded';

/** Local date and time as a datetime-local input wants it. */
export const toLocalInput = (d: Date): string => format(d, "yyyy-MM-dd'T'HH:mm");

/** Local calendar date, YYYY-MM-DD. */
export const toLocalDate = (d: Date): string => format(d, 'yyyy-MM-dd');

/** A stored ISO time in local time, for tables. */
export const showDateTime = (iso: string): string => format(new Date(iso), 'yyyy-MM-dd HH:mm');

export function formatBytes(n: number | null): string {
  if (n === null) return '?';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${showNumber(v, v < 10 ? 1 : 0)} ${units[i]}`;
}

/** A pseudonym made safe for a file name. */
export const fileSafe = (s: string): string => s.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40) || 'profile';

/** Shows a status line of the given kind (the class colours it; the text says it). */
export function message(el: HTMLElement, text: string, kind: 'ok' | 'error' | 'info' = 'info'): void {
  el.textContent = text;
  el.className = `pg-msg ${kind}`;
  el.dataset.kind = kind;
}

/** A typed number, or null for an empty field or something that is no number. Accepts "1,65" and "1.65". */
export const numberOrNull = (s: string): number | null => {
  const text = s.trim().replace(',', '.');
  if (text === '') return null;
  const v = Number(text);
  return Number.isFinite(v) ? v : null;
};

/** A number as the UI's language writes it (nb: decimal comma); '–' where missing. */
export const showNumber = (v: number | null | undefined, digits?: number): string =>
  formatNumber(v, getLang(), digits);

/** A metric's value with its own decimals in the UI's language; '' where not measured. */
export const showMetric = (id: MetricId, v: number | null): string =>
  v === null ? '' : showNumber(v, METRICS[id].decimals);

/** A signed difference in the metric's decimals: "+0,05", "−1,2" (a true minus sign). */
export function signedMetric(id: MetricId, diff: number): string {
  const text = showMetric(id, Math.abs(diff));
  return diff > 0 ? `+${text}` : diff < 0 && /[1-9]/.test(text) ? `−${text}` : text;
}

export const metricLabel = (id: MetricId): string => t(`progress.metric.${id}`);
export const metricUnit = (id: MetricId): string => t(`progress.unit.${id}`);

/** A protocol id ("free-walk", "walk-4m-fast") in the UI's language; an unknown id as it is. */
export const showProtocol = (id: string): string => protocolName(id, getLang());
