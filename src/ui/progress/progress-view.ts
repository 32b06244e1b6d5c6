// The Progress tab: profiles, saving the current analysis as a session, the sessions list, progress charts
// with events, the session panel, exports, and backup import. All stored text is inserted as text.
import type { Chart } from 'chart.js';
import { analyzeGait } from '../../analysis';
import {
  buildFhirBundle,
  buildMetricsCsv,
  buildPdfReport,
  buildProgressChart,
  formatMetric,
  metricValue,
  PROGRESS_METRICS,
  type MetricId,
  type PdfChart,
} from '../../report';
import type { AnalysisV1 } from '../../shared/analysis-format';
import type { PosesFileV1 } from '../../shared/poses-format';
import {
  openGanglagDb,
  SEXES,
  TIMES_OF_DAY,
  type ClinicianEvent,
  type GanglagDb,
  type ImportPlan,
  type Profile,
  type ProfileInput,
  type SessionKind,
  type SessionRecord,
  type Sex,
  type StorageInfo,
  type TimeOfDay,
} from '../../storage';
import { appState, onAnalysis, onRecording, publishActiveProfile } from '../app-state';
import { now } from '../clock';
import { clear, downloadBlob, h } from '../dom';
import { getLang, onLangChange, t } from '../i18n';
import { reportStrings } from '../../report/i18n';
import type { AppView, ViewContext } from '../view';
import { chartPng, renderProgressChart, smcValue } from './charts';
import './progress.css';
import { metricLabel, metricUnit, renderSessionPanel } from './session-panel';
import { renderDraftsCard } from '../drafts/drafts-card';
import { deleteEventConfirmed, eraseProfileConfirmed, importSummary, loadProgress } from './controller';
import { renderImportPreview } from './import-preview';
import { progressBar } from './progress-bar';
import { errorText, fileSafe, formatBytes, isQuota, showDateTime, toLocalDate, toLocalInput } from './util';

const CURRENT_KEY = 'ganglag.currentProfile';

/** What the save form would store: a published analysis, or the latest recording analysed as a walk. */
interface Saveable {
  recording: PosesFileV1;
  kind: SessionKind;
  protocol: string;
  /** Null until computed at save time (recordings without a published analysis). */
  analysis: AnalysisV1 | null;
}

function currentSaveable(): Saveable | null {
  const a = appState.analysis;
  const rec = appState.recording;
  if (a && (!rec || a.recording === rec))
    return { recording: a.recording, kind: a.kind, protocol: a.protocol, analysis: a.analysis };
  if (rec) return { recording: rec, kind: 'gait', protocol: 'free-walk', analysis: null };
  return null;
}

function message(el: HTMLElement, text: string, kind: 'ok' | 'error' | 'info' = 'info'): void {
  el.textContent = text;
  el.className = `pg-msg ${kind}`;
  el.dataset.kind = kind;
}

const numberOrNull = (s: string): number | null => {
  if (s.trim() === '') return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
};

export function createProgressView(ctx: ViewContext): AppView {
  const view = new ProgressView(ctx);
  return { id: 'progress', label: 'nav.progress', el: view.el, onShow: () => void view.refresh() };
}

class ProgressView {
  readonly el = h('section', { class: 'pg', 'data-testid': 'progress-view' });
  private db: GanglagDb | null = null;
  private dbError: unknown = null;
  private profiles: Profile[] = [];
  private current: Profile | null = null;
  private sessions: SessionRecord[] = [];
  private events: ClinicianEvent[] = [];
  private storage: StorageInfo | null = null;
  private openSessionId: string | null = null;
  private baselineId = '';
  private editing: 'new' | 'edit' | null = null;
  private autoForm = false;
  private charts = new Map<MetricId, Chart>();
  private disposeSession: () => void = () => {};
  private seq = 0;
  /** Messages that must survive a re-render (the result of the last save or import). */
  private notes = {
    save: null as null | [string, 'ok' | 'error'],
    io: null as null | [string, 'ok' | 'error'],
  };

