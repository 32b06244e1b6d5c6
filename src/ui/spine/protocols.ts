// The guided spine and posture protocols (issue 4): which test, which view, and what each step asks for.
import type { SpineTestId } from '../../shared/analysis-format';

export type ProtocolId = 'posture' | 'forward-flexion' | 'extension' | 'lateral-flexion';

/** One step of a protocol: hold still in a view, or repeat a movement (lateral flexion: to one side). */
export type ProtocolStep =
  | { kind: 'hold'; view: 'side' | 'front'; holdMs: number }
  | { kind: 'reps'; view: 'side' | 'front'; reps: number; side?: 'left' | 'right' };

export interface Protocol {
  id: ProtocolId;
  test: SpineTestId;
  steps: readonly ProtocolStep[];
}

/** Still standing recorded per posture view, ms of frame time. */
const POSTURE_HOLD_MS = 4000;

/** In tab order. One recording covers all steps of a protocol. */
export const PROTOCOLS: readonly Protocol[] = [
  {
    id: 'posture',
    test: 'posture',
    steps: [
      { kind: 'hold', view: 'side', holdMs: POSTURE_HOLD_MS },
      { kind: 'hold', view: 'front', holdMs: POSTURE_HOLD_MS },
    ],
  },
  { id: 'forward-flexion', test: 'forward-flexion', steps: [{ kind: 'reps', view: 'side', reps: 3 }] },
  { id: 'extension', test: 'extension', steps: [{ kind: 'reps', view: 'side', reps: 3 }] },
  {
    id: 'lateral-flexion',
    test: 'lateral-flexion',
    steps: [
      { kind: 'reps', view: 'front', reps: 3, side: 'left' },
      { kind: 'reps', view: 'front', reps: 3, side: 'right' },
    ],
  },
];

export function protocolById(id: ProtocolId): Protocol {
  const p = PROTOCOLS.find((x) => x.id === id);
  if (!p) throw new Error(`unknown protocol ${id}`);
  return p;
}

/** The protocol that analyses a test (for "analyse as" on a video file). */
export function protocolForTest(test: SpineTestId): Protocol {
  switch (test) {
    case 'posture':
      return protocolById('posture');
    case 'forward-flexion':
      return protocolById('forward-flexion');
    case 'extension':
      return protocolById('extension');
    case 'lateral-flexion':
      return protocolById('lateral-flexion');
  }
}
