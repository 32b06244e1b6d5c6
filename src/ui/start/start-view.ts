// The start page: what a new user can do here, in three choices, and whether results will be saved.
import './start.css';
import { appState, onActiveProfile } from '../app-state';
import { clear, h } from '../dom';
import { onLangChange, t } from '../i18n';
import type { AppView } from '../view';

export interface StartActions {
  gait: () => void;
  spine: () => void;
  video: () => void;
  profiles: () => void;
}

export function createStartView(actions: StartActions): AppView {
  const el = h('section', { class: 'start-view', 'data-testid': 'start-view' });

  function choice(id: 'gait' | 'spine' | 'video', run: () => void): HTMLElement {
    const desc = `start-${id}-desc`;
    return h(
      'li',
      { class: 'start-choice' },
      h(
        'button',
        { type: 'button', 'data-testid': `start-${id}`, 'aria-describedby': desc, onclick: run },
        t(`start.${id}`),
      ),
      h('p', { id: desc }, t(`start.${id}.desc`)),
    );
  }

  function render(): void {
    const p = appState.profile;
    const profileText = !p
      ? t('start.profile.none')
      : p.pseudonym
        ? t('start.profile.active', { name: p.pseudonym })
        : t('start.profile.activeUnnamed');
    clear(el);
    el.append(
      h('p', { class: 'start-intro' }, t('start.intro')),
      h(
        'ul',
        { class: 'start-choices' },
        choice('gait', actions.gait),
        choice('spine', actions.spine),
        choice('video', actions.video),
      ),
      h(
        'p',
        { class: p ? 'start-profile' : 'start-profile none', 'data-testid': 'start-profile' },
        profileText,
        ' ',
        h(
          'button',
          { type: 'button', class: 'link', 'data-testid': 'start-profiles', onclick: actions.profiles },
          t('start.profile.go'),
        ),
      ),
    );
  }

  onLangChange(() => render());
  onActiveProfile(() => render());
  render();
  return { id: 'start', label: 'nav.start', el, onShow: render };
}
