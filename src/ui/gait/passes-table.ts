// The per-pass results table (each pass across the view, and all passes pooled), for the tab and the guided panel.
import type { PassAnalysis } from '../../analysis/index';
import { h } from '../dom';
import { t } from '../i18n';
import { fmt } from './format';
import { passSummary, pooledPasses, type PassSummary } from './results';

function summaryCells(s: PassSummary): HTMLElement[] {
  return [
    h('td', { class: 'num' }, String(s.steps)),
    h('td', { class: 'num' }, fmt(s.cadence, 1)),
    h('td', { class: 'num' }, fmt(s.stepLengthM, 2)),
    h('td', { class: 'num' }, fmt(s.speedMps, 2)),
  ];
}

/** Per-pass table with a pooled row; shared with the guided panel. */
export function passesTable(passes: PassAnalysis[]): HTMLElement {
  const body = h('tbody', {});
  passes.forEach((p, i) =>
    body.append(
      h(
        'tr',
        { 'data-pass': i + 1 },
        h('td', { class: 'num' }, String(i + 1)),
        h('td', {}, t(p.direction > 0 ? 'gait.dir.right' : 'gait.dir.left')),
        h('td', { class: 'num' }, `${fmt(p.startS, 1)}–${fmt(p.endS, 1)}`),
        ...summaryCells(passSummary(p)),
      ),
    ),
  );
  if (passes.length > 1) {
    body.append(
      h(
        'tr',
        { class: 'overall', 'data-pass': 'all' },
        h('th', { scope: 'row', colspan: 3 }, t('gait.passes.overall')),
        ...summaryCells(pooledPasses(passes)),
      ),
    );
  }
  return h(
    'table',
    { class: 'gait-table compact' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { class: 'num' }, t('gait.passes.col.pass')),
        h('th', {}, t('gait.passes.col.direction')),
        h('th', { class: 'num' }, t('gait.passes.col.time')),
        h('th', { class: 'num' }, t('gait.passes.col.steps')),
        h('th', { class: 'num' }, `${t('gait.m.cadence')} (${t('gait.u.stepsPerMin')})`),
        h('th', { class: 'num' }, `${t('gait.m.stepLength')} (${t('gait.u.m')})`),
        h('th', { class: 'num' }, `${t('gait.m.speed')} (${t('gait.u.mps')})`),
      ),
    ),
    body,
  );
}
