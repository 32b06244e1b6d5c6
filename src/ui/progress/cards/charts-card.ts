// The progress charts card: one chart per followed metric over the profile's sessions (norm band, baseline,
// meaningful-change band, events), each with its PNG export and its values as a table.
import type { Chart } from 'chart.js';
import { buildProgressChart, metricValue, PROGRESS_METRICS, type MetricId } from '../../../report';
import type { Profile } from '../../../storage';
import { clear, downloadBlob, h } from '../../dom';
import { getLang, t } from '../../i18n';
import { chartPng, renderProgressChart, smcValue } from '../charts';
import type { ProgressController } from '../controller';
import {
  fileSafe,
  metricLabel,
  metricUnit,
  showDateTime,
  showMetric,
  showProtocol,
  signedMetric,
} from '../util';
import { dataTable } from './data-table';
import { renderClinicalCharts } from './clinical-tests-charts';
import { renderSelfReportCharts } from './self-report-charts';

export interface ChartsCardDeps {
  ctl: ProgressController;
  openSession: (id: string) => void;
  /** Redraw this card only (a new baseline). */
  redraw: () => void;
}

/** The charted values of one metric: a row per session that measured it, with the change from baseline. */
export function metricTableRows(
  metric: MetricId,
  ctl: Pick<ProgressController, 'sessions'>,
  baselineId: string | null,
): string[][] {
  const measured = ctl.sessions
    .map((s) => ({ s, v: metricValue(metric, s.analysis) }))
    .filter((p): p is { s: (typeof p)['s']; v: number } => p.v !== null)
    .sort((a, b) => a.s.startedAt.localeCompare(b.s.startedAt));
  const base = measured.find((p) => p.s.id === baselineId) ?? measured[0];
  return measured.map(({ s, v }) => [
    showDateTime(s.startedAt),
    t(`progress.tod.${s.timeOfDay}`),
    showProtocol(s.protocol),
    showMetric(metric, v),
    s.id === base?.s.id ? t('progress.table.isBaseline') : signedMetric(metric, v - (base?.v ?? v)),
  ]);
}

/** The metric charts by metric (the PDF takes these) and every chart drawn, for disposal. */
export interface DrawnCharts {
  byMetric: Map<MetricId, Chart>;
  all: Chart[];
}

export function renderChartsCard(card: HTMLElement, deps: ChartsCardDeps): DrawnCharts {
  const { ctl } = deps;
  const charts = new Map<MetricId, Chart>();
  const drawn: DrawnCharts = { byMetric: charts, all: [] };
  clear(card);
  card.append(h('h2', {}, t('progress.charts.title')));
  const profile = ctl.current;
  if (!profile || ctl.sessions.length === 0) {
    card.append(h('p', { class: 'hint' }, t('progress.charts.none')));
    return drawn;
  }
  const baseline = h('select', {
    'data-testid': 'pg-baseline',
    onchange: (ev) => {
      ctl.baselineId = (ev.target as HTMLSelectElement).value;
      deps.redraw();
    },
  });
  baseline.append(h('option', { value: '' }, t('progress.charts.baselineFirst')));
  for (const s of ctl.sessions)
    baseline.append(
      h(
        'option',
        { value: s.id, selected: s.id === ctl.baselineId },
        `${showDateTime(s.startedAt)} · ${t(`progress.kind.${s.kind}`)}`,
      ),
    );
  card.append(
    h(
      'div',
      { class: 'toolbar' },
      h('label', {}, t('progress.charts.baseline'), ' ', baseline),
      h('span', { class: 'hint' }, t('progress.charts.hint')),
    ),
  );
  const grid = h('div', { class: 'pg-chart-grid' });
  const empty: string[] = [];
  for (const metric of PROGRESS_METRICS) {
    const figure = metricFigure(metric, profile, deps, charts);
    if (figure) grid.append(figure);
    else empty.push(metricLabel(metric));
  }
  // The patient's own report beside the metrics.
  const self = renderSelfReportCharts(grid, ctl, deps.openSession);
  const clinical = renderClinicalCharts(grid, ctl, deps.openSession);
  card.append(grid);
  if (empty.length > 0)
    card.append(h('p', { class: 'hint' }, t('progress.charts.notMeasured', { list: empty.join(', ') })));
  drawn.all = [...charts.values(), ...self, ...clinical];
  return drawn;
}

function metricFigure(
  metric: MetricId,
  profile: Profile,
  deps: ChartsCardDeps,
  charts: Map<MetricId, Chart>,
): HTMLElement | null {
  const { ctl } = deps;
  const pc = buildProgressChart(
    metric,
    {
      profile,
      sessions: ctl.sessions,
      events: ctl.events,
      baselineSessionId: ctl.baselineId || undefined,
    },
    getLang(),
  );
  if (pc.empty) return null;
  const title = `${metricLabel(metric)} (${metricUnit(metric)})`;
  const canvas = h('canvas', {
    role: 'img',
    'aria-label': title,
    'data-testid': `pg-chart-${metric}`,
    'data-metric': metric,
  });
  const png = h(
    'button',
    {
      type: 'button',
      class: 'pg-small',
      'data-testid': `pg-png-${metric}`,
      onclick: async () => {
        const chart = charts.get(metric);
        if (chart)
          downloadBlob(await chartPng(chart), `ganglag-${fileSafe(profile.pseudonym)}-${metric}.png`);
      },
    },
    t('progress.export.png'),
  );
  const smc = pc.meaningfulChange
    ? t('progress.charts.smc', {
        label: pc.meaningfulChange.labels.join(' / '),
        value: pc.meaningfulChange.labels.map(smcValue).join(' / '),
      })
    : t('progress.charts.noSmc');
  const ref = pc.reference ? t('progress.charts.norm', { source: pc.reference.source }) : null;
  const hover = h(
    'p',
    { class: 'pg-hover', 'aria-live': 'polite', 'data-testid': `pg-hover-${metric}` },
    t('progress.charts.hoverHint'),
  );
  const table = dataTable({
    testId: `pg-table-${metric}`,
    caption: title,
    columns: [
      { label: t('progress.field.dateTime') },
      { label: t('progress.field.timeOfDay') },
      { label: t('progress.sessions.protocol') },
      { label: `${metricLabel(metric)} (${metricUnit(metric)})`, numeric: true },
      { label: t('progress.table.changeFromBaseline'), numeric: true },
    ],
    rows: metricTableRows(metric, ctl, pc.baseline?.sessionId ?? null),
  });
  const figure = h(
    'figure',
    { class: 'pg-chart-card' },
    h('div', { class: 'pg-chart-box' }, canvas),
    hover,
    h('figcaption', {}, h('span', {}, [smc, ref].filter(Boolean).join(' · ')), png),
    table,
  );
  charts.set(
    metric,
    renderProgressChart(
      canvas,
      pc,
      title,
      deps.openSession,
      (detail) => (hover.textContent = detail ?? t('progress.charts.hoverHint')),
    ),
  );
  return figure;
}
