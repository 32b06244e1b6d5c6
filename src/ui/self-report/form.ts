// The patient's self-report for a session (issue 10): pain now and during the test (NRS 0–10), morning stiffness
// today, time since getting up, walking aid, a free note. Quick and skippable: every field may stay empty.
//
//   const form = createSelfReportForm();
//   panel.append(form.el);
//   ... on save: if (!form.valid()) { form.el.querySelector<HTMLElement>('[aria-invalid=true]')?.focus(); return; }
//               db.addSession({ ..., selfReport: form.value() })   // undefined when nothing was answered
//   form.reset();                                                     // before the next recording
//
// A bad entry ("15" pain, "abc" minutes) is marked on its field (aria-invalid, a message tied by
// aria-describedby) and left out of value(); valid() says whether any field is marked.
import type { SelfReport } from '../../storage/types';
import { WALKING_AIDS } from '../../storage/types';
import { h } from '../dom';
import { t, type I18nKey } from '../i18n';
import { formatNumber } from '../../shared/messages/number';
import { getLang } from '../i18n';
import {
  EMPTY_FIELDS,
  parseSelfReport,
  type SelfReportField,
  type SelfReportFields,
  type SelfReportProblem,
} from './parse';

export interface SelfReportForm {
  el: HTMLElement;
  /** The valid answers; undefined when none was given. */
  value(): SelfReport | undefined;
  /** False while a field holds an entry that cannot be stored (it is marked on the form). */
  valid(): boolean;
  reset(): void;
}

let formCount = 0;

function problemText(p: SelfReportProblem): string {
  const lang = getLang();
  switch (p.code) {
    case 'range':
      return t('selfReport.problem.range', {
        min: formatNumber(p.min, lang),
        max: formatNumber(p.max, lang),
      });
    case 'too-long':
      return t('selfReport.problem.too-long', { max: p.max });
    default:
      return t(`selfReport.problem.${p.code}`);
  }
}

export function createSelfReportForm(): SelfReportForm {
  const uid = `sr${++formCount}`;
  const id = (f: SelfReportField) => `${uid}-${f}`;
  const controls = new Map<SelfReportField, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>();
  const errors = new Map<SelfReportField, HTMLElement>();

  const errorEl = (f: SelfReportField) => {
    const el = h('p', {
      id: `${id(f)}-error`,
      class: 'pg-msg error',
      'data-testid': `sr-${f}-error`,
      hidden: true,
    });
    errors.set(f, el);
    return el;
  };
  const hintEl = (f: SelfReportField, key: I18nKey) => h('p', { id: `${id(f)}-hint`, class: 'hint' }, t(key));

  /** A labelled control with its hint and error, wired by aria-describedby. */
  const row = (f: SelfReportField, label: I18nKey, control: HTMLElement, hint?: I18nKey) => {
    const described = [hint ? `${id(f)}-hint` : '', `${id(f)}-error`].filter(Boolean).join(' ');
    control.id = id(f);
    control.setAttribute('aria-describedby', described);
    control.dataset.testid = `sr-${f}`;
    controls.set(f, control as HTMLInputElement);
    return h(
      'div',
      { class: 'sr-row' },
      h('label', { for: id(f) }, t(label)),
      control,
      hint ? hintEl(f, hint) : null,
      errorEl(f),
    );
  };

  // NRS as a select with an empty choice: one keystroke per answer, and "not answered" stays possible.
  const nrsSelect = () =>
    h(
      'select',
      {},
      h('option', { value: '' }, t('selfReport.notAnswered')),
      ...Array.from({ length: 11 }, (_, n) => h('option', { value: String(n) }, String(n))),
    );
  // Text with a decimal keyboard, not type=number: "1,5" must reach the parser as typed.
  const decimalInput = () =>
    h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', size: 6, spellcheck: 'false' });

  const aid = h(
    'select',
    {},
    h('option', { value: '' }, t('selfReport.notAnswered')),
    ...WALKING_AIDS.map((a) => h('option', { value: a }, t(`selfReport.aid.${a}`))),
  );
  const note = h('textarea', { rows: 2, maxlength: 2000 });

  const read = (): SelfReportFields => {
    const out = { ...EMPTY_FIELDS };
    for (const [f, c] of controls) out[f] = c.value;
    return out;
  };

  /** Marks every field with a problem and clears the rest; returns the parse. */
  const check = () => {
    const parsed = parseSelfReport(read());
    for (const [f, c] of controls) {
      const p = parsed.problems.find((x) => x.field === f);
      const err = errors.get(f)!;
      if (p) {
        c.setAttribute('aria-invalid', 'true');
        err.textContent = problemText(p);
        err.hidden = false;
      } else {
        c.removeAttribute('aria-invalid');
        err.textContent = '';
        err.hidden = true;
      }
    }
    return parsed;
  };

  const el = h(
    'fieldset',
    { class: 'self-report', 'data-testid': 'self-report' },
    h('legend', {}, t('selfReport.legend')),
    h('p', { class: 'hint', id: `${uid}-hint` }, t('selfReport.hint')),
    row('painNow', 'selfReport.painNow', nrsSelect(), 'selfReport.nrsHint'),
    row('painDuring', 'selfReport.painDuring', nrsSelect(), 'selfReport.nrsHint'),
    row('morningStiffness', 'selfReport.morningStiffness', decimalInput(), 'selfReport.morningStiffnessHint'),
    row('sinceGettingUpH', 'selfReport.sinceGettingUp', decimalInput(), 'selfReport.sinceGettingUpHint'),
    row('walkingAid', 'selfReport.walkingAid', aid),
    row('note', 'selfReport.note', note),
  );
  el.setAttribute('aria-describedby', `${uid}-hint`);
  const reset = () => {
    for (const c of controls.values()) c.value = '';
    check();
  };
  el.append(
    h(
      'div',
      { class: 'toolbar' },
      h('button', { type: 'button', 'data-testid': 'sr-clear', onclick: reset }, t('selfReport.clear')),
    ),
  );
  // Checked as the user leaves a field, not on every keystroke (a half-typed "1," is not an error yet).
  el.addEventListener('change', () => check());

  return {
    el,
    value: () => check().value,
    valid: () => check().problems.length === 0,
    reset,
  };
}
