import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/cli-run';
import { ANALYSIS_FORMAT, type AnalysisV1 } from '../../src/shared/analysis-format';
import { serializePoses } from '../../src/shared/poses-format';
import { generateWalk } from '../fixtures/gait-generator';

const run = runCli;

const walk = serializePoses(generateWalk({ skeleton: 'coco17', seed: 7 }).file);

describe('npm run analyze', () => {
  it('--json prints exactly one ganglag.analysis/v1 object with the contract fields', () => {
    const { code, out, err } = run(['walk.json', '--json'], { 'walk.json': walk });
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out.endsWith('}\n')).toBe(true);
    const r = JSON.parse(out) as AnalysisV1;
    expect(r.format).toBe(ANALYSIS_FORMAT);
    expect(Object.keys(r)).toEqual(['format', 'gait', 'guarded', 'scale', 'quality']);
    const g = r.gait as NonNullable<AnalysisV1['gait']>;
    for (const k of [
      'steps',
      'stepLengthM',
      'strideLengthM',
      'cadenceStepsPerMin',
      'speedMps',
      'doubleSupportPct',
      'stepLengthSymmetryPct',
      'stepTimeSymmetryPct',
      'heelStrikeVelocityMps',
    ]) {
      expect(g).toHaveProperty(k);
    }
    expect(Object.keys(g.steps[1])).toEqual(['foot', 'tS', 'lengthM', 'timeS']);
    expect(Object.keys(g.stepLengthM)).toEqual(['mean', 'left', 'right', 'cv']);
    expect(r.scale.method).toBe('height');
    expect(r.guarded?.indicators[0]).toMatchObject({ id: 'slow-gait-speed', unit: 'm/s', outside: false });
    expect(r.quality.framesTotal).toBeGreaterThan(100);
  });

  it('gives byte-identical output on repeat', () => {
    const a = run(['walk.json', '--json', '--height', '1.8'], { 'walk.json': walk });
    const b = run(['walk.json', '--json', '--height', '1.8'], { 'walk.json': walk });
    expect(a.out).toBe(b.out);
    expect(a.out).not.toBe(run(['walk.json', '--json'], { 'walk.json': walk }).out);
  });

  it('prints a readable table without --json', () => {
    const { code, out } = run(['walk.json', '--age', '72', '--sex', 'male'], { 'walk.json': walk });
    expect(code).toBe(0);
    expect(out).toContain('Cadence');
    expect(out).toContain('steps/min');
    expect(out).toMatch(/\d of 6 indicators outside reference/);
    expect(out).toContain('male aged 72');
  });

  it('accepts a floor reference', () => {
    const { out } = run(['walk.json', '--json', '--ref', '0,300,440,300,2'], { 'walk.json': walk });
    expect((JSON.parse(out) as AnalysisV1).scale).toEqual({ method: 'reference', metresPerPixel: 0.004545 });
  });

  it.each([
    ['{"format":"ganglag.poses/v1"', /^analyze: bad\.json: field \(top level\): not valid JSON/],
    [
      walk.replace('"keypoints":[[', '"keypoints":[["x",'),
      /^analyze: bad\.json: frame 0, field frames\[0\]\.keypoints\[0\]\[0\]: /,
    ],
    [walk.replace('"format":"ganglag.poses/v1"', '"format":"other"'), /^analyze: bad\.json: field format: /],
  ])('malformed input: one line on stderr, exit 2', (text, pattern) => {
    const { code, out, err } = run(['bad.json', '--json'], { 'bad.json': text });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(pattern);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('missing files and bad options exit 2', () => {
    expect(run(['nope.json'], {})).toMatchObject({ code: 2, err: 'analyze: nope.json: no such file\n' });
    expect(run(['walk.json', '--height', 'tall'], { 'walk.json': walk }).code).toBe(2);
    expect(run([], {}).err).toBe('analyze: no input file (see --help)\n');
  });

  it('runs as a process: exit code 2 and no stack trace on a damaged file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ganglag-cli-'));
    const bad = join(dir, 'damaged.json');
    writeFileSync(bad, walk.replace('"tMs":33.333', '"tMs":-1'));
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/analyze.ts', bad, '--json'], {
      encoding: 'utf8',
    });
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(
      /^analyze: .*damaged\.json: frame 1, field frames\[1\]\.tMs: timestamps must increase/,
    );
    expect(res.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  }, 30_000);
});
