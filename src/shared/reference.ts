// Floor references: two image points on the walking line and the metres between them, their plausibility
// check, and the camera-setup record the app stores so a reference is reused on later recordings.
import type { WarningOf } from './messages/codes';

/** A distance marked on the floor: two image points (px, x right, y down) and the metres between them. */
export interface FloorReference {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  metres: number;
}

/** Longest plausible reference, m: a clinic walkway; more is almost surely centimetres typed as metres. */
export const MAX_REFERENCE_M = 30;
/** Shortest plausible distance between the two marks, px: closer marks cannot give a scale to 1 %. */
export const MIN_REFERENCE_PX = 20;

/** Why a reference is not plausible (a code; the CLI and UI word it). */
export type ReferenceProblem =
  | 'not-finite'
  | 'distance-zero'
  | 'distance-too-long'
  | 'coincident-points'
  | 'points-too-close'
  | 'outside-frame';

export interface FrameSize {
  width: number;
  height: number;
}

/** Null when plausible, else the first problem found. Frame: the image the points were marked on. */
export function checkReference(ref: FloorReference, frame?: FrameSize): ReferenceProblem | null {
  const { x1, y1, x2, y2, metres } = ref;
  if (![x1, y1, x2, y2, metres].every(Number.isFinite)) return 'not-finite';
  if (!(metres > 0)) return 'distance-zero';
  if (metres > MAX_REFERENCE_M) return 'distance-too-long';
  const d = Math.hypot(x2 - x1, y2 - y1);
  if (d === 0) return 'coincident-points';
  if (d < MIN_REFERENCE_PX) return 'points-too-close';
  if (frame) {
    const inside = (x: number, y: number): boolean =>
      x >= 0 && y >= 0 && x <= frame.width && y <= frame.height;
    if (!inside(x1, y1) || !inside(x2, y2)) return 'outside-frame';
  }
  return null;
}

/** A reference problem as the warning that sets the reference aside (rendered by shared/messages). */
export function referenceNotUsed(
  problem: ReferenceProblem,
  metres: number,
  frame: FrameSize | undefined,
): WarningOf<'reference-not-used'> {
  return {
    code: 'reference-not-used',
    problem,
    metres,
    maxM: MAX_REFERENCE_M,
    minPx: MIN_REFERENCE_PX,
    frame: frame ? { width: frame.width, height: frame.height } : null,
  };
}

/** Metres per pixel of a plausible reference, else null. */
export function referenceMetresPerPixel(ref: FloorReference, frame?: FrameSize): number | null {
  if (checkReference(ref, frame) !== null) return null;
  return ref.metres / Math.hypot(ref.x2 - ref.x1, ref.y2 - ref.y1);
}

/** A floor reference saved for one camera setup ("Room 2, tripod at the window"), reused on later recordings. */
export interface CameraSetupReference {
  /** Stable id given by the store. */
  id: string;
  name: string;
  reference: FloorReference;
  /** The frame the points were marked on, px. */
  frame: FrameSize;
  /** ISO 8601, given by the caller (analysis and shared read no clocks). */
  updatedAt: string;
}

export const MAX_SETUP_NAME = 80;

export type CameraSetupProblem = ReferenceProblem | 'name-blank' | 'name-too-long' | 'name-control-chars';

function hasControlChars(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
      return true;
  }
  return false;
}

/** Trims the name and checks the name and the reference; returns the record or the first problem. */
export function makeCameraSetup(
  id: string,
  name: string,
  reference: FloorReference,
  frame: FrameSize,
  updatedAt: string,
): { setup: CameraSetupReference } | { problem: CameraSetupProblem } {
  const trimmed = name.trim();
  if (trimmed === '') return { problem: 'name-blank' };
  if (trimmed.length > MAX_SETUP_NAME) return { problem: 'name-too-long' };
  // Control and bidi-override characters could disguise the name in lists and confirmations.
  if (hasControlChars(trimmed)) return { problem: 'name-control-chars' };
  const problem = checkReference(reference, frame);
  if (problem) return { problem };
  return { setup: { id, name: trimmed, reference: { ...reference }, frame: { ...frame }, updatedAt } };
}

/**
 * The setup's reference in a recording's pixels. A recording at another resolution of the same camera view
 * (same aspect ratio within 1 %) gets the points scaled; another aspect ratio means another crop or camera,
 * so null: the reference must be marked again.
 */
export function referenceForFrame(setup: CameraSetupReference, frame: FrameSize): FloorReference | null {
  const a = setup.frame.width / setup.frame.height;
  const b = frame.width / frame.height;
  if (!(Math.abs(a / b - 1) <= 0.01)) return null;
  const k = frame.width / setup.frame.width;
  const r = setup.reference;
  return { x1: r.x1 * k, y1: r.y1 * k, x2: r.x2 * k, y2: r.y2 * k, metres: r.metres };
}

/** Scale disagreement above which the reference and the height scale are reported (issue 9: 8 %). */
export const SCALE_DISAGREEMENT = 0.08;

/**
 * Cross-check of a reference scale against the height scale: the height the reference implies for the
 * subject (reference m/px × standing height px) against the height given, and their relative difference.
 */
export function crossCheckHeight(
  referenceMpp: number,
  heightPx: number,
  heightM: number,
): { impliedHeightM: number; differencePct: number; disagrees: boolean } {
  const impliedHeightM = referenceMpp * heightPx;
  const rel = impliedHeightM / heightM - 1;
  return { impliedHeightM, differencePct: 100 * rel, disagrees: Math.abs(rel) > SCALE_DISAGREEMENT };
}
