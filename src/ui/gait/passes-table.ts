// The passes table: each pass across the view as the engine measured it (direction, the side that faced the
// camera, whether it is in the overall result and why not), then the engine's overall result itself.
import type { AnalysisV1 } from '../../shared/analysis-format';
import { renderWarnings } from '../../shared/messages';
import { h } from '../dom';
import { getLang, t, type I18nKey } from '../i18n';
import { fmt } from './format';
import { overallRow, passRows, type PassRow } from './rows';

function numberCells(steps: number, cadence: number | null, lengthM: number | null, speed: number | null) {
  return [
    h('td', { class: 'num', 'data-col': 'steps' }, String(steps)),
    h('td', { class: 'num', 'data-col': 'cadence' }, fmt(cadence, 1)),
    h('td', { class: 'num', 'data-col': 'step-length' }, fmt(lengthM, 2)),
    h('td', { class: 'num', 'data-col': 'speed' }, fmt(speed, 2)),
  ];
}

/** The pass's own warnings as a count, each one in the tooltip and in a details list. */
function warningsCell(p: PassRow): HTMLElement {
  const w = renderWarnings(p.warnings, getLang());
  if (w.length === 0) return h('td', { class: 'num' }, '–');
  return h(
    'td',
    { class: 'num warn' },
    h(
      'details',
      {},
      h('summary', {}, `⚠ ${w.length}`),
      h('ul', { class: 'gait-pass-warnings' }, ...w.map((x) => h('li', {}, x))),
    ),
  );
}

/** Passes and the overall row; null when the result has no gait. */
export function passesTable(a: AnalysisV1): HTMLElement | null {
  const overall = overallRow(a);
  if (!overall) return null;
  const body = h('tbody', {});
  for (const p of passRows(a)) {
    const side = p.pass.cameraSide;
    body.append(
      h(
        'tr',
        {
          'data-pass': p.n,
          'data-in-overall': String(p.inOverall),
          'data-steps': p.pass.steps,
          class: p.inOverall ? undefined : 'left-out',
        },
        h('td', { class: 'num' }, String(p.n)),
        h(
          'td',
          { 'data-direction': p.pass.direction },
          t(p.pass.direction === 'left-to-right' ? 'gait.dir.right' : 'gait.dir.left'),
        ),
        h('td', { 'data-camera-side': side ?? '' }, side ? t(`gait.foot.${side}`) : t('gait.side.unknown')),
        h('td', { class: 'num' }, `${fmt(p.pass.startS, 1)}–${fmt(p.pass.endS, 1)}`),
        ...numberCells(p.pass.steps, p.pass.cadenceStepsPerMin, p.pass.stepLengthM.mean, p.pass.speedMps),
        h(
          'td',
          {},
          p.leftOut ? `✕ ${t(`gait.passes.leftOut.${p.leftOut}`)}` : `✓ ${t('gait.passes.included')}`,
        ),
        warningsCell(p),
      ),
    );
  }
  body.append(
    h(
      'tr',
      { class: 'overall', 'data-pass': 'all', 'data-steps': overall.steps },
      h('th', { scope: 'row', colspan: 4 }, t('gait.passes.overall')),
      ...numberCells(overall.steps, overall.cadence, overall.stepLengthM, overall.speedMps),
      h('td', {}),
      h('td', {}),
    ),
  );
  const head = (key: I18nKey, unit: I18nKey): HTMLElement =>
    h('th', { class: 'num', scope: 'col' }, t(key), h('span', { class: 'unit' }, ` ${t(unit)}`));
  const col = (key: I18nKey, num = false): HTMLElement =>
    h('th', { class: num ? 'num' : undefined, scope: 'col' }, t(key));
  return h(
    'table',
    { class: 'gait-table compact', 'data-testid': 'gait-passes-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        col('gait.passes.col.pass', true),
        col('gait.passes.col.direction'),
        col('gait.passes.col.camera'),
        col('gait.passes.col.time', true),
        col('gait.passes.col.steps', true),
        head('gait.m.cadence', 'gait.u.stepsPerMin'),
        head('gait.m.stepLength', 'gait.u.m'),
        head('gait.m.speed', 'gait.u.mps'),
        col('gait.passes.col.included'),
        col('gait.passes.col.warnings', true),
      ),
    ),
    body,
  );
}
