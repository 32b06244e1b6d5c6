import { describe, expect, it } from 'vitest';
import { compareSessions, differentModels } from '../../src/report/compare';
import { buildGaitEventsChart } from '../../src/report/gait-events';
import { SESSIONS_A } from '../fixtures/sessions-fixtures';

const byId = (id: string) => SESSIONS_A.find((s) => s.id === id)!;

describe('session comparison', () => {
  it('lists metrics with both values, the difference and whether it is meaningful', () => {
    const rows = compareSessions(byId('s1'), byId('s4'));
    const speed = rows.find((r) => r.metric === 'gait-speed')!;
    expect(speed).toMatchObject({ a: 0.82, b: 1.01, unit: 'm/s', meaningful: true });
    expect(speed.diff).toBeCloseTo(0.19, 9);
    expect(rows.find((r) => r.metric === 'guarded-outside')).toMatchObject({
      a: 3,
      b: 1,
      diff: -2,
      meaningful: null,
    });
    expect(rows.find((r) => r.metric === 'forward-flexion-rom')).toBeUndefined();
    // Exactly one threshold apart counts despite binary rounding (0.87 - 0.82).
    const near = {
      ...byId('s1'),
      analysis: { ...byId('s1').analysis, gait: { ...byId('s1').analysis.gait!, speedMps: 0.87 } },
    };
    expect(compareSessions(byId('s1'), near).find((r) => r.metric === 'gait-speed')!.meaningful).toBe(true);
    const below = {
      ...near,
      analysis: { ...near.analysis, gait: { ...near.analysis.gait!, speedMps: 0.86 } },
    };
    expect(compareSessions(byId('s1'), below).find((r) => r.metric === 'gait-speed')!.meaningful).toBe(false);
  });

  it('judges no difference between sessions of different pose models, and judges as before where one is unknown', () => {
    const a = { ...byId('s1'), model: 'movenet-multipose' as const };
    const b = { ...byId('s4'), model: 'movenet-lightning' as const };
    expect(differentModels(a, b)).toBe(true);
    const rows = compareSessions(a, b);
    const speed = rows.find((r) => r.metric === 'gait-speed')!;
    // The numbers stay (0.82 -> 1.01 m/s); only the verdict is withheld.
    expect(speed).toMatchObject({ a: 0.82, b: 1.01, meaningful: null });
    expect(speed.diff).toBeCloseTo(0.19, 9);
    expect(rows.every((r) => r.meaningful === null)).toBe(true);
    // The same model, or a session saved before the model was recorded: judged.
    const same = { ...b, model: 'movenet-multipose' as const };
    expect(differentModels(a, same)).toBe(false);
    expect(compareSessions(a, same).find((r) => r.metric === 'gait-speed')!.meaningful).toBe(true);
    expect(differentModels(a, byId('s4'))).toBe(false);
    expect(compareSessions(a, byId('s4')).find((r) => r.metric === 'gait-speed')!.meaningful).toBe(true);
  });

  it('shows metrics only one session measured with a null difference', () => {
    const rows = compareSessions(byId('s1'), byId('f1'));
    expect(rows.find((r) => r.metric === 'gait-speed')).toMatchObject({
      a: 0.82,
      b: null,
      diff: null,
      meaningful: null,
    });
    expect(rows.find((r) => r.metric === 'fingertip-to-floor')).toMatchObject({ a: null, b: 24, diff: null });
  });
});

describe('gait-event chart', () => {
  it('plots step length at heel-strike time per foot, leaving out steps without a length', () => {
    const a = structuredClone(byId('s1').analysis);
    a.gait!.steps.push({ foot: 'left', tS: 1.6, lengthM: null, timeS: 0.55 });
    const c = buildGaitEventsChart(a);
    expect(c.type).toBe('scatter');
    expect(c.data.datasets.map((d) => d.data)).toEqual([
      [{ x: 0.5, y: 0.62, foot: 'left' }],
      [{ x: 1.05, y: 0.64, foot: 'right' }],
    ]);
    expect(buildGaitEventsChart(byId('f1').analysis).data.datasets.every((d) => d.data.length === 0)).toBe(
      true,
    );
  });
});
