// Plots of the conditioned foot trajectories with the detected events (Chart.js), so a clinician can see
// where each heel strike and toe off was placed and why a step length or time is what it is.
import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
} from 'chart.js';
import type { GaitPlotData } from '../../analysis/index';
import type { Foot } from '../../shared/analysis-format';
import { h } from '../dom';
import { t } from '../i18n';
import { fmt } from './format';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Title, Tooltip);

const FOOT_COLOR: Record<Foot, string> = { left: '#38bdf8', right: '#f59e0b' };
const TEXT = '#cbd5e1';
const GRID = 'rgba(148, 163, 184, 0.18)';

type Pt = { x: number; y: number };

/** Index of the sample nearest to time `tS` (tS ascending). */
function nearest(times: readonly number[], tS: number): number {
  let lo = 0;
  let hi = times.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < tS) lo = mid;
    else hi = mid;
  }
  return Math.abs(times[lo] - tS) <= Math.abs(times[hi] - tS) ? lo : hi;
}

function series(times: readonly number[], y: (i: number) => number): Pt[] {
  return times.map((x, i) => ({ x, y: y(i) }));
}

function events(times: readonly number[], at: readonly number[], y: (i: number) => number): Pt[] {
  return at.map((tS) => ({ x: tS, y: y(nearest(times, tS)) }));
}

function datasets(plot: GaitPlotData, y: (foot: Foot, i: number) => number): ChartDataset<'line', Pt[]>[] {
  const out: ChartDataset<'line', Pt[]>[] = [];
  for (const foot of ['left', 'right'] as const) {
    const color = FOOT_COLOR[foot];
    const f = plot.feet[foot];
    const yi = (i: number): number => y(foot, i);
    out.push(
      {
        label: t(`gait.plot.${foot}`),
        data: series(plot.tS, yi),
        borderColor: color,
        backgroundColor: color,
        borderWidth: 2,
        pointRadius: 0,
        pointHitRadius: 4,
        tension: 0,
      },
      {
        label: t(foot === 'left' ? 'gait.plot.leftHs' : 'gait.plot.rightHs'),
        data: events(plot.tS, f.heelStrikesS, yi),
        showLine: false,
        pointStyle: 'triangle',
        pointRadius: 7,
        pointHoverRadius: 9,
        borderColor: '#0f172a',
        backgroundColor: color,
      },
      {
        label: t(foot === 'left' ? 'gait.plot.leftTo' : 'gait.plot.rightTo'),
        data: events(plot.tS, f.toeOffsS, yi),
        showLine: false,
        pointStyle: 'circle',
        pointRadius: 5,
        pointHoverRadius: 7,
        borderWidth: 2,
        borderColor: color,
        backgroundColor: 'rgba(15, 23, 42, 0.9)',
      },
    );
  }
  return out;
}

function config(
  title: string,
  unit: string,
  data: ChartDataset<'line', Pt[]>[],
  digits: number,
): ChartConfiguration<'line', Pt[]> {
  return {
    type: 'line',
    data: { datasets: data },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: {
          type: 'linear',
          title: { display: true, text: t('gait.plot.time'), color: TEXT },
          ticks: { color: TEXT },
          grid: { color: GRID },
        },
        y: {
          type: 'linear',
          title: { display: true, text: unit, color: TEXT },
          ticks: { color: TEXT },
          grid: { color: GRID },
        },
      },
      plugins: {
        title: {
          display: true,
          text: title,
          color: TEXT,
          align: 'start',
          font: { size: 13, weight: 'bold' },
        },
        legend: { labels: { color: TEXT, usePointStyle: true, boxHeight: 8 } },
        tooltip: {
          callbacks: {
            label: (c) => `${c.dataset.label ?? ''}: ${fmt(c.parsed.x, 2)} s, ${fmt(c.parsed.y, digits)}`,
          },
        },
      },
    },
  };
}

/** The heels' low level (2nd percentile of both), taken as the floor: the walking frame's 'up' has no zero there. */
function lowLevel(series: readonly (readonly number[])[]): number {
  const all = series.flatMap((v) => v.filter(Number.isFinite)).sort((a, b) => a - b);
  return all.length ? all[Math.floor(0.02 * (all.length - 1))] : 0;
}

