// Shared state between views: the current recording and the settings that outlive a view.
import type { BackendChoice, ModelId } from '../shared/models';
import type { PosesFileV1 } from '../shared/poses-format';

type Listener = (rec: PosesFileV1) => void;

export const appState = {
  model: 'movenet-multipose' as ModelId,
  backend: 'auto' as BackendChoice,
  heightM: undefined as number | undefined,
  recording: null as PosesFileV1 | null,
  listeners: new Set<Listener>(),
};

export function publishRecording(rec: PosesFileV1): void {
  appState.recording = rec;
  for (const fn of appState.listeners) fn(rec);
}

export function onRecording(fn: Listener): () => void {
  appState.listeners.add(fn);
  return () => appState.listeners.delete(fn);
}
