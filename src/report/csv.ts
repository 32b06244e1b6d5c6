// CSV of every metric of every session (RFC 4180: CRLF, quoted fields), safe to open in spreadsheets.
import type { Profile, SessionRecord } from '../storage/types';
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

/** All sessions of the given profiles, ordered by pseudonym then start time. Numbers use "." and fixed decimals. */
export function buildMetricsCsv(profiles: readonly Profile[], sessions: readonly SessionRecord[]): string {
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
        s.timeOfDay,
        s.kind,
        csvText(s.protocol),
        ...METRIC_IDS.map((id) => formatMetric(id, metricValue(id, a))),
        a.scale.method,
        a.scale.metresPerPixel === null ? '' : String(a.scale.metresPerPixel),
        String(a.quality.framesUsed),
        String(a.quality.framesTotal),
        csvText(a.quality.warnings.join('; ')),
        csvText(s.notes),
      ];
    });
  return csvRows([CSV_COLUMNS, ...rows]);
}
