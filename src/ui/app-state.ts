// Shared state between views: the current recording, its latest analysis, and settings that outlive a view.
import type { AnalysisV1 } from '../shared/analysis-format';
import type { BackendChoice, ModelChoice } from '../shared/models';
import type { PosesFileV1 } from '../shared/poses-format';

type Listener = (rec: PosesFileV1) => void;

/** What the analyses use of the active profile (storage's Profile, narrowed). */
export interface ActiveProfile {
  id: string;
  /** Shown in the header ("Profile: …"); absent until the Progress tab publishes it. */
  pseudonym?: string;
  heightM: number | null;
  birthYear: number | null;
  /** 'female' | 'male', or anything else for not given. */
  sex: string;
}

export type SessionKind = 'gait' | 'spine' | 'posture';

/** An analysis of the current recording, ready to be saved as a session. */
export interface PublishedAnalysis {
  recording: PosesFileV1;
  analysis: AnalysisV1;
  kind: SessionKind;
  /** e.g. 'guided-gait', 'forward-flexion', 'lateral-flexion', 'posture'. */
  protocol: string;
}

export const appState = {
  /** 'auto': MultiPose live, Lightning for recorded video (shared/models AUTO_MODELS). */
  model: 'auto' as ModelChoice,
  backend: 'auto' as BackendChoice,
  heightM: undefined as number | undefined,
  recording: null as PosesFileV1 | null,
  analysis: null as PublishedAnalysis | null,
  listeners: new Set<Listener>(),
  analysisListeners: new Set<(a: PublishedAnalysis) => void>(),
  /** The profile chosen in the Progress tab (null: none); its height fills the height fields. */
  profile: null as ActiveProfile | null,
  profileListeners: new Set<(p: ActiveProfile | null) => void>(),
};

/**
 * The Progress tab publishes the active profile here (at start-up too, after a reload). Its height replaces
 * the height in use unless the user typed another one for this subject.
 */
export function publishActiveProfile(p: ActiveProfile | null): void {
  const prev = appState.profile;
  const typed = appState.heightM !== undefined && appState.heightM !== (prev?.heightM ?? undefined);
  appState.profile = p;
  if (p?.heightM != null && (!typed || prev?.id !== p.id)) appState.heightM = p.heightM;
  for (const fn of appState.profileListeners) fn(p);
}

export function onActiveProfile(fn: (p: ActiveProfile | null) => void): () => void {
  appState.profileListeners.add(fn);
  return () => appState.profileListeners.delete(fn);
}

/** Age (years, at `at`) and sex of the active profile, as the gait analysis takes them; absent if not given. */
export function profileAgeSex(at: Date): { ageYears?: number; sex?: 'female' | 'male' } {
  const p = appState.profile;
  const out: { ageYears?: number; sex?: 'female' | 'male' } = {};
  if (p?.birthYear != null) out.ageYears = at.getFullYear() - p.birthYear;
  if (p?.sex === 'female' || p?.sex === 'male') out.sex = p.sex;
  return out;
}

export function publishRecording(rec: PosesFileV1): void {
  appState.recording = rec;
  for (const fn of appState.listeners) fn(rec);
}

export function onRecording(fn: Listener): () => void {
  appState.listeners.add(fn);
  return () => appState.listeners.delete(fn);
}

/** Gait and spine views publish their result here; the sessions view offers to save it. */
export function publishAnalysis(a: PublishedAnalysis): void {
  appState.analysis = a;
  for (const fn of appState.analysisListeners) fn(a);
}

export function onAnalysis(fn: (a: PublishedAnalysis) => void): () => void {
  appState.analysisListeners.add(fn);
  return () => appState.analysisListeners.delete(fn);
}
