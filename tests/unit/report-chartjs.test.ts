// Renders the built configs with the real Chart.js (time adapter, filler, legend, tooltip) on a no-op canvas,
// so a config Chart.js would reject or misread fails here rather than in the browser.
import { BasicPlatform, Chart, registerables, type ChartConfiguration } from 'chart.js';
import 'chartjs-adapter-date-fns';
import { describe, expect, it } from 'vitest';
import {
  buildProgressChart,
  buildSelfReportChart,
  PROGRESS_METRICS,
  sessionIdAt,
} from '../../src/report/charts';
import { buildGaitEventsChart } from '../../src/report/gait-events';
import { EVENTS_A, PROFILE_A, SESSIONS_A } from '../fixtures/sessions-fixtures';

Chart.register(...registerables);

/** A canvas whose 2D context accepts every call and draws nothing. */
function noopCanvas(): HTMLCanvasElement {
  const target: Record<string | symbol, unknown> = {};
  const ctx = new Proxy(target, {
    get: (t, k) =>
      k in t ? t[k] : k === 'measureText' ? () => ({ width: 10 }) : () => ({ addColorStop: () => undefined }),
    set: (t, k, val) => ((t[k] = val), true),
  });
  const canvas = {
    width: 800,
    height: 400,
    style: {},
    getContext: () => ctx,
    getAttribute: () => null,
    setAttribute: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  target.canvas = canvas;
  return canvas as unknown as HTMLCanvasElement;
}

function render<T extends 'line' | 'scatter'>(config: ChartConfiguration<T, unknown[]>): Chart<T, unknown[]> {
  return new Chart(noopCanvas(), { ...config, platform: BasicPlatform });
}

describe('progress charts in Chart.js', () => {
  it('gait speed: time axis over the whole follow-up, one element per session, bands hidden from the legend', () => {
    const built = buildProgressChart('gait-speed', {
      profile: PROFILE_A,
      sessions: SESSIONS_A,
      events: EVENTS_A,
    });
    const chart = render(built.config);
    expect(chart.scales.x.type).toBe('time');
    expect(chart.scales.x.min).toBeLessThanOrEqual(Date.parse('2026-01-05T08:00:00Z'));
    expect(chart.scales.x.max).toBeGreaterThanOrEqual(Date.parse('2026-02-16T13:00:00Z'));
    expect(chart.scales.y.min).toBeLessThanOrEqual(0.72);
    expect(chart.scales.y.max).toBeGreaterThanOrEqual(1.186 * 1.05);
    const morning = built.roles.indexOf('series-morning');
    const meta = chart.getDatasetMeta(morning);
    expect(meta.data).toHaveLength(2);
    // Later session further right.
    expect(meta.data[1].x).toBeGreaterThan(meta.data[0].x);
    // A click on that point finds only the series element (bands have no hit radius) and its session.
    const at = { native: {}, x: meta.data[1].x, y: meta.data[1].y } as unknown as Event;
    const hits = chart.getElementsAtEventForMode(at, 'nearest', { intersect: true }, false);
    expect(hits.map((h) => sessionIdAt(built, h.datasetIndex, h.index))).toEqual(['s3']);
    const legend = chart.legend!.legendItems!.map((i) => i.text);
    expect(legend).not.toContain('');
    expect(legend).toEqual(
      expect.arrayContaining(['Morning', 'Afternoon', 'Evening', 'Clinician events', 'Baseline 0.82 m/s']),
    );
    chart.destroy();
  });

  it('every progress metric renders, with or without data', () => {
    for (const metric of PROGRESS_METRICS) {
      const built = buildProgressChart(metric, {
        profile: PROFILE_A,
        sessions: SESSIONS_A,
        events: EVENTS_A,
      });
      const chart = render(built.config);
      expect(chart.data.datasets).toHaveLength(built.roles.length);
      chart.destroy();
      const empty = render(buildProgressChart(metric, { profile: PROFILE_A, sessions: [] }).config);
      expect(empty.data.datasets).toHaveLength(0);
      empty.destroy();
    }
  });

  it('the gait-event scatter renders one element per heel strike with a length', () => {
    const chart = render(buildGaitEventsChart(SESSIONS_A[0].analysis));
    expect(chart.getDatasetMeta(0).data).toHaveLength(1);
    expect(chart.getDatasetMeta(1).data).toHaveLength(1);
    expect(chart.scales.x.type).toBe('linear');
    chart.destroy();
  });
});

describe("progress charts in the reader's language", () => {
  const build = (lang: 'en' | 'nb', metric: 'gait-speed' | 'fingertip-to-floor' = 'gait-speed') =>
    buildProgressChart(metric, { profile: PROFILE_A, sessions: SESSIONS_A, events: EVENTS_A }, lang);

  it('Bokmål: legend, axis titles, tooltips, dates and decimal commas in Norwegian', () => {
    const built = build('nb');
    const chart = render(built.config);
    const legend = chart.legend!.legendItems!.map((i) => i.text);
    expect(legend).toEqual(
      expect.arrayContaining([
        'Morgen',
        'Ettermiddag',
        'Kveld',
        'Klinikerhendelser',
        'Utgangspunkt 0,82 m/s',
      ]),
    );
    expect(legend).toContain('Utgangspunkt ± liten betydningsfull endring (0,05 m/s)');
    expect(legend).toContain('Norm (Bohannon & Andrews 2011, kvinner 70–79 år)');
    expect(legend.join(' ')).not.toMatch(/Baseline|Morning|Clinician|women/);
    const y = chart.options.scales!.y as { title: { text: string } };
    expect(y.title.text).toBe('Ganghastighet (m/s)');
    expect((chart.options.scales!.x as { title: { text: string } }).title.text).toBe('Dato');
    // Ticks: numbers with a decimal comma; dates with Norwegian month names, whatever the machine's locale.
    const yTicks = chart.scales.y.ticks.map((t) => t.label as string);
    expect(yTicks.some((l) => /^\d,\d+$/.test(l))).toBe(true);
    expect(yTicks.some((l) => l.includes('.'))).toBe(false);
    const xTicks = chart.scales.x.ticks.map((t) => String(t.label));
    expect(xTicks.join(' ')).toMatch(/\d+\. (jan|feb)/);
    const morning = built.roles.indexOf('series-morning');
    expect(built.config.data.datasets[morning].data[0].detail).toMatch(
      /^0\d\.01\.2026 \d\d:\d\d · morgen · 4 meter gangtest \(NIH Toolbox\): 0,82 m\/s$/,
    );
    const ev = built.config.data.datasets[built.roles.indexOf('events')].data[0];
    expect(ev.detail).toBe('12.01.2026: Treatment started');
    const ftf = render(build('nb', 'fingertip-to-floor').config);
    expect(ftf.legend!.legendItems!.map((i) => i.text)).toContain(
      'Utgangspunkt ± minste påviselige endring (4,5 cm)',
    );
    ftf.destroy();
    chart.destroy();
  });

  it('English: point decimals, English month names and an English date axis', () => {
    const chart = render(build('en').config);
    const yTicks = chart.scales.y.ticks.map((t) => t.label as string);
    expect(yTicks.some((l) => /^\d\.\d+$/.test(l))).toBe(true);
    expect(yTicks.some((l) => l.includes(','))).toBe(false);
    expect(chart.scales.x.ticks.map((t) => String(t.label)).join(' ')).toMatch(/\d+ (Jan|Feb)/);
    expect((chart.options.scales!.x as { title: { text: string } }).title.text).toBe('Date');
    chart.destroy();
  });
});

describe('self-report chart beside the metrics', () => {
  const reported = SESSIONS_A.slice(0, 3).map((s, i) => ({
    ...s,
    selfReport:
      i === 1 ? { walkingAid: 'cane' as const } : { painNowNrs: 2 + i, morningStiffnessMin: 30 - 10 * i },
  }));

  it('pain on a fixed 0-10 axis, stiffness on its own axis, one point per answered session', () => {
    const built = buildSelfReportChart([...reported, SESSIONS_A[4]], 'nb');
    expect(built.empty).toBe(false);
    expect(built.roles).toEqual(['pain-now', 'morning-stiffness']);
    const chart = render(built.config);
    expect(chart.scales.y.min).toBe(0);
    expect(chart.scales.y.max).toBe(10);
    expect(chart.scales.y2.max).toBeGreaterThanOrEqual(30);
    expect(chart.getDatasetMeta(0).data).toHaveLength(2);
    expect(built.config.data.datasets[0].data.map((p) => [p.sessionId, p.y])).toEqual([
      ['s1', 2],
      ['s3', 4],
    ]);
    expect(built.config.data.datasets[1].data.map((p) => p.y)).toEqual([30, 10]);
    expect(chart.legend!.legendItems!.map((i) => i.text)).toEqual(['Smerte nå', 'Morgenstivhet']);
    expect(built.config.data.datasets[0].data[0].detail).toMatch(
      /^0\d\.01\.2026 \d\d:\d\d · morgen · Smerte nå: 2\/10$/,
    );
    chart.destroy();
    expect(buildSelfReportChart(SESSIONS_A).empty).toBe(true);
    expect(buildSelfReportChart([reported[1]]).empty).toBe(true);
  });
});
