// Chart.js for the progress and session views: the parts we use, a white background (so PNG and PDF copies
// read on paper), labels in the UI language, and hover/click that open a session.
import {
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  TimeScale,
  Title,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import 'chartjs-adapter-date-fns';
import { enGB, nb } from 'date-fns/locale';
import { sessionIdAt, type ChartPoint, type ProgressChart, type StepPoint } from '../../report';
import { LOCALES } from '../../shared/messages';
import { getLang, t } from '../i18n';

Chart.register(
  LineController,
  ScatterController,
  LineElement,
  PointElement,
  LinearScale,
  TimeScale,
  Filler,
  Legend,
  Tooltip,
  Title,
);

/** Paints white behind the chart: toBase64Image()/toBlob() would otherwise give a transparent PNG. */
export const whiteBackground: Plugin = {
  id: 'ganglag-white-background',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

const INK = '#1e293b';

/**
 * Numbers (ticks, tooltips) and dates (month names on the time axis) in the UI's language, not the browser's:
 * Chart.js formats numbers with options.locale, the date adapter with a date-fns locale.
 */
export function localise(options: { locale?: string; scales?: Record<string, unknown> }): void {
  const lang = getLang();
  options.locale = LOCALES[lang];
  const x = options.scales?.x as { type?: string; adapters?: { date?: object } } | undefined;
  if (x?.type === 'time') x.adapters = { ...x.adapters, date: { locale: lang === 'nb' ? nb : enGB } };
}

/** The threshold inside a meaningful-change label, e.g. "0.05 m/s" from "small meaningful change (0.05 m/s)". */
export const smcValue = (label: string): string => /\(([^)]+)\)\s*$/.exec(label)?.[1] ?? label;

/** Number of drawn session points (all time-of-day series) in a progress chart. */
export function seriesPointCount(pc: ProgressChart): number {
  return pc.roles.reduce(
    (n, role, i) => (role.startsWith('series-') ? n + pc.config.data.datasets[i].data.length : n),
    0,
  );
}

/** Draws a progress chart; hovering a session point describes it, clicking calls onOpen with its id. */
export function renderProgressChart(
  canvas: HTMLCanvasElement,
  pc: ProgressChart,
  title: string,
  onOpen: (sessionId: string) => void,
  /** Called with the hovered session's description (date, time of day, protocol, value), or null. */
  onPoint?: (detail: string | null) => void,
): Chart<'line', ChartPoint[]> {
  const config = pc.config;
  // The report layer words the legend in the UI's language (buildProgressChart(metric, input, lang)).
  const options = config.options ?? {};
  options.color = INK;
  const plugins = options.plugins ?? {};
  plugins.title = { ...plugins.title, display: true, text: title, color: INK, font: { size: 13 } };
  plugins.legend = {
    ...plugins.legend,
    position: 'bottom',
    labels: { ...plugins.legend?.labels, boxWidth: 12, boxHeight: 8, font: { size: 11 } },
  };
  options.plugins = plugins;
  const y = options.scales?.y;
  if (y) y.title = { display: true, text: title };
  localise(options);
  options.onClick = (_ev, elements) => {
    const el = elements[0];
    if (!el) return;
    const id = sessionIdAt(pc, el.datasetIndex, el.index);
    if (id) onOpen(id);
  };
  options.onHover = (ev, elements) => {
    const el = elements.find((e) => sessionIdAt(pc, e.datasetIndex, e.index) !== null);
    const target = ev.native?.target;
    if (target instanceof HTMLElement) target.style.cursor = el ? 'pointer' : 'default';
    onPoint?.(el ? (pc.config.data.datasets[el.datasetIndex].data[el.index].detail ?? null) : null);
  };
  config.options = options;
  // Where each session point was drawn (CSS px), so browser tests can hover and click real points.
  const pointMap: Plugin<'line'> = {
    id: 'ganglag-point-map',
    afterRender(chart) {
      const pts: { id: string; x: number; y: number }[] = [];
      pc.roles.forEach((role, i) => {
        if (!role.startsWith('series-')) return;
        chart.getDatasetMeta(i).data.forEach((el, j) => {
          const id = sessionIdAt(pc, i, j);
          if (id) pts.push({ id, x: Math.round(el.x), y: Math.round(el.y) });
        });
      });
      canvas.dataset.sessionPoints = JSON.stringify(pts);
    },
  };
  config.plugins = [whiteBackground, pointMap];
  canvas.dataset.points = String(seriesPointCount(pc));
  return new Chart(canvas, config);
}

/** Step length against heel-strike time, per foot. */
export function renderGaitEventsChart(
  canvas: HTMLCanvasElement,
  config: ChartConfiguration<'scatter', StepPoint[]>,
): Chart<'scatter', StepPoint[]> {
  const [left, right] = config.data.datasets;
  if (left) left.label = t('progress.session.leftStrikes');
  if (right) right.label = t('progress.session.rightStrikes');
  const options = config.options ?? {};
  options.color = INK;
  options.maintainAspectRatio = false;
  options.plugins = {
    ...options.plugins,
    title: { display: true, text: t('progress.session.gaitEvents'), color: INK },
  };
  const scales = options.scales ?? {};
  if (scales.x) scales.x.title = { display: true, text: t('progress.session.timeS') };
  if (scales.y) scales.y.title = { display: true, text: t('progress.session.stepLengthM') };
  options.scales = scales;
  localise(options);
  config.options = options;
  config.plugins = [whiteBackground];
  canvas.dataset.points = String(config.data.datasets.reduce((n, d) => n + d.data.length, 0));
  return new Chart(canvas, config);
}

/** PNG of a chart as a Blob (white background included). */
export function chartPng(chart: Chart): Promise<Blob> {
  return new Promise((resolve, reject) =>
    chart.canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG export failed'))), 'image/png'),
  );
}
