// What a feature view gives the app shell, and what the shell gives it.
import type { RecordingSource } from '../capture/recording-source';

export interface AppView {
  id: string;
  /** i18n key of the tab label. */
  label: string;
  el: HTMLElement;
  /** Called each time the tab is shown (refresh data here). */
  onShow?: () => void;
  /** Opens the view's guided test, if it has one (the start page's "Record a … test"). */
  startGuided?: () => void;
}

export interface ViewContext {
  /** The capture side as views may use it (never the whole CaptureView): camera, live frames, recording, file. */
  capture: RecordingSource;
  /** Switches to another tab by id (focus moves to its heading when the tab changes). */
  show: (id: string) => void;
}
