// What the feature views (gait, spine, progress) need from the capture side, and nothing more: live frames, a
// recording they start and stop, a panel beside the video, and a recorded file to analyse. CaptureView implements
// it; a view that gets a RecordingSource cannot reach into the capture view's DOM or pipeline.
import type { ModelChoice } from '../shared/models';
import type { PoseFrame } from '../shared/pose-frame';
import type { PosesFileV1 } from '../shared/poses-format';

/** Says whether an unsaved current recording stays in view (so replacing it as the current one loses nothing). */
export type KeepRecording = (rec: PosesFileV1) => boolean;

export interface RecordingSource {
  /** The video with its overlay and controls: a guided panel shows it in its own stage while it is open. */
  readonly el: HTMLElement;
  /** Beside the video: guided protocols mount their panel here. */
  readonly sidePanel: HTMLElement;
  readonly isLive: boolean;
  readonly isRecording: boolean;
  /** Live results (camera or file), with the index of the followed subject in frame.poses (-1: none). */
  addFrameListener(fn: (frame: PoseFrame, subject: number) => void): () => void;
  startCamera(): Promise<void>;
  /**
   * Whether a new recording may replace the current one: true when the current one is saved, downloaded or
   * none, or is one `keep` says stays in view (an earlier result of the same guided session: its draft stays
   * listed), or when the user, asked in a modal dialog whose safe answer "Keep it" has the focus, chose to discard
   * it (its draft goes). Every way of starting a recording asks through this.
   */
  mayReplace(keep?: KeepRecording): Promise<boolean>;
  /**
   * Starts recording the live camera (the camera must be running), after asking as mayReplace(keep) does; false
   * if it could not, or the user kept the unsaved recording (then nothing changed).
   */
  startRecording(keep?: KeepRecording): Promise<boolean>;
  /** Stops a live recording and returns it, or null if too short. */
  stopRecording(): PosesFileV1 | null;
  /** Analyses a recorded file (every frame once); null when it failed (the capture view says why). */
  analyseFile(file: File): Promise<PosesFileV1 | null>;
  /** The video file the last recording was analysed from (null after a live recording): for saving the clip. */
  readonly lastFile: File | null;
  /** Stops the camera (a live recording ends as a finished one) and any file analysis. */
  stop(): void;
  /** Switches the pose model (stops the camera, restarts the worker). */
  setModel(id: ModelChoice): Promise<void>;
}
