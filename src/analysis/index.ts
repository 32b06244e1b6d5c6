// Pure analysis: gait, spine and posture from ganglag.poses/v1 recordings. No DOM, no I/O.
// analyzeRecording is the entry point the CLI, the UI and storage share; the rest is for views and tests.
export {
  AnalysisInputError,
  analyzeRecording,
  analyzeRecordingDetailed,
  detectRecordingTest,
  isFunctionalTest,
  isWalkTest,
  type RecordingAnalysis,
  type RecordingOptions,
  type RecordingTest,
} from './recording';
export {
  analyzeGait,
  analyzeGaitDetailed,
  analyzeGaitPasses,
  gaitPlotData,
  type AnalyzeOptions,
  type GaitAnalysis,
  type GaitPlotData,
  type PassAnalysis,
} from './gait/analyze';
export { EVENT_METHODS, type EventMethod } from './gait/events';
export { LiveGait, type LiveGaitOptions } from './gait/live-gait';
export type { FloorReference } from './scale/scale';
export type { Sex } from './guarded/norms';
export { OneEuroFilter } from './conditioning/one-euro';
export { filtfiltRuns } from './conditioning/butterworth';
export { hampel } from './conditioning/hampel';
export { fillGaps } from './conditioning/interpolate';
export { unwrapRadians } from './conditioning/unwrap';
export * from './spine';
export {
  checkGaitPositioning,
  GAIT_PROBLEMS,
  GaitPositioning,
  problemBit,
  type GaitProblem,
} from './positioning/gait';
export { viewFromWidths, type View } from './geometry/view';
