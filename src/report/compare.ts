// Two sessions side by side: each metric both measured, the difference, and whether it reaches the smallest
// meaningful change. Pure data for the session view.
import type { SessionRecord } from '../storage/types';
import { METRIC_IDS, METRICS, metricValue, type MetricId } from './metrics';
import { meaningfulChange } from './norms';

export interface ComparisonRow {
  metric: MetricId;
  label: string;
  unit: string;
  a: number | null;
  b: number | null;
  /** b − a, in the metric's unit; null unless both sessions measured it. */
  diff: number | null;
  /** Whether |diff| reaches the smallest meaningful change; null where none is known or diff is null. */
  meaningful: boolean | null;
}

/**
 * Whether the two sessions are known to come from different pose models. A model switch alone moves the numbers
 * (MultiPose and Lightning on one demo walk: 1.23-1.25 against 1.20 m/s, docs/validation.md), so such a difference
 * is not judged as a change. Sessions saved before the model was recorded are not known to differ.
 */
export function differentModels(a: Pick<SessionRecord, 'model'>, b: Pick<SessionRecord, 'model'>): boolean {
  return a.model !== undefined && b.model !== undefined && a.model !== b.model;
}

/**
 * Rows for every metric at least one of the sessions measured, in the metric table's order. Between sessions of
 * different pose models no difference is judged (`meaningful` null).
 */
export function compareSessions(a: SessionRecord, b: SessionRecord): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const judged = !differentModels(a, b);
  for (const metric of METRIC_IDS) {
    const va = metricValue(metric, a.analysis);
    const vb = metricValue(metric, b.analysis);
    if (va === null && vb === null) continue;
    const diff = va !== null && vb !== null ? vb - va : null;
    const smc = meaningfulChange(metric);
    // Rounding guard: 0.87 - 0.82 is 0.04999... in binary floating point.
    const meaningful = diff === null || !smc || !judged ? null : Math.abs(diff) >= smc.thresholds[0] - 1e-9;
    rows.push({
      metric,
      label: METRICS[metric].label,
      unit: METRICS[metric].unit,
      a: va,
      b: vb,
      diff,
      meaningful,
    });
  }
  return rows;
}
