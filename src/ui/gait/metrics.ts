// The gait metrics shown in the Gait tab: label, definition, unit and how to read each from ganglag.analysis/v1.
import type { AnalysisV1, GaitV1 } from '../../shared/analysis-format';
import type { I18nKey } from '../i18n';

/** The metrics, each with a name (gait.m.<key>) and a definition (gait.d.<key>) in the string table. */
export type MetricKey =
  | 'cadence'
  | 'stepLength'
  | 'speed'
  | 'doubleSupport'
  | 'stepLengthLeft'
  | 'stepLengthRight'
  | 'strideLength'
  | 'stepTime'
  | 'strideTime'
  | 'stance'
  | 'swing'
  | 'stepLengthSym'
  | 'stepTimeSym'
  | 'stepLengthCv'
  | 'stepTimeCv'
  | 'heelStrikeVelocity';

export interface MetricRow {
  /** Stable id; also the data-testid suffix (gait-<id>). */
  id: string;
  /** i18n keys: gait.m.<key> (name) and gait.d.<key> (definition). */
  key: MetricKey;
  unit: I18nKey;
  digits: number;
  value: number | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const field = (g: GaitV1, name: string, sub?: string): number | null => {
  const v = g[name];
  if (sub === undefined) return num(v);
  return v !== null && typeof v === 'object' ? num((v as Record<string, unknown>)[sub]) : null;
};

/**
 * Rows in clinical reading order. Without a metric scale, step length and speed fall back to pixels (the
 * only lengths the engine gives then), and their unit says so.
 */
export function metricRows(a: AnalysisV1): MetricRow[] {
  const g = a.gait;
  if (!g) return [];
  const metres = a.scale.method !== 'pixels';
  const len = (v: number | null, pxV: number | null, id: string, key: MetricKey): MetricRow =>
    metres
      ? { id, key, unit: 'gait.u.m', digits: 2, value: v }
      : { id, key, unit: 'gait.u.px', digits: 0, value: pxV };
  return [
    { id: 'cadence', key: 'cadence', unit: 'gait.u.stepsPerMin', digits: 1, value: g.cadenceStepsPerMin },
    len(g.stepLengthM.mean, field(g, 'stepLengthPx', 'mean'), 'step-length', 'stepLength'),
    metres
      ? { id: 'speed', key: 'speed', unit: 'gait.u.mps', digits: 2, value: g.speedMps }
      : { id: 'speed', key: 'speed', unit: 'gait.u.pxps', digits: 0, value: field(g, 'speedPxPerS') },
    {
      id: 'double-support',
      key: 'doubleSupport',
      unit: 'gait.u.pctCycle',
      digits: 1,
      value: g.doubleSupportPct,
    },
    len(g.stepLengthM.left, null, 'step-length-left', 'stepLengthLeft'),
    len(g.stepLengthM.right, null, 'step-length-right', 'stepLengthRight'),
    len(g.strideLengthM.mean, null, 'stride-length', 'strideLength'),
    { id: 'step-time', key: 'stepTime', unit: 'gait.u.s', digits: 2, value: field(g, 'stepTimeS', 'mean') },
    {
      id: 'stride-time',
      key: 'strideTime',
      unit: 'gait.u.s',
      digits: 2,
      value: field(g, 'strideTimeS', 'mean'),
    },
    { id: 'stance', key: 'stance', unit: 'gait.u.pctCycle', digits: 1, value: field(g, 'stancePct') },
    { id: 'swing', key: 'swing', unit: 'gait.u.pctCycle', digits: 1, value: field(g, 'swingPct') },
    {
      id: 'step-length-sym',
      key: 'stepLengthSym',
      unit: 'gait.u.pct',
      digits: 1,
      value: g.stepLengthSymmetryPct,
    },
    { id: 'step-time-sym', key: 'stepTimeSym', unit: 'gait.u.pct', digits: 1, value: g.stepTimeSymmetryPct },
    { id: 'step-length-cv', key: 'stepLengthCv', unit: 'gait.u.pct', digits: 1, value: g.stepLengthM.cv },
    {
      id: 'step-time-cv',
      key: 'stepTimeCv',
      unit: 'gait.u.pct',
      digits: 1,
      value: field(g, 'stepTimeS', 'cv'),
    },
    metres
      ? {
          id: 'heel-strike-velocity',
          key: 'heelStrikeVelocity',
          unit: 'gait.u.mps',
          digits: 2,
          value: g.heelStrikeVelocityMps.mean,
        }
      : { id: 'heel-strike-velocity', key: 'heelStrikeVelocity', unit: 'gait.u.mps', digits: 2, value: null },
  ];
}

/** The four numbers shown large at the top. */
export const KEY_METRICS = ['cadence', 'step-length', 'speed', 'double-support'];

/** i18n key of an indicator's unit as the engine writes it; unknown units are shown as given. */
export function indicatorUnitKey(unit: string): I18nKey | null {
  switch (unit) {
    case 'm/s':
      return 'gait.u.mps';
    case 'x height':
      return 'gait.u.xHeight';
    case '% of gait cycle':
      return 'gait.u.pctCycle';
    case '% of height':
      return 'gait.u.pctHeight';
    case 'deg':
      return 'gait.u.deg';
    case '% asymmetry index':
    case '% symmetry index': // stored before issue 10; the same asymmetry index
      return 'gait.u.asymIndex';
    default:
      return null;
  }
}
