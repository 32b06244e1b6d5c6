// The data-table alternative every chart carries (WCAG 1.1.1): the charted values as a table inside a
// <details>, in the UI's language, so a screen reader or a keyboard user reads what the chart shows.
import { h } from '../../dom';
import './data-table.css';
import { t } from '../../i18n';

export interface DataTable {
  testId: string;
  caption: string;
  /** Column headers; columns flagged numeric are right-aligned. */
  columns: readonly { label: string; numeric?: boolean }[];
  /** Cells as text, already formatted for the language. */
  rows: readonly (readonly string[])[];
}

export function dataTable(d: DataTable): HTMLElement {
  return h(
    'details',
    { class: 'pg-data-table', 'data-testid': d.testId },
    h('summary', {}, t('progress.table.show')),
    h(
      'table',
      { class: 'pg-table' },
      h('caption', {}, d.caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...d.columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : '' }, c.label)),
        ),
      ),
      h(
        'tbody',
        {},
        ...d.rows.map((r) =>
          h(
            'tr',
            {},
            ...r.map((cell, i) =>
              i === 0
                ? h('th', { scope: 'row' }, cell)
                : h('td', { class: d.columns[i]?.numeric ? 'num' : '' }, cell),
            ),
          ),
        ),
      ),
    ),
  );
}
