// A small time-axis line chart for session series that are not report metrics (self-report, clinical tests):
// one point per session (click opens it), white background for PNG copies, numbers and dates in the UI's language.
import { Chart, type ChartConfiguration, type ChartDataset } from 'chart.js';
import { localise, whiteBackground } from '../charts';

export interface Point {
  x: number;
  y: number;
  /** Absent on reference lines. */
  sessionId?: string;
}

export function series(
  label: string,
  data: Point[],
  color: string,
  shape: 'circle' | 'triangle',
  dashed: boolean,
): ChartDataset<'line', Point[]> {
  return {
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    pointStyle: shape,
    pointRadius: 5,
    borderDash: dashed ? [6, 4] : undefined,
  };
}

export function lineChart(
  canvas: HTMLCanvasElement,
  title: string,
  yTitle: string,
  datasets: ChartDataset<'line', Point[]>[],
  y: { min: number; max?: number; stepSize?: number },
  onOpen: (id: string) => void,
): Chart<'line', Point[]> {
  const config: ChartConfiguration<'line', Point[]> = {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      parsing: false,
      maintainAspectRatio: false,
      color: '#1e293b',
      scales: {
        x: { type: 'time', time: { tooltipFormat: 'yyyy-MM-dd HH:mm', minUnit: 'day' } },
        y: {
          min: y.min,
          max: y.max,
          ticks: { stepSize: y.stepSize },
          title: { display: true, text: yTitle },
        },
      },
      plugins: {
        title: { display: true, text: title, color: '#1e293b', font: { size: 13 } },
        legend: { position: 'bottom', labels: { usePointStyle: true, font: { size: 11 } } },
      },
      onClick: (_ev, elements) => {
        const el = elements[0];
        const id = el ? datasets[el.datasetIndex]?.data[el.index]?.sessionId : undefined;
        if (id) onOpen(id);
      },
    },
    plugins: [whiteBackground],
  };
  localise(config.options as { locale?: string; scales?: Record<string, unknown> });
  canvas.dataset.points = String(datasets.reduce((n, d) => n + d.data.length, 0));
  return new Chart(canvas, config);
}

/** A horizontal reference (a norm or a threshold) across the charted dates: grey, dashed, no points. */
export function referenceLine(
  label: string,
  y: number,
  xs: readonly number[],
): ChartDataset<'line', Point[]> {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return {
    label,
    data: [
      { x: lo, y },
      { x: hi === lo ? lo + 86_400_000 : hi, y },
    ],
    borderColor: '#64748b',
    backgroundColor: '#64748b',
    borderDash: [3, 3],
    borderWidth: 1.5,
    pointRadius: 0,
    pointHitRadius: 0,
  };
}
