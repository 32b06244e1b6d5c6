// Progress charts as pure data: sessions in, a Chart.js line config out (time axis, norm band, baseline,
// smallest-meaningful-change band, one series per time of day, clinician event markers), every word, number and
// date in the reader's language (not the browser's). The UI only renders it.
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { format, type Locale } from 'date-fns';
import { nb as nbLocale } from 'date-fns/locale/nb';
import { formatNumber, LOCALES, type Lang } from '../shared/messages';
import { formatDay, protocolName, reportStrings } from './i18n';
import type { ClinicianEvent, Profile, SessionRecord, TimeOfDay } from '../storage/types';
import { TIMES_OF_DAY } from '../storage/types';
import { formatMetric, METRICS, metricValue, type MetricId } from './metrics';
import { ageAt, meaningfulChange, referenceBand, type MeaningfulChange, type ReferenceBand } from './norms';

/** A drawn point. x is epoch ms. Series points carry their session so hover and click can open it. */
export interface ChartPoint {
  x: number;
  y: number;
  sessionId?: string;
  eventId?: string;
  /** Tooltip text prepared here so the UI needs no formatting logic. */
  detail?: string;
}

export type DatasetRole =
  | 'reference-low'
  | 'reference-high'
  | 'smc-low'
  | 'smc-high'
  | 'baseline'
  | 'series-morning'
  | 'series-afternoon'
  | 'series-evening'
  | 'events';

export interface ProgressInput {
  profile: Profile;
  sessions: readonly SessionRecord[];
  events?: readonly ClinicianEvent[];
  /** Session to compare against; defaults to the first session that has the metric. */
  baselineSessionId?: string;
}

export interface ProgressChart {
  metric: MetricId;
  config: ChartConfiguration<'line', ChartPoint[]>;
  /** Role of each dataset, index for index, so the UI can tell series from bands. */
  roles: DatasetRole[];
  baseline: { sessionId: string; value: number } | null;
  /** Band at the latest session's date (age changes over a long follow-up). */
  reference: ReferenceBand | null;
  meaningfulChange: MeaningfulChange | null;
  /** True when no session measured this metric. */
  empty: boolean;
}

const COLORS: Record<TimeOfDay, string> = {
  morning: '#1f77b4',
  afternoon: '#2ca02c',
  evening: '#d62728',
};
const BAND = 'rgba(120, 120, 120, 0.15)';
const SMC = ['rgba(255, 165, 0, 0.12)', 'rgba(255, 165, 0, 0.22)'];

/** Event dates are calendar days; draw them at noon UTC so they sit mid-day on the axis. */
export const eventX = (date: string): number => Date.parse(`${date}T12:00:00Z`);

function band(role: DatasetRole, label: string, data: ChartPoint[], color: string, fillPrev: boolean) {
  return {
    role,
    ds: {
      label,
      data,
      borderColor: color,
      backgroundColor: color,
      borderWidth: role === 'baseline' ? 2 : 0,
      borderDash: role === 'baseline' ? [6, 4] : undefined,
      pointRadius: 0,
      pointHitRadius: 0,
      fill: fillPrev ? '-1' : false,
      stepped: role.startsWith('reference') ? ('before' as const) : false,
      order: 10,
    } satisfies ChartDataset<'line', ChartPoint[]>,
  };
}

/**
 * Dates on the time axis and in tooltips, per language: English keeps ISO-like days ("5 Jan", "2026-01-05
 * 08:00"), Bokmål writes "5. jan." and "05.01.2026 08:00" with Norwegian month names.
 */
const TIME_WORDS: Record<Lang, { locale?: Locale; tooltip: string; display: Record<string, string> }> = {
  en: {
    tooltip: 'yyyy-MM-dd HH:mm',
    display: {
      hour: 'd MMM HH:mm',
      day: 'd MMM',
      week: 'd MMM',
      month: 'MMM yyyy',
      quarter: 'MMM yyyy',
      year: 'yyyy',
    },
  },
  nb: {
    locale: nbLocale,
    tooltip: 'dd.MM.yyyy HH:mm',
    display: {
      hour: 'd. MMM HH:mm',
      day: 'd. MMM',
      week: 'd. MMM',
      month: 'MMM yyyy',
      quarter: 'MMM yyyy',
      year: 'yyyy',
    },
  },
};

