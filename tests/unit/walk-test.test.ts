// Timed walk tests through a floor-marked zone, against the zone generator's exact crossing instants.
import { describe, expect, it } from 'vitest';
import { analyzeWalkTest, findTrials } from '../../src/analysis/walk-test/walk-test';
import { meters } from '../../src/shared/units';
import { generateZoneWalk } from '../fixtures/walk-zone-generator';

const FRAME_S = 1 / 30;

describe('walk tests: timing against synthetic truth', () => {
  it.each([
    ['coco17', 1],
    ['coco17', 2],
    ['blazepose33', 3],
    ['blazepose33', 4],
  ] as const)(
    '4-m walk at 1.2 m/s, %s seed %i: each trial within 1 frame, speed within 0.02 m/s',
    (skeleton, seed) => {
      const g = generateZoneWalk({
        skeleton,
        seed,
        trials: [
          { direction: 1, speedMps: 1.2 },
          { direction: -1, speedMps: 1.2 },
        ],
      });
      const r = analyzeWalkTest(g.file, { test: 'walk-4m', reference: g.reference });
      const w = r.walkTest;
      expect(w.test).toBe('walk-4m');
      expect(w.zoneM).toBe(4);
      expect(w.trials).toHaveLength(2);
      w.trials.forEach((t, k) => {
        const truth = g.truth[k];
        expect(t.direction).toBe(truth.direction);
        expect(Math.abs(t.startS - truth.startS)).toBeLessThan(FRAME_S);
        expect(Math.abs(t.endS - truth.endS)).toBeLessThan(FRAME_S);
        expect(Math.abs(t.timeS - truth.timeS)).toBeLessThan(FRAME_S);
        expect(Math.abs(t.speedMps - truth.speedMps)).toBeLessThan(0.02);
        // The surge and ramps make the true zone speed differ from the cruise speed only slightly.
        expect(truth.speedMps).toBeGreaterThan(1.15);
      });
      const best = Math.min(...g.truth.map((t) => t.timeS));
      expect(Math.abs((w.bestTimeS as number) - best)).toBeLessThan(FRAME_S);
      expect(Math.abs((w.speedMps as number) - 4 / best)).toBeLessThan(0.02);
      expect(r.notes).toEqual([]);
    },
  );

  it('10-m walk (timed middle 6 m), three trials at comfortable and fast pace, camera rolled 3°: mean time', () => {
    const g = generateZoneWalk({
      skeleton: 'blazepose33',
      zoneM: 6,
      accelM: 2,
      rollDeg: 3,
      seed: 5,
      trials: [
        { direction: 1, speedMps: 0.9 },
        { direction: -1, speedMps: 1.0 },
        { direction: 1, speedMps: 1.8 },
      ],
    });
    const r = analyzeWalkTest(g.file, { test: 'walk-10m', reference: g.reference });
    expect(r.walkTest.trials).toHaveLength(3);
    r.walkTest.trials.forEach((t, k) => {
      expect(Math.abs(t.timeS - g.truth[k].timeS)).toBeLessThan(FRAME_S);
      expect(Math.abs(t.speedMps - g.truth[k].speedMps)).toBeLessThan(0.02);
    });
    const mean = g.truth.reduce((a, t) => a + t.timeS, 0) / 3;
    expect(Math.abs((r.walkTest.speedMps as number) - 6 / mean)).toBeLessThan(0.02);
    expect(r.walkTest.bestTimeS).toBeCloseTo(Math.min(...r.walkTest.trials.map((t) => t.timeS)), 3);
  });

  it('rejects trials that stop, turn or leave the view in the zone, with typed reasons', () => {
    const g = generateZoneWalk({
      skeleton: 'coco17',
      seed: 6,
      trials: [
        { direction: 1, speedMps: 1.0, kind: 'stop' },
        { direction: -1, speedMps: 1.0, kind: 'turn' },
        { direction: 1, speedMps: 1.0, kind: 'leave' },
        { direction: -1, speedMps: 1.2 },
      ],
    });
    const r = analyzeWalkTest(g.file, { test: 'walk-4m', reference: g.reference });
    expect(r.rejected.map((x) => [x.reason, x.direction])).toEqual([
      ['stopped', 'left-to-right'],
      ['turned', 'right-to-left'],
      ['left-view', 'left-to-right'],
    ]);
    r.rejected.forEach((x, k) => expect(Math.abs(x.startS - g.truth[k].startS)).toBeLessThan(FRAME_S));
    expect(r.walkTest.trials).toHaveLength(1);
    expect(Math.abs(r.walkTest.trials[0].timeS - g.truth[3].timeS)).toBeLessThan(FRAME_S);
    expect(r.notes.map((n) => n.code)).toEqual([
      'trial-rejected',
      'trial-rejected',
      'trial-rejected',
      'too-few-trials',
    ]);
  });

  it("says when the zone is not the protocol's length, and when no trial crossed it", () => {
    const g = generateZoneWalk({
      skeleton: 'coco17',
      seed: 8,
      zoneM: 3,
      trials: [{ direction: 1, speedMps: 1.2 }],
    });
    const r = analyzeWalkTest(g.file, { test: 'walk-4m', reference: g.reference });
    expect(r.notes[0]).toEqual({ code: 'zone-length', zoneM: 3, expectedM: 4 });
    const none = analyzeWalkTest(
      { ...g.file, frames: g.file.frames.slice(0, 30) },
      { test: 'walk-4m', reference: g.reference },
    );
    expect(none.walkTest).toMatchObject({ trials: [], bestTimeS: null, speedMps: null });
    expect(none.notes.map((n) => n.code)).toContain('no-trial');
  });

  it('findTrials interpolates crossings between frames, in either direction', () => {
    const tS = Float64Array.from([0, 1, 2, 3, 4, 5]);
    const s = Float64Array.from([-0.5, -0.25, 0.25, 0.75, 1.25, 1.5]);
    const zoneM = meters(4);
    const fwd = findTrials(tS, s, zoneM, true);
    expect(fwd.trials).toEqual([{ direction: 'left-to-right', startS: 1.5, endS: 3.5, timeS: 2 }]);
    const back = findTrials(
      tS,
      s.map((v) => 1 - v),
      zoneM,
      true,
    );
    expect(back.trials[0]).toMatchObject({ direction: 'right-to-left', startS: 1.5, endS: 3.5 });
    const lost = findTrials(tS, Float64Array.from([-0.5, 0.25, 0.5, NaN, 1.5, 2]), zoneM, true);
    expect(lost.rejected).toEqual([
      { reason: 'left-view', direction: 'left-to-right', startS: 2 / 3, atS: 2 },
    ]);
  });
});