  private readonly profileCard = h('div', { class: 'pg-card', 'data-testid': 'pg-profile' });
  private readonly storageCard = h('div', { class: 'pg-card pg-storage', 'data-testid': 'pg-storage' });
  private readonly saveCard = h('div', { class: 'pg-card', 'data-testid': 'pg-save' });
  private readonly sessionsCard = h('div', { class: 'pg-card', 'data-testid': 'pg-sessions' });
  private readonly sessionHost = h('div', { class: 'pg-card pg-session', 'data-testid': 'pg-session-panel' });
  private readonly chartsCard = h('div', { class: 'pg-card', 'data-testid': 'pg-charts' });
  private readonly eventsCard = h('div', { class: 'pg-card', 'data-testid': 'pg-events' });
  private readonly ioCard = h('div', { class: 'pg-card', 'data-testid': 'pg-io' });
  private readonly draftsCard = h('div', { class: 'pg-card', 'data-testid': 'pg-drafts', hidden: true });
  /** Set while an import preview waits for confirmation, so re-renders keep it. */
  private pendingImport: HTMLElement | null = null;

  constructor(private readonly ctx: ViewContext) {
    this.sessionHost.hidden = true;
    this.el.append(
      h('div', { class: 'pg-top' }, this.profileCard, this.storageCard),
      this.draftsCard,
      this.saveCard,
      this.sessionsCard,
      this.sessionHost,
      this.chartsCard,
      h('div', { class: 'pg-two' }, this.eventsCard, this.ioCard),
    );
    onLangChange(() => {
      if (this.el.isConnected) void this.refresh();
    });
    const saveable = () => {
      this.notes.save = null; // "saved" belongs to the previous recording
      if (this.el.isConnected) this.renderSave();
    };
    onRecording(saveable);
    onAnalysis(saveable);
    // Load once at start-up, so the active profile reaches the other tabs before Progress is ever opened.
    void this.refresh();
  }

  private async open(): Promise<GanglagDb | null> {
    if (this.db || this.dbError) return this.db;
    try {
      this.db = await openGanglagDb({ now });
    } catch (err) {
      this.dbError = err;
    }
    return this.db;
  }

  /** Reloads everything from storage and redraws. */
  async refresh(): Promise<void> {
    const seq = ++this.seq;
    const db = await this.open();
    if (!db) {
      clear(this.profileCard);
      this.profileCard.append(h('p', { class: 'pg-msg error' }, errorText(this.dbError)));
      return;
    }
    try {
      let savedId: string | null = null;
      try {
        savedId = localStorage.getItem(CURRENT_KEY);
      } catch {
        // private mode: the first profile is current
      }
      const { profiles, current, sessions, events, storage } = await loadProgress(
        db,
        this.current?.id ?? savedId,
      );
      if (seq !== this.seq) return;
      this.profiles = profiles;
      this.current = current;
      // The gait and spine tabs take height, age and sex from the active profile (after a reload too).
      publishActiveProfile(
        current
          ? { id: current.id, heightM: current.heightM, birthYear: current.birthYear, sex: current.sex }
          : null,
      );
      this.sessions = sessions;
      this.events = events;
      this.storage = storage;
      if (this.openSessionId && !sessions.some((s) => s.id === this.openSessionId)) this.openSessionId = null;
      if (this.baselineId && !sessions.some((s) => s.id === this.baselineId)) this.baselineId = '';
    } catch (err) {
      this.notes.io = [errorText(err), 'error'];
    }
    // With no profile the form opens by itself; once there is one (created or imported) it closes again.
    if (this.profiles.length === 0) this.editing = 'new';
    else if (this.editing === 'new' && this.autoForm) this.editing = null;
    this.autoForm = this.profiles.length === 0;
    this.renderProfile();
    this.renderStorage();
    void renderDraftsCard(this.draftsCard, {
      db,
      profiles: this.current
        ? [this.current, ...this.profiles.filter((p) => p !== this.current)]
        : this.profiles,
      errorText,
      onChange: () => void this.refresh(),
    }).catch((err: unknown) => (this.notes.io = [errorText(err), 'error']));
    this.renderSave();
    this.renderSessions();
    this.renderCharts();
    this.renderEvents();
    this.renderIo();
    await this.renderSession();
  }

