// The sessions card: one row per stored session, newest first; a row opens the session panel (click, Enter
// or Space). A session shows as having video only when its clip is stored here, not by its consent flag alone.
import { metricValue, type MetricId } from '../../../report';
import { clear, h } from '../../dom';
import { t } from '../../i18n';
import type { ProgressController } from '../controller';
import { metricLabel, metricUnit, showDateTime, showMetric, showProtocol } from '../util';

const COLUMNS: readonly MetricId[] = ['gait-speed', 'cadence', 'forward-flexion-rom', 'fingertip-to-floor'];

export function renderSessionsCard(
  card: HTMLElement,
  ctl: ProgressController,
  openSession: (id: string) => void,
): void {
  clear(card);
  const sessions = ctl.sessions;
  card.append(h('h2', {}, t('progress.sessions.title', { n: sessions.length })));
  if (sessions.length === 0) {
    card.append(h('p', { class: 'hint' }, t('progress.sessions.none')));
    return;
  }
  const withVideo = ctl.state?.withVideo ?? new Set<string>();
  const body = h('tbody', {});
  for (const s of [...sessions].reverse()) {
    const open = s.id === ctl.openSessionId;
    body.append(
      h(
        'tr',
        {
          class: open ? 'pg-row active' : 'pg-row',
          'data-session': s.id,
          tabindex: 0,
          // The row of the session shown in the panel (aria-expanded is not allowed on a table row).
          'aria-current': open ? 'true' : undefined,
          onclick: () => openSession(s.id),
          onkeydown: (ev) => {
            const key = (ev as KeyboardEvent).key;
            if (key !== 'Enter' && key !== ' ') return;
            ev.preventDefault(); // Space would scroll the page
            openSession(s.id);
          },
        },
        h('td', {}, showDateTime(s.startedAt)),
        h('td', {}, t(`progress.tod.${s.timeOfDay}`)),
        h('td', {}, t(`progress.kind.${s.kind}`)),
        h('td', {}, showProtocol(s.protocol)),
        ...COLUMNS.map((m) => h('td', { class: 'num' }, showMetric(m, metricValue(m, s.analysis)) || '–')),
        h('td', { class: 'pg-note-cell' }, s.notes),
        h(
          'td',
          { 'data-testid': 'pg-session-video' },
          withVideo.has(s.id) ? t('progress.sessions.video') : '',
        ),
      ),
    );
  }
  card.append(
    h(
      'div',
      { class: 'pg-scroll' },
      h(
        'table',
        { class: 'pg-table pg-sessions-table', 'data-testid': 'pg-sessions-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, t('progress.field.dateTime')),
            h('th', {}, t('progress.field.timeOfDay')),
            h('th', {}, t('progress.sessions.kind')),
            h('th', {}, t('progress.sessions.protocol')),
            ...COLUMNS.map((m) => h('th', { class: 'num' }, `${metricLabel(m)} (${metricUnit(m)})`)),
            h('th', {}, t('progress.field.notes')),
            h('th', {}, t('progress.sessions.videoColumn')),
          ),
        ),
        body,
      ),
    ),
  );
}
