// The guarded-gait indicators of one session: value, reference and how each is judged (a published threshold as
// it is; a screening threshold without a published norm against the patient's baseline once there is one), with
// outside said in words and a sign (⚠), never by colour alone.
import type { BaselineJudgement } from '../../../analysis/guarded/thresholds';
import type { IndicatorV1 } from '../../../shared/analysis-format';
import { renderIndicatorName, renderIndicatorReference, renderUnit } from '../../../shared/messages';
import type { SessionRecord } from '../../../storage';
import { h } from '../../dom';
import { getLang, t } from '../../i18n';
import { showDateTime, showNumber } from '../util';

const capitalise = (s: string): string => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/**
 * The guarded-gait indicators with their reference and how each is judged: a published threshold as it is, a
 * screening threshold (no published norm) against the patient's baseline once there is one. Outside is said in
 * words with a mark (⚠), never by colour alone.
 */
export function indicatorsTable(
  ind: readonly IndicatorV1[],
  judgements: readonly BaselineJudgement[],
  baseline: SessionRecord | null,
): HTMLElement {
  const lang = getLang();
  const body = h('tbody', {});
  let worse = 0;
  let screening = 0;
  ind.forEach((i, k) => {
    const j = judgements[k];
    const outside = i.value !== null && j.outside;
    if (j.judgedBy === 'baseline' || j.judgedBy === 'no-baseline') screening++;
    if (j.judgedBy === 'baseline' && j.outside) worse++;
    const status =
      i.value === null
        ? t('progress.session.notComputed')
        : outside
          ? `⚠ ${t('progress.session.outside')}`
          : `✓ ${t('progress.session.within')}`;
    body.append(
      h(
        'tr',
        { class: outside ? 'pg-outside' : '', 'data-indicator': i.id, 'data-outside': String(outside) },
        h('th', { scope: 'row' }, capitalise(renderIndicatorName(i.id, lang))),
        h('td', { class: 'num' }, showNumber(i.value)),
        h('td', {}, renderUnit(i.unit, lang)),
        h('td', {}, renderIndicatorReference(i, lang)),
        h('td', { 'data-testid': 'pg-indicator-status' }, status),
        h(
          'td',
          { 'data-testid': 'pg-indicator-judged', 'data-judged-by': j.judgedBy },
          judgedText(j, baseline),
        ),
      ),
    );
  });
  const summary =
    screening === 0
      ? null
      : baseline
        ? t('progress.judge.summary', {
            date: showDateTime(baseline.startedAt),
            worse,
            total: screening,
          })
        : t('progress.judge.summaryNoBaseline', { total: screening });
  return h(
    'div',
    {},
    h(
      'table',
      { class: 'pg-table', 'data-testid': 'pg-indicators' },
      h('caption', {}, t('progress.session.guarded')),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('progress.judge.indicator')),
          h('th', { scope: 'col', class: 'num' }, t('progress.judge.value')),
          h('th', { scope: 'col' }, t('progress.compare.unit')),
          h('th', { scope: 'col' }, t('progress.judge.reference')),
          h('th', { scope: 'col' }, t('progress.judge.status')),
          h('th', { scope: 'col' }, t('progress.judge.judgedBy')),
        ),
      ),
      body,
    ),
    summary ? h('p', { class: 'hint', 'data-testid': 'pg-baseline-judgement' }, summary) : null,
  );
}

/** How one indicator was judged, in words. */
function judgedText(j: BaselineJudgement, baseline: SessionRecord | null): string {
  switch (j.judgedBy) {
    case 'threshold':
      return t('progress.judge.byThreshold');
    case 'no-baseline':
      return t('progress.judge.noBaseline');
    case 'not-judged':
      return t('progress.judge.notJudged');
    case 'baseline': {
      const sign = j.change === null ? '' : j.change > 0 ? '+' : j.change < 0 ? '−' : '';
      // Asymmetry's margin is in units of its index (percentage points), the others' a share of the baseline.
      const change =
        j.change === null
          ? '–'
          : j.changeIn === 'units'
            ? `${sign}${showNumber(Math.abs(j.change), 1)} ${t('progress.judge.units')}`
            : `${sign}${showNumber(Math.abs(j.change) * 100, 0)} %`;
      const params = {
        change,
        baseline: showNumber(j.baseline),
        date: baseline ? showDateTime(baseline.startedAt) : '',
      };
      return j.outside ? t('progress.judge.worse', params) : t('progress.judge.steady', params);
    }
  }
}
