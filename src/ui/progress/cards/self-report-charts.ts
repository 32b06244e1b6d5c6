// The patient's own report over time, beside the measured metrics: pain now and during the test (NRS 0–10) and
// morning stiffness (minutes), one point per session that answered, with the values as a table. The two pain
// series differ by point shape and line style as well as colour.
import type { Chart } from 'chart.js';
import type { SessionRecord } from '../../../storage';
import { h } from '../../dom';
import { t } from '../../i18n';
import type { ProgressController } from '../controller';
import { showDateTime, showNumber, showProtocol } from '../util';
import { dataTable } from './data-table';
import { lineChart, series, type Point } from './line-chart';

export type SelfReportSeries = 'painNow' | 'painDuring' | 'morningStiffness';

/** The answered values of one self-report item, oldest first. */
export function selfReportPoints(sessions: readonly SessionRecord[], item: SelfReportSeries): Point[] {
  const key = (
    { painNow: 'painNowNrs', painDuring: 'painDuringNrs', morningStiffness: 'morningStiffnessMin' } as const
  )[item];
  return sessions
    .map((s) => ({ s, v: s.selfReport?.[key] }))
    .filter((p): p is { s: SessionRecord; v: number } => typeof p.v === 'number' && Number.isFinite(p.v))
    .map(({ s, v }) => ({ x: Date.parse(s.startedAt), y: v, sessionId: s.id }))
    .sort((a, b) => a.x - b.x);
}

/** Rows of the pain table: date, time of day, protocol, pain now, pain during ('–' where not answered). */
export function painRows(sessions: readonly SessionRecord[]): string[][] {
  return [...sessions]
    .filter((s) => s.selfReport?.painNowNrs !== undefined || s.selfReport?.painDuringNrs !== undefined)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
    .map((s) => [
      showDateTime(s.startedAt),
      t(`progress.tod.${s.timeOfDay}`),
      showProtocol(s.protocol),
      showNumber(s.selfReport?.painNowNrs),
      showNumber(s.selfReport?.painDuringNrs),
    ]);
}

/** Rows of the stiffness table: date, time of day, protocol, minutes, time since getting up (hours). */
export function stiffnessRows(sessions: readonly SessionRecord[]): string[][] {
  return [...sessions]
    .filter((s) => s.selfReport?.morningStiffnessMin !== undefined)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
    .map((s) => [
      showDateTime(s.startedAt),
      t(`progress.tod.${s.timeOfDay}`),
      showProtocol(s.protocol),
      showNumber(s.selfReport?.morningStiffnessMin),
      s.selfReport?.sinceGettingUpMin === undefined
        ? '–'
        : showNumber(s.selfReport.sinceGettingUpMin / 60, 1),
    ]);
}

/** Appends the self-report charts to grid (none when no session has an answer); returns them for disposal. */
export function renderSelfReportCharts(
  grid: HTMLElement,
  ctl: ProgressController,
  onOpen: (id: string) => void,
): Chart[] {
  const sessions = ctl.sessions;
  const charts: Chart[] = [];
  const painNow = selfReportPoints(sessions, 'painNow');
  const painDuring = selfReportPoints(sessions, 'painDuring');
  const common = [
    { label: t('progress.field.dateTime') },
    { label: t('progress.field.timeOfDay') },
    { label: t('progress.sessions.protocol') },
  ];
  if (painNow.length + painDuring.length > 0) {
    const canvas = h('canvas', {
      role: 'img',
      'aria-label': t('progress.self.painTitle'),
      'data-testid': 'pg-chart-pain',
    });
    grid.append(
      h(
        'figure',
        { class: 'pg-chart-card' },
        h('div', { class: 'pg-chart-box' }, canvas),
        h('figcaption', {}, h('span', {}, t('progress.self.painCaption'))),
        dataTable({
          testId: 'pg-table-pain',
          caption: t('progress.self.painTitle'),
          columns: [
            ...common,
            { label: t('progress.self.painNow'), numeric: true },
            { label: t('progress.self.painDuring'), numeric: true },
          ],
          rows: painRows(sessions),
        }),
      ),
    );
    charts.push(
      lineChart(
        canvas,
        t('progress.self.painTitle'),
        t('progress.self.nrs'),
        [
          series(t('progress.self.painNow'), painNow, '#b91c1c', 'circle', false),
          series(t('progress.self.painDuring'), painDuring, '#7c3aed', 'triangle', true),
        ],
        { min: 0, max: 10, stepSize: 1 },
        onOpen,
      ),
    );
  }
  const stiffness = selfReportPoints(sessions, 'morningStiffness');
  if (stiffness.length > 0) {
    const canvas = h('canvas', {
      role: 'img',
      'aria-label': t('progress.self.stiffnessTitle'),
      'data-testid': 'pg-chart-stiffness',
    });
    grid.append(
      h(
        'figure',
        { class: 'pg-chart-card' },
        h('div', { class: 'pg-chart-box' }, canvas),
        h('figcaption', {}, h('span', {}, t('progress.self.stiffnessCaption'))),
        dataTable({
          testId: 'pg-table-stiffness',
          caption: t('progress.self.stiffnessTitle'),
          columns: [
            ...common,
            { label: t('progress.self.stiffnessMin'), numeric: true },
            { label: t('progress.self.sinceUpH'), numeric: true },
          ],
          rows: stiffnessRows(sessions),
        }),
      ),
    );
    charts.push(
      lineChart(
        canvas,
        t('progress.self.stiffnessTitle'),
        t('progress.self.stiffnessMin'),
        [series(t('progress.self.stiffnessMin'), stiffness, '#0f766e', 'circle', false)],
        { min: 0 },
        onOpen,
      ),
    );
  }
  return charts;
}

/** The session's self-report as a list of answers, or a line saying there is none. */
export function selfReportBlock(session: SessionRecord): HTMLElement {
  const r = session.selfReport;
  const out = h('div', { class: 'pg-self-report', 'data-testid': 'pg-session-self-report' });
  out.append(h('h4', {}, t('progress.self.title')));
  if (!r) {
    out.append(h('p', { class: 'hint' }, t('progress.self.none')));
    return out;
  }
  const rows: [string, string][] = [];
  if (r.painNowNrs !== undefined) rows.push([t('progress.self.painNow'), `${showNumber(r.painNowNrs)} / 10`]);
  if (r.painDuringNrs !== undefined)
    rows.push([t('progress.self.painDuring'), `${showNumber(r.painDuringNrs)} / 10`]);
  if (r.morningStiffnessMin !== undefined)
    rows.push([t('progress.self.stiffnessMin'), showNumber(r.morningStiffnessMin)]);
  if (r.sinceGettingUpMin !== undefined)
    rows.push([t('progress.self.sinceUpH'), showNumber(r.sinceGettingUpMin / 60, 1)]);
  if (r.walkingAid !== undefined) rows.push([t('progress.self.aid'), t(`selfReport.aid.${r.walkingAid}`)]);
  if (r.note) rows.push([t('progress.self.note'), r.note]);
  const dl = h('dl', {});
  for (const [k, v] of rows) dl.append(h('dt', {}, k), h('dd', {}, v));
  out.append(dl);
  return out;
}
