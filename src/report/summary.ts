// Plain-language progress summary for the patient: first and latest value of each metric, and whether the
// change is larger than the smallest meaningful change where one is known.
import type { SessionRecord } from '../storage/types';
import { formatMetric, METRICS, metricValue, type MetricId } from './metrics';
import { meaningfulChange } from './norms';

export interface SummaryLine {
  metric: MetricId;
  first: { sessionId: string; date: string; value: number };
  latest: { sessionId: string; date: string; value: number };
  change: number;
  /** 'better' / 'worse' follow the metric's direction; 'unclear' where none is better or no threshold is known. */
  verdict: 'better' | 'worse' | 'no-meaningful-change' | 'unclear';
  text: string;
}

const SUMMARY_METRICS: readonly MetricId[] = [
  'gait-speed',
  'step-length',
  'cadence',
  'forward-flexion-rom',
  'fingertip-to-floor',
  'lateral-flexion-left',
  'lateral-flexion-right',
];

export function patientSummary(sessions: readonly SessionRecord[]): SummaryLine[] {
  const sorted = [...sessions].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const out: SummaryLine[] = [];
  for (const metric of SUMMARY_METRICS) {
    const pts = sorted
      .map((s) => ({
        sessionId: s.id,
        date: s.startedAt.slice(0, 10),
        value: metricValue(metric, s.analysis),
      }))
      .filter((p): p is { sessionId: string; date: string; value: number } => p.value !== null);
    if (pts.length < 2) continue;
    const first = pts[0];
    const latest = pts[pts.length - 1];
    const def = METRICS[metric];
    const change = latest.value - first.value;
    const smc = meaningfulChange(metric);
    const fmt = (v: number) => `${formatMetric(metric, v)} ${def.unit}`;
    const signed = `${change >= 0 ? '+' : '−'}${fmt(Math.abs(change))}`;
    let verdict: SummaryLine['verdict'];
    let tail: string;
    if (!smc || def.higherIsBetter === null) {
      verdict = 'unclear';
      tail =
        'There is no agreed size of a meaningful change for this measure; talk it through with your clinician.';
    } else if (Math.abs(change) < smc.thresholds[0] - 1e-9) {
      verdict = 'no-meaningful-change';
      tail = `This is less than ${fmt(smc.thresholds[0])}, so it may be normal day-to-day variation.`;
    } else {
      verdict = change > 0 === def.higherIsBetter ? 'better' : 'worse';
      tail = `This is at least ${fmt(smc.thresholds[0])}, a change large enough to matter, and it is ${verdict === 'better' ? 'an improvement' : 'a decline'}.`;
    }
    out.push({
      metric,
      first,
      latest,
      change,
      verdict,
      text: `${def.label}: ${fmt(first.value)} on ${first.date}, ${fmt(latest.value)} on ${latest.date} (${signed}). ${tail}`,
    });
  }
  return out;
}
