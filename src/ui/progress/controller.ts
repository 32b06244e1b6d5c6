// The Progress tab's state and database work, apart from its DOM: which profile is current, its sessions and
// events, saving a recording as a session (with the re-analysis a pixel-only walk needs), erasing with
// confirmation, exports and the backup import. Unit-tested against fake-indexeddb
// (tests/unit/progress-controller.test.ts); the view (progress-view.ts) only renders this state.
import { draftSaved } from '../drafts/draft-writer';
import { analyzeRecording } from '../../analysis';
import { judgeAgainstBaseline, type BaselineJudgement } from '../../analysis/guarded/thresholds';
import type { AnalysisV1 } from '../../shared/analysis-format';
import type { PosesFileV1 } from '../../shared/poses-format';
import { meters } from '../../shared/units';
import type {
  BackupProgress,
  ClinicianEvent,
  GanglagDb,
  ImportPlan,
  ImportReport,
  MergeCounts,
  Profile,
  ProfileInput,
  SessionKind,
  SelfReport,
  SessionRecord,
  StorageInfo,
  TimeOfDay,
} from '../../storage';
import { t } from '../i18n';

export interface ProgressState {
  profiles: Profile[];
  current: Profile | null;
  sessions: SessionRecord[];
  events: ClinicianEvent[];
  storage: StorageInfo;
  /** Sessions whose clip is stored on this device (a consent flag alone, e.g. from a backup, is not a clip). */
  withVideo: ReadonlySet<string>;
}

/** Everything a render needs; the current profile is the preferred id if it still exists, else the first. */
export async function loadProgress(db: GanglagDb, preferredId: string | null): Promise<ProgressState> {
  const profiles = await db.listProfiles();
  const current = profiles.find((p) => p.id === preferredId) ?? profiles[0] ?? null;
  const [sessions, events, storage] = await Promise.all([
    current ? db.listSessions(current.id) : Promise.resolve([]),
    current ? db.listEvents(current.id) : Promise.resolve([]),
    db.storageInfo(),
  ]);
  // Only sessions that say they have consent can hold a clip; ask the store which really do.
  const held = await Promise.all(
    sessions
      .filter((s) => s.videoConsent)
      .map(async (s) => ((await db.getVideo(s.id).catch(() => undefined)) ? s.id : null)),
  );
  const withVideo = new Set(held.filter((id): id is string => id !== null));
  return { profiles, current, sessions, events, storage, withVideo };
}

/** Asks the user (with what will go, by count) and erases the profile for good; false if they said no. */
export async function eraseProfileConfirmed(
  db: GanglagDb,
  profile: Profile,
  ask: (question: string) => boolean,
): Promise<boolean> {
  const what = await db.profileContents(profile.id);
  if (!ask(t('progress.profile.confirmErase', { name: profile.pseudonym, ...what }))) return false;
  await db.deleteProfile(profile.id);
  return true;
}

/** Asks, then deletes the event; false if the user said no. */
export async function deleteEventConfirmed(
  db: GanglagDb,
  event: ClinicianEvent,
  ask: (question: string) => boolean,
): Promise<boolean> {
  if (!ask(t('progress.events.confirmDelete', { label: event.label, date: event.date }))) return false;
  await db.deleteEvent(event.id);
  return true;
}

