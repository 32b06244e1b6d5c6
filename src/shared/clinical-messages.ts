// Deprecated shim: the floor-reference, walk-test and chair-test messages are codes of messages/codes.ts now,
// rendered by messages/en.ts and nb.ts. Kept so code written against the old names still compiles; use
// renderWarning and renderReferenceProblem from ./messages instead.
import type { Lang } from './messages/number';
import { renderReferenceProblem as renderProblem, renderWarning, type WarningOf } from './messages';
import { referenceNotUsed, type FrameSize, type ReferenceProblem } from './reference';

/** The clinical-test messages, now WarningMessage codes. */
export type ClinicalMessage = WarningOf<
  | 'reference-not-used'
  | 'reference-height-disagree'
  | 'reference-implausible'
  | 'zone-length'
  | 'trial-rejected'
  | 'too-few-trials'
  | 'no-trial'
  | 'no-sit-stand'
  | 'too-few-stands'
  | 'recording-shorter'
  | 'tug-incomplete'
  | 'fps-mismatch'
>;

/** @deprecated renderReferenceProblem from ./messages, with the problem as a 'reference-not-used' message. */
export function renderReferenceProblem(
  p: ReferenceProblem,
  ref: { metres: number },
  frame: FrameSize | undefined,
  lang: Lang,
): string {
  return renderProblem(referenceNotUsed(p, ref.metres, frame), lang);
}

/** @deprecated renderWarning from ./messages. */
export function renderClinicalMessage(m: ClinicalMessage, lang: Lang): string {
  return renderWarning(m, lang);
}
