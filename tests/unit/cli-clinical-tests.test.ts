// `npm run analyze -- --test walk-4m|walk-10m|sit-to-stand-5|chair-stand-30s|tug`: the issue 9 contracts.
import { describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/cli-run';
import type { AnalysisV1 } from '../../src/shared/analysis-format';
import { serializePoses } from '../../src/shared/poses-format';
import { generateChair } from '../fixtures/chair-generator';
import { generateZoneWalk } from '../fixtures/walk-zone-generator';

const run = runCli;

const zone = generateZoneWalk({
  skeleton: 'blazepose33',
  seed: 11,
  trials: [
    { direction: 1, speedMps: 1.2 },
    { direction: -1, speedMps: 1.3, kind: 'stop' },
    { direction: -1, speedMps: 1.2 },
  ],
});
const refArg = (() => {
  const r = zone.reference;
  return [r.x1, r.y1, r.x2, r.y2].map((v) => v.toFixed(2)).join(',') + `,${r.metres}`;
})();

describe('npm run analyze --test walk-4m', () => {
  it('adds exactly the walkTest contract, trials within 1 frame and 0.02 m/s', () => {
    const { code, out, err } = run(['z.json', '--test', 'walk-4m', '--ref', refArg, '--json'], {
      'z.json': serializePoses(zone.file),
    });
    expect(err).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(out) as AnalysisV1;
    const w = r.walkTest!;
    expect(Object.keys(w)).toEqual(['test', 'zoneM', 'trials', 'bestTimeS', 'speedMps']);
    expect(w.test).toBe('walk-4m');
    expect(w.zoneM).toBe(4);
    expect(w.trials).toHaveLength(2);
    const truth = [zone.truth[0], zone.truth[2]];
    w.trials.forEach((t, k) => {
      expect(Object.keys(t)).toEqual(['direction', 'startS', 'endS', 'timeS', 'speedMps']);
      expect(t.direction).toBe(truth[k].direction);
      expect(Math.abs(t.timeS - truth[k].timeS)).toBeLessThan(1 / 30);
      expect(Math.abs(t.speedMps - truth[k].speedMps)).toBeLessThan(0.02);
    });
    expect(w.bestTimeS).toBe(Math.min(w.trials[0].timeS, w.trials[1].timeS));
    expect(r.scale.method).toBe('reference');
    expect(
      r.quality.warnings.some((x) => /trial right to left from .* not timed: the person stopped/.test(x)),
    ).toBe(true);
  });

  it('prints the trials in the readable table', () => {
    const { out } = run(['z.json', '--test', 'walk-4m', '--ref', refArg], {
      'z.json': serializePoses(zone.file),
    });
    expect(out).toMatch(/Walk test \(walk-4m, timed zone 4 m\)/);
    expect(out).toMatch(/1 {3}left-to-right {2}\d+\.\d{3}/);
    expect(out).toMatch(/Best time\s+\d+\.\d+ s/);
  });
});

describe('npm run analyze --test sit-to-stand-5|chair-stand-30s|tug', () => {
  it.each(['sit-to-stand-5', 'chair-stand-30s', 'tug'] as const)(
    '%s adds exactly the functional contract',
    (test) => {
      const g = generateChair({ skeleton: 'coco17', test, seed: 3 });
      const { code, out, err } = run(['c.json', '--test', test, '--json'], {
        'c.json': serializePoses(g.file),
      });
      expect(err).toBe('');
      expect(code).toBe(0);
      const r = JSON.parse(out) as AnalysisV1;
      expect(Object.keys(r)).toEqual(['format', 'scale', 'quality', 'functional']);
      const f = r.functional!;
      expect(Object.keys(f)).toEqual(['test', 'timeS', 'count', 'phases']);
      expect(f.test).toBe(test);
      for (const p of f.phases) expect(Object.keys(p)).toEqual(['name', 'startS', 'endS']);
      if (test === 'tug') {
        expect(f.count).toBeNull();
        expect(Math.abs((f.timeS as number) - g.truth.timeS)).toBeLessThan(0.2);
      } else {
        expect(f.count).toBe(g.truth.count);
      }
      if (test === 'sit-to-stand-5') expect(Math.abs((f.timeS as number) - g.truth.timeS)).toBeLessThan(0.1);
    },
  );
});