  private selectProfile(id: string): void {
    this.current = this.profiles.find((p) => p.id === id) ?? null;
    this.openSessionId = null;
    this.baselineId = '';
    this.editing = null;
    try {
      localStorage.setItem(CURRENT_KEY, id);
    } catch {
      // private mode
    }
    void this.refresh();
  }

  // Profiles

  private renderProfile(): void {
    const card = this.profileCard;
    clear(card);
    card.append(h('h2', {}, t('progress.profile.title')));
    if (this.profiles.length > 0) {
      const sel = h('select', {
        'aria-label': t('progress.profile.current'),
        'data-testid': 'pg-profile-select',
        onchange: (ev) => this.selectProfile((ev.target as HTMLSelectElement).value),
      });
      for (const p of this.profiles)
        sel.append(h('option', { value: p.id, selected: p.id === this.current?.id }, p.pseudonym));
      card.append(
        h(
          'div',
          { class: 'toolbar' },
          h('label', {}, t('progress.profile.current'), ' ', sel),
          h(
            'button',
            { type: 'button', 'data-testid': 'pg-new-profile', onclick: () => this.setEditing('new') },
            t('progress.profile.new'),
          ),
          h(
            'button',
            { type: 'button', 'data-testid': 'pg-edit-profile', onclick: () => this.setEditing('edit') },
            t('progress.profile.edit'),
          ),
        ),
      );
      const p = this.current;
      if (p) {
        const facts = [
          p.birthYear !== null ? t('progress.profile.born', { year: p.birthYear }) : null,
          t(`progress.sex.${p.sex}`),
          p.heightM !== null ? t('progress.profile.heightIs', { m: p.heightM.toFixed(2) }) : null,
          t('progress.profile.sessionCount', { n: this.sessions.length }),
        ].filter((x): x is string => x !== null);
        card.append(h('p', { class: 'pg-facts', 'data-testid': 'pg-profile-facts' }, facts.join(' · ')));
        if (p.notes) card.append(h('p', { class: 'pg-notes' }, p.notes));
      }
    } else {
      card.append(h('p', { class: 'hint' }, t('progress.profile.none')));
    }
    if (this.editing) card.append(this.profileForm(this.editing === 'edit' ? this.current : null));
  }

  private setEditing(mode: 'new' | 'edit' | null): void {
    this.editing = mode;
    this.autoForm = false;
    this.renderProfile();
    this.profileCard.querySelector<HTMLInputElement>('[data-testid=pg-pseudonym]')?.focus();
  }

