// The clinician events card: dated events (an injection, a change of treatment) that the charts mark.
import { now } from '../../clock';
import { clear, h } from '../../dom';
import { t } from '../../i18n';
import type { ProgressController } from '../controller';
import { errorText, message, toLocalDate } from '../util';

export function renderEventsCard(
  card: HTMLElement,
  ctl: ProgressController,
  refresh: () => Promise<void>,
): void {
  clear(card);
  card.append(h('h2', {}, t('progress.events.title')));
  if (!ctl.current) {
    card.append(h('p', { class: 'hint' }, t('progress.save.needProfile')));
    return;
  }
  const msg = h('p', { class: 'pg-msg', role: 'status' });
  const date = h('input', {
    type: 'date',
    required: true,
    value: toLocalDate(now()),
    'data-testid': 'pg-event-date',
  });
  const label = h('input', {
    required: true,
    maxlength: 200,
    placeholder: t('progress.events.placeholder'),
    'data-testid': 'pg-event-label',
  });
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (!label.value.trim()) return message(msg, t('progress.events.needLabel'), 'error');
    try {
      await ctl.addEvent(date.value, label.value.trim());
      await refresh();
    } catch (err) {
      message(msg, errorText(err), 'error');
    }
  };
  card.append(
    h(
      'form',
      { class: 'pg-form pg-inline', onsubmit: (ev) => void submit(ev) },
      h('label', {}, t('progress.events.date'), date),
      h('label', { class: 'pg-grow' }, t('progress.events.label'), label),
      h('button', { type: 'submit', 'data-testid': 'pg-event-add' }, t('progress.events.add')),
    ),
    msg,
  );
  const list = h('ul', { class: 'pg-events', 'data-testid': 'pg-event-list' });
  for (const e of [...ctl.events].reverse())
    list.append(
      h(
        'li',
        {},
        h('span', { class: 'pg-event-date' }, e.date),
        h('span', { class: 'pg-grow' }, e.label),
        h(
          'button',
          {
            type: 'button',
            class: 'pg-small',
            'aria-label': t('progress.events.delete', { label: e.label }),
            onclick: async () => {
              try {
                if (!(await ctl.deleteEvent(e, (q) => confirm(q)))) return;
                await refresh();
              } catch (err) {
                message(msg, errorText(err), 'error');
              }
            },
          },
          '✕',
        ),
      ),
    );
  if (ctl.events.length === 0) list.append(h('li', { class: 'hint' }, t('progress.events.none')));
  card.append(list);
}
