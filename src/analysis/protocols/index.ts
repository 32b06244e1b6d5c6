// Guided test protocols as pure state machines: frames and time in, events out (issue 11 item 5).
export {
  GaitProtocol,
  MIN_RECORDED_FRAMES,
  type GaitProtocolEvent,
  type GaitProtocolOptions,
  type GaitProtocolPhase,
} from './gait-protocol';
export { ProblemSmoother } from './problem-smoother';