/**
 * The plotted values as a table, the charts' text alternative (issue 13): one row per sample with both heels'
 * positions, and the events detected at that sample.
 */
function dataTable(plot: GaitPlotData, floor: number, digits: number, unit: string): HTMLElement {
  const events = new Map<number, string[]>();
  const mark = (times: readonly number[], label: string): void => {
    for (const tS of times) {
      const i = nearest(plot.tS, tS);
      const list = events.get(i);
      if (list) list.push(label);
      else events.set(i, [label]);
    }
  };
  for (const foot of ['left', 'right'] as const) {
    mark(plot.feet[foot].heelStrikesS, t(foot === 'left' ? 'gait.plot.leftHs' : 'gait.plot.rightHs'));
    mark(plot.feet[foot].toeOffsS, t(foot === 'left' ? 'gait.plot.leftTo' : 'gait.plot.rightTo'));
  }
  const body = h('tbody', {});
  const { left, right } = plot.feet;
  plot.tS.forEach((tS, i) => {
    const ev = events.get(i);
    body.append(
      h(
        'tr',
        ev ? { 'data-event': 'true' } : {},
        h('td', { class: 'num' }, fmt(tS, 2)),
        h('td', { class: 'num' }, fmt(left.heelAlong[i] - plot.pelvisAlong[i], digits)),
        h('td', { class: 'num' }, fmt(right.heelAlong[i] - plot.pelvisAlong[i], digits)),
        h('td', { class: 'num' }, fmt(left.heelUp[i] - floor, digits)),
        h('td', { class: 'num' }, fmt(right.heelUp[i] - floor, digits)),
        h('td', {}, ev ? ev.join(', ') : ''),
      ),
    );
  });
  const col = (text: string): HTMLElement => h('th', { scope: 'col' }, text);
  return h(
    'details',
    { class: 'gait-plot-data', 'data-testid': 'gait-plot-table' },
    h('summary', {}, t('gait.plot.table')),
    h(
      'table',
      { class: 'gait-table compact' },
      h('caption', {}, t('gait.plot.tableCaption', { unit })),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          col(t('gait.plot.time')),
          col(t('gait.plot.col.leftAlong')),
          col(t('gait.plot.col.rightAlong')),
          col(t('gait.plot.col.leftUp')),
          col(t('gait.plot.col.rightUp')),
          col(t('gait.plot.col.events')),
        ),
      ),
      body,
    ),
  );
}

/** Two stacked plots. Call mount() once they are in the document (Chart.js sizes from the layout), destroy() when dropped. */
export function footPlots(plot: GaitPlotData): { el: HTMLElement; mount: () => void; destroy: () => void } {
  const unit = plot.unit === 'm' ? t('gait.u.m') : t('gait.u.px');
  const digits = plot.unit === 'm' ? 2 : 0;
  const charts: Chart<'line', Pt[]>[] = [];
  const pending: (() => void)[] = [];
  const make = (testid: string, title: string, data: ChartDataset<'line', Pt[]>[]): HTMLElement => {
    const canvas = h('canvas', { 'data-testid': testid, role: 'img', 'aria-label': title });
    pending.push(() => charts.push(new Chart(canvas, config(title, unit, data, digits))));
    return h('div', { class: 'gait-plot' }, canvas);
  };
  const along = make(
    'gait-plot-along',
    t('gait.plot.along', { unit }),
    datasets(plot, (foot, i) => plot.feet[foot].heelAlong[i] - plot.pelvisAlong[i]),
  );
  const floor = lowLevel([plot.feet.left.heelUp, plot.feet.right.heelUp]);
  const up = make(
    'gait-plot-up',
    t('gait.plot.up', { unit }),
    datasets(plot, (foot, i) => plot.feet[foot].heelUp[i] - floor),
  );
  const el = h(
    'div',
    { class: 'gait-plots', 'data-testid': 'gait-plots' },
    along,
    up,
    dataTable(plot, floor, digits, unit),
  );
  return {
    el,
    mount: () => {
      if (el.isConnected) for (const fn of pending.splice(0)) fn();
    },
    destroy: () => {
      pending.length = 0;
      for (const c of charts.splice(0)) c.destroy();
    },
  };
}
