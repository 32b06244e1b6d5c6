// ganglag.analysis/v1: what `npm run analyze -- --json` prints and what sessions store. A contract: keep stable.
// Every number that cannot be computed is null, with a warning in quality.warnings saying why.
import type { FunctionalV1, WalkTestV1 } from './clinical-tests';
import type { IndicatorReference, WarningMessage } from './messages/codes';

export const ANALYSIS_FORMAT = 'ganglag.analysis/v1';

export type Foot = 'left' | 'right';
export type ScaleMethod = 'height' | 'reference' | 'world' | 'pixels';

export interface StepV1 {
  foot: Foot;
  /** Heel-strike time, s from the recording's first frame. */
  tS: number;
  /** Along the walking direction, between the two feet at this foot's heel strike. */
  lengthM: number | null;
  timeS: number | null;
}

export interface GaitV1 {
  steps: StepV1[];
  stepLengthM: { mean: number | null; left: number | null; right: number | null; cv: number | null };
  strideLengthM: { mean: number | null };
  cadenceStepsPerMin: number | null;
  speedMps: number | null;
  doubleSupportPct: number | null;
  stepLengthSymmetryPct: number | null;
  stepTimeSymmetryPct: number | null;
  heelStrikeVelocityMps: { mean: number | null };
  /** Every pass across the view found in the recording, in time order (the numbers above pool them). */
  passes?: GaitPassV1[];
  /**
   * Issue 10, additive: the step-length definition (STEP_LENGTH_DEFINITION); the symmetry fields under names
   * that say what they hold (asymmetry: 0 = symmetric, lower is better; same values as the *SymmetryPct fields,
   * which stay for compatibility); the mean foot-strike angle, deg, toes up positive (BlazePose only).
   */
  stepLengthDefinition?: string;
  stepLengthAsymmetryPct?: number | null;
  stepTimeAsymmetryPct?: number | null;
  footStrikeAngleDeg?: { mean: number | null };
  /** Extra fields (stance/swing %, stride time, event method, ...) are allowed. */
  [extra: string]: unknown;
}

/** One pass across the view; numbers are null where the pass was too short to measure them. */
export interface GaitPassV1 {
  direction: 'left-to-right' | 'right-to-left';
  /** Seconds from the recording's first frame. */
  startS: number;
  endS: number;
  steps: number;
  cadenceStepsPerMin: number | null;
  speedMps: number | null;
  stepLengthM: { mean: number | null };
  /** The side of the body that faced the camera (its leg is the near one), from the geometry; null if unknown. */
  cameraSide: Foot | null;
}

export interface IndicatorV1 {
  /** An IndicatorId (shared/messages/codes.ts). */
  id: string;
  value: number | null;
  /** A UnitCode (shared/messages/codes.ts). */
  unit: string;
  /** In English; render referenceCode for the reader's language. */
  reference: string;
  /** The reference as a code with its thresholds; absent in results written before codes existed. */
  referenceCode?: IndicatorReference;
  outside: boolean;
  /** Guarded gait indicators: judged against the reference, or not judged (additive, see docs/formats.md). */
  judgement?: 'within' | 'outside' | 'cannot-judge';
  judgementReason?: 'measurement-noise' | 'one-side-view' | 'not-computable';
  /** The value's 95 % interval from the walk's own spread, in the indicator's unit. */
  interval95?: [number, number];
  [extra: string]: unknown;
}

export interface SpineRepV1 {
  neutralDeg: number;
  endRangeDeg: number;
  romDeg: number;
  fingertipToFloorCm: number | null;
  side?: 'left' | 'right';
  /** Lateral flexion: how far the fingertip on the side bent toward moved down along the thigh, cm. */
  fingertipDropCm?: number | null;
}

export type SpineTestId = 'forward-flexion' | 'extension' | 'lateral-flexion' | 'posture';

export interface SpineV1 {
  test: SpineTestId;
  reps: SpineRepV1[];
  romDeg: { best: number | null; median: number | null };
  fingertipToFloorCm: { best: number | null };
  [extra: string]: unknown;
}

/** Standing posture: named fields in degrees and cm (forwardHeadCm, forwardHeadDeg, trunkLeanDeg, ...). */
export type PostureV1 = Record<string, number | null | string>;

export interface AnalysisV1 {
  format: typeof ANALYSIS_FORMAT;
  gait?: GaitV1;
  guarded?: { indicators: IndicatorV1[]; summary: string };
  spine?: SpineV1;
  posture?: PostureV1;
  /** A timed walk test through a floor-marked zone (`--test walk-4m|walk-10m`; src/shared/clinical-tests.ts). */
  walkTest?: WalkTestV1;
  /** A chair test (`--test sit-to-stand-5|chair-stand-30s|tug`). */
  functional?: FunctionalV1;
  scale: { method: ScaleMethod; metresPerPixel: number | null };
  quality: {
    framesTotal: number;
    framesUsed: number;
    /** In English, as before codes existed (compatibility); renderers read warningCodes. */
    warnings: string[];
    /** The same warnings as typed codes, in the same order; absent in results written before codes existed. */
    warningCodes?: WarningMessage[];
  };
}
