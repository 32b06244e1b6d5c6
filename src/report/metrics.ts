// The metrics Ganglag follows over time: one table of definitions and one extractor from stored results.
import type { AnalysisV1 } from '../shared/analysis-format';
import { JUDGED_INDICATOR_IDS } from '../shared/messages';

const isJudgedIndicator = (id: string): boolean => (JUDGED_INDICATOR_IDS as readonly string[]).includes(id);

export const METRIC_IDS = [
  'gait-speed',
  'step-length',
  'stride-length',
  'cadence',
  'double-support',
  'step-length-symmetry',
  'step-time-symmetry',
  'guarded-outside',
  'forward-flexion-rom',
  'fingertip-to-floor',
  'lateral-flexion-left',
  'lateral-flexion-right',
  'lateral-drop-left',
  'lateral-drop-right',
  'extension-rom',
  'forward-head',
  'standing-trunk-lean',
  'shoulder-obliquity',
  'pelvic-obliquity',
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export interface MetricDef {
  id: MetricId;
  label: string;
  /** Unit as people read it. */
  unit: string;
  /** UCUM code (Unified Code for Units of Measure, system http://unitsofmeasure.org) for FHIR valueQuantity.code. */
  ucum: string;
  /** CSV column name; the unit is part of the name. */
  csvColumn: string;
  decimals: number;
  /**
   * Direction of improvement; null where neither direction is better. The symmetry ids (kept for stored data)
   * hold asymmetry indices: 0 is symmetric and lower is better.
   */
  higherIsBetter: boolean | null;
  group: 'gait' | 'spine';
}

const def = (d: MetricDef): MetricDef => d;

export const METRICS: Readonly<Record<MetricId, MetricDef>> = {
  'gait-speed': def({
    id: 'gait-speed',
    label: 'Gait speed',
    unit: 'm/s',
    ucum: 'm/s',
    csvColumn: 'gait_speed_m_per_s',
    decimals: 2,
    higherIsBetter: true,
    group: 'gait',
  }),
  'step-length': def({
    id: 'step-length',
    label: 'Step length',
    unit: 'm',
    ucum: 'm',
    csvColumn: 'step_length_m',
    decimals: 3,
    higherIsBetter: true,
    group: 'gait',
  }),
  'stride-length': def({
    id: 'stride-length',
    label: 'Stride length',
    unit: 'm',
    ucum: 'm',
    csvColumn: 'stride_length_m',
    decimals: 3,
    higherIsBetter: true,
    group: 'gait',
  }),
  cadence: def({
    id: 'cadence',
    label: 'Cadence',
    unit: 'steps/min',
    ucum: '/min',
    csvColumn: 'cadence_steps_per_min',
    decimals: 1,
    higherIsBetter: null,
    group: 'gait',
  }),
  'double-support': def({
    id: 'double-support',
    label: 'Double support',
    unit: '% of gait cycle',
    ucum: '%',
    csvColumn: 'double_support_pct',
    decimals: 1,
    higherIsBetter: false,
    group: 'gait',
  }),
  'step-length-symmetry': def({
    id: 'step-length-symmetry',
    label: 'Step length asymmetry',
    unit: '%',
    ucum: '%',
    csvColumn: 'step_length_asymmetry_pct',
    decimals: 1,
    higherIsBetter: false,
    group: 'gait',
  }),
  'step-time-symmetry': def({
    id: 'step-time-symmetry',
    label: 'Step time asymmetry',
    unit: '%',
    ucum: '%',
    csvColumn: 'step_time_asymmetry_pct',
    decimals: 1,
    higherIsBetter: false,
    group: 'gait',
  }),
  'guarded-outside': def({
    id: 'guarded-outside',
    label: 'Guarded-gait flags raised (count, not a score)',
    unit: 'flags',
    ucum: '{flags}',
    csvColumn: 'guarded_flags_count',
    decimals: 0,
    higherIsBetter: false,
    group: 'gait',
  }),
  'forward-flexion-rom': def({
    id: 'forward-flexion-rom',
    label: 'Trunk inclination range, forward flexion',
    unit: '°',
    ucum: 'deg',
    csvColumn: 'trunk_inclination_forward_flexion_rom_deg',
    decimals: 1,
    higherIsBetter: true,
    group: 'spine',
  }),
  'fingertip-to-floor': def({
    id: 'fingertip-to-floor',
    label: 'Fingertip-to-floor distance',
    unit: 'cm',
    ucum: 'cm',
    csvColumn: 'fingertip_to_floor_cm',
    decimals: 1,
    higherIsBetter: false,
    group: 'spine',
  }),
  'lateral-flexion-left': def({
    id: 'lateral-flexion-left',
    label: 'Lateral trunk inclination, left',
    unit: '°',
    ucum: 'deg',
    csvColumn: 'trunk_inclination_lateral_left_deg',
    decimals: 1,
    higherIsBetter: true,
    group: 'spine',
  }),
  'lateral-flexion-right': def({
    id: 'lateral-flexion-right',
    label: 'Lateral trunk inclination, right',
    unit: '°',
    ucum: 'deg',
    csvColumn: 'trunk_inclination_lateral_right_deg',
    decimals: 1,
    higherIsBetter: true,
    group: 'spine',
  }),
  // Lateral flexion's usual clinical measure: the fingertip's drop along the thigh (issue 10 item 3).
  'lateral-drop-left': def({
    id: 'lateral-drop-left',
    label: 'Lateral fingertip drop along the thigh, left',
    unit: 'cm',
    ucum: 'cm',
    csvColumn: 'lateral_fingertip_drop_left_cm',
    decimals: 1,
    higherIsBetter: true,
    group: 'spine',
  }),
  'lateral-drop-right': def({
    id: 'lateral-drop-right',
    label: 'Lateral fingertip drop along the thigh, right',
    unit: 'cm',
    ucum: 'cm',
    csvColumn: 'lateral_fingertip_drop_right_cm',
    decimals: 1,
    higherIsBetter: true,
    group: 'spine',
  }),
  'extension-rom': def({
    id: 'extension-rom',
    label: 'Trunk inclination range, extension',
    unit: '°',
    ucum: 'deg',
    csvColumn: 'trunk_inclination_extension_rom_deg',
    decimals: 1,
    higherIsBetter: true,
    group: 'spine',
  }),
  // Standing posture (issue 10: posture reaches charts, CSV and FHIR like the other metrics).
  'forward-head': def({
    id: 'forward-head',
    label: 'Forward head (ear ahead of shoulder), standing',
    unit: 'cm',
    ucum: 'cm',
    csvColumn: 'forward_head_cm',
    decimals: 1,
    higherIsBetter: false,
    group: 'spine',
  }),
  'standing-trunk-lean': def({
    id: 'standing-trunk-lean',
    label: 'Trunk inclination standing (forward)',
    unit: '°',
    ucum: 'deg',
    csvColumn: 'standing_trunk_inclination_deg',
    decimals: 1,
    higherIsBetter: null,
    group: 'spine',
  }),
  'shoulder-obliquity': def({
    id: 'shoulder-obliquity',
    label: 'Shoulder obliquity (left higher positive)',
    unit: '°',
    ucum: 'deg',
    csvColumn: 'shoulder_obliquity_deg',
    decimals: 1,
    higherIsBetter: null,
    group: 'spine',
  }),
  'pelvic-obliquity': def({
    id: 'pelvic-obliquity',
    label: 'Pelvic obliquity (left higher positive)',
    unit: '°',
    ucum: 'deg',
    csvColumn: 'pelvic_obliquity_deg',
    decimals: 1,
    higherIsBetter: null,
    group: 'spine',
  }),
};

const finiteOrNull = (x: number | null | undefined): number | null =>
  typeof x === 'number' && Number.isFinite(x) ? x : null;

function bestSide(a: AnalysisV1, side: 'left' | 'right'): number | null {
  if (a.spine?.test !== 'lateral-flexion') return null;
  const roms = a.spine.reps.filter((r) => r.side === side).map((r) => r.romDeg);
  return roms.length > 0 ? Math.max(...roms) : null;
}

/** The largest lateral fingertip drop on one side, cm (lateral flexion; results before issue 10 have none). */
function bestDrop(a: AnalysisV1, side: 'left' | 'right'): number | null {
  if (a.spine?.test !== 'lateral-flexion') return null;
  const d = a.spine.reps
    .filter((r) => r.side === side)
    .map((r) => r.fingertipDropCm)
    .filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return d.length > 0 ? Math.max(...d) : null;
}

function postureValue(a: AnalysisV1, field: string): number | null {
  const v = a.posture?.[field];
  return typeof v === 'number' ? finiteOrNull(v) : null;
}

/** The metric's value in one analysis result, or null when that result does not measure it. */
export function metricValue(id: MetricId, a: AnalysisV1): number | null {
  const g = a.gait;
  const s = a.spine;
  switch (id) {
    case 'gait-speed':
      return finiteOrNull(g?.speedMps);
    case 'step-length':
      return finiteOrNull(g?.stepLengthM.mean);
    case 'stride-length':
      return finiteOrNull(g?.strideLengthM.mean);
    case 'cadence':
      return finiteOrNull(g?.cadenceStepsPerMin);
    case 'double-support':
      return finiteOrNull(g?.doubleSupportPct);
    case 'step-length-symmetry':
      return finiteOrNull(g?.stepLengthSymmetryPct);
    case 'step-time-symmetry':
      return finiteOrNull(g?.stepTimeSymmetryPct);
    case 'guarded-outside':
      // Only the judged indicators count: heel-strike velocity, stored by older results, is not validated.
      return a.guarded
        ? a.guarded.indicators.filter((i) => i.outside && isJudgedIndicator(i.id)).length
        : null;
    case 'forward-flexion-rom':
      return s?.test === 'forward-flexion' ? finiteOrNull(s.romDeg.best) : null;
    case 'fingertip-to-floor':
      return s?.test === 'forward-flexion' ? finiteOrNull(s.fingertipToFloorCm.best) : null;
    case 'lateral-flexion-left':
      return finiteOrNull(bestSide(a, 'left'));
    case 'lateral-flexion-right':
      return finiteOrNull(bestSide(a, 'right'));
    case 'lateral-drop-left':
      return finiteOrNull(bestDrop(a, 'left'));
    case 'lateral-drop-right':
      return finiteOrNull(bestDrop(a, 'right'));
    case 'extension-rom':
      return s?.test === 'extension' ? finiteOrNull(s.romDeg.best) : null;
    case 'forward-head':
      return postureValue(a, 'forwardHeadCm');
    case 'standing-trunk-lean':
      return postureValue(a, 'trunkLeanDeg');
    case 'shoulder-obliquity':
      return postureValue(a, 'shoulderObliquityDeg');
    case 'pelvic-obliquity':
      return postureValue(a, 'pelvicObliquityDeg');
  }
}

/** Fixed-decimal text for tables and CSV; empty for null. */
export function formatMetric(id: MetricId, value: number | null): string {
  return value === null ? '' : value.toFixed(METRICS[id].decimals);
}