  private profileForm(p: Profile | null): HTMLElement {
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
    const height = h('input', {
      type: 'number',
      min: 0.5,
      max: 2.5,
      step: 0.01,
      value: p?.heightM ?? '',
      'data-testid': 'pg-height',
    });
    const notes = h('textarea', { rows: 2, maxlength: 2000, 'data-testid': 'pg-profile-notes' });
    notes.value = p?.notes ?? '';
    const submit = async (ev: Event) => {
      ev.preventDefault();
      const db = this.db;
      if (!db) return;
      const by = numberOrNull(birthYear.value);
      const hm = numberOrNull(height.value);
      if (pseudonym.value.trim() === '') return message(msg, t('progress.profile.needPseudonym'), 'error');
      if (by !== null && (!Number.isInteger(by) || by < year - 120 || by > year))
        return message(msg, t('progress.profile.badYear'), 'error');
      if (hm !== null && (hm < 0.5 || hm > 2.5))
        return message(msg, t('progress.profile.badHeight'), 'error');
      const input: ProfileInput = {
        pseudonym: pseudonym.value.trim(),
        birthYear: by,
        sex: sex.value as Sex,
        heightM: hm,
        notes: notes.value,
      };
      try {
        const saved = p ? await db.updateProfile(p.id, input) : await db.createProfile(input);
        this.editing = null;
        this.current = saved;
        try {
          localStorage.setItem(CURRENT_KEY, saved.id);
        } catch {
          // private mode
        }
        await this.refresh();
      } catch (err) {
        message(msg, errorText(err), 'error');
      }
    };
    const form = h(
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
        this.profiles.length > 0
          ? h('button', { type: 'button', onclick: () => this.setEditing(null) }, t('progress.action.cancel'))
          : null,
        p
          ? h(
              'button',
              {
                type: 'button',
                class: 'pg-danger',
                onclick: async () => {
                  try {
                    const db = this.db;
                    if (!db || !(await eraseProfileConfirmed(db, p, (q) => confirm(q)))) return;
                    this.current = null;
                    this.editing = null;
                    await this.refresh();
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
    return form;
  }

  // Storage

  private renderStorage(): void {
    const card = this.storageCard;
    clear(card);
    const s = this.storage;
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
              const ok = await this.db?.requestPersistence();
              message(
                msg,
                ok ? t('progress.storage.granted') : t('progress.storage.refused'),
                ok ? 'ok' : 'info',
              );
              if (ok) this.storage = await (this.db?.storageInfo() ?? null);
            },
          },
          t('progress.storage.ask'),
        ),
      );
    card.append(msg);
  }

  // Saving the current analysis

  /** The analysed video file, if the capture view still holds the one this recording came from. */
  private clip(rec: PosesFileV1): File | null {
    const file = this.ctx.capture.lastFile;
    if (!file || !rec.source?.name || rec.source.name !== file.name) return null;
    return file;
  }

  private renderSave(): void {
    const card = this.saveCard;
    clear(card);
    card.append(h('h2', {}, t('progress.save.title')));
    const src = currentSaveable();
    const profile = this.current;
    if (!profile) {
      card.append(h('p', { class: 'hint' }, t('progress.save.needProfile')));
      return;
    }
    if (!src) {
      card.append(
        h('p', { class: 'hint' }, t('progress.save.nothing')),
        h('button', { type: 'button', onclick: () => this.ctx.show('live') }, t('progress.save.goCapture')),
      );
      if (this.notes.save) card.append(this.persistentMsg('save'));
      return;
    }
    const rec = src.recording;
    const durS =
      rec.frames.length > 1 ? (rec.frames[rec.frames.length - 1].tMs - rec.frames[0].tMs) / 1000 : 0;
    card.append(
      h(
        'p',
        { 'data-testid': 'pg-save-source' },
        t('progress.save.source', {
          kind: t(`progress.kind.${src.kind}`),
          protocol: src.protocol,
          frames: rec.frames.length,
          seconds: durS.toFixed(1),
          name: profile.pseudonym,
        }),
      ),
    );
    if (!src.analysis) card.append(h('p', { class: 'hint' }, t('progress.save.willAnalyse')));
    else if (src.kind === 'gait' && src.analysis.scale.method === 'pixels' && profile.heightM !== null)
      card.append(h('p', { class: 'hint' }, t('progress.save.rescale', { m: profile.heightM.toFixed(2) })));

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
    const clip = this.clip(rec);
    const consentName = `pg-consent-${Math.random().toString(36).slice(2)}`;
    const yes = h('input', {
      type: 'radio',
      name: consentName,
      value: 'yes',
      'data-testid': 'pg-consent-yes',
    });
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
    const msg = h('p', { class: 'pg-msg', role: 'status', 'data-testid': 'pg-save-msg' });
    const button = h(
      'button',
      { type: 'submit', class: 'pg-primary', 'data-testid': 'pg-save-session' },
      t('progress.save.button'),
    );

    const submit = async (ev: Event) => {
      ev.preventDefault();
      const db = this.db;
      if (!db) return;
      const started = new Date(when.value);
      if (!Number.isFinite(started.getTime())) return message(msg, t('progress.save.badDate'), 'error');
      if (clip && !yes.checked && !no.checked) return message(msg, t('progress.consent.answer'), 'error');
      button.disabled = true;
      message(msg, t('progress.save.saving'));
      try {
        // A walk measured without any scale (pixels only) is re-measured with the profile's height.
        const rescale =
          src.kind === 'gait' && src.analysis?.scale.method === 'pixels' && profile.heightM !== null;
        const analysis =
          (rescale ? null : src.analysis) ??
          analyzeGait(rec, {
            heightM: profile.heightM ?? appState.heightM ?? rec.subject.heightM,
            sex: profile.sex === 'female' || profile.sex === 'male' ? profile.sex : undefined,
            ageYears: profile.birthYear !== null ? started.getFullYear() - profile.birthYear : undefined,
          });
        const session = await db.addSession({
          profileId: profile.id,
          startedAt: started.toISOString(),
          kind: src.kind,
          protocol: src.protocol,
          timeOfDay: tod.value === 'auto' ? undefined : (tod.value as TimeOfDay),
          analysis,
          poses: rec,
          notes: notes.value,
        });
        let text = t('progress.save.saved', {
          date: showDateTime(session.startedAt),
          name: profile.pseudonym,
        });
        let kind: 'ok' | 'error' = 'ok';
        if (clip && yes.checked) {
          try {
            await db.saveVideo(session.id, clip, { consented: true });
            text += ` ${t('progress.save.videoKept')}`;
          } catch (err) {
            text += ` ${isQuota(err) ? t('progress.save.videoQuota') : errorText(err)}`;
            kind = 'error';
          }
        }
        this.notes.save = [text, kind];
        if (this.storage?.persisted !== true) await db.requestPersistence();
        await this.refresh();
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
        consent,
        h('div', { class: 'toolbar' }, button),
        msg,
      ),
    );
    if (this.notes.save) card.append(this.persistentMsg('save'));
  }

  private persistentMsg(which: 'save' | 'io'): HTMLElement {
    const m = h('p', { class: 'pg-msg', role: 'status', 'data-testid': `pg-${which}-result` });
    const note = this.notes[which];
    if (note) message(m, note[0], note[1]);
    return m;
  }

  // Sessions list

  private renderSessions(): void {
    const card = this.sessionsCard;
    clear(card);
    card.append(h('h2', {}, t('progress.sessions.title', { n: this.sessions.length })));
    if (this.sessions.length === 0) {
      card.append(h('p', { class: 'hint' }, t('progress.sessions.none')));
      return;
    }
    const cols: MetricId[] = ['gait-speed', 'cadence', 'forward-flexion-rom', 'fingertip-to-floor'];
    const body = h('tbody', {});
    for (const s of [...this.sessions].reverse()) {
      const openIt = () => this.openSession(s.id);
      body.append(
        h(
          'tr',
          {
            class: s.id === this.openSessionId ? 'pg-row active' : 'pg-row',
            'data-session': s.id,
            tabindex: 0,
            onclick: openIt,
            onkeydown: (ev) => {
              if ((ev as KeyboardEvent).key === 'Enter') openIt();
            },
          },
          h('td', {}, showDateTime(s.startedAt)),
          h('td', {}, t(`progress.tod.${s.timeOfDay}`)),
          h('td', {}, t(`progress.kind.${s.kind}`)),
          h('td', {}, s.protocol),
          ...cols.map((m) => h('td', { class: 'num' }, formatMetric(m, metricValue(m, s.analysis)) || '–')),
          h('td', { class: 'pg-note-cell' }, s.notes),
          h('td', {}, s.videoConsent ? t('progress.sessions.video') : ''),
        ),
      );
    }
    card.append(
      h(
        'div',
        { class: 'pg-scroll' },
        h(
          'table',
          { class: 'pg-table pg-sessions-table', 'data-testid': 'pg-sessions-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, t('progress.field.dateTime')),
              h('th', {}, t('progress.field.timeOfDay')),
              h('th', {}, t('progress.sessions.kind')),
              h('th', {}, t('progress.sessions.protocol')),
              ...cols.map((m) => h('th', { class: 'num' }, `${metricLabel(m)} (${metricUnit(m)})`)),
              h('th', {}, t('progress.field.notes')),
              h('th', {}, ''),
            ),
          ),
          body,
        ),
      ),
    );
  }

