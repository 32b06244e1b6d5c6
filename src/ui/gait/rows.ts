// What the gait tables show, read from the engine's one result (ganglag.analysis/v1): the passes with whether
// each is in the overall result, and every step, the ones left out as implausible included with why. The UI
// computes no metric of its own (issue 11 item 6, issue 14 item 5). Pure: no DOM, no i18n.
import type { AnalysisV1, GaitPassV1, StepV1 } from '../../shared/analysis-format';
import { warningsOf, type RejectedStepMessage, type WarningMessage } from '../../shared/messages';

export interface PassRow {
  /** Pass number, from 1, as the engine's warnings count them. */
  n: number;
  pass: GaitPassV1;
  /** Whether the overall result (the headline numbers and the step table) includes this pass's steps. */
  inOverall: boolean;
  /** Why it is not in the overall result (null when it is). */
  leftOut: 'too-short' | 'not-measurable' | null;
  /** The engine's warnings about this pass alone. */
  warnings: WarningMessage[];
}

/** The engine's passes, with their standing in the overall result, from its warning codes. */
export function passRows(a: AnalysisV1): PassRow[] {
  const passes = a.gait?.passes ?? [];
  const ws = warningsOf(a.quality);
  const pooled = ws.find((w) => w.code === 'passes-pooled');
  const none = ws.find((w) => w.code === 'no-measurable-pass');
  const short = new Set(ws.flatMap((w) => (w.code === 'pass-too-short' ? [w.pass] : [])));
  return passes.map((pass, i) => {
    const n = i + 1;
    // One pass: the whole result is that pass. Several: the engine names those it pooled. None measurable:
    // the result is the longest pass's own numbers.
    const inOverall = pooled ? pooled.pooled.includes(n) : none ? none.pass === n : passes.length === 1;
    const leftOut = inOverall ? null : short.has(n) ? 'too-short' : 'not-measurable';
    const warnings = ws.flatMap((w) =>
      (w.code === 'in-pass' && w.pass === n) || (w.code === 'pass-too-short' && w.pass === n)
        ? [w.code === 'in-pass' ? w.warning : w]
        : [],
    );
    return { n, pass, inOverall, leftOut, warnings };
  });
}

export type StepRow =
  | { kind: 'step'; n: number; step: StepV1 }
  | { kind: 'left-out'; foot: StepV1['foot']; tS: number; why: RejectedStepMessage };

/** Implausible strikes the engine left out of the steps: overall, or in one pass of the overall result. */
export function leftOutSteps(a: AnalysisV1): RejectedStepMessage[] {
  const out: RejectedStepMessage[] = [];
  const take = (w: WarningMessage): void => {
    if (w.code === 'implausible-steps') out.push(...w.steps);
    else if (w.code === 'in-pass') take(w.warning);
  };
  for (const w of warningsOf(a.quality)) take(w);
  return out;
}

/**
 * Every step of the overall result, numbered as counted (1…steps), and the strikes left out as implausible
 * between them, unnumbered with why; in time order.
 */
export function stepRows(a: AnalysisV1): StepRow[] {
  const rows: StepRow[] = (a.gait?.steps ?? []).map((step, i) => ({ kind: 'step', n: i + 1, step }));
  for (const why of leftOutSteps(a)) rows.push({ kind: 'left-out', foot: why.foot, tS: why.tS, why });
  const time = (r: StepRow): number => (r.kind === 'step' ? r.step.tS : r.tS);
  return rows.sort((x, y) => time(x) - time(y));
}

/** The overall row of the passes table: the engine's pooled numbers, exactly as the headline cards show them. */
export interface OverallRow {
  steps: number;
  cadence: number | null;
  stepLengthM: number | null;
  speedMps: number | null;
}

export function overallRow(a: AnalysisV1): OverallRow | null {
  const g = a.gait;
  if (!g) return null;
  return {
    steps: g.steps.length,
    cadence: g.cadenceStepsPerMin,
    stepLengthM: g.stepLengthM.mean,
    speedMps: g.speedMps,
  };
}
