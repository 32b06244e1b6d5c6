// CSV of every metric of every session (RFC 4180: CRLF, quoted fields), safe to open in spreadsheets.
import { renderWarnings, warningsOf, type Lang } from '../shared/messages';
import type { Profile, SessionRecord } from '../storage/types';
import { csvHeader, protocolName, reportStrings } from './i18n';
import { formatMetric, METRIC_IDS, METRICS, metricValue } from './metrics';

/** Leading characters that make spreadsheets evaluate a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One text cell: neutralises formulas with a leading apostrophe, then quotes per RFC 4180 when needed. */
export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Joins rows with CRLF; cells must already be escaped. */
export function csvRows(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
}

export const CSV_LEADING_COLUMNS = [
  'session_id',
  'profile_pseudonym',
  'started_at_utc',
  'time_of_day',
  'kind',
  'protocol',
] as const;
export const CSV_TRAILING_COLUMNS = [
  'scale_method',
  'metres_per_pixel',
  'frames_used',
  'frames_total',
  'warnings',
  'notes',
] as const;

export const CSV_COLUMNS: readonly string[] = [
  ...CSV_LEADING_COLUMNS,
  ...METRIC_IDS.map((id) => METRICS[id].csvColumn),
  ...CSV_TRAILING_COLUMNS,
];

/** The header row in `lang`: the English column ids of docs/exports.md, or their Bokmål names. */
export function csvColumns(lang: Lang = 'en'): string[] {
  return CSV_COLUMNS.map((c) => csvHeader(c, lang));
}

/**
 * All sessions of the given profiles, ordered by pseudonym then start time, with header, words (time of day,
 * kind, protocol, scale) and warnings in `lang`. Numbers use "." and fixed decimals in both languages, and
 * times stay ISO 8601 UTC, so the file reads the same into any program.
 */
export function buildMetricsCsv(
  profiles: readonly Profile[],
  sessions: readonly SessionRecord[],
  lang: Lang = 'en',
): string {
  const S = reportStrings(lang);
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const rows = sessions
    .filter((s) => byId.has(s.profileId))
    .map((s) => ({ s, p: byId.get(s.profileId)! }))
    .sort((a, b) => a.p.pseudonym.localeCompare(b.p.pseudonym) || a.s.startedAt.localeCompare(b.s.startedAt))
    .map(({ s, p }) => {
      const a = s.analysis;
      return [
        csvText(s.id),
        csvText(p.pseudonym),
        csvText(s.startedAt),
        csvText(S.timeOfDay[s.timeOfDay]),
        csvText(S.kind[s.kind]),
        csvText(protocolName(s.protocol, lang)),
        ...METRIC_IDS.map((id) => formatMetric(id, metricValue(id, a))),
        csvText(S.scale[a.scale.method]),
        a.scale.metresPerPixel === null ? '' : String(a.scale.metresPerPixel),
        String(a.quality.framesUsed),
        String(a.quality.framesTotal),
        csvText(renderWarnings(warningsOf(a.quality), lang).join('; ')),
        csvText(s.notes),
      ];
    });
  return csvRows([csvColumns(lang), ...rows]);
}
