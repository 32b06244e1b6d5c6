// The analysis speaks in typed codes with parameters, never in sentences: every warning, indicator, reference
// and unit it reports. Renderers (render.ts) turn them into English or Norwegian Bokmål text.
// (No imports: ganglag.analysis/v1's types import these.)

type Foot = 'left' | 'right';
export type SpineTestId = 'forward-flexion' | 'extension' | 'lateral-flexion' | 'posture';
/** A spine test that moves (posture stands still). */
export type MovementTestId = Exclude<SpineTestId, 'posture'>;
export type ViewId = 'side' | 'front' | 'oblique';
export type SexId = 'female' | 'male';
/** As clinical-tests.ts's WalkDirection and TrialRejection (repeated: this file imports nothing). */
export type WalkDirectionId = 'left-to-right' | 'right-to-left';
export type TrialRejectionId = 'left-view' | 'stopped' | 'turned';

/** Why a floor reference is not plausible. */
export type ReferenceProblemId =
  | 'not-finite'
  | 'distance-zero'
  | 'distance-too-long'
  | 'coincident-points'
  | 'points-too-close'
  | 'outside-frame';

/** One implausible step left out of a gait analysis as a false heel strike. */
export type RejectedStepMessage =
  | { reason: 'time'; foot: Foot; tS: number; timeS: number; minTimeS: number }
  | {
      reason: 'length';
      foot: Foot;
      tS: number;
      /** In metres when the result is scaled, else in pixels. */
      length: number;
      unit: 'm' | 'px';
      /** The minimum step length, % of body height; null without a height (then: not positive). */
      minPctHeight: number | null;
    };

/**
 * Every warning the analysis (and the CLI around it) can give. Numbers are plain: seconds, %, degrees, counts;
 * pass numbers count from 1.
 */
export type WarningMessage =
  // Scale
  | { code: 'no-scale' }
  | { code: 'height-unusable' }
  | { code: 'height-scale-uncertain'; chain: 'eye' | 'ear' | 'shoulder'; pct: number }
  // A floor reference checked against the height (wt-walktest's floor-reference checks speak through these)
  | {
      code: 'reference-height-disagree';
      pct: number;
      referenceMpp: number;
      impliedHeightM: number;
      heightM: number;
      heightMpp: number;
    }
  | {
      code: 'reference-not-used';
      problem: ReferenceProblemId;
      metres: number;
      /** The limits the reference broke: longest distance, m; shortest span between the points, px. */
      maxM: number;
      minPx: number;
      frame: { width: number; height: number } | null;
    }
  // Recording quality (gait)
  | { code: 'no-walking-direction' }
  | { code: 'no-walk-across'; pct: number }
  | { code: 'body-size-changes'; pct: number }
  | { code: 'floor-tilted'; deg: number }
  | { code: 'short-recording'; heelStrikes: number }
  | { code: 'partly-out-of-view'; frames: number; total: number }
  | { code: 'legs-swapped'; frames: number }
  // Gait events and numbers
  | { code: 'too-few-heel-strikes'; n: number }
  | { code: 'implausible-steps'; steps: RejectedStepMessage[] }
  | { code: 'too-few-plausible-strikes'; n: number }
  | { code: 'age-sex-not-given'; referenceMps: number }
  | { code: 'less-than-one-stride' }
  | { code: 'steps-without-time'; n: number }
  | { code: 'step-lengths-unmeasured' }
  // Passes across the view
  | { code: 'pass-too-short'; pass: number; startS: number; endS: number; steps: number }
  | { code: 'no-measurable-pass'; passes: number; pass: number; startS: number; endS: number }
  | { code: 'passes-pooled'; passes: number; pooled: number[] }
  | { code: 'passes-pooled-in-pixels' }
  | { code: 'in-pass'; pass: number; warning: WarningMessage }
  // Spine tests
  | { code: 'no-trunk-frames' }
  | { code: 'walks-across' }
  | { code: 'test-undetected' }
  | { code: 'test-detected'; test: SpineTestId }
  | { code: 'height-unscalable-spine' }
  | { code: 'no-height-cm-null' }
  | { code: 'no-scale-cm-null' }
  | { code: 'wrong-view'; test: MovementTestId; wanted: 'side' | 'front'; seen: ViewId | null }
  | { code: 'turned-from-side'; test: MovementTestId; yawDeg: number }
  | { code: 'trunk-pelvis-twist'; test: MovementTestId; shoulderYawDeg: number; hipYawDeg: number }
  | { code: 'oblique-view'; test: MovementTestId; wanted: 'side' | 'front' }
  | { code: 'sides-unknown' }
  | { code: 'facing-unknown' }
  | { code: 'opposite-movement'; test: MovementTestId; opposite: MovementTestId }
  | { code: 'no-repetition'; test: MovementTestId }
  | { code: 'repetition-count'; test: MovementTestId; found: number; asked: number }
  | { code: 'side-repetition-count'; side: Foot; found: number; asked: number }
  | { code: 'fingertip-floor-null' }
  // Posture
  | { code: 'posture-facing-unknown' }
  | { code: 'posture-no-side-view' }
  | { code: 'posture-no-front-view' }
  | { code: 'posture-no-scale' }
  // Timed walk tests through a floor-marked zone (src/analysis/walk-test)
  | { code: 'reference-implausible' }
  | { code: 'zone-length'; zoneM: number; expectedM: number }
  | {
      code: 'trial-rejected';
      reason: TrialRejectionId;
      direction: WalkDirectionId;
      /** When the pelvis crossed the entry end, and when the trial was given up, s. */
      startS: number;
      atS: number;
    }
  | { code: 'too-few-trials'; found: number; expected: number }
  | { code: 'no-trial' }
  // Chair tests (src/analysis/functional)
  | { code: 'no-sit-stand'; rangeLegs: number }
  | { code: 'too-few-stands'; found: number; expected: number }
  | { code: 'recording-shorter'; recordedS: number; neededS: number }
  | { code: 'tug-incomplete' }
  // The recording file: its timestamps and its declared frame rate disagree
  | { code: 'fps-mismatch'; measuredFps: number; declaredFps: number }
  // The command line: nothing recognised
  | { code: 'no-movement-recognised' }
  // A warning stored before codes existed (ganglag.analysis/v1 without quality.warningCodes)
  | { code: 'legacy-text'; text: string };

