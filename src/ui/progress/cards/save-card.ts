// The save card: the current recording (or its published analysis) saved as a session of the current profile,
// with date, time of day, notes and, with the person's consent, the video clip. The controller does the rest.
import { TIMES_OF_DAY, type TimeOfDay } from '../../../storage';
import { appState } from '../../app-state';
import { now } from '../../clock';
import { clear, h } from '../../dom';
import { t } from '../../i18n';
import { createSelfReportForm } from '../../self-report/form';
import { needsAnalysis, type ProgressController, type SaveSource } from '../controller';
import {
  errorText,
  formatBytes,
  isQuota,
  message,
  showDateTime,
  showNumber,
  showProtocol,
  toLocalInput,
} from '../util';

/** The latest published analysis, or the latest recording (analysed as a walk when saved). */
export function currentSaveable(): SaveSource | null {
  const a = appState.analysis;
  const rec = appState.recording;
  if (a && (!rec || a.recording === rec))
    return { recording: a.recording, kind: a.kind, protocol: a.protocol, analysis: a.analysis };
  if (rec) return { recording: rec, kind: 'gait', protocol: 'free-walk', analysis: null };
  return null;
}

export interface SaveCardDeps {
  ctl: ProgressController;
  /** The analysed video file, if capture still holds the one this recording came from. */
  clipFor: (src: SaveSource) => File | null;
  goCapture: () => void;
  /** The last save's outcome, kept across re-renders. */
  note: [string, 'ok' | 'error'] | null;
  setNote: (note: [string, 'ok' | 'error']) => void;
  refresh: () => Promise<void>;
}

export function persistentMsg(testId: string, note: [string, 'ok' | 'error'] | null): HTMLElement {
  const m = h('p', { class: 'pg-msg', role: 'status', 'data-testid': testId });
  if (note) message(m, note[0], note[1]);
  return m;
}

export function renderSaveCard(card: HTMLElement, deps: SaveCardDeps): void {
  const { ctl } = deps;
  clear(card);
  card.append(h('h2', {}, t('progress.save.title')));
  const src = currentSaveable();
  const profile = ctl.current;
  if (!profile) {
    card.append(h('p', { class: 'hint' }, t('progress.save.needProfile')));
    return;
  }
  if (!src) {
    card.append(
      h('p', { class: 'hint' }, t('progress.save.nothing')),
      h('button', { type: 'button', onclick: deps.goCapture }, t('progress.save.goCapture')),
    );
    if (deps.note) card.append(persistentMsg('pg-save-result', deps.note));
    return;
  }
  const rec = src.recording;
  const durS = rec.frames.length > 1 ? (rec.frames[rec.frames.length - 1].tMs - rec.frames[0].tMs) / 1000 : 0;
  card.append(
    h(
      'p',
      { 'data-testid': 'pg-save-source' },
      t('progress.save.source', {
        kind: t(`progress.kind.${src.kind}`),
        protocol: showProtocol(src.protocol),
        frames: rec.frames.length,
        seconds: showNumber(durS, 1),
        name: profile.pseudonym,
      }),
    ),
  );
  if (!src.analysis) card.append(h('p', { class: 'hint' }, t('progress.save.willAnalyse')));
  else if (needsAnalysis(src, profile) && profile.heightM !== null)
    card.append(h('p', { class: 'hint' }, t('progress.save.rescale', { m: showNumber(profile.heightM, 2) })));

  const when = h('input', {
    type: 'datetime-local',
    required: true,
    value: toLocalInput(now()),
    'data-testid': 'pg-session-datetime',
  });
  const tod = h('select', { 'data-testid': 'pg-save-tod' });
  tod.append(h('option', { value: 'auto' }, t('progress.tod.auto')));
  for (const v of TIMES_OF_DAY) tod.append(h('option', { value: v }, t(`progress.tod.${v}`)));
  const notes = h('textarea', { rows: 2, maxlength: 2000, 'data-testid': 'pg-save-notes' });
  const clip = deps.clipFor(src);
  const consentName = `pg-consent-${Math.random().toString(36).slice(2)}`;
  const yes = h('input', { type: 'radio', name: consentName, value: 'yes', 'data-testid': 'pg-consent-yes' });
  const no = h('input', { type: 'radio', name: consentName, value: 'no', 'data-testid': 'pg-consent-no' });
  const consent = clip
    ? h(
        'fieldset',
        { class: 'pg-consent', 'data-testid': 'pg-consent' },
        h('legend', {}, t('progress.consent.question', { file: clip.name, size: formatBytes(clip.size) })),
        h('p', { class: 'hint' }, t('progress.consent.explain')),
        h('label', {}, yes, ' ', t('progress.consent.yes')),
        h('label', {}, no, ' ', t('progress.consent.no')),
      )
    : h('p', { class: 'hint' }, t('progress.consent.noClip'));
  const selfReport = createSelfReportForm();
  const msg = h('p', { class: 'pg-msg', role: 'status', 'data-testid': 'pg-save-msg' });
  const button = h(
    'button',
    { type: 'submit', class: 'pg-primary', 'data-testid': 'pg-save-session' },
    t('progress.save.button'),
  );

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const started = new Date(when.value);
    if (!Number.isFinite(started.getTime())) return message(msg, t('progress.save.badDate'), 'error');
    if (clip && !yes.checked && !no.checked) return message(msg, t('progress.consent.answer'), 'error');
    if (!selfReport.valid()) {
      selfReport.el.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
      return message(msg, t('progress.save.fixSelfReport'), 'error');
    }
    button.disabled = true;
    message(msg, t('progress.save.saving'));
    try {
      const out = await ctl.saveSession(src, {
        startedAt: started,
        timeOfDay: tod.value === 'auto' ? undefined : (tod.value as TimeOfDay),
        notes: notes.value,
        clip,
        keepClip: yes.checked,
        fallbackHeightM: appState.heightM,
        selfReport: selfReport.value(),
      });
      let text = t('progress.save.saved', {
        date: showDateTime(out.session.startedAt),
        name: profile.pseudonym,
      });
      let kind: 'ok' | 'error' = 'ok';
      if (out.video === 'kept') text += ` ${t('progress.save.videoKept')}`;
      else if (out.video !== 'none') {
        const err = out.video.error;
        text += ` ${isQuota(err) ? t('progress.save.videoQuota') : errorText(err)}`;
        kind = 'error';
      }
      deps.setNote([text, kind]);
      await deps.refresh();
    } catch (err) {
      // The form keeps what was typed; the storage layer rolled the write back.
      button.disabled = false;
      message(msg, errorText(err), 'error');
    }
  };
  card.append(
    h(
      'form',
      { class: 'pg-form', 'data-testid': 'pg-save-form', onsubmit: (ev) => void submit(ev) },
      h(
        'div',
        { class: 'pg-fields' },
        h('label', {}, t('progress.field.dateTime'), when),
        h('label', {}, t('progress.field.timeOfDay'), tod),
      ),
      h('label', { class: 'pg-block' }, t('progress.field.notes'), notes),
      selfReport.el,
      consent,
      h('div', { class: 'toolbar' }, button),
      msg,
    ),
  );
  if (deps.note) card.append(persistentMsg('pg-save-result', deps.note));
}