  private openSession(id: string): void {
    this.openSessionId = id;
    this.renderSessions();
    void this.renderSession().then(() =>
      this.sessionHost.scrollIntoView({ behavior: 'smooth', block: 'start' }),
    );
  }

  private async renderSession(): Promise<void> {
    this.disposeSession();
    this.disposeSession = () => {};
    const s = this.sessions.find((x) => x.id === this.openSessionId);
    const db = this.db;
    if (!s || !db || !this.current) {
      this.sessionHost.hidden = true;
      clear(this.sessionHost);
      return;
    }
    this.sessionHost.hidden = false;
    this.sessionHost.dataset.session = s.id;
    this.disposeSession = await renderSessionPanel(this.sessionHost, s, {
      db,
      profile: this.current,
      sessions: this.sessions,
      onChanged: () => void this.refresh(),
      onClose: () => {
        this.openSessionId = null;
        this.renderSessions();
        void this.renderSession();
      },
    });
  }

  // Progress charts

  private renderCharts(): void {
    for (const c of this.charts.values()) c.destroy();
    this.charts.clear();
    const card = this.chartsCard;
    clear(card);
    card.append(h('h2', {}, t('progress.charts.title')));
    const profile = this.current;
    if (!profile || this.sessions.length === 0) {
      card.append(h('p', { class: 'hint' }, t('progress.charts.none')));
      return;
    }
    const baseline = h('select', {
      'data-testid': 'pg-baseline',
      onchange: (ev) => {
        this.baselineId = (ev.target as HTMLSelectElement).value;
        this.renderCharts();
      },
    });
    baseline.append(h('option', { value: '' }, t('progress.charts.baselineFirst')));
    for (const s of this.sessions)
      baseline.append(
        h(
          'option',
          { value: s.id, selected: s.id === this.baselineId },
          `${showDateTime(s.startedAt)} · ${t(`progress.kind.${s.kind}`)}`,
        ),
      );
    card.append(
      h(
        'div',
        { class: 'toolbar' },
        h('label', {}, t('progress.charts.baseline'), ' ', baseline),
        h('span', { class: 'hint' }, t('progress.charts.hint')),
      ),
    );
    const grid = h('div', { class: 'pg-chart-grid' });
    const empty: string[] = [];
    for (const metric of PROGRESS_METRICS) {
      const pc = buildProgressChart(metric, {
        profile,
        sessions: this.sessions,
        events: this.events,
        baselineSessionId: this.baselineId || undefined,
      });
      if (pc.empty) {
        empty.push(metricLabel(metric));
        continue;
      }
      const canvas = h('canvas', {
        role: 'img',
        'aria-label': metricLabel(metric),
        'data-testid': `pg-chart-${metric}`,
        'data-metric': metric,
      });
      const title = `${metricLabel(metric)} (${metricUnit(metric)})`;
      const png = h(
        'button',
        {
          type: 'button',
          class: 'pg-small',
          'data-testid': `pg-png-${metric}`,
          onclick: async () => {
            const chart = this.charts.get(metric);
            if (chart)
              downloadBlob(await chartPng(chart), `ganglag-${fileSafe(profile.pseudonym)}-${metric}.png`);
          },
        },
        t('progress.export.png'),
      );
      const smc = pc.meaningfulChange
        ? t('progress.charts.smc', {
            label: pc.meaningfulChange.labels.join(' / '),
            value: pc.meaningfulChange.labels.map(smcValue).join(' / '),
          })
        : t('progress.charts.noSmc');
      const ref = pc.reference ? t('progress.charts.norm', { source: pc.reference.source }) : null;
      const hover = h(
        'p',
        { class: 'pg-hover', 'aria-live': 'polite', 'data-testid': `pg-hover-${metric}` },
        t('progress.charts.hoverHint'),
      );
      grid.append(
        h(
          'figure',
          { class: 'pg-chart-card' },
          h('div', { class: 'pg-chart-box' }, canvas),
          hover,
          h('figcaption', {}, h('span', {}, [smc, ref].filter(Boolean).join(' · ')), png),
        ),
      );
      this.charts.set(
        metric,
        renderProgressChart(
          canvas,
          pc,
          title,
          (id) => this.openSession(id),
          (detail) => (hover.textContent = detail ?? t('progress.charts.hoverHint')),
        ),
      );
    }
    card.append(grid);
    if (empty.length > 0)
      card.append(h('p', { class: 'hint' }, t('progress.charts.notMeasured', { list: empty.join(', ') })));
  }

