// Number formatting for the gait views: the user's language (decimal comma in Norwegian), a dash for missing.
import { getLang } from '../i18n';

const formats = new Map<string, Intl.NumberFormat>();

/** `v` with exactly `digits` decimals in the current language; '–' for null, undefined or NaN. */
export function fmt(v: number | null | undefined, digits: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const key = `${getLang()}:${digits}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(getLang() === 'nb' ? 'nb-NO' : 'en-GB', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formats.set(key, f);
  }
  return f.format(v);
}

/** The number as a machine-readable attribute value ('' when missing), for tests and copy-paste. */
export function raw(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '' : String(v);
}
