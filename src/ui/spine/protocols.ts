// The guided spine and posture protocols (issue 4): which test, which view, and what each step asks for. They are
// data of the pure protocol state machine (src/analysis/protocols/spine-protocol.ts); the UI names them here.
export {
  SPINE_PROTOCOLS as PROTOCOLS,
  spineProtocolById as protocolById,
  spineProtocolForTest as protocolForTest,
  type SpineProtocolDef as Protocol,
  type SpineProtocolId as ProtocolId,
  type SpineProtocolStep as ProtocolStep,
} from '../../analysis/protocols';
