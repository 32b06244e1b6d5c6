// "Save to <profile>" inside a finished test's results (issue 14 item 3): notes and the patient's self-report
// (issue 10, skippable), then one session written
// through the storage API. Without an active profile it says so and leads to the Progress tab, where profiles
// are made and chosen. The Progress tab lists and compares; it picks the new session up when shown.
import { draftSaved } from '../drafts/draft-writer';
import './save.css';
import type { AnalysisV1 } from '../../shared/analysis-format';
import type { PosesFileV1 } from '../../shared/poses-format';
import { GanglagStorageError, openGanglagDb, type GanglagDb, type SessionKind } from '../../storage';
import { announce } from '../announce';
import { appState, onActiveProfile } from '../app-state';
import { now } from '../clock';
import { clear, h } from '../dom';
import { getLang, t } from '../i18n';
import { createSelfReportForm } from '../self-report/form';

/** A finished test's result, as published for saving. */
export interface SaveTarget {
  recording: PosesFileV1;
  analysis: AnalysisV1;
  kind: SessionKind;
  /** e.g. 'guided-gait', 'forward-flexion'. */
  protocol: string;
}

export interface SavePanelContext {
  /** Switches tabs (to 'progress'). */
  show: (id: string) => void;
}

interface Saved {
  profileId: string;
  name: string;
  sessionId: string;
  at: Date;
}

let dbPromise: Promise<GanglagDb> | null = null;
/** One connection for every save panel, opened on first use; a failed open is retried next time. */
function db(): Promise<GanglagDb> {
  dbPromise ??= openGanglagDb({ now }).catch((err: unknown) => {
    dbPromise = null;
    throw err;
  });
  return dbPromise;
}

/** Results saved in this page, so a re-rendered panel (language, tab switch) says "saved" and never saves twice. */
const saved = new WeakMap<AnalysisV1, Saved>();

function errorText(err: unknown): string {
  if (err instanceof GanglagStorageError && err.code === 'quota-exceeded') return t('save.error.quota');
  return t('save.error.other', { message: err instanceof Error ? err.message : String(err) });
}

function timeText(d: Date): string {
  return d.toLocaleTimeString(getLang() === 'nb' ? 'nb-NO' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** The panel; it follows the active profile by itself while it is in the document. */
export function savePanel(target: SaveTarget, ctx: SavePanelContext): HTMLElement {
  const el = h('section', { class: 'save-panel', 'data-testid': 'save-panel', 'data-kind': target.kind });
  const status = h('p', { class: 'save-status', role: 'status', 'data-testid': 'save-status' });
  const progressLink = (): HTMLElement =>
    h(
      'button',
      {
        type: 'button',
        class: 'link',
        'data-testid': 'save-open-progress',
        onclick: () => ctx.show('progress'),
      },
      t('save.openProgress'),
    );
  let seq = 0;

  const render = (): void => {
    const mySeq = ++seq;
    clear(el);
    const profile = appState.profile;
    if (!profile) {
      el.dataset.state = 'no-profile';
      el.append(
        h('h3', {}, t('save.titleNoName')),
        h('p', { 'data-testid': 'save-no-profile' }, t('save.noProfile')),
        h('p', { class: 'muted small' }, t('save.noProfileHint')),
        progressLink(),
      );
      return;
    }
    const done = saved.get(target.analysis);
    if (done && done.profileId === profile.id) {
      el.dataset.state = 'saved';
      status.textContent = t('save.saved', { name: done.name, time: timeText(done.at) });
      el.append(h('h3', {}, t('save.title', { name: done.name })), status, progressLink());
      return;
    }
    el.dataset.state = 'ready';
    const heading = h('h3', {}, t('save.titleNoName'));
    const intro = h('p', { class: 'muted small' });
    const notesId = `save-notes-${Math.random().toString(36).slice(2)}`;
    const notes = h('textarea', { id: notesId, rows: 2, maxlength: 2000, 'data-testid': 'save-notes' });
    const selfReport = createSelfReportForm();
    const button = h('button', { type: 'submit', class: 'primary', 'data-testid': 'save-button' });
    button.textContent = t('save.buttonNoName');
    status.textContent = '';
    let name = '';
    // The pseudonym comes from storage (the app state carries only what the analyses use).
    void db()
      .then((d) => d.getProfile(profile.id))
      .then((p) => {
        if (mySeq !== seq) return;
        name = p.pseudonym;
        heading.textContent = t('save.title', { name });
        intro.textContent = t('save.intro', { name });
        button.textContent = t('save.button', { name });
      })
      .catch(() => undefined); // the save itself reports a storage problem
    const submit = async (ev: Event): Promise<void> => {
      ev.preventDefault();
      // A self-report entry that cannot be stored is marked on its field: fix it first, nothing is lost.
      if (!selfReport.valid()) {
        selfReport.el.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
        return;
      }
      button.disabled = true;
      status.textContent = t('save.saving');
      status.dataset.kind = 'info';
      try {
        const d = await db();
        const session = await d.addSession({
          profileId: profile.id,
          kind: target.kind,
          protocol: target.protocol,
          analysis: target.analysis,
          poses: target.recording,
          notes: notes.value,
          selfReport: selfReport.value(),
        });
        await draftSaved(d, target.recording).catch(() => undefined); // saved: its draft is no longer needed
        if (!name) name = (await d.getProfile(profile.id)).pseudonym;
        saved.set(target.analysis, {
          profileId: profile.id,
          name,
          sessionId: session.id,
          at: new Date(session.startedAt),
        });
        render();
        status.dataset.kind = 'ok';
        el.dataset.sessionId = session.id;
        announce(status.textContent ?? '');
        el.querySelector<HTMLElement>('[data-testid=save-open-progress]')?.focus();
      } catch (err) {
        // The form keeps the notes; the storage layer rolled the write back.
        button.disabled = false;
        status.textContent = errorText(err);
        status.dataset.kind = 'error';
        announce(status.textContent);
      }
    };
    el.append(
      h(
        'form',
        { class: 'save-form', 'data-testid': 'save-form', onsubmit: (ev) => void submit(ev) },
        heading,
        intro,
        h('label', { for: notesId }, t('save.notes')),
        notes,
        selfReport.el,
        h('div', { class: 'save-actions' }, button, progressLink()),
        status,
      ),
    );
  };

  render();
  const off = onActiveProfile(() => {
    if (!el.isConnected) return off();
    // A form being filled in keeps what was typed only for its own profile.
    render();
  });
  return el;
}
