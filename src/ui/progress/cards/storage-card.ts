// The storage card: how much this device holds, whether the browser keeps it, and asking it to.
import { clear, h } from '../../dom';
import { t } from '../../i18n';
import type { ProgressController } from '../controller';
import { errorText, formatBytes, message } from '../util';

export function renderStorageCard(card: HTMLElement, ctl: ProgressController): void {
  clear(card);
  const s = ctl.state?.storage ?? null;
  const msg = h('p', { class: 'pg-msg', role: 'status' });
  card.append(
    h('h2', {}, t('progress.storage.title')),
    h(
      'p',
      { 'data-testid': 'pg-storage-used' },
      s?.usageBytes != null
        ? t('progress.storage.used', { used: formatBytes(s.usageBytes), quota: formatBytes(s.quotaBytes) })
        : t('progress.storage.unknown'),
    ),
    h(
      'p',
      {},
      s?.persisted === true
        ? t('progress.storage.persistent')
        : s?.persisted === false
          ? t('progress.storage.notPersistent')
          : t('progress.storage.persistUnknown'),
    ),
  );
  if (s?.persisted !== true)
    card.append(
      h(
        'button',
        {
          type: 'button',
          'data-testid': 'pg-persist',
          onclick: async () => {
            try {
              const ok = await ctl.requestPersistence();
              message(
                msg,
                ok ? t('progress.storage.granted') : t('progress.storage.refused'),
                ok ? 'ok' : 'info',
              );
            } catch (err) {
              message(msg, errorText(err), 'error');
            }
          },
        },
        t('progress.storage.ask'),
      ),
    );
  card.append(msg);
}
