// Gait-event plot for the session view: each heel strike at its time, step length by foot.
import type { ChartConfiguration } from 'chart.js';
import type { AnalysisV1, Foot } from '../shared/analysis-format';

export interface StepPoint {
  /** Heel-strike time, s from the recording's first frame. */
  x: number;
  /** Step length, m. */
  y: number;
  foot: Foot;
}

const FOOT_COLOR: Record<Foot, string> = { left: '#1f77b4', right: '#ff7f0e' };

/** Scatter of step length (m) against heel-strike time (s), one dataset per foot; steps without a length are left out. */
export function buildGaitEventsChart(analysis: AnalysisV1): ChartConfiguration<'scatter', StepPoint[]> {
  const steps = analysis.gait?.steps ?? [];
  const datasets = (['left', 'right'] as const).map((foot) => ({
    label: foot === 'left' ? 'Left heel strikes' : 'Right heel strikes',
    data: steps
      .filter((s) => s.foot === foot && s.lengthM !== null && Number.isFinite(s.lengthM))
      .map((s) => ({ x: s.tS, y: s.lengthM as number, foot })),
    borderColor: FOOT_COLOR[foot],
    backgroundColor: FOOT_COLOR[foot],
    pointStyle: foot === 'left' ? ('circle' as const) : ('rect' as const),
    pointRadius: 5,
  }));
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      animation: false,
      parsing: false,
      scales: {
        x: { type: 'linear', title: { display: true, text: 'Time (s)' } },
        y: { title: { display: true, text: 'Step length (m)' } },
      },
      plugins: { title: { display: true, text: 'Heel strikes' } },
    },
  };
}
