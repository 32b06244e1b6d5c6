// Progress charts as pure data: sessions in, a Chart.js line config out (time axis, norm band, baseline,
// smallest-meaningful-change band, one series per time of day, clinician event markers). The UI only renders it.
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { format } from 'date-fns';
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

export function buildProgressChart(metric: MetricId, input: ProgressInput): ProgressChart {
  const def = METRICS[metric];
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
    const src = refPoints[refPoints.length - 1].b.source;
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
        `Norm (${src})`,
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
      .map((t, i) => ({ t, label: smc.labels[i], color: SMC[i % SMC.length] }))
      .reverse()
      .forEach(({ t, label, color }) => {
        const line = (y: number): ChartPoint[] => [
          { x: xMin, y },
          { x: xMax, y },
        ];
        out.push(band('smc-low', '', line(baseline.value - t), color, false));
        out.push(band('smc-high', `Baseline ± ${label}`, line(baseline.value + t), color, true));
      });
  }
  if (baseline) {
    const at = formatMetric(metric, baseline.value);
    out.push(
      band(
        'baseline',
        `Baseline ${at} ${def.unit}`,
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
        label: tod[0].toUpperCase() + tod.slice(1),
        data: pts.map((p) => ({
          x: p.x,
          y: p.y,
          sessionId: p.s.id,
          detail: `${format(new Date(p.x), 'yyyy-MM-dd HH:mm')} · ${tod} · ${p.s.protocol}: ${formatMetric(metric, p.y)} ${def.unit}`,
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
        label: 'Clinician events',
        data: events.map((e) => ({
          x: eventX(e.date),
          y: top,
          eventId: e.id,
          detail: `${e.date}: ${e.label}`,
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
      interaction: { mode: 'nearest', intersect: true },
      scales: {
        x: { type: 'time', time: { tooltipFormat: 'yyyy-MM-dd HH:mm', minUnit: 'day' } },
        // A count (the guarded-gait flags) is charted as whole flags from 0, never as a continuous score.
        y:
          def.decimals === 0
            ? {
                title: { display: true, text: `${def.label} (${def.unit})` },
                min: 0,
                ticks: { stepSize: 1, precision: 0 },
              }
            : { title: { display: true, text: `${def.label} (${def.unit})` } },
      },
      plugins: {
        title: { display: true, text: def.label },
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
  'guarded-outside',
  'forward-flexion-rom',
  'fingertip-to-floor',
  'lateral-flexion-left',
  'lateral-flexion-right',
  'forward-head',
  'standing-trunk-lean',
  'shoulder-obliquity',
  'pelvic-obliquity',
];