/** One line saying what an import did. */
export function importSummary(file: string, c: ImportReport): string {
  const sum = (k: keyof MergeCounts) =>
    c.profiles[k] + c.sessions[k] + c.events[k] + (c.cameraSetups?.[k] ?? 0);
  const setups = (c.cameraSetups?.added ?? 0) + (c.cameraSetups?.updated ?? 0);
  return [
    t('progress.io.imported', {
      file,
      profiles: c.profiles.added + c.profiles.updated,
      sessions: c.sessions.added + c.sessions.updated,
      events: c.events.added + c.events.updated,
      unchanged: sum('unchanged'),
      kept: sum('keptLocal'),
    }),
    setups > 0 ? t('progress.io.setups', { n: setups }) : '',
    sum('refused') > 0 ? t('progress.io.refused', { n: sum('refused') }) : '',
    sum('erased') > 0 ? t('progress.io.erased', { n: sum('erased') }) : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** What the save form would store: a published analysis, or the latest recording analysed as a walk. */
export interface SaveSource {
  recording: PosesFileV1;
  kind: SessionKind;
  protocol: string;
  /** Null for a recording no view analysed: it is analysed as a walk at save time. */
  analysis: AnalysisV1 | null;
}

/** True when saving re-measures the walk: no analysis yet, or a pixel-only walk and the profile has a height. */
export function needsAnalysis(src: SaveSource, profile: Profile): boolean {
  if (!src.analysis) return true;
  return src.kind === 'gait' && src.analysis.scale.method === 'pixels' && profile.heightM !== null;
}

/** What is stored: the analysis with the kind and protocol that go with it. */
export interface Prepared {
  analysis: AnalysisV1;
  kind: SessionKind;
  protocol: string;
}

/**
 * The analysis a session is saved with: the published one, or the recording through the analysis entry point
 * (analyzeRecording) with the profile's height, age (at the session's date) and sex. A pixel-only walk is
 * re-measured with the profile's height. A recording no view analysed is whatever the entry point recognises
 * (a walk, or a spine test or posture); its kind and protocol follow. `fallbackHeightM` is the height typed in
 * the gait tab, used when the profile has none.
 */
export function prepareForSave(
  src: SaveSource,
  profile: Profile,
  startedAt: Date,
  fallbackHeightM?: number,
): Prepared {
  const published = { analysis: src.analysis, kind: src.kind, protocol: src.protocol };
  if (published.analysis && !needsAnalysis(src, profile))
    return { ...published, analysis: published.analysis };
  const heightM = profile.heightM ?? fallbackHeightM ?? src.recording.subject.heightM;
  const analysis = analyzeRecording(src.recording, {
    heightM: heightM === undefined ? undefined : meters(heightM),
    sex: profile.sex === 'female' || profile.sex === 'male' ? profile.sex : undefined,
    ageYears: profile.birthYear !== null ? startedAt.getFullYear() - profile.birthYear : undefined,
  });
  if (published.analysis) {
    // Re-measuring a walk: keep what was published should the entry point not see the walk again.
    return analysis.gait ? { ...published, analysis } : { ...published, analysis: published.analysis };
  }
  if (analysis.gait || !(analysis.spine || analysis.posture))
    return { analysis, kind: 'gait', protocol: 'free-walk' };
  const test = analysis.spine?.test ?? 'posture';
  return { analysis, kind: test === 'posture' ? 'posture' : 'spine', protocol: test };
}

export interface SaveForm {
  startedAt: Date;
  /** Undefined: from the time (storage decides). */
  timeOfDay?: TimeOfDay;
  notes: string;
  /** The analysed file, kept only with consent. */
  clip: File | null;
  keepClip: boolean;
  fallbackHeightM?: number;
  /** The patient's own report (pain, stiffness, walking aid); undefined when nothing was answered. */
  selfReport?: SelfReport;
}

export interface SaveOutcome {
  session: SessionRecord;
  /** 'kept' or 'none'; an error object when the session was saved but the clip was not. */
  video: 'kept' | 'none' | { error: unknown };
}

/**
 * The baseline a session's screening indicators are judged against: the baseline the user chose, else the
 * profile's first gait session with indicators; null when that is this session or there is none.
 */
export function baselineSession(
  session: SessionRecord,
  sessions: readonly SessionRecord[],
  chosenId: string,
): SessionRecord | null {
  const hasIndicators = (s: SessionRecord) => (s.analysis.guarded?.indicators.length ?? 0) > 0;
  const chosen = sessions.find((s) => s.id === chosenId && hasIndicators(s));
  const base =
    chosen ??
    [...sessions]
      .filter(hasIndicators)
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
      .find(() => true);
  return base && base.id !== session.id ? base : null;
}

/** The session's guarded-gait indicators judged as docs/metrics.md promises (src/analysis/guarded/thresholds). */
export function judgeSession(
  session: SessionRecord,
  sessions: readonly SessionRecord[],
  chosenBaselineId: string,
): { baseline: SessionRecord | null; judgements: BaselineJudgement[] } {
  const baseline = baselineSession(session, sessions, chosenBaselineId);
  const current = session.analysis.guarded?.indicators ?? [];
  return {
    baseline,
    judgements: judgeAgainstBaseline(current, baseline?.analysis.guarded?.indicators ?? null),
  };
}

/** Where the current profile's id is remembered between visits (localStorage in the app). */
export interface Prefs {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

const CURRENT_KEY = 'ganglag.currentProfile';

export interface ControllerDeps {
  openDb: () => Promise<GanglagDb>;
  prefs: Prefs;
  /** Told the active profile after every load, so the other tabs use its height, age and sex. */
  publish?: (p: Profile | null) => void;
}

/** The Progress tab's state. The view calls an action, then re-renders from the state. */
export class ProgressController {
  db: GanglagDb | null = null;
  dbError: unknown = null;
  state: ProgressState | null = null;
  /** The session open in the panel, and the baseline chosen in the charts ('' = the first session). */
  openSessionId: string | null = null;
  baselineId = '';
  private preferredId: string | null = null;
  private seq = 0;

  constructor(private readonly deps: ControllerDeps) {}

  get profiles(): Profile[] {
    return this.state?.profiles ?? [];
  }
  get current(): Profile | null {
    return this.state?.current ?? null;
  }
  get sessions(): SessionRecord[] {
    return this.state?.sessions ?? [];
  }
  get events(): ClinicianEvent[] {
    return this.state?.events ?? [];
  }

  async open(): Promise<GanglagDb | null> {
    if (this.db || this.dbError) return this.db;
    try {
      this.db = await this.deps.openDb();
    } catch (err) {
      this.dbError = err;
    }
    return this.db;
  }

  /**
   * Reloads from storage. Returns false when a later reload overtook this one (its result is dropped) or the
   * database cannot be opened (dbError says why); throws what loading threw.
   */
  async reload(): Promise<boolean> {
    const seq = ++this.seq;
    const db = await this.open();
    if (!db) return false;
    const preferred = this.current?.id ?? this.preferredId ?? this.deps.prefs.get(CURRENT_KEY);
    const state = await loadProgress(db, preferred);
    if (seq !== this.seq) return false;
    this.state = state;
    this.preferredId = state.current?.id ?? null;
    this.deps.publish?.(state.current);
    const ids = new Set(state.sessions.map((s) => s.id));
    if (this.openSessionId && !ids.has(this.openSessionId)) this.openSessionId = null;
    if (this.baselineId && !ids.has(this.baselineId)) this.baselineId = '';
    return true;
  }

  /** Makes `id` current (remembered for the next visit); the caller reloads. */
  selectProfile(id: string | null): void {
    if (this.state) this.state.current = this.profiles.find((p) => p.id === id) ?? null;
    this.preferredId = id;
    this.openSessionId = null;
    this.baselineId = '';
    if (id) this.deps.prefs.set(CURRENT_KEY, id);
  }

  async saveProfile(existing: Profile | null, input: ProfileInput): Promise<Profile> {
    const db = this.need();
    const saved = existing ? await db.updateProfile(existing.id, input) : await db.createProfile(input);
    this.selectProfile(saved.id);
    return saved;
  }

  async eraseProfile(p: Profile, ask: (q: string) => boolean): Promise<boolean> {
    const erased = await eraseProfileConfirmed(this.need(), p, ask);
    if (erased) this.selectProfile(null);
    return erased;
  }

  async addEvent(date: string, label: string): Promise<ClinicianEvent> {
    const profile = this.current;
    if (!profile) throw new Error('no profile');
    return this.need().addEvent({ profileId: profile.id, date, label });
  }

  deleteEvent(e: ClinicianEvent, ask: (q: string) => boolean): Promise<boolean> {
    return deleteEventConfirmed(this.need(), e, ask);
  }

  /** Saves the source as a session of the current profile; the clip too when the person agreed. */
  async saveSession(src: SaveSource, form: SaveForm): Promise<SaveOutcome> {
    const db = this.need();
    const profile = this.current;
    if (!profile) throw new Error('no profile');
    const { analysis, kind, protocol } = prepareForSave(src, profile, form.startedAt, form.fallbackHeightM);
    const session = await db.addSession({
      profileId: profile.id,
      startedAt: form.startedAt.toISOString(),
      kind,
      protocol,
      timeOfDay: form.timeOfDay,
      analysis,
      poses: src.recording,
      notes: form.notes,
      selfReport: form.selfReport,
    });
    await draftSaved(db, src.recording).catch(() => undefined); // saved: its draft is no longer needed
    let video: SaveOutcome['video'] = 'none';
    if (form.clip && form.keepClip) {
      try {
        await db.saveVideo(session.id, form.clip, { consented: true });
        video = 'kept';
      } catch (error) {
        video = { error };
      }
    }
    if (this.state?.storage.persisted !== true) await db.requestPersistence();
    return { session, video };
  }

  async requestPersistence(): Promise<boolean> {
    const db = this.need();
    const ok = (await db.requestPersistence()) === true;
    if (ok && this.state) this.state.storage = await db.storageInfo();
    return ok;
  }

  /** Every profile's sessions, for the CSV of all data. */
  async allSessions(): Promise<SessionRecord[]> {
    const db = this.need();
    return (await Promise.all(this.profiles.map((p) => db.listSessions(p.id)))).flat();
  }

  exportBackup(onProgress: (p: BackupProgress) => void): Promise<Blob> {
    return this.need().exportBackupBlob({ onProgress });
  }

  previewImport(file: Blob, onProgress: (p: BackupProgress) => void): Promise<ImportPlan> {
    return this.need().previewImport(file, { onProgress });
  }

  /** Imports what the user confirmed; the summary line. Throws when a record failed (what landed stays). */
  async applyImport(file: File, plan: ImportPlan, onProgress: (p: BackupProgress) => void): Promise<string> {
    const c = await this.need().importBackupFile(file, { previewed: plan, onProgress });
    return importSummary(file.name, c);
  }

  private need(): GanglagDb {
    if (!this.db) throw this.dbError ?? new Error('storage is not open');
    return this.db;
  }
}