  // Clinician events

  private renderEvents(): void {
    const card = this.eventsCard;
    clear(card);
    card.append(h('h2', {}, t('progress.events.title')));
    const profile = this.current;
    if (!profile) {
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
        await this.db?.addEvent({ profileId: profile.id, date: date.value, label: label.value.trim() });
        await this.refresh();
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
    for (const e of [...this.events].reverse())
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
                  const db = this.db;
                  if (!db || !(await deleteEventConfirmed(db, e, (q) => confirm(q)))) return;
                  await this.refresh();
                } catch (err) {
                  message(msg, errorText(err), 'error');
                }
              },
            },
            '✕',
          ),
        ),
      );
    if (this.events.length === 0) list.append(h('li', { class: 'hint' }, t('progress.events.none')));
    card.append(list);
  }

  // Exports, backup and import

  private renderIo(): void {
    const card = this.ioCard;
    clear(card);
    card.append(h('h2', {}, t('progress.io.title')));
    const msg = h('p', { class: 'pg-msg', role: 'status', 'data-testid': 'pg-io-msg' });
    const profile = this.current;
    const today = toLocalDate(now());
    const first = this.sessions[0] ? toLocalDate(new Date(this.sessions[0].startedAt)) : today;
    const from = h('input', {
      type: 'date',
      value: first < today ? first : today,
      'data-testid': 'pg-period-from',
    });
    const to = h('input', { type: 'date', value: today, 'data-testid': 'pg-period-to' });
    const base = profile ? `ganglag-${fileSafe(profile.pseudonym)}` : 'ganglag';
    const stamp = () => now().toISOString().slice(0, 10);
    const run = (fn: () => Promise<void> | void) => async () => {
      try {
        await fn();
      } catch (err) {
        message(msg, errorText(err), 'error');
      }
    };
    const btn = (id: string, label: string, fn: () => Promise<void> | void, disabled = false) =>
      h('button', { type: 'button', 'data-testid': id, disabled, onclick: run(fn) }, label);
    const none = !profile || this.sessions.length === 0;

    card.append(
      h('h3', {}, t('progress.io.report')),
      h(
        'div',
        { class: 'pg-form pg-inline' },
        h('label', {}, t('progress.io.from'), from),
        h('label', {}, t('progress.io.to'), to),
        btn(
          'pg-export-pdf',
          t('progress.export.pdf'),
          () => {
            if (!profile) return;
            if (from.value > to.value) return message(msg, t('progress.io.badPeriod'), 'error');
            const charts: PdfChart[] = [...this.charts.entries()].map(([metric, chart]) => ({
              title: `${reportStrings(getLang()).metric[metric].label} (${reportStrings(getLang()).metric[metric].unit})`,
              pngDataUrl: chart.toBase64Image('image/png', 1),
              aspect: chart.width / chart.height,
            }));
            const report = buildPdfReport({
              profile,
              sessions: this.sessions,
              period: { from: from.value, to: to.value },
              charts,
              generatedAt: now(),
              lang: getLang(),
            });
            downloadBlob(
              new Blob([report.bytes], { type: 'application/pdf' }),
              `${base}-report-${from.value}-${to.value}.pdf`,
            );
            message(
              msg,
              t('progress.io.pdfDone', { pages: report.pageCount, sessions: report.sessionCount }),
              'ok',
            );
          },
          none,
        ),
      ),
      h('h3', {}, t('progress.io.data')),
      h(
        'div',
        { class: 'toolbar' },
        btn(
          'pg-export-csv',
          t('progress.export.csv'),
          async () => {
            const db = this.db;
            if (!db) return;
            const all = (await Promise.all(this.profiles.map((p) => db.listSessions(p.id)))).flat();
            downloadBlob(
              new Blob([buildMetricsCsv(this.profiles, all, getLang())], { type: 'text/csv' }),
              `ganglag-metrics-${stamp()}.csv`,
            );
            message(msg, t('progress.io.csvDone', { sessions: all.length }), 'ok');
          },
          this.profiles.length === 0,
        ),
        btn(
          'pg-export-fhir',
          t('progress.export.fhir'),
          () => {
            if (!profile) return;
            const bundle = buildFhirBundle(profile, this.sessions, now(), {
              appVersion: __APP_VERSION__,
              poseModel: null,
            });
            downloadBlob(
              new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/fhir+json' }),
              `${base}-fhir-${stamp()}.json`,
            );
            message(msg, t('progress.io.fhirDone', { sessions: this.sessions.length }), 'ok');
          },
          none,
        ),
        btn('pg-export-backup', t('progress.export.backup'), async () => {
          const db = this.db;
          if (!db) return;
          const bar = progressBar(t('progress.io.exporting'), 'pg-export-progress');
          msg.after(bar.el);
          try {
            const blob = await db.exportBackupBlob({ onProgress: bar.update });
            downloadBlob(blob, `ganglag-backup-${stamp()}.ndjson`);
          } finally {
            bar.el.remove();
          }
        }),
      ),
      h('p', { class: 'hint' }, t('progress.io.dataHint')),
    );

    const file = h('input', {
      type: 'file',
      accept: '.ndjson,.json,application/x-ndjson,application/json',
      'data-testid': 'pg-import-input',
      'aria-label': t('progress.io.importLabel'),
    });
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      file.value = '';
      if (f) void this.importFile(f);
    });
    card.append(
      h('h3', {}, t('progress.io.import')),
      h('p', { class: 'hint' }, t('progress.io.importHint')),
      h('label', { class: 'button pg-file' }, t('progress.io.importLabel'), file),
      msg,
    );
    if (this.pendingImport) card.append(this.pendingImport);
    if (this.notes.io) card.append(this.persistentMsg('io'));
  }

  /** Reads the whole file, shows what it would change, and imports only after the user confirms. */
  private async importFile(f: File): Promise<void> {
    const db = this.db;
    if (!db) return;
    this.notes.io = null;
    this.pendingImport = null;
    const reading = progressBar(t('progress.io.reading', { file: f.name }), 'pg-import-progress');
    this.ioCard.append(reading.el);
    let plan;
    try {
      plan = await db.previewImport(f, { onProgress: reading.update });
    } catch (err) {
      this.notes.io = [`${t('progress.io.rejected', { file: f.name })} ${errorText(err)}`, 'error'];
      reading.el.remove();
      await this.refresh();
      return;
    }
    reading.el.remove();
    this.pendingImport = renderImportPreview(f.name, plan, {
      onCancel: () => {
        this.pendingImport = null;
        this.notes.io = [t('progress.io.cancelled', { file: f.name }), 'ok'];
        void this.refresh();
      },
      onConfirm: () => void this.applyImport(f, plan),
    });
    this.renderIo();
  }

  private async applyImport(f: File, plan: ImportPlan): Promise<void> {
    const db = this.db;
    if (!db) return;
    const bar = progressBar(t('progress.io.importing'), 'pg-import-progress');
    this.pendingImport?.replaceWith(bar.el);
    this.pendingImport = null;
    try {
      const c = await db.importBackupFile(f, { previewed: plan, onProgress: bar.update });
      this.notes.io = [importSummary(f.name, c), 'ok'];
    } catch (err) {
      // A v2 file is imported a record at a time: what landed stays, and importing again completes it.
      this.notes.io = [t('progress.io.partial', { file: f.name, detail: errorText(err) }), 'error'];
    }
    bar.el.remove();
    await this.refresh();
  }
}
