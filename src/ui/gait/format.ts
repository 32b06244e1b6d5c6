// Number formatting for the gait views: through src/shared/messages (decimal comma in Bokmål), a dash for missing.
import { formatNumber } from '../../shared/messages';
import { getLang } from '../i18n';

/** `v` with exactly `digits` decimals in the current language; '–' for null, undefined or NaN. */
export function fmt(v: number | null | undefined, digits: number): string {
  return formatNumber(v, getLang(), digits);
}

/** The number as a machine-readable attribute value ('' when missing), for tests and copy-paste. */
export function raw(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '' : String(v);
}
