// Asks the browser to keep the app's data (sessions, cached models) when storage runs low, after saying why.
import { h } from '../dom';
import { t } from '../i18n';

export interface PersistencePrompt {
  el: HTMLElement;
  render(): void;
}

export function createPersistencePrompt(): PersistencePrompt {
  const el = h('div', { class: 'pwa-persist', 'data-testid': 'pwa-persist', hidden: true });
  let state: 'unknown' | 'ask' | 'granted' | 'refused' = 'unknown';

  const render = (): void => {
    el.replaceChildren();
    el.hidden = state === 'unknown' || state === 'granted';
    if (state === 'ask') {
      el.append(
        h('p', {}, t('pwa.persist.why')),
        h(
          'button',
          {
            type: 'button',
            'data-testid': 'pwa-persist-ask',
            onclick: async () => {
              const ok = await navigator.storage.persist().catch(() => false);
              state = ok ? 'granted' : 'refused';
              render();
            },
          },
          t('pwa.persist.ask'),
        ),
        h('button', { type: 'button', onclick: () => ((state = 'unknown'), render()) }, t('pwa.later')),
      );
    } else if (state === 'refused') {
      el.append(
        h('p', {}, t('pwa.persist.refused')),
        h('button', { type: 'button', onclick: () => ((state = 'unknown'), render()) }, t('pwa.dismiss')),
      );
    }
  };

  if (navigator.storage?.persisted) {
    navigator.storage
      .persisted()
      .then((p) => {
        state = p ? 'granted' : 'ask';
        render();
      })
      .catch(() => undefined);
  }
  return { el, render };
}