export type WarningCode = WarningMessage['code'];
export type WarningOf<C extends WarningCode> = Extract<WarningMessage, { code: C }>;

/**
 * Guarded-gait indicator ids that can appear in ganglag.analysis/v1 (a contract: do not rename), including
 * 'high-heel-strike-velocity', which results stored before issue 10 carry but the engine no longer computes.
 */
export const INDICATOR_IDS = [
  'slow-gait-speed',
  'short-steps',
  'long-double-support',
  'reduced-arm-swing',
  'reduced-trunk-sway',
  'high-heel-strike-velocity',
  'asymmetry',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

/**
 * The indicators the engine computes and judges ("N of 6"). Heel-strike descent velocity is left out: a 6 Hz
 * low-passed 30 fps signal cannot resolve an impact, so it is not a validated measure (docs/metrics.md).
 */
export const JUDGED_INDICATOR_IDS = [
  'slow-gait-speed',
  'short-steps',
  'long-double-support',
  'reduced-arm-swing',
  'reduced-trunk-sway',
  'asymmetry',
] as const satisfies readonly IndicatorId[];
export type JudgedIndicatorId = (typeof JUDGED_INDICATOR_IDS)[number];

/** Units of the indicators, as ganglag.analysis/v1 writes them, plus the plain units the messages use. */
export const UNIT_CODES = [
  'm/s',
  'x height',
  '% of gait cycle',
  '% of height',
  'deg',
  '% asymmetry index',
  // Stored before issue 10 for the same asymmetry index (0 = symmetric); rendered as asymmetry.
  '% symmetry index',
  'm',
  'cm',
  'px',
  's',
  '%',
  'steps/min',
] as const;
export type UnitCode = (typeof UNIT_CODES)[number];

/** The reference an indicator is judged against, with its thresholds; each names its source. */
export type IndicatorReference =
  | { code: 'speed-age-sex'; minMps: number; normMps: number; share: number; sex: SexId; ageYears: number }
  | { code: 'speed-adult'; minMps: number }
  | { code: 'step-length-height'; min: number; typical: number }
  | { code: 'double-support'; maxPct: number }
  | { code: 'arm-swing'; minPctHeight: number }
  | { code: 'trunk-sway'; minDeg: number }
  | { code: 'heel-strike-velocity'; maxMps: number }
  | { code: 'asymmetry'; maxPct: number };

export type ReferenceCode = IndicatorReference['code'];
export type ReferenceOf<C extends ReferenceCode> = Extract<IndicatorReference, { code: C }>;

/** Structural equality of two messages (code and every parameter): how warnings are de-duplicated. */
export function sameMessage(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && sameMessage(ra[k], rb[k]));
}

/** Adds `w` unless an equal warning (same code and parameters) is already in `list`. */
export function pushUnique(list: WarningMessage[], ...ws: WarningMessage[]): void {
  for (const w of ws) if (!list.some((x) => sameMessage(x, w))) list.push(w);
}
