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

/** Rows for every metric at least one of the sessions measured, in the metric table's order. */
export function compareSessions(a: SessionRecord, b: SessionRecord): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  for (const metric of METRIC_IDS) {
    const va = metricValue(metric, a.analysis);
    const vb = metricValue(metric, b.analysis);
    if (va === null && vb === null) continue;
    const diff = va !== null && vb !== null ? vb - va : null;
    const smc = meaningfulChange(metric);
    // Rounding guard: 0.87 - 0.82 is 0.04999... in binary floating point.
    const meaningful = diff === null || !smc ? null : Math.abs(diff) >= smc.thresholds[0] - 1e-9;
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
