import { describe, expect, it } from 'vitest';
import { buildProgressChart, eventX, sessionIdAt, type ProgressChart } from '../../src/report/charts';
import { METRIC_IDS, METRICS, metricValue } from '../../src/report/metrics';
import { meaningfulChange, referenceBand } from '../../src/report/norms';
import { EVENTS_A, gaitAnalysis, PROFILE_A, PROFILE_B, SESSIONS_A } from '../fixtures/sessions-fixtures';

const input = { profile: PROFILE_A, sessions: SESSIONS_A, events: EVENTS_A };
const dataOf = (c: ProgressChart, role: string) =>
  c.config.data.datasets[c.roles.indexOf(role as never)].data;
const ys = (c: ProgressChart, role: string) => dataOf(c, role).map((p) => p.y);

describe('metric extraction', () => {
  it('reads every metric from the analysis contract', () => {
    const [s1, , , , , f1, , l1] = SESSIONS_A;
    expect(metricValue('gait-speed', s1.analysis)).toBe(0.82);
    expect(metricValue('step-length', s1.analysis)).toBe(0.63);
    expect(metricValue('cadence', s1.analysis)).toBe(109);
    expect(metricValue('double-support', s1.analysis)).toBe(22.5);
    expect(metricValue('guarded-outside', s1.analysis)).toBe(3);
    expect(metricValue('forward-flexion-rom', f1.analysis)).toBe(62);
    expect(metricValue('fingertip-to-floor', f1.analysis)).toBe(24);
    expect(metricValue('lateral-flexion-left', l1.analysis)).toBe(21);
    expect(metricValue('lateral-flexion-right', l1.analysis)).toBe(25);
    // A gait session measures no spine metric and vice versa: null, never 0.
    expect(metricValue('forward-flexion-rom', s1.analysis)).toBeNull();
    expect(metricValue('gait-speed', f1.analysis)).toBeNull();
    expect(metricValue('fingertip-to-floor', l1.analysis)).toBeNull();
    for (const id of METRIC_IDS)
      expect(metricValue(id, { ...s1.analysis, gait: undefined, guarded: undefined })).toBeNull();
  });
});

describe('norms', () => {
  it('gives Bohannon & Andrews 2011 gait speed bands by decade and sex, and none elsewhere', () => {
    const w70 = referenceBand('gait-speed', 'female', 70)!;
    expect(w70.mean).toBeCloseTo(1.132, 6);
    expect(w70.low).toBeCloseTo(1.079, 6);
    expect(w70.high).toBeCloseTo(1.186, 6);
    expect(referenceBand('gait-speed', 'male', 45)!.mean).toBeCloseTo(1.434, 6);
    expect(referenceBand('gait-speed', 'female', 85)!.mean).toBeCloseTo(0.943, 6);
    expect(referenceBand('gait-speed', 'female', 19)).toBeNull();
    expect(referenceBand('gait-speed', 'other', 50)).toBeNull();
    expect(referenceBand('gait-speed', 'male', null)).toBeNull();
    expect(referenceBand('cadence', 'male', 50)).toBeNull();
  });

  it('gives the smallest meaningful changes the docs cite', () => {
    expect(meaningfulChange('gait-speed')?.thresholds).toEqual([0.05, 0.1]);
    expect(meaningfulChange('fingertip-to-floor')?.thresholds).toEqual([4.5]);
    expect(meaningfulChange('fingertip-to-floor')?.source).toBe('Ekedahl et al. 2012');
    expect(meaningfulChange('cadence')).toBeNull();
  });
});

