// CSV of every metric of every session (RFC 4180: CRLF, quoted fields), safe to open in spreadsheets.
import { renderWarnings, warningsOf, type Lang } from '../shared/messages';
import type { Profile, SessionRecord } from '../storage/types';
import { csvHeader, protocolName, reportStrings, type ReportStrings } from './i18n';
import { SELF_REPORT_DEFS, SELF_REPORT_ITEMS } from './answers';
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

/** Added with issues 9 and 10, after the older columns so that readers by position keep working. */
export const CSV_SELF_REPORT_COLUMNS = SELF_REPORT_ITEMS.map((id) => SELF_REPORT_DEFS[id].csvColumn);
export const CSV_TEST_COLUMNS = [
  'clinical_test',
  'walk_test_zone_m',
  'walk_test_trial_times_s',
  'walk_test_best_time_s',
  'walk_test_speed_m_per_s',
  'functional_time_s',
  'functional_count',
] as const;

export const CSV_COLUMNS: readonly string[] = [
  ...CSV_LEADING_COLUMNS,
  ...METRIC_IDS.map((id) => METRICS[id].csvColumn),
  ...CSV_TRAILING_COLUMNS,
  ...CSV_SELF_REPORT_COLUMNS,
  ...CSV_TEST_COLUMNS,
];

/** A number with fixed decimals and "." in both languages, '' when missing (as the metric columns). */
const num = (v: number | null | undefined, decimals: number): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '' : v.toFixed(decimals);

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
        ...selfReportCells(s, S),
        ...testCells(s, S),
      ];
    });
  return csvRows([csvColumns(lang), ...rows]);
}

function selfReportCells(s: SessionRecord, S: ReportStrings): string[] {
  const r = s.selfReport ?? {};
  return [
    num(r.painNowNrs, 0),
    num(r.painDuringNrs, 0),
    num(r.morningStiffnessMin, 0),
    num(r.sinceGettingUpMin, 0),
    r.walkingAid ? csvText(S.walkingAid[r.walkingAid]) : '',
    csvText(r.note ?? ''),
  ];
}

function testCells(s: SessionRecord, S: ReportStrings): string[] {
  const w = s.analysis.walkTest;
  const f = s.analysis.functional;
  const test = w?.test ?? f?.test;
  return [
    test ? csvText(S.test[test]) : '',
    num(w?.zoneM, 2),
    // Semicolons inside one cell, so the column count stays fixed.
    w ? csvText(w.trials.map((t) => t.timeS.toFixed(3)).join(';')) : '',
    num(w?.bestTimeS, 3),
    num(w?.speedMps, 3),
    num(f?.timeS, 3),
    num(f?.count, 0),
  ];
}
