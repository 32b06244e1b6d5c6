// Renders the built configs with the real Chart.js (time adapter, filler, legend, tooltip) on a no-op canvas,
// so a config Chart.js would reject or misread fails here rather than in the browser.
import { BasicPlatform, Chart, registerables, type ChartConfiguration } from 'chart.js';
import 'chartjs-adapter-date-fns';
import { describe, expect, it } from 'vitest';
import { buildProgressChart, PROGRESS_METRICS, sessionIdAt } from '../../src/report/charts';
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