/** The time axis every progress chart shares: dates and month names in the reader's language, not the browser's. */
function dateAxis(lang: Lang) {
  return {
    type: 'time' as const,
    adapters: { date: { locale: TIME_WORDS[lang].locale } },
    time: {
      tooltipFormat: TIME_WORDS[lang].tooltip,
      minUnit: 'day' as const,
      displayFormats: TIME_WORDS[lang].display,
    },
    title: { display: true, text: reportStrings(lang).chart.dateAxis },
  };
}

/**
 * The chart for one metric. `lang` words the axis, legend and tooltips and formats numbers and dates; English by
 * default (its labels are unchanged from before languages came).
 */
export function buildProgressChart(metric: MetricId, input: ProgressInput, lang: Lang = 'en'): ProgressChart {
  const def = METRICS[metric];
  const S = reportStrings(lang);
  const C = S.chart;
  // English keeps the metric table's own words; Bokmål the report's.
  const label = lang === 'en' ? def.label : S.metric[metric].label;
  const unit = lang === 'en' ? def.unit : S.metric[metric].unit;
  const value = (v: number) =>
    lang === 'en' ? formatMetric(metric, v) : formatNumber(v, lang, def.decimals);
  const withUnit = (v: number) => (unit === '°' ? `${value(v)}°` : `${value(v)} ${unit}`);
  const measured = input.sessions
    .map((s) => ({ s, x: Date.parse(s.startedAt), y: metricValue(metric, s.analysis) }))
    .filter((p): p is { s: SessionRecord; x: number; y: number } => p.y !== null && Number.isFinite(p.x))
    .sort((a, b) => a.x - b.x);
  const events = [...(input.events ?? [])].sort((a, b) => eventX(a.date) - eventX(b.date));

  const xs = [...measured.map((p) => p.x), ...events.map((e) => eventX(e.date))];
  const xMin = xs.length ? Math.min(...xs) : 0;
  const xMax = xs.length ? Math.max(...xs) : 0;

  const chosen = input.baselineSessionId
    ? measured.find((p) => p.s.id === input.baselineSessionId)
    : undefined;
  const base = chosen ?? measured[0];
  const baseline = base ? { sessionId: base.s.id, value: base.y } : null;

  const out: { role: DatasetRole; ds: ChartDataset<'line', ChartPoint[]> }[] = [];

  // Norm band, evaluated at each measured date so it follows the patient's age.
  const { birthYear, sex } = input.profile;
  const bandAt = (x: number) =>
    referenceBand(metric, sex, birthYear === null ? null : ageAt(birthYear, new Date(x)));
  const refPoints = [xMin, ...measured.map((p) => p.x), xMax]
    .map((x) => ({ x, b: bandAt(x) }))
    .filter((p): p is { x: number; b: ReferenceBand } => p.b !== null);
  if (measured.length > 0 && refPoints.length > 0) {
    const last = refPoints[refPoints.length - 1].b;
    const src = lang === 'en' ? last.source : C.normSource(sex, last.fromAge, last.toAge);
    out.push(
      band(
        'reference-low',
        '',
        refPoints.map(({ x, b }) => ({ x, y: b.low })),
        BAND,
        false,
      ),
    );
    out.push(
      band(
        'reference-high',
        `${C.norm} (${src})`,
        refPoints.map(({ x, b }) => ({ x, y: b.high })),
        BAND,
        true,
      ),
    );
  }

  // Smallest meaningful change around the baseline: widest band first so narrower ones draw on top.
  const smc = meaningfulChange(metric);
  if (baseline && smc) {
    [...smc.thresholds]
      .map((t, i) => ({
        t,
        label: lang === 'en' ? smc.labels[i] : `${C.smcKind[smc.kinds[i]]} (${withUnit(t)})`,
        color: SMC[i % SMC.length],
      }))
      .reverse()
      .forEach(({ t, label, color }) => {
        const line = (y: number): ChartPoint[] => [
          { x: xMin, y },
          { x: xMax, y },
        ];
        out.push(band('smc-low', '', line(baseline.value - t), color, false));
        out.push(band('smc-high', `${C.baseline} ± ${label}`, line(baseline.value + t), color, true));
      });
  }
  if (baseline) {
    out.push(
      band(
        'baseline',
        `${C.baseline} ${withUnit(baseline.value)}`,
        [
          { x: xMin, y: baseline.value },
          { x: xMax, y: baseline.value },
        ],
        '#555',
        false,
      ),
    );
  }

  for (const tod of TIMES_OF_DAY) {
    const pts = measured.filter((p) => p.s.timeOfDay === tod);
    if (pts.length === 0) continue;
    out.push({
      role: `series-${tod}`,
      ds: {
        label: C.series[tod],
        data: pts.map((p) => ({
          x: p.x,
          y: p.y,
          sessionId: p.s.id,
          detail: `${format(new Date(p.x), TIME_WORDS[lang].tooltip)} · ${S.timeOfDay[tod]} · ${protocolName(p.s.protocol, lang)}: ${withUnit(p.y)}`,
        })),
        borderColor: COLORS[tod],
        backgroundColor: COLORS[tod],
        pointRadius: 4,
        pointHoverRadius: 7,
        tension: 0,
        fill: false,
        order: 1,
      },
    });
  }

  if (events.length > 0) {
    const ys = out.flatMap((d) => d.ds.data.map((p) => p.y));
    const top = ys.length ? Math.max(...ys) * 1.05 : 1;
    out.push({
      role: 'events',
      ds: {
        label: C.events,
        data: events.map((e) => ({
          x: eventX(e.date),
          y: top,
          eventId: e.id,
          detail: `${formatDay(e.date, lang)}: ${e.label}`,
        })),
        showLine: false,
        pointStyle: 'triangle',
        pointRadius: 7,
        borderColor: '#6a3d9a',
        backgroundColor: '#6a3d9a',
        order: 0,
      },
    });
  }

  const roles = out.map((d) => d.role);
  const config: ChartConfiguration<'line', ChartPoint[]> = {
    type: 'line',
    data: { datasets: out.map((d) => d.ds) },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      // Chart.js formats tick numbers with this locale: a decimal comma in Bokmål, whatever the browser's.
      locale: LOCALES[lang],
      interaction: { mode: 'nearest', intersect: true },
      scales: {
        x: dateAxis(lang),
        // A count (the guarded-gait flags) is charted as whole flags from 0, never as a continuous score.
        y:
          def.decimals === 0
            ? {
                title: { display: true, text: `${label} (${unit})` },
                min: 0,
                ticks: { stepSize: 1, precision: 0 },
              }
            : { title: { display: true, text: `${label} (${unit})` } },
      },
      plugins: {
        title: { display: true, text: label },
        legend: { labels: { filter: (item) => item.text !== '' } },
        tooltip: {
          filter: (item) =>
            roles[item.datasetIndex]?.startsWith('series') || roles[item.datasetIndex] === 'events',
          callbacks: { label: (item) => (item.raw as ChartPoint).detail ?? '' },
        },
      },
    },
  };
  const latest = measured[measured.length - 1];
  return {
    metric,
    config,
    roles,
    baseline,
    reference: latest ? bandAt(latest.x) : null,
    meaningfulChange: smc,
    empty: measured.length === 0,
  };
}

