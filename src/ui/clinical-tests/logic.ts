// The Tests tab's logic without the DOM: the typed distance, point nudging, camera setups as floor references,
// and one recording analysed as a walk test or a chair test with the profile's norms.
import { analyzeRecordingDetailed } from '../../analysis/recording';
import { chairStandNorm, sts5Norm, tugNorm, type AgeBand } from '../../analysis/functional/norms';
import { walkSpeedNorm, type SpeedNorm } from '../../analysis/walk-test/norms';
import type { RejectedTrial } from '../../analysis/walk-test/walk-test';
import type { AnalysisV1 } from '../../shared/analysis-format';
import type { WarningMessage } from '../../shared/messages';
import type { CameraSetupInput, CameraSetupV1 } from '../../storage';
import type { FunctionalTestId, WalkPace, WalkTestId } from '../../shared/clinical-tests';
import type { PosesFileV1 } from '../../shared/poses-format';
import { meters } from '../../shared/units';
import {
  checkReference,
  makeCameraSetup,
  referenceForFrame,
  type CameraSetupProblem,
  type FloorReference,
} from '../../shared/reference';

/** A camera setup as the store keeps it. */
export type CameraSetup = CameraSetupV1;

export interface Point {
  x: number;
  y: number;
}

/**
 * A distance typed by a person, in metres: "4", "4,0", "4.0", " 4.0 m". A decimal comma or point, no
 * thousands separators (so "4,000" is 4 m, never four thousand). null when it is not such a number.
 */
