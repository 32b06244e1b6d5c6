// Numbers as the reader's language writes them (nb: decimal comma, minus sign), through Intl.NumberFormat.

/** The languages the app, the report and the command line speak. */
export const LANGS = ['en', 'nb'] as const;
export type Lang = (typeof LANGS)[number];

/** BCP 47 locale per language: British English (dd/mm dates, metric), Norwegian Bokmål. */
export const LOCALES: Record<Lang, string> = { en: 'en-GB', nb: 'nb-NO' };

const formats = new Map<string, Intl.NumberFormat>();

/**
 * `value` in `lang`: exactly `digits` decimals, or when `digits` is omitted as few as needed (up to 6). No
 * thousands separators (clinical numbers, and the English text stays as the analysis always wrote it).
 * '–' for null, undefined, NaN and ±Infinity.
 */
export function formatNumber(value: number | null | undefined, lang: Lang, digits?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const key = `${lang}:${digits ?? ''}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], {
      minimumFractionDigits: digits ?? 0,
      maximumFractionDigits: digits ?? 6,
      useGrouping: false,
    });
    formats.set(key, f);
  }
  // + 0 turns -0 into 0, so a rounded-away sign never shows.
  return f.format(value + 0);
}
