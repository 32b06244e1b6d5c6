// Guarded-gait indicators: each a value, a unit, the reference it is judged against and whether it is outside.
// Screening aids, not a diagnosis. The summary names the indicators outside their reference.
import type { IndicatorV1 } from '../../shared/analysis-format';
import {
  renderGuardedSummary,
  renderIndicatorName,
  renderReference,
  type IndicatorReference,
  type JudgedIndicatorId,
  type UnitCode,
} from '../../shared/messages';
import { round } from '../round';
import { ADULT_SLOW_MPS, normalGaitSpeedMps, SLOW_SHARE_OF_NORM, type Sex } from './norms';

export interface GuardedInputs {
  speedMps: number;
  stepLengthM: number;
  heightM: number;
  doubleSupportPct: number;
  /** Wrist excursion relative to the shoulder along the walk, % of height. */
  armSwingPctHeight: number;
  /** Trunk sagittal sway (range of trunk angle per stride), degrees. */
  trunkSwayDeg: number;
  stepLengthSymmetryPct: number;
  stepTimeSymmetryPct: number;
  ageYears?: number;
  sex?: Sex;
}

type Check = {
  value: number;
  unit: UnitCode;
  reference: IndicatorReference;
  outside: (v: number) => boolean;
  digits: number;
};

/** The indicator with its reference as code and, for ganglag.analysis/v1 compatibility, as English text. */
function indicator(id: JudgedIndicatorId, c: Check): IndicatorV1 {
  const value = round(c.value, c.digits);
  return {
    id,
    label: renderIndicatorName(id, 'en'),
    value,
    unit: c.unit,
    reference: renderReference(c.reference, 'en'),
    referenceCode: c.reference,
    outside: value !== null && c.outside(c.value),
  };
}

/** Shortest healthy step relative to height (healthy adults about 0.41; Grieve & Gear 1966). */
const MIN_STEP_HEIGHT = 0.35;
const MAX_DOUBLE_SUPPORT_PCT = 30;
const MIN_ARM_SWING_PCT_HEIGHT = 10;
const MIN_TRUNK_SWAY_DEG = 2;
const MAX_ASYMMETRY_PCT = 8;

/** The six judged indicators (JUDGED_INDICATOR_IDS), in that order, and the stored English summary "N of 6 …". */
export function guardedIndicators(g: GuardedInputs): { indicators: IndicatorV1[]; summary: string } {
  const known = g.ageYears !== undefined && g.sex !== undefined;
  const norm = known ? normalGaitSpeedMps(g.ageYears as number, g.sex as Sex) : NaN;
  const slow = known ? SLOW_SHARE_OF_NORM * norm : ADULT_SLOW_MPS;
  const list = [
    indicator('slow-gait-speed', {
      value: g.speedMps,
      unit: 'm/s',
      digits: 2,
      reference: known
        ? {
            code: 'speed-age-sex',
            minMps: round(slow, 2) ?? NaN,
            normMps: round(norm, 2) ?? NaN,
            share: SLOW_SHARE_OF_NORM,
            sex: g.sex as Sex,
            ageYears: g.ageYears as number,
          }
        : { code: 'speed-adult', minMps: ADULT_SLOW_MPS },
      outside: (v) => v < slow,
    }),
    indicator('short-steps', {
      value: g.stepLengthM / g.heightM,
      unit: 'x height',
      digits: 3,
      reference: { code: 'step-length-height', min: MIN_STEP_HEIGHT, typical: 0.41 },
      outside: (v) => v < MIN_STEP_HEIGHT,
    }),
    indicator('long-double-support', {
      value: g.doubleSupportPct,
      unit: '% of gait cycle',
      digits: 1,
      reference: { code: 'double-support', maxPct: MAX_DOUBLE_SUPPORT_PCT },
      outside: (v) => v > MAX_DOUBLE_SUPPORT_PCT,
    }),
    indicator('reduced-arm-swing', {
      value: g.armSwingPctHeight,
      unit: '% of height',
      digits: 1,
      reference: { code: 'arm-swing', minPctHeight: MIN_ARM_SWING_PCT_HEIGHT },
      outside: (v) => v < MIN_ARM_SWING_PCT_HEIGHT,
    }),
    indicator('reduced-trunk-sway', {
      value: g.trunkSwayDeg,
      unit: 'deg',
      digits: 1,
      reference: { code: 'trunk-sway', minDeg: MIN_TRUNK_SWAY_DEG },
      outside: (v) => v < MIN_TRUNK_SWAY_DEG,
    }),
    indicator('asymmetry', {
      value: Math.max(g.stepLengthSymmetryPct, g.stepTimeSymmetryPct),
      unit: '% asymmetry index',
      digits: 1,
      reference: { code: 'asymmetry', maxPct: MAX_ASYMMETRY_PCT },
      outside: (v) => v > MAX_ASYMMETRY_PCT,
    }),
  ];
  return { indicators: list, summary: renderGuardedSummary(list, 'en') };
}