export function parseMetres(text: string): number | null {
  const s = text.trim().replace(/\s*m$/i, '');
  if (!/^(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) return null;
  const v = Number(s.replace(',', '.'));
  return Number.isFinite(v) ? v : null;
}

/** Arrow keys move a point by 1 px (10 with Shift), kept inside the frame; null for any other key. */
export function nudge(p: Point, key: string, shift: boolean, width: number, height: number): Point | null {
  const step = shift ? 10 : 1;
  const clamp = (v: number, hi: number): number => Math.min(hi, Math.max(0, v));
  switch (key) {
    case 'ArrowLeft':
      return { x: clamp(p.x - step, width), y: p.y };
    case 'ArrowRight':
      return { x: clamp(p.x + step, width), y: p.y };
    case 'ArrowUp':
      return { x: p.x, y: clamp(p.y - step, height) };
    case 'ArrowDown':
      return { x: p.x, y: clamp(p.y + step, height) };
    default:
      return null;
  }
}

/** A click on an element showing the frame scaled to `box` (CSS px), in frame pixels (rounded to 0.5 px). */
export function toFramePoint(
  clientX: number,
  clientY: number,
  box: { left: number; top: number; width: number; height: number },
  width: number,
  height: number,
): Point {
  const r = (v: number): number => Math.round(v * 2) / 2;
  const x = ((clientX - box.left) / box.width) * width;
  const y = ((clientY - box.top) / box.height) * height;
  return { x: r(Math.min(width, Math.max(0, x))), y: r(Math.min(height, Math.max(0, y))) };
}

export type SetupDraftProblem = 'points' | 'distance' | CameraSetupProblem;

/**
 * What to store from what the user marked and typed (`id`: the setup being changed), or the first problem:
 * points missing, a distance that is no number, then makeCameraSetup's checks (name; plausibility).
 */
export function setupFromDraft(
  draft: { p1: Point | null; p2: Point | null; distance: string; name: string },
  frame: { width: number; height: number },
  id?: string,
): { input: CameraSetupInput } | { problem: SetupDraftProblem } {
  if (!draft.p1 || !draft.p2) return { problem: 'points' };
  const metres = parseMetres(draft.distance);
  if (metres === null) return { problem: 'distance' };
  const ref: FloorReference = { x1: draft.p1.x, y1: draft.p1.y, x2: draft.p2.x, y2: draft.p2.y, metres };
  // The id and time only feed the check; the store gives both.
  const made = makeCameraSetup(id ?? '', draft.name, ref, frame, '');
  if ('problem' in made) return made;
  const input: CameraSetupInput = {
    name: made.setup.name,
    ref,
    frameWidthPx: frame.width,
    frameHeightPx: frame.height,
  };
  if (id !== undefined) input.id = id;
  return { input };
}

/** The setup's reference in the recording's pixels; null when the recording shows another view (aspect ratio). */
export function setupReferenceFor(
  setup: CameraSetup,
  rec: { width: number; height: number },
): FloorReference | null {
  const ref = referenceForFrame(
    {
      id: setup.id,
      name: setup.name,
      reference: setup.ref,
      frame: { width: setup.frameWidthPx, height: setup.frameHeightPx },
      updatedAt: setup.updatedAt,
    },
    rec,
  );
  return ref && checkReference(ref, rec) === null ? ref : null;
}

export type ClinicalTestId = WalkTestId | FunctionalTestId;

export const isWalk = (t: ClinicalTestId): t is WalkTestId => t === 'walk-4m' || t === 'walk-10m';

/** What the profile gives the norms. */
export interface Subject {
  ageYears?: number;
  sex?: 'female' | 'male';
  heightM?: number;
}

export type Norm =
  | { kind: 'walk'; norm: SpeedNorm }
  | { kind: 'sts5'; band: AgeBand & { upperS: number } }
  | { kind: 'chair'; band: AgeBand & { sex: 'female' | 'male'; low: number; high: number } }
  | { kind: 'tug'; band: AgeBand & { meanS: number; ciLowS: number; ciHighS: number } };

export type Outcome =
  | {
      kind: 'walk';
      test: WalkTestId;
      pace: WalkPace;
      /** ganglag.analysis/v1: gait scaled by the floor reference (cross-checked against the height) and walkTest. */
      result: AnalysisV1;
      rejected: RejectedTrial[];
      /** Mean of the timed trials, s (NaN without one): the 10-m walk's protocol time. */
      meanTimeS: number;
      norm: Norm | null;
    }
  | { kind: 'functional'; test: FunctionalTestId; result: AnalysisV1; norm: Norm | null }
  | { kind: 'no-setup'; test: WalkTestId }
  | { kind: 'setup-mismatch'; test: WalkTestId; setup: CameraSetup };

export function normFor(test: ClinicalTestId, pace: WalkPace, s: Subject): Norm | null {
  const age = s.ageYears;
  if (age === undefined) return null;
  switch (test) {
    case 'walk-4m':
    case 'walk-10m': {
      const n = s.sex ? walkSpeedNorm(pace, age, s.sex) : null;
      return n ? { kind: 'walk', norm: n } : null;
    }
    case 'sit-to-stand-5': {
      const b = sts5Norm(age);
      return b ? { kind: 'sts5', band: b } : null;
    }
    case 'chair-stand-30s': {
      const b = s.sex ? chairStandNorm(age, s.sex) : null;
      return b ? { kind: 'chair', band: b } : null;
    }
    case 'tug': {
      const b = tugNorm(age);
      return b ? { kind: 'tug', band: b } : null;
    }
  }
}

/**
 * One recording analysed as `test` (analyzeRecording): walk tests need the camera setup, whose marks are the
 * timed zone; chair tests use its scale when it fits the recording.
 */
export function runClinicalTest(
  rec: PosesFileV1,
  test: ClinicalTestId,
  pace: WalkPace,
  setup: CameraSetup | null,
  subject: Subject,
): Outcome {
  const norm = normFor(test, pace, subject);
  const reference = setup ? setupReferenceFor(setup, rec) : null;
  const opts = {
    heightM: subject.heightM === undefined ? undefined : meters(subject.heightM),
    ageYears: subject.ageYears,
    sex: subject.sex,
  };
  if (!isWalk(test)) {
    const d = analyzeRecordingDetailed(rec, { ...opts, test, ...(reference ? { reference } : {}) });
    return { kind: 'functional', test, result: d.result, norm };
  }
  if (!setup) return { kind: 'no-setup', test };
  if (!reference) return { kind: 'setup-mismatch', test, setup };
  const d = analyzeRecordingDetailed(rec, { ...opts, test, reference });
  return {
    kind: 'walk',
    test,
    pace,
    result: d.result,
    rejected: d.walkTest?.rejected ?? [],
    meanTimeS: d.walkTest?.meanTimeS ?? NaN,
    norm,
  };
}

/** The session protocol id a result is saved under, e.g. "walk-4m-comfortable", "tug". */
export function protocolId(test: ClinicalTestId, pace: WalkPace): string {
  return isWalk(test) ? `${test}-${pace}` : test;
}

/** Codes shown beside a clinical test: the scale's and the test's own (rejected trials have their table rows). */
const TEST_CODES: ReadonlySet<string> = new Set([
  'reference-height-disagree',
  'reference-not-used',
  'reference-implausible',
  'zone-length',
  'too-few-trials',
  'no-trial',
  'no-sit-stand',
  'too-few-stands',
  'recording-shorter',
  'tug-incomplete',
  'fps-mismatch',
  'legacy-text',
]);

/**
 * The warnings a clinical test shows: about the scale (the floor reference set aside, or disagreeing with the
 * height, per pass too) and the test's own; not the gait analysis's others (age-sex norms, passes pooled).
 */
export function testWarnings(ws: readonly WarningMessage[]): WarningMessage[] {
  const keep = (w: WarningMessage): boolean =>
    w.code === 'in-pass' ? keep(w.warning) : TEST_CODES.has(w.code);
  return ws.filter(keep);
}
