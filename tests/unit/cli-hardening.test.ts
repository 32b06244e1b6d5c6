// `npm run analyze` usage errors and input checks (issue 12 item 5, issue 9 item 1's --ref plausibility).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/cli-run';
import { parseNumber } from '../../src/cli/args';
import type { AnalysisV1 } from '../../src/shared/analysis-format';
import { serializePoses, type PosesFileV1 } from '../../src/shared/poses-format';
import { generateWalk } from '../fixtures/gait-generator';

const run = runCli;

const gen = generateWalk({ skeleton: 'coco17', seed: 7 }).file;
const walk = serializePoses(gen);
const files = { 'w.json': walk };

/** Exit 2, nothing on stdout, exactly one line on stderr. */
function expectOneLineError(r: { code: number; out: string; err: string }, pattern?: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err.endsWith('\n')).toBe(true);
  expect(r.err.slice(0, -1).split('\n')).toHaveLength(1);
  if (pattern) expect(r.err).toMatch(pattern);
}

describe('npm run analyze: usage', () => {
  it('--help prints the usage on stdout and exits 0, even with other arguments', () => {
    for (const argv of [['--help'], ['-h'], ['w.json', '--json', '--help']]) {
      const r = run(argv, files);
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toMatch(/^usage: npm run analyze -- <poses\.json>/);
      expect(r.out).toContain('--ref x1,y1,x2,y2,m');
      expect(r.out).toContain('walk-4m|walk-10m|sit-to-stand-5|chair-stand-30s|tug');
    }
  });

  it.each([
    [[], /^analyze: no input file \(see --help\)$/m],
    [['w.json', 'x.json'], /one input file expected/],
    [['w.json', '--bogus'], /unknown option --bogus/],
    [['w.json', '--height'], /--height needs a number from 0\.5 to 2\.6, got nothing/],
    [['w.json', '--height', '0x2'], /got 0x2/],
    [['w.json', '--height', ''], /--height needs a number/],
    [['w.json', '--height', ' 1.7'], /--height needs a number/],
    [['w.json', '--height', '1.7m'], /--height needs a number/],
    [['w.json', '--height', 'Infinity'], /--height needs a number/],
    [['w.json', '--height', '3'], /from 0\.5 to 2\.6, got 3/],
    [['w.json', '--age', '0b101'], /--age needs a number/],
    [['w.json', '--sex', 'other'], /--sex needs female or male/],
    [['w.json', '--method', 'x'], /--method needs one of/],
    [['w.json', '--test', 'situps'], /--test needs one of .*walk-4m/],
    [['w.json', '--test', 'walk-4m'], /--test walk-4m needs --ref/],
    [['w.json', '--ref', '1,2,3,4'], /--ref needs x1,y1,x2,y2,metres/],
    [['w.json', '--ref', '0x1,300,440,300,2'], /--ref needs x1,y1,x2,y2,metres/],
    [['w.json', '--ref', '0,300,440,300,200'], /over 30 m \(centimetres typed as metres\?\)/],
    [['w.json', '--ref', '0,300,440,300,0'], /above 0 m/],
    [['w.json', '--ref', '0,300,440,300,-2'], /above 0 m/],
    [['w.json', '--ref', '100,300,100,300,2'], /the same point/],
    [['w.json', '--ref', '100,300,105,300,2'], /under 20 px apart/],
    [['w.json', '--ref', '-10,300,440,300,2'], /outside the \d+x\d+ px frame/],
    [['w.json', '--ref', `0,300,${gen.width + 1},300,2`], /outside the \d+x\d+ px frame/],
    [['nope.json'], /^analyze: nope\.json: no such file$/m],
  ])('%j: exit 2 and exactly one line on stderr', (argv, pattern) => {
    expectOneLineError(run(argv, files), pattern);
  });

  it('parses numbers strictly: plain decimals only', () => {
    expect(parseNumber('1.75')).toBe(1.75);
    expect(parseNumber('-.5')).toBe(-0.5);
    expect(parseNumber('2e1')).toBe(20);
    for (const bad of ['0x2', '0b1', '0o7', '', ' ', '1,5', '1.7m', 'Infinity', 'NaN', '1e', '.', '+']) {
      expect(parseNumber(bad)).toBeNaN();
    }
  });

  it("the issue's case: --ref 0,300,440,300,200 (centimetres typed as metres) exits 2", () => {
    const r = run(['w.json', '--json', '--ref', '0,300,440,300,200'], files);
    expectOneLineError(r, /^analyze: --ref: the floor reference distance 200 m is over 30 m/);
  });
});

describe('npm run analyze: input checks', () => {
  it('accepts a UTF-8 byte-order mark', () => {
    const plain = run(['w.json', '--json'], files);
    const bom = run(['b.json', '--json'], { 'b.json': `\uFEFF${walk}` });
    expect(bom.code).toBe(0);
    expect(bom.err).toBe('');
    expect(bom.out).toBe(plain.out);
  });

  it.each([0, 1])('a file with %i frame(s) exits 2 with one line', (n) => {
    const short = serializePoses({ ...gen, frames: gen.frames.slice(0, n) });
    expectOneLineError(
      run(['s.json'], { 's.json': short }),
      /^analyze: s\.json: needs at least 2 frames, got \d$/m,
    );
  });

  it('warns when the timestamps disagree with the declared fps by more than 10 %', () => {
    const at = (fps: number): AnalysisV1 => {
      const f: PosesFileV1 = { ...gen, fps };
      return JSON.parse(run(['f.json', '--json'], { 'f.json': serializePoses(f) }).out) as AnalysisV1;
    };
    const warn = /timestamps give 30\.0 frames\/s but the file declares/;
    expect(at(30).quality.warnings.some((w) => warn.test(w))).toBe(false);
    expect(at(32).quality.warnings.some((w) => warn.test(w))).toBe(false);
    expect(at(34).quality.warnings.find((w) => warn.test(w))).toMatch(/declares 34/);
    expect(at(25).quality.warnings.find((w) => warn.test(w))).toMatch(/declares 25/);
    expect(at(60).quality.warnings[0]).toMatch(warn);
  });
});

describe('npm run analyze as a process', () => {
  const exec = (args: string[]): { status: number | null; stdout: string; stderr: string } =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/analyze.ts', ...args], { encoding: 'utf8' });

  it("--help: usage on stdout, exit 0; the issue's bad --ref: exit 2 and one stderr line", () => {
    const help = exec(['--help']);
    expect(help.status).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout).toMatch(/^usage: /);
    const dir = mkdtempSync(join(tmpdir(), 'ganglag-cli-'));
    const file = join(dir, 'walk.json');
    writeFileSync(file, walk);
    const bad = exec([file, '--json', '--ref', '0,300,440,300,200']);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
  }, 60_000);
});
