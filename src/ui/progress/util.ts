// Small helpers of the progress views: storage errors as user text, dates, sizes, file names.
import { format } from 'date-fns';
import type { StorageErrorCode } from '../../storage';
import { t } from '../i18n';

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
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** A pseudonym made safe for a file name. */
export const fileSafe = (s: string): string => s.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40) || 'profile';
