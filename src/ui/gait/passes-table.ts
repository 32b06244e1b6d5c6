// The per-pass results table (each pass across the view, and all passes pooled), for the tab and the guided panel.
import type { PassAnalysis } from '../../analysis/index';
import { renderWarnings, warningsOf } from '../../shared/messages';
import { h } from '../dom';
import { getLang, t, type I18nKey } from '../i18n';
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

/** The pass's warnings as a count, each one in the tooltip (the full list is in the Gait tab). */
function warningsCell(p: PassAnalysis): HTMLElement {
  const w = renderWarnings(warningsOf(p.analysis.result.quality), getLang());
  return h(
    'td',
    { class: w.length ? 'num warn' : 'num', title: w.join('\n') || undefined },
    w.length ? `⚠ ${w.length}` : '–',
  );
}

/**
 * Per-pass table with a row pooling all passes; `compact` (the narrow guided panel) leaves out the time
 * column and the warnings.
 */
export function passesTable(passes: PassAnalysis[], compact = false): HTMLElement {
  const body = h('tbody', {});
  passes.forEach((p, i) =>
    body.append(
      h(
        'tr',
        { 'data-pass': i + 1 },
        h('td', { class: 'num' }, String(i + 1)),
        h(
          'td',
          {},
          compact ? (p.direction > 0 ? '→' : '←') : t(p.direction > 0 ? 'gait.dir.right' : 'gait.dir.left'),
        ),
        compact ? null : h('td', { class: 'num' }, `${fmt(p.startS, 1)}–${fmt(p.endS, 1)}`),
        ...summaryCells(passSummary(p)),
        compact ? null : warningsCell(p),
      ),
    ),
  );
  if (passes.length > 1) {
    body.append(
      h(
        'tr',
        { class: 'overall', 'data-pass': 'all' },
        h(
          'th',
          { scope: 'row', colspan: compact ? 2 : 3, title: t('gait.passes.overall') },
          t(compact ? 'gait.passes.overallShort' : 'gait.passes.overall'),
        ),
        ...summaryCells(pooledPasses(passes)),
        compact ? null : h('td', {}),
      ),
    );
  }
  const head = (key: I18nKey, unit: I18nKey): HTMLElement =>
    h('th', { class: 'num' }, t(key), h('span', { class: 'unit' }, t(unit)));
  return h(
    'table',
    { class: 'gait-table compact' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { class: 'num' }, compact ? '#' : t('gait.passes.col.pass')),
        h('th', {}, compact ? '' : t('gait.passes.col.direction')),
        compact ? null : h('th', { class: 'num' }, t('gait.passes.col.time')),
        h('th', { class: 'num' }, t('gait.passes.col.steps')),
        head('gait.m.cadence', 'gait.u.stepsPerMin'),
        head('gait.m.stepLength', 'gait.u.m'),
        head('gait.m.speed', 'gait.u.mps'),
        compact ? null : h('th', { class: 'num' }, t('gait.passes.col.warnings')),
      ),
    ),
    body,
  );
}
