// Plain-language progress summary for the patient: first and latest value of each metric, and whether the
// change is larger than the smallest meaningful change where one is known. Like is compared with like: only
// sessions of the same protocol at the same time of day (stiffness varies over the day; a fast-pace test is not
// a comfortable-pace one), measured by the same pose model (a model switch alone moves the numbers by a few %).
import { MODEL_NAMES, type ModelId } from '../shared/models';
import type { SessionRecord, TimeOfDay } from '../storage/types';
import { formatMetric, METRICS, metricValue, type MetricId } from './metrics';
import { meaningfulChange } from './norms';

export interface SummaryLine {
  metric: MetricId;
  first: { sessionId: string; date: string; value: number };
  latest: { sessionId: string; date: string; value: number };
  /** What both sessions share. */
  protocol: string;
  timeOfDay: TimeOfDay;
  /** The pose model of both sessions; absent where it was not recorded (sessions saved before it was). */
  model?: ModelId;
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

interface Point {
  sessionId: string;
  date: string;
  value: number;
  at: string;
  s: SessionRecord;
}

export function patientSummary(sessions: readonly SessionRecord[]): SummaryLine[] {
  const sorted = [...sessions].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const out: SummaryLine[] = [];
  for (const metric of SUMMARY_METRICS) {
    // Per protocol and time of day, oldest first; the group whose latest session is the most recent speaks.
    const groups = new Map<string, Point[]>();
    for (const s of sorted) {
      const value = metricValue(metric, s.analysis);
      if (value === null) continue;
      const key = JSON.stringify([s.protocol, s.timeOfDay, s.model ?? null]);
      const g = groups.get(key) ?? [];
      g.push({ sessionId: s.id, date: s.startedAt.slice(0, 10), value, at: s.startedAt, s });
      groups.set(key, g);
    }
    const pts = [...groups.values()]
      .filter((g) => g.length >= 2)
      .sort((a, b) => b[b.length - 1].at.localeCompare(a[a.length - 1].at))[0];
    if (!pts) continue;
    const strip = ({ sessionId, date, value }: Point) => ({ sessionId, date, value });
    const first = strip(pts[0]);
    const latest = strip(pts[pts.length - 1]);
    const { protocol, timeOfDay, model } = pts[0].s;
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
      protocol,
      timeOfDay,
      ...(model ? { model } : {}),
      change,
      verdict,
      text: `${def.label} (${timeOfDay}, ${protocol}${model ? `, ${MODEL_NAMES[model]}` : ''}): ${fmt(first.value)} on ${first.date}, ${fmt(latest.value)} on ${latest.date} (${signed}). ${tail}`,
    });
  }
  return out;
}