export type SelfReportRole = 'pain-now' | 'pain-during' | 'morning-stiffness';

export interface SelfReportChart {
  config: ChartConfiguration<'line', ChartPoint[]>;
  roles: SelfReportRole[];
  /** True when no session has a self-report with pain or stiffness. */
  empty: boolean;
}

const SELF_REPORT_COLORS: Record<SelfReportRole, string> = {
  'pain-now': '#c2410c',
  'pain-during': '#7c3aed',
  'morning-stiffness': '#0f766e',
};

/**
 * The patient's own report over time, to sit beside the metric charts on the same dates: pain now and during the
 * test (NRS 0–10, left axis) and morning stiffness (minutes, right axis). Points carry their session. Words,
 * dates and numbers in `lang`.
 */
export function buildSelfReportChart(sessions: readonly SessionRecord[], lang: Lang = 'en'): SelfReportChart {
  const S = reportStrings(lang);
  const C = S.chart;
  const sorted = [...sessions]
    .filter((s) => s.selfReport !== undefined && Number.isFinite(Date.parse(s.startedAt)))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const series: { role: SelfReportRole; pick: (s: SessionRecord) => number | undefined; unit: string }[] = [
    { role: 'pain-now', pick: (s) => s.selfReport?.painNowNrs, unit: '/10' },
    { role: 'pain-during', pick: (s) => s.selfReport?.painDuringNrs, unit: '/10' },
    { role: 'morning-stiffness', pick: (s) => s.selfReport?.morningStiffnessMin, unit: ' min' },
  ];
  const roles: SelfReportRole[] = [];
  const datasets: ChartDataset<'line', ChartPoint[]>[] = [];
  for (const { role, pick, unit } of series) {
    const data = sorted
      .map((s) => ({ s, y: pick(s) }))
      .filter((p): p is { s: SessionRecord; y: number } => p.y !== undefined)
      .map(({ s, y }) => ({
        x: Date.parse(s.startedAt),
        y,
        sessionId: s.id,
        detail: `${format(new Date(s.startedAt), TIME_WORDS[lang].tooltip)} · ${S.timeOfDay[s.timeOfDay]} · ${C.selfReport[role]}: ${formatNumber(y, lang, 0)}${unit}`,
      }));
    if (data.length === 0) continue;
    roles.push(role);
    datasets.push({
      label: C.selfReport[role],
      data,
      yAxisID: role === 'morning-stiffness' ? 'y2' : 'y',
      borderColor: SELF_REPORT_COLORS[role],
      backgroundColor: SELF_REPORT_COLORS[role],
      borderDash: role === 'morning-stiffness' ? [4, 3] : undefined,
      pointRadius: 4,
      pointHoverRadius: 7,
      tension: 0,
      fill: false,
    });
  }
  const hasStiffness = roles.includes('morning-stiffness');
  const config: ChartConfiguration<'line', ChartPoint[]> = {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      locale: LOCALES[lang],
      interaction: { mode: 'nearest', intersect: true },
      scales: {
        x: dateAxis(lang),
        // The NRS has whole steps 0–10; the axis shows all of it so a 2 does not look like a peak.
        y: {
          min: 0,
          max: 10,
          ticks: { stepSize: 1, precision: 0 },
          title: { display: true, text: C.painAxis },
        },
        y2: {
          display: hasStiffness,
          position: 'right',
          min: 0,
          ticks: { precision: 0 },
          grid: { drawOnChartArea: false },
          title: { display: true, text: C.stiffnessAxis },
        },
      },
      plugins: {
        title: { display: true, text: C.selfReportTitle },
        tooltip: { callbacks: { label: (item) => (item.raw as ChartPoint).detail ?? '' } },
      },
    },
  };
  return { config, roles, empty: datasets.length === 0 };
}

/** The session behind a clicked or hovered point, or null for bands and event markers. */
export function sessionIdAt(chart: ProgressChart, datasetIndex: number, index: number): string | null {
  return chart.config.data.datasets[datasetIndex]?.data[index]?.sessionId ?? null;
}

/** Charts shown on the progress page, in order. */
export const PROGRESS_METRICS: readonly MetricId[] = [
  'gait-speed',
  'step-length',
  'cadence',
  'double-support',
  'step-length-symmetry',
  'step-time-symmetry',
  'guarded-outside',
  'forward-flexion-rom',
  'fingertip-to-floor',
  'lateral-flexion-left',
  'lateral-flexion-right',
  'lateral-drop-left',
  'lateral-drop-right',
  'extension-rom',
  'forward-head',
  'standing-trunk-lean',
  'shoulder-obliquity',
  'pelvic-obliquity',
];