describe('progress charts', () => {
  it('gait speed: norm band, baseline ± 0.05/0.10, series per time of day with session ids, event marker', () => {
    const c = buildProgressChart('gait-speed', input);
    expect(c.roles).toEqual([
      'reference-low',
      'reference-high',
      'smc-low',
      'smc-high',
      'smc-low',
      'smc-high',
      'baseline',
      'series-morning',
      'series-afternoon',
      'series-evening',
      'events',
    ]);
    expect(c.config.type).toBe('line');
    expect(c.config.options?.scales?.x?.type).toBe('time');
    expect(c.baseline).toEqual({ sessionId: 's1', value: 0.82 });
    // Born 1956, measured in 2026: women 70-79.
    expect(c.reference?.low).toBeCloseTo(1.079, 6);
    expect(ys(c, 'reference-high').every((y) => Math.abs(y - 1.186) < 1e-9)).toBe(true);
    // Widest band first.
    const [outerLow, outerHigh, innerLow, innerHigh] = [2, 3, 4, 5].map(
      (i) => c.config.data.datasets[i].data[0].y,
    );
    expect(outerLow).toBeCloseTo(0.72, 9);
    expect(outerHigh).toBeCloseTo(0.92, 9);
    expect(innerLow).toBeCloseTo(0.77, 9);
    expect(innerHigh).toBeCloseTo(0.87, 9);
    expect(c.config.data.datasets[3].fill).toBe('-1');
    expect(ys(c, 'baseline')).toEqual([0.82, 0.82]);

    expect(dataOf(c, 'series-morning').map((p) => [p.sessionId, p.y])).toEqual([
      ['s1', 0.82],
      ['s3', 0.88],
    ]);
    expect(dataOf(c, 'series-evening').map((p) => [p.sessionId, p.y])).toEqual([
      ['s2', 0.9],
      ['s4', 1.01],
    ]);
    expect(dataOf(c, 'series-afternoon').map((p) => p.sessionId)).toEqual(['s5']);
    expect(dataOf(c, 'series-morning')[0].x).toBe(Date.parse('2026-01-05T08:00:00Z'));
    expect(dataOf(c, 'series-morning')[0].detail).toMatch(
      /^2026-01-0\d \d\d:\d\d · morning · nih-toolbox-4m-walk: 0\.82 m\/s$/,
    );

    const ev = dataOf(c, 'events');
    expect(ev).toHaveLength(1);
    expect(ev[0].x).toBe(Date.UTC(2026, 0, 12, 12));
    expect(ev[0].eventId).toBe('e1');
    expect(ev[0].detail).toBe('2026-01-12: Treatment started');
    expect(ev[0].y).toBeCloseTo(1.186 * 1.05, 9);

    // Bands span from the first to the last date (session or event).
    const xs = dataOf(c, 'baseline').map((p) => p.x);
    expect(xs).toEqual([Date.parse('2026-01-05T08:00:00Z'), Date.parse('2026-02-16T13:00:00Z')]);

    const morning = c.roles.indexOf('series-morning');
    expect(sessionIdAt(c, morning, 1)).toBe('s3');
    expect(sessionIdAt(c, 0, 0)).toBeNull();
    expect(sessionIdAt(c, c.roles.indexOf('events'), 0)).toBeNull();
  });

  it('uses a chosen baseline session', () => {
    const c = buildProgressChart('gait-speed', { ...input, baselineSessionId: 's4' });
    expect(c.baseline).toEqual({ sessionId: 's4', value: 1.01 });
    expect(c.config.data.datasets[5].data[0].y).toBeCloseTo(1.06, 9);
  });

  it('spine charts: fingertip-to-floor has one 4.5 cm band, ROM has none, lateral flexion splits sides', () => {
    const ftf = buildProgressChart('fingertip-to-floor', input);
    expect(ftf.roles.filter((r) => r.startsWith('smc'))).toEqual(['smc-low', 'smc-high']);
    expect(ftf.baseline).toEqual({ sessionId: 'f1', value: 24 });
    expect(ys(ftf, 'smc-high')[0]).toBeCloseTo(28.5, 9);
    expect(ys(ftf, 'series-morning')).toEqual([24, 12]);
    expect(ftf.roles).not.toContain('reference-low');

    const rom = buildProgressChart('forward-flexion-rom', input);
    expect(rom.roles).toEqual(['baseline', 'series-morning', 'events']);
    expect(ys(rom, 'series-morning')).toEqual([62, 75]);

    expect(ys(buildProgressChart('lateral-flexion-left', input), 'series-morning')).toEqual([21]);
    expect(ys(buildProgressChart('lateral-flexion-right', input), 'series-morning')).toEqual([25]);
    const flags = buildProgressChart('guarded-outside', input);
    expect(ys(flags, 'series-morning')).toEqual([3, 2]);
    // A count of flags: whole numbers from 0, labelled as a count, never a score; no baseline band or norm.
    expect(flags.config.options?.scales?.y).toMatchObject({ min: 0, ticks: { stepSize: 1, precision: 0 } });
    expect(METRICS['guarded-outside'].label).toMatch(/count, not a score/);
    expect(METRICS['step-length-symmetry']).toMatchObject({
      label: 'Step length asymmetry',
      higherIsBetter: false,
    });
    expect(ys(buildProgressChart('step-length', input), 'series-evening')).toEqual([0.63, 0.63]);
    expect(ys(buildProgressChart('cadence', input), 'series-afternoon')).toEqual([109]);
    expect(ys(buildProgressChart('double-support', input), 'series-morning')).toEqual([22.5, 22.5]);
  });

  it('follows age across a decade boundary and draws nothing for a profile without data', () => {
    const before = {
      ...SESSIONS_A[0],
      id: 'old',
      startedAt: '2025-06-01T08:00:00.000Z',
      analysis: gaitAnalysis(0.8),
    };
    const c = buildProgressChart('gait-speed', { profile: PROFILE_A, sessions: [before, SESSIONS_A[0]] });
    // 2025: aged 69 -> women 60-69 (1.241); 2026: 70 -> 1.132.
    expect(ys(c, 'reference-high')).toEqual([1.3, 1.3, 1.186, 1.186]);

    const empty = buildProgressChart('gait-speed', { profile: PROFILE_B, sessions: [] });
    expect(empty.empty).toBe(true);
    expect(empty.config.data.datasets).toEqual([]);
    expect(empty.baseline).toBeNull();
    expect(eventX('2026-01-12')).toBe(Date.UTC(2026, 0, 12, 12));
  });
});
