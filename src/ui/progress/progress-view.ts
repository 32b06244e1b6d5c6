// The Progress tab: wires the cards (src/ui/progress/cards/) to the controller, which holds the state and
// every database call. All stored text is inserted as text.
import type { Chart } from 'chart.js';
import type { MetricId } from '../../report';
import { openGanglagDb } from '../../storage';
import { onAnalysis, onRecording, publishActiveProfile } from '../app-state';
import { now } from '../clock';
import { clear, h } from '../dom';
import { onLangChange } from '../i18n';
import type { AppView, ViewContext } from '../view';
import { renderChartsCard } from './cards/charts-card';
import { renderEventsCard } from './cards/events-card';
import { renderIoCard } from './cards/io-card';
import { renderProfileCard } from './cards/profile-card';
import { renderSaveCard } from './cards/save-card';
import { renderSessionsCard } from './cards/sessions-card';
import { renderStorageCard } from './cards/storage-card';
import { ProgressController, type Prefs, type SaveSource } from './controller';
import { renderDraftsCard } from '../drafts/drafts-card';
import './progress.css';
import { renderSessionPanel } from './session-panel';
import { errorText } from './util';

type Note = [string, 'ok' | 'error'];

/** localStorage, or nothing in private mode (the first profile is then current). */
const prefs: Prefs = {
  get: (key) => {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set: (key, value) => {
    try {
      localStorage.setItem(key, value);
    } catch {
      // private mode: the choice lasts for this page only
    }
  },
};

export function createProgressView(ctx: ViewContext): AppView {
  const view = new ProgressView(ctx);
  return { id: 'progress', label: 'nav.progress', el: view.el, onShow: () => void view.refresh() };
}

class ProgressView {
  readonly el = h('section', { class: 'pg', 'data-testid': 'progress-view' });
  private readonly ctl = new ProgressController({
    openDb: () => openGanglagDb({ now }),
    prefs,
    // The gait and spine tabs take height, age and sex from the active profile (after a reload too).
    publish: (p) =>
      publishActiveProfile(
        p
          ? { id: p.id, pseudonym: p.pseudonym, heightM: p.heightM, birthYear: p.birthYear, sex: p.sex }
          : null,
      ),
  });
  private editing: 'new' | 'edit' | null = null;
  private autoForm = false;
  private charts = new Map<MetricId, Chart>();
  private allCharts: Chart[] = [];
  private disposeSession: () => void = () => {};
  /** Messages that must survive a re-render (the result of the last save or import). */
  private notes: { save: Note | null; io: Note | null } = { save: null, io: null };
  /** Set while an import preview waits for confirmation, so re-renders keep it. */
  private pendingImport: HTMLElement | null = null;

  private readonly profileCard = h('div', { class: 'pg-card', 'data-testid': 'pg-profile' });
  private readonly storageCard = h('div', { class: 'pg-card pg-storage', 'data-testid': 'pg-storage' });
  private readonly saveCard = h('div', { class: 'pg-card', 'data-testid': 'pg-save' });
  private readonly sessionsCard = h('div', { class: 'pg-card', 'data-testid': 'pg-sessions' });
  private readonly sessionHost = h('div', {
    class: 'pg-card pg-session',
    id: 'pg-session-panel',
    'data-testid': 'pg-session-panel',
  });
  private readonly chartsCard = h('div', { class: 'pg-card', 'data-testid': 'pg-charts' });
  private readonly eventsCard = h('div', { class: 'pg-card', 'data-testid': 'pg-events' });
  private readonly ioCard = h('div', { class: 'pg-card', 'data-testid': 'pg-io' });
  private readonly draftsCard = h('div', { class: 'pg-card', 'data-testid': 'pg-drafts', hidden: true });

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

  /** Reloads everything from storage and redraws. */
  async refresh(): Promise<void> {
    const ctl = this.ctl;
    try {
      if (!(await ctl.reload())) {
        if (ctl.dbError) {
          clear(this.profileCard);
          this.profileCard.append(h('p', { class: 'pg-msg error' }, errorText(ctl.dbError)));
        }
        return; // or a later reload overtook this one and draws instead
      }
    } catch (err) {
      this.notes.io = [errorText(err), 'error'];
    }
    const db = ctl.db;
    if (!db) return;
    // With no profile the form opens by itself; once there is one (created or imported) it closes again.
    if (ctl.profiles.length === 0) this.editing = 'new';
    else if (this.editing === 'new' && this.autoForm) this.editing = null;
    this.autoForm = ctl.profiles.length === 0;
    this.renderProfile();
    renderStorageCard(this.storageCard, ctl);
    const current = ctl.current;
    void renderDraftsCard(this.draftsCard, {
      db,
      profiles: current ? [current, ...ctl.profiles.filter((p) => p !== current)] : ctl.profiles,
      errorText,
      onChange: () => void this.refresh(),
    }).catch((err: unknown) => (this.notes.io = [errorText(err), 'error']));
    this.renderSave();
    this.renderSessions();
    this.renderCharts();
    renderEventsCard(this.eventsCard, ctl, () => this.refresh());
    this.renderIo();
    await this.renderSession();
  }

  private renderProfile(): void {
    renderProfileCard(this.profileCard, {
      ctl: this.ctl,
      editing: this.editing,
      setEditing: (mode) => {
        this.editing = mode;
        this.autoForm = false;
        this.renderProfile();
        if (mode) this.profileCard.querySelector<HTMLInputElement>('[data-testid=pg-pseudonym]')?.focus();
      },
      selectProfile: (id) => {
        this.ctl.selectProfile(id);
        this.editing = null;
        void this.refresh();
      },
      refresh: () => this.refresh(),
    });
  }

  /** The analysed video file, if the capture view still holds the one this recording came from. */
  private clip(src: SaveSource): File | null {
    const file = this.ctx.capture.lastFile;
    const name = src.recording.source?.name;
    return file && name && name === file.name ? file : null;
  }

  private renderSave(): void {
    renderSaveCard(this.saveCard, {
      ctl: this.ctl,
      clipFor: (src) => this.clip(src),
      goCapture: () => this.ctx.show('live'),
      note: this.notes.save,
      setNote: (note) => (this.notes.save = note),
      refresh: () => this.refresh(),
    });
  }

  private renderSessions(): void {
    renderSessionsCard(this.sessionsCard, this.ctl, (id) => this.openSession(id));
  }

  private renderCharts(): void {
    for (const c of this.allCharts) c.destroy();
    const drawn = renderChartsCard(this.chartsCard, {
      ctl: this.ctl,
      openSession: (id) => this.openSession(id),
      redraw: () => this.renderCharts(),
    });
    this.charts = drawn.byMetric;
    this.allCharts = drawn.all;
  }

  private renderIo(): void {
    renderIoCard(this.ioCard, {
      ctl: this.ctl,
      charts: () => this.charts,
      note: this.notes.io,
      setNote: (note) => (this.notes.io = note),
      pending: () => this.pendingImport,
      setPending: (el) => (this.pendingImport = el),
      refresh: () => this.refresh(),
      redraw: () => this.renderIo(),
    });
  }

  /** Opens a session in the panel and moves focus to the panel's heading (not to the page body). */
  private openSession(id: string): void {
    this.ctl.openSessionId = id;
    this.renderSessions();
    void this.renderSession().then(() => {
      this.sessionHost.querySelector<HTMLElement>('[data-testid=pg-session-title]')?.focus();
      this.sessionHost.scrollIntoView({
        behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth',
        block: 'start',
      });
    });
  }

  /** Closes the panel and gives focus back to the session's row. */
  private closeSession(): void {
    const id = this.ctl.openSessionId;
    this.ctl.openSessionId = null;
    this.renderSessions();
    void this.renderSession();
    if (id) this.sessionsCard.querySelector<HTMLElement>(`tr[data-session="${CSS.escape(id)}"]`)?.focus();
  }

  private async renderSession(): Promise<void> {
    this.disposeSession();
    this.disposeSession = () => {};
    const ctl = this.ctl;
    const s = ctl.sessions.find((x) => x.id === ctl.openSessionId);
    const db = ctl.db;
    const profile = ctl.current;
    if (!s || !db || !profile) {
      this.sessionHost.hidden = true;
      clear(this.sessionHost);
      return;
    }
    this.sessionHost.hidden = false;
    this.sessionHost.dataset.session = s.id;
    this.disposeSession = await renderSessionPanel(this.sessionHost, s, {
      db,
      profile,
      sessions: ctl.sessions,
      baselineId: ctl.baselineId,
      onChanged: () => void this.refresh(),
      onClose: () => this.closeSession(),
    });
  }
}
