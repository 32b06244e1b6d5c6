// Service-worker registration and the "reload to update" prompt. A new version waits (Workbox "prompt" mode) and
// is never applied while the app is busy: a recording, a file being analysed, anything that registered a hold.
import { registerSW } from 'virtual:pwa-register';
import { h } from '../dom';
import { t } from '../i18n';
import { isBusy, whenIdle } from './busy';

export interface UpdatePrompt {
  el: HTMLElement;
  /** Re-renders the texts in the current language. */
  render(): void;
}

/** Registers the service worker (built app only) and returns the region where the update prompt appears. */
export function startServiceWorker(): UpdatePrompt {
  const el = h('div', { class: 'pwa-update', 'data-testid': 'pwa-update', role: 'status', hidden: true });
  let state: 'none' | 'offline-ready' | 'update' = 'none';
  let apply: ((reload?: boolean) => Promise<void>) | null = null;

  const render = (): void => {
    el.replaceChildren();
    el.hidden = state === 'none' || (state === 'update' && isBusy());
    if (state === 'offline-ready') {
      el.append(
        h('span', {}, t('pwa.offlineReady')),
        h('button', { type: 'button', onclick: () => ((state = 'none'), render()) }, t('pwa.dismiss')),
      );
    } else if (state === 'update') {
      el.append(
        h('span', {}, t('pwa.updateReady')),
        h(
          'button',
          {
            type: 'button',
            'data-testid': 'pwa-reload',
            onclick: () => {
              // A recording may have started since the prompt appeared: wait for it to end.
              if (isBusy()) {
                render();
                whenIdle(render);
                return;
              }
              // The new worker takes over, then this page reloads into the new version.
              navigator.serviceWorker.addEventListener(
                'controllerchange',
                () => whenIdle(() => location.reload()),
                {
                  once: true,
                },
              );
              void apply?.(true);
            },
          },
          t('pwa.reload'),
        ),
        h('button', { type: 'button', onclick: () => ((state = 'none'), render()) }, t('pwa.later')),
      );
    }
  };

  if (import.meta.env.PROD && 'serviceWorker' in navigator) {
    apply = registerSW({
      onNeedRefresh() {
        state = 'update';
        // Shown only when idle; re-checked each second while busy.
        whenIdle(render);
        render();
      },
      onOfflineReady() {
        state = 'offline-ready';
        render();
      },
      // Another tab applied the update: this page reloads only when nothing here is busy.
      onNeedReload() {
        whenIdle(() => location.reload());
      },
      onRegisterError(err: unknown) {
        console.warn('[ganglag] service worker not registered:', err);
      },
    });
  }
  return { el, render };
}
