// Clinical tests in the Progress tab: which sessions hold which test's result, and how each result stands against
// the published norm for the profile's age and sex at the session's date (words and a sign, not colour alone).
import { describe, expect, it } from 'vitest';
import type { AnalysisV1 } from '../../src/shared/analysis-format';
import type { FunctionalV1, WalkTestV1 } from '../../src/shared/clinical-tests';
import type { SessionRecord } from '../../src/storage';
import { clinicalPoints, judgeClinical } from '../../src/ui/progress/cards/clinical-tests-charts';
import { PROFILE_A, SESSIONS_A } from '../fixtures/sessions-fixtures';

const base = SESSIONS_A[0];
const analysis = (extra: Partial<AnalysisV1>): AnalysisV1 => ({
  format: 'ganglag.analysis/v1',
  scale: { method: 'reference', metresPerPixel: 0.004 },
  quality: { framesTotal: 100, framesUsed: 100, warnings: [] },
  ...extra,
});
const walk = (test: WalkTestV1['test'], speedMps: number | null): WalkTestV1 => ({
  test,
  zoneM: test === 'walk-4m' ? 4 : 6,
  trials: [],
  bestTimeS: speedMps === null ? null : 4 / speedMps,
  speedMps,
});
const chair = (test: FunctionalV1['test'], timeS: number | null, count: number | null): FunctionalV1 => ({
  test,
  timeS,
  count,
  phases: [],
});
function session(id: string, startedAt: string, protocol: string, a: Partial<AnalysisV1>): SessionRecord {
  return { ...base, id, startedAt, protocol, analysis: analysis(a) };
}

// PROFILE_A: female, born 1956, so 70 in 2026.
const sessions = [
  session('w2', '2026-02-01T09:00:00Z', 'walk-4m-fast', { walkTest: walk('walk-4m', 1.6) }),
  session('w1', '2026-01-01T09:00:00Z', 'walk-4m-comfortable', { walkTest: walk('walk-4m', 0.85) }),
  session('w0', '2026-01-02T09:00:00Z', 'walk-4m-comfortable', { walkTest: walk('walk-4m', null) }),
  session('t1', '2026-01-03T09:00:00Z', 'tug', { functional: chair('tug', 14.2, null) }),
  session('c1', '2026-01-04T09:00:00Z', 'chair-stand-30s', { functional: chair('chair-stand-30s', null, 9) }),
  session('s1', '2026-01-05T09:00:00Z', 'sit-to-stand-5', { functional: chair('sit-to-stand-5', 11.9, 5) }),
  base,
];

describe('clinical tests in progress', () => {
  it('takes each test from the sessions that hold it, oldest first, with the pace from the protocol', () => {
    const w = clinicalPoints(sessions, 'walk-4m');
    expect(w.map((p) => [p.session.id, p.value, p.pace])).toEqual([
      ['w1', 0.85, 'comfortable'],
      ['w2', 1.6, 'fast'],
    ]);
    expect(clinicalPoints(sessions, 'walk-10m')).toEqual([]);
    expect(clinicalPoints(sessions, 'chair-stand-30s').map((p) => p.value)).toEqual([9]);
    expect(clinicalPoints(sessions, 'tug').map((p) => p.value)).toEqual([14.2]);
  });

  it('judges against the norm for age and sex at the session date', () => {
    const [comfortable, fast] = clinicalPoints(sessions, 'walk-4m');
    // Female 70-79, comfortable: mean 1.132 m/s (Bohannon & Andrews 2011); 0.85 < 0.8 × 1.132 = 0.906.
    expect(judgeClinical('walk-4m', comfortable, PROFILE_A)).toEqual({
      norm: 'mean of healthy peers 1.13 m/s',
      status: '▼ under 80 % of the norm',
    });
    // Fast pace: the fast norm (Bohannon 1997, 1.749 m/s), no threshold.
    expect(judgeClinical('walk-4m', fast, PROFILE_A)).toEqual({
      norm: 'mean of healthy peers 1.75 m/s',
      status: '',
    });
    const [tug] = clinicalPoints(sessions, 'tug');
    expect(judgeClinical('tug', tug, PROFILE_A).status).toBe('⚠ at or above the fall-risk threshold');
    const [stand] = clinicalPoints(sessions, 'chair-stand-30s');
    // Female 70-74: 10-15 stands (Rikli & Jones 1999).
    expect(judgeClinical('chair-stand-30s', stand, PROFILE_A)).toEqual({
      norm: 'normal range 10–15 stands',
      status: '▼ below the normal range',
    });
    const [sts] = clinicalPoints(sessions, 'sit-to-stand-5');
    // 70-79: at most 12.6 s (Bohannon 2006).
    expect(judgeClinical('sit-to-stand-5', sts, PROFILE_A).status).toBe('✓ within average for the age');
    // Without a birth year no norm applies.
    expect(judgeClinical('sit-to-stand-5', sts, { birthYear: null, sex: 'female' }).status).toBe('');
  });
});
