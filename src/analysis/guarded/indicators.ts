// Guarded-gait indicators: each a value, a unit, the reference it is judged against and whether it is outside.
// Screening aids, not a diagnosis. The summary names the indicators outside their reference.
import type { IndicatorV1 } from '../../shared/analysis-format';
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
  heelStrikeVelocityMps: number;
  stepLengthSymmetryPct: number;
  stepTimeSymmetryPct: number;
  ageYears?: number;
  sex?: Sex;
}

type Check = {
  value: number;
  unit: string;
  reference: string;
  outside: (v: number) => boolean;
  digits: number;
};

function indicator(id: string, label: string, c: Check): IndicatorV1 & { label: string } {
  const value = round(c.value, c.digits);
  return {
    id,
    label,
    value,
    unit: c.unit,
    reference: c.reference,
    outside: value !== null && c.outside(c.value),
  };
}

export function guardedIndicators(g: GuardedInputs): { indicators: IndicatorV1[]; summary: string } {
  const known = g.ageYears !== undefined && g.sex !== undefined;
  const norm = known ? normalGaitSpeedMps(g.ageYears as number, g.sex as Sex) : NaN;
  const slow = known ? SLOW_SHARE_OF_NORM * norm : ADULT_SLOW_MPS;
  const list = [
    indicator('slow-gait-speed', 'gait speed', {
      value: g.speedMps,
      unit: 'm/s',
      digits: 2,
      reference: known
        ? `>= ${slow.toFixed(2)} m/s (80% of ${norm.toFixed(2)} m/s, ${g.sex} aged ${g.ageYears}; Bohannon & Andrews 2011)`
        : `>= ${ADULT_SLOW_MPS.toFixed(2)} m/s (adult reference, age and sex not given; Fritz & Lusardi 2009)`,
      outside: (v) => v < slow,
    }),
    indicator('short-steps', 'step length / height', {
      value: g.stepLengthM / g.heightM,
      unit: 'x height',
      digits: 3,
      reference: '>= 0.35 x height (healthy adults about 0.41; Grieve & Gear 1966)',
      outside: (v) => v < 0.35,
    }),
    indicator('long-double-support', 'double support', {
      value: g.doubleSupportPct,
      unit: '% of gait cycle',
      digits: 1,
      reference: '<= 30 % (healthy adults about 20-24 %; Perry & Burnfield 2010)',
      outside: (v) => v > 30,
    }),
    indicator('reduced-arm-swing', 'arm swing', {
      value: g.armSwingPctHeight,
      unit: '% of height',
      digits: 1,
      reference: '>= 10 % of height (screening threshold, no published norm; compare with own baseline)',
      outside: (v) => v < 10,
    }),
    indicator('reduced-trunk-sway', 'trunk sagittal sway', {
      value: g.trunkSwayDeg,
      unit: 'deg',
      digits: 1,
      reference: '>= 2 deg (healthy about 3-6 deg, Thorstensson et al. 1984; compare with own baseline)',
      outside: (v) => v < 2,
    }),
    indicator('high-heel-strike-velocity', 'foot descent before heel strike', {
      value: g.heelStrikeVelocityMps,
      unit: 'm/s',
      digits: 2,
      reference: '<= 0.8 m/s (screening threshold, no published norm; compare with own baseline)',
      outside: (v) => v > 0.8,
    }),
    indicator('asymmetry', 'step asymmetry', {
      value: Math.max(g.stepLengthSymmetryPct, g.stepTimeSymmetryPct),
      unit: '% symmetry index',
      digits: 1,
      reference: '<= 8 % (larger of step length and step time; cf. ratio 1.08, Patterson et al. 2010)',
      outside: (v) => v > 8,
    }),
  ];
  const outside = list.filter((i) => i.outside);
  const missing = list.filter((i) => i.value === null).length;
  const named = outside.map((i) => `${i.label} ${i.value} ${i.unit}`).join('; ');
  const summary =
    `${outside.length} of ${list.length} indicators outside reference${outside.length ? `: ${named}` : ''}` +
    `${missing ? ` (${missing} not computable)` : ''}. Screening aid, not a diagnosis.`;
  return { indicators: list, summary };
}
