// The import preview: what a backup will add, update, keep and refuse, per profile, before anything is written.
import type { ActionCounts, ImportPlan, ProfilePlan } from '../../storage';
import { h } from '../dom';
import { t } from '../i18n';

const counts = (c: ActionCounts): string =>
  t('progress.import.counts', {
    add: c.add,
    update: c.update,
    keep: c.keep + c.unchanged,
    refuse: c.refuse,
    erase: c.erase,
  });

function profileRow(p: ProfilePlan): HTMLElement {
  const name = p.pseudonym || t('progress.import.unknownProfile');
  const action = p.action ? t(`progress.import.action.${p.action}`) : t('progress.import.action.none');
  const refused = p.entries.filter((e) => e.action === 'refuse');
  return h(
    'li',
    { 'data-testid': 'pg-import-profile', 'data-profile-id': p.profileId },
    h('strong', {}, name),
    ` — ${action}`,
    h('br'),
    `${t('progress.import.sessions')}: ${counts(p.sessions)}`,
    h('br'),
    `${t('progress.import.events')}: ${counts(p.events)}`,
    refused.length > 0
      ? h(
          'p',
          { class: 'hint' },
          refused
            .map(
              (e) =>
                `${e.at ? `${e.at.slice(0, 10)} ` : ''}${e.label}: ${t(`progress.import.reason.${e.reason ?? 'erased'}`)}`,
            )
            .join('; '),
        )
      : null,
  );
}

/** A card showing the plan with Import and Cancel; nothing is written until onConfirm runs. */
export function renderImportPreview(
  fileName: string,
  plan: ImportPlan,
  handlers: { onConfirm: () => void; onCancel: () => void },
): HTMLElement {
  const list = h('ul', { class: 'pg-import-list' }, ...plan.profiles.map(profileRow));
  // Camera setups belong to the device, not to a profile: one line of their own.
  const setups = plan.cameraSetups?.entries.length
    ? h(
        'p',
        { 'data-testid': 'pg-import-setups' },
        `${t('progress.import.setups')}: ${counts(plan.cameraSetups.counts)}`,
      )
    : null;
  return h(
    'div',
    { class: 'pg-import-preview', 'data-testid': 'pg-import-preview', role: 'group' },
    h('h3', {}, t('progress.import.title', { file: fileName })),
    plan.format === 'ganglag.backup/v1' ? h('p', { class: 'hint' }, t('progress.import.oldFormat')) : null,
    list,
    setups,
    plan.clamped > 0
      ? h(
          'p',
          { class: 'pg-msg info', 'data-testid': 'pg-import-clamped' },
          t('progress.import.clamped', { n: plan.clamped }),
        )
      : null,
    plan.empty ? h('p', { class: 'hint' }, t('progress.import.nothing')) : null,
    h(
      'div',
      { class: 'toolbar' },
      h(
        'button',
        {
          type: 'button',
          class: 'pg-primary',
          'data-testid': 'pg-import-confirm',
          onclick: handlers.onConfirm,
        },
        t('progress.import.confirm'),
      ),
      h(
        'button',
        { type: 'button', 'data-testid': 'pg-import-cancel', onclick: handlers.onCancel },
        t('progress.action.cancel'),
      ),
    ),
  );
}
