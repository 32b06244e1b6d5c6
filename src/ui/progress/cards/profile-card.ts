// The profile card: choose the current profile, see its facts, create, edit and erase one.
import { SEXES, type Profile, type ProfileInput, type Sex } from '../../../storage';
import { now } from '../../clock';
import { clear, h } from '../../dom';
import { t } from '../../i18n';
import { MAX_HEIGHT_M, MIN_HEIGHT_M } from '../../height-input';
import type { ProgressController } from '../controller';
import { errorText, message, numberOrNull, showNumber } from '../util';

export interface ProfileCardDeps {
  ctl: ProgressController;
  /** 'new' or 'edit' shows the form. */
  editing: 'new' | 'edit' | null;
  setEditing: (mode: 'new' | 'edit' | null) => void;
  selectProfile: (id: string) => void;
  /** After a save or an erase: reload and redraw everything. */
  refresh: () => Promise<void>;
}

export function renderProfileCard(card: HTMLElement, deps: ProfileCardDeps): void {
  const { ctl } = deps;
  clear(card);
  card.append(h('h2', {}, t('progress.profile.title')));
  if (ctl.profiles.length > 0) {
    const sel = h('select', {
      'aria-label': t('progress.profile.current'),
      'data-testid': 'pg-profile-select',
      onchange: (ev) => deps.selectProfile((ev.target as HTMLSelectElement).value),
    });
    for (const p of ctl.profiles)
      sel.append(h('option', { value: p.id, selected: p.id === ctl.current?.id }, p.pseudonym));
    card.append(
      h(
        'div',
        { class: 'toolbar' },
        h('label', {}, t('progress.profile.current'), ' ', sel),
        h(
          'button',
          { type: 'button', 'data-testid': 'pg-new-profile', onclick: () => deps.setEditing('new') },
          t('progress.profile.new'),
        ),
        h(
          'button',
          { type: 'button', 'data-testid': 'pg-edit-profile', onclick: () => deps.setEditing('edit') },
          t('progress.profile.edit'),
        ),
      ),
    );
    const p = ctl.current;
    if (p) {
      const facts = [
        p.birthYear !== null ? t('progress.profile.born', { year: p.birthYear }) : null,
        t(`progress.sex.${p.sex}`),
        p.heightM !== null ? t('progress.profile.heightIs', { m: showNumber(p.heightM, 2) }) : null,
        t('progress.profile.sessionCount', { n: ctl.sessions.length }),
      ].filter((x): x is string => x !== null);
      card.append(h('p', { class: 'pg-facts', 'data-testid': 'pg-profile-facts' }, facts.join(' · ')));
      if (p.notes) card.append(h('p', { class: 'pg-notes' }, p.notes));
    }
  } else {
    card.append(h('p', { class: 'hint' }, t('progress.profile.none')));
  }
  if (deps.editing) card.append(profileForm(deps.editing === 'edit' ? ctl.current : null, deps));
}

function profileForm(p: Profile | null, deps: ProfileCardDeps): HTMLElement {
  const { ctl } = deps;
  const msg = h('p', { class: 'pg-msg', role: 'status' });
  const pseudonym = h('input', {
    required: true,
    maxlength: 64,
    autocomplete: 'off',
    value: p?.pseudonym ?? '',
    'data-testid': 'pg-pseudonym',
  });
  const year = now().getFullYear();
  const birthYear = h('input', {
    type: 'number',
    min: year - 120,
    max: year,
    step: 1,
    value: p?.birthYear ?? '',
    'data-testid': 'pg-birth-year',
  });
  const sex = h('select', { 'data-testid': 'pg-sex' });
  for (const s of SEXES)
    sex.append(h('option', { value: s, selected: s === (p?.sex ?? 'unknown') }, t(`progress.sex.${s}`)));
  // Text with a decimal keypad: a number input would silently empty "1,65" in an English browser.
  const height = h('input', {
    type: 'text',
    inputmode: 'decimal',
    autocomplete: 'off',
    value: p?.heightM != null ? showNumber(p.heightM, 2) : '',
    'data-testid': 'pg-height',
  });
  const notes = h('textarea', { rows: 2, maxlength: 2000, 'data-testid': 'pg-profile-notes' });
  notes.value = p?.notes ?? '';
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const by = numberOrNull(birthYear.value);
    const hm = numberOrNull(height.value);
    if (pseudonym.value.trim() === '') return message(msg, t('progress.profile.needPseudonym'), 'error');
    if (by !== null && (!Number.isInteger(by) || by < year - 120 || by > year))
      return message(msg, t('progress.profile.badYear'), 'error');
    if (
      (hm === null && height.value.trim() !== '') ||
      (hm !== null && (hm < MIN_HEIGHT_M || hm > MAX_HEIGHT_M))
    )
      return message(msg, t('progress.profile.badHeight'), 'error');
    const input: ProfileInput = {
      pseudonym: pseudonym.value.trim(),
      birthYear: by,
      sex: sex.value as Sex,
      heightM: hm,
      notes: notes.value,
    };
    try {
      await ctl.saveProfile(p, input);
      deps.setEditing(null);
      await deps.refresh();
    } catch (err) {
      message(msg, errorText(err), 'error');
    }
  };
  return h(
    'form',
    { class: 'pg-form', 'data-testid': 'pg-profile-form', onsubmit: (ev) => void submit(ev) },
    h('h3', {}, p ? t('progress.profile.editTitle') : t('progress.profile.newTitle')),
    h('p', { class: 'hint' }, t('progress.profile.pseudonymHint')),
    h(
      'div',
      { class: 'pg-fields' },
      h('label', {}, t('progress.field.pseudonym'), pseudonym),
      h('label', {}, t('progress.field.birthYear'), birthYear),
      h('label', {}, t('progress.field.sex'), sex),
      h('label', {}, t('progress.field.heightM'), height),
    ),
    h('label', { class: 'pg-block' }, t('progress.field.notes'), notes),
    h(
      'div',
      { class: 'toolbar' },
      h(
        'button',
        { type: 'submit', class: 'pg-primary', 'data-testid': 'pg-profile-save' },
        t('progress.action.save'),
      ),
      ctl.profiles.length > 0
        ? h('button', { type: 'button', onclick: () => deps.setEditing(null) }, t('progress.action.cancel'))
        : null,
      p
        ? h(
            'button',
            {
              type: 'button',
              class: 'pg-danger',
              onclick: async () => {
                try {
                  if (!(await ctl.eraseProfile(p, (q) => confirm(q)))) return;
                  deps.setEditing(null);
                  await deps.refresh();
                } catch (err) {
                  message(msg, errorText(err), 'error');
                }
              },
            },
            t('progress.profile.delete'),
          )
        : null,
    ),
    msg,
  );
}
