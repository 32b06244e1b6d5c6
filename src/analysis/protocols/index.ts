// Guided test protocols as pure state machines: frames and time in, events out (issue 11 item 5).
export {
  CHAIR_STAND_RECORD_MS,
  CLINICAL_COUNTDOWN_S,
  ClinicalProtocol,
  type ClinicalNotice,
  type ClinicalPrompt,
  type ClinicalProtocolEvent,
  type ClinicalProtocolPhase,
  type ClinicalTestKind,
} from './clinical-protocol';
export {
  GaitProtocol,
  MIN_RECORDED_FRAMES,
  type GaitProtocolEvent,
  type GaitProtocolOptions,
  type GaitProtocolPhase,
} from './gait-protocol';
export { ProblemSmoother } from './problem-smoother';
export {
  COUNTDOWN_S,
  MIN_SPEECH_GAP_MS,
  NEUTRAL_MS,
  POSITION_OK_MS,
  POSTURE_HOLD_MS,
  REPEAT_SPEECH_MS,
  SPINE_PROTOCOLS,
  SpineProtocol,
  spineProtocolById,
  spineProtocolForTest,
  type SpineProtocolDef,
  type SpineProtocolEvent,
  type SpineProtocolId,
  type SpineProtocolOptions,
  type SpineProtocolPhase,
  type SpineProtocolStep,
  type SpinePrompt,
} from './spine-protocol';
