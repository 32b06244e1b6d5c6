// `npm run analyze -- <file> --test …`: spine and posture results through the command line.
import { describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/cli-run';
import type { AnalysisV1 } from '../../src/shared/analysis-format';
import { serializePoses } from '../../src/shared/poses-format';
import { generateWalk } from '../fixtures/gait-generator';
import { generateSpine } from '../fixtures/spine-generator';

const run = runCli;

const flexion = serializePoses(
  generateSpine({
    skeleton: 'blazepose33',
    test: 'forward-flexion',
    endRangeDeg: [60, 70, 65],
    noisePx: 2,
    seed: 3,
  }).file,
);
const lateralGen = generateSpine({
  skeleton: 'coco17',
  test: 'lateral-flexion',
  sides: ['left', 'right', 'left'],
  endRangeDeg: [28, 30, 27],
  noisePx: 2,
  seed: 5,
});
const lateral = serializePoses(lateralGen.file);
const walk = serializePoses(generateWalk({ skeleton: 'coco17', seed: 7, noisePx: 2 }).file);

describe('npm run analyze --test', () => {
  it('forward flexion: one JSON object with three repetitions, ROM and fingertip-to-floor', () => {
    const { code, out, err } = run(['f.json', '--test', 'forward-flexion', '--height', '1.7', '--json'], {
      'f.json': flexion,
    });
    expect(code).toBe(0);
    expect(err).toBe('');
    const r = JSON.parse(out) as AnalysisV1;
    expect(r.gait).toBeUndefined();
    const s = r.spine!;
    expect(s.test).toBe('forward-flexion');
    expect(s.reps).toHaveLength(3);
    const rom = s.reps.map((x) => x.romDeg);
    // True ROM = end range − neutral (neutral ≈ 0 in the generator's defaults): within 3°.
    [60, 70, 65].forEach((truth, i) => expect(Math.abs(rom[i] - truth)).toBeLessThan(3));
    expect(s.romDeg.best).toBeCloseTo(Math.max(...rom), 5);
    expect(typeof s.fingertipToFloorCm.best).toBe('number');
    expect(r.scale.method).toBe('height');
  });

  it('lateral flexion records the side of each repetition', () => {
    const { code, out } = run(['l.json', '--test', 'lateral-flexion', '--height', '1.7', '--json'], {
      'l.json': lateral,
    });
    expect(code).toBe(0);
    const r = JSON.parse(out) as AnalysisV1;
    expect(r.spine!.reps.map((x) => x.side)).toEqual(['left', 'right', 'left']);
  });

  it('lateral flexion gives the fingertip drop along the thigh per repetition, in JSON and the table', () => {
    const r = JSON.parse(
      run(['l.json', '--test', 'lateral-flexion', '--height', '1.7', '--json'], { 'l.json': lateral }).out,
    ) as AnalysisV1;
    const truth = lateralGen.truth.reps.map((x) => x.fingertipDropCm!);
    expect(truth.every((d) => d > 10)).toBe(true);
    r.spine!.reps.forEach((rep, i) =>
      expect(Math.abs(rep.fingertipDropCm! - truth[i])).toBeLessThanOrEqual(3),
    );
    const table = run(['l.json', '--test', 'lateral-flexion', '--height', '1.7'], { 'l.json': lateral }).out;
    expect(table).toMatch(/fingertip drop cm/);
    const right = /Fingertip drop along the thigh, right, best \/ median\s+([\d.]+) \/ ([\d.]+) cm/.exec(
      table,
    );
    expect(right).not.toBeNull();
    expect(Math.abs(Number(right![1]) - truth[1])).toBeLessThanOrEqual(3);
  });

  it('without --test, detects a clear flexion test and says so, and keeps gait for a walk', () => {
    const f = JSON.parse(run(['f.json', '--json'], { 'f.json': flexion }).out) as AnalysisV1;
    expect(f.spine?.test).toBe('forward-flexion');
    expect(f.quality.warnings[0]).toMatch(/detected from the movement: forward-flexion/);
    const w = JSON.parse(run(['w.json', '--json'], { 'w.json': walk }).out) as AnalysisV1;
    expect(w.gait?.steps.length).toBeGreaterThan(4);
    expect(w.spine).toBeUndefined();
  });

  it('is byte-identical on repeat and rejects a bad --test with exit code 2', () => {
    const a = run(['f.json', '--test', 'forward-flexion', '--json'], { 'f.json': flexion }).out;
    const b = run(['f.json', '--test', 'forward-flexion', '--json'], { 'f.json': flexion }).out;
    expect(a).toBe(b);
    const bad = run(['f.json', '--test', 'situps'], { 'f.json': flexion });
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n')[0]).toMatch(/--test needs one of forward-flexion/);
  });

  it('prints a readable repetition table without --json', () => {
    const { out } = run(['f.json', '--test', 'forward-flexion', '--height', '1.7'], { 'f.json': flexion });
    expect(out).toMatch(/^Spine test \(forward-flexion\) analysis of f\.json/);
    expect(out).toMatch(/Range of motion best \/ median\s+\d/);
  });
});
