// Shared state between views: the current recording, its latest analysis, and settings that outlive a view.
import type { AnalysisV1 } from '../shared/analysis-format';
import type { BackendChoice, ModelId } from '../shared/models';
import type { PosesFileV1 } from '../shared/poses-format';

type Listener = (rec: PosesFileV1) => void;

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
  model: 'movenet-multipose' as ModelId,
  backend: 'auto' as BackendChoice,
  heightM: undefined as number | undefined,
  recording: null as PosesFileV1 | null,
  analysis: null as PublishedAnalysis | null,
  listeners: new Set<Listener>(),
  analysisListeners: new Set<(a: PublishedAnalysis) => void>(),
};

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
