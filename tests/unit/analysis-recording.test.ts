// analyzeRecording: the one entry point of the CLI, the UI and storage, for every test a recording can hold.
import { describe, expect, it } from 'vitest';
import {
  AnalysisInputError,
  analyzeGait,
  analyzeGaitDetailed,
  analyzeRecording,
  analyzeRecordingDetailed,
  analyzeSpine,
  detectRecordingTest,
  detectSpineTest,
} from '../../src/analysis/index';
import { analyzeFunctional } from '../../src/analysis/functional/functional';
import { migrateStoredAnalysis, renderWarnings, warningsOf } from '../../src/shared/messages';
import { meters } from '../../src/shared/units';
import { generateChair } from '../fixtures/chair-generator';
import { generateWalk } from '../fixtures/gait-generator';
import { generateSpine } from '../fixtures/spine-generator';
import { generateZoneWalk } from '../fixtures/walk-zone-generator';

const walk = generateWalk({ skeleton: 'coco17', seed: 7, noisePx: 2 });
const zone = generateZoneWalk({
  skeleton: 'coco17',
  seed: 12,
  trials: [
    { direction: 1, speedMps: 1.2 },
    { direction: -1, speedMps: 1.0, kind: 'stop' },
  ],
});

describe('analyzeRecording', () => {
  it('without a test, a walk is the gait engine’s result exactly', () => {
    const opts = { heightM: meters(1.75), ageYears: 70, sex: 'female' as const };
    const r = analyzeRecording(walk.file, opts);
    expect(r).toEqual(analyzeGait(walk.file, opts));
    expect(r.gait?.steps.length).toBeGreaterThan(6);
    expect(Math.abs((r.gait?.speedMps ?? NaN) - walk.truth.speedMps)).toBeLessThan(0.1);
  });

  it('gives every pass on its own only when asked, with one per gait.passes entry', () => {
    expect(analyzeRecordingDetailed(walk.file).gait?.passes).toBeUndefined();
    const d = analyzeRecordingDetailed(walk.file, { passes: true });
    expect(d.gait?.passes?.length).toBe(d.result.gait?.passes?.length);
    expect(d.gait?.passes?.length).toBeGreaterThanOrEqual(1);
    expect(d.gait?.plot?.unit).toBe(d.result.scale.method === 'pixels' ? 'px' : 'm');
    expect(d.gait?.plot?.tS.length).toBeGreaterThan(30);
  });

  it('a spine test: the spine result, with the detected test said first when none was named', () => {
    const g = generateSpine({
      skeleton: 'blazepose33',
      test: 'forward-flexion',
      endRangeDeg: [60, 70, 65],
      noisePx: 2,
      seed: 3,
    });
    const named = analyzeRecordingDetailed(g.file, { test: 'forward-flexion', heightM: meters(1.7) });
    expect(named.result.gait).toBeUndefined();
    expect(named.result.spine).toEqual(analyzeSpine(g.file, { test: 'forward-flexion', heightM: 1.7 }).spine);
    expect(named.spine?.spine?.reps).toHaveLength(3);
    const detected = analyzeRecording(g.file, { heightM: meters(1.7) });
    expect(detected.spine?.test).toBe('forward-flexion');
    expect(warningsOf(detected.quality)[0]).toEqual({ code: 'test-detected', test: 'forward-flexion' });
  });

  it('a walk test: gait plus the timed trials, its notes as codes after the gait warnings', () => {
    const r = analyzeRecording(zone.file, { test: 'walk-4m', reference: zone.reference });
    expect(r.walkTest?.trials).toHaveLength(1);
    expect(Math.abs((r.walkTest?.bestTimeS ?? NaN) - zone.truth[0].timeS)).toBeLessThan(1 / 30);
    const codes = warningsOf(r.quality);
    expect(codes.some((w) => w.code === 'legacy-text')).toBe(false);
    const rejected = codes.find((w) => w.code === 'trial-rejected');
    expect(rejected).toMatchObject({ code: 'trial-rejected', reason: 'stopped', direction: 'right-to-left' });
    expect(codes.at(-1)).toEqual({ code: 'too-few-trials', found: 1, expected: 2 });
    // The English texts stay in quality.warnings, in the same order as the codes.
    expect(r.quality.warnings).toEqual(renderWarnings(codes, 'en'));
    expect(r.quality.warnings.at(-1)).toBe('1 trial(s) timed; the protocol asks for 2');
  });

  it('takes the height as branded metres (a plain number is a compile error)', () => {
    // @ts-expect-error: heightM is Meters; 1.75 could be anything (cm, ft)
    const plain = analyzeRecording(walk.file, { heightM: 1.75 });
    expect(plain).toEqual(analyzeRecording(walk.file, { heightM: meters(1.75) }));
  });

  it('a walk test without a floor reference is one clear error with a code', () => {
    const run = () => analyzeRecording(zone.file, { test: 'walk-10m' });
    expect(run).toThrow(AnalysisInputError);
    expect(run).toThrow(/walk-10m needs a floor reference/);
    try {
      run();
    } catch (e) {
      expect((e as AnalysisInputError).code).toBe('reference-required');
    }
  });

  it('a chair test: no gait, the functional result and its notes as codes', () => {
    const g = generateChair({ skeleton: 'coco17', test: 'sit-to-stand-5', seed: 4, reps: 3 });
    const r = analyzeRecording(g.file, { test: 'sit-to-stand-5' });
    expect(Object.keys(r)).toEqual(['format', 'scale', 'quality', 'functional']);
    expect(r.functional).toEqual(analyzeFunctional(g.file, 'sit-to-stand-5').functional);
    expect(r.functional?.count).toBe(3);
    expect(warningsOf(r.quality)).toEqual([{ code: 'too-few-stands', found: 3, expected: 5 }]);
    expect(r.scale).toEqual({ method: 'pixels', metresPerPixel: null });
  });

  it('a floor reference set aside or disagreeing with the height is a code, not English text', () => {
    const r = zone.reference;
    const far = { ...r, x2: r.x2 + 10_000 };
    const setAside = analyzeRecording(zone.file, { reference: far, heightM: meters(1.7) });
    const notUsed = warningsOf(setAside.quality).find((w) => w.code === 'reference-not-used');
    expect(notUsed).toMatchObject({ problem: 'outside-frame', frame: { width: zone.file.width } });
    const tall = analyzeRecording(zone.file, { reference: r, heightM: meters(2.3) });
    const all = JSON.stringify(warningsOf(tall.quality));
    expect(all).toContain('"reference-height-disagree"');
    expect(all).not.toContain('legacy-text');
  });
});

// The Gait and Spine tabs call the entry point, not the engines: the same objects the engines gave the views.
describe('what the views get from the entry point', () => {
  const bend = generateSpine({
    skeleton: 'blazepose33',
    test: 'forward-flexion',
    endRangeDeg: [60, 70, 65],
    noisePx: 2,
    seed: 3,
  });

  it('gait view: test gait is the gait engine’s result and plot, one pass or several', () => {
    const opts = { heightM: meters(1.65), ageYears: 70, sex: 'female' as const };
    for (const file of [walk.file, zone.file]) {
      const d = analyzeRecordingDetailed(file, { test: 'gait', ...opts });
      const g = analyzeGaitDetailed(file, opts);
      expect(d.result).toEqual(g.result);
      expect(d.gait?.plot).toEqual(g.plot);
      expect(d.gait?.plot?.tS.length).toBeGreaterThan(30);
      expect(d.spine).toBeUndefined();
    }
    // Several passes here (two trials across the view), each analysed once and pooled.
    expect(analyzeRecording(zone.file, { test: 'gait' }).gait?.passes?.length).toBeGreaterThanOrEqual(2);
  });

  it('gait view: a recording detected as a spine test still gets its gait analysis', () => {
    expect(analyzeRecording(bend.file).spine?.test).toBe('forward-flexion');
    const asGait = analyzeRecordingDetailed(bend.file, { test: 'gait' });
    expect(asGait.result).toEqual(analyzeGaitDetailed(bend.file).result);
    expect(asGait.result.spine).toBeUndefined();
    expect(asGait.spine).toBeUndefined();
    const codes = warningsOf(asGait.result.quality).map((w) => w.code);
    expect(codes).not.toContain('test-detected');
    expect(codes).not.toContain('no-movement-recognised');
  });

  it('spine view: each chosen test gives the spine engine’s analysis and the result the view saved', () => {
    const upright = generateSpine({ skeleton: 'blazepose33', test: 'standing', swayDeg: 1.5, seed: 2 });
    const cases = [
      [bend.file, 'forward-flexion'],
      [bend.file, 'extension'],
      [upright.file, 'posture'],
      [walk.file, 'posture'],
      [walk.file, 'forward-flexion'],
    ] as const;
    for (const [file, test] of cases) {
      const d = analyzeRecordingDetailed(file, { test, heightM: meters(1.7) });
      const s = analyzeSpine(file, { test, heightM: 1.7 });
      expect(d.spine).toEqual(s);
      expect(d.gait).toBeUndefined();
      // What the view stored before (spine/results.ts toAnalysisV1): scale, frames, warnings, spine or posture.
      expect(d.result).toEqual({
        format: 'ganglag.analysis/v1',
        scale: s.scale,
        quality: {
          framesTotal: file.frames.length,
          framesUsed: s.framesUsed,
          warnings: s.warnings,
          warningCodes: s.warningCodes,
        },
        ...(s.spine ? { spine: s.spine } : {}),
        ...(s.posture ? { posture: s.posture } : {}),
      });
    }
    // The walk analysed as a spine test is flagged, so the view offers nothing to save.
    const wrong = analyzeRecordingDetailed(walk.file, { test: 'forward-flexion' });
    expect(wrong.spine?.warningCodes.map((w) => w.code)).toContain('walks-across');
    expect(analyzeRecording(upright.file, { test: 'posture' }).posture?.trunkLeanDeg).toBeTypeOf('number');
  });

  it('spine view: the detected test is the spine engine’s detection', () => {
    const upright = generateSpine({ skeleton: 'blazepose33', test: 'standing', swayDeg: 1.5, seed: 1 });
    expect(detectRecordingTest(bend.file)).toBe('forward-flexion');
    expect(detectRecordingTest(upright.file)).toBe('posture');
    for (const file of [bend.file, upright.file, walk.file, zone.file]) {
      expect(detectRecordingTest(file)).toBe(detectSpineTest(file));
    }
  });
});

describe('stored results whose clinical-test messages were English legacy-text', () => {
  it('are re-coded from their text', () => {
    const r = analyzeRecording(zone.file, { test: 'walk-4m', reference: zone.reference });
    const codes = warningsOf(r.quality);
    const stored = {
      ...r,
      quality: {
        ...r.quality,
        warningCodes: codes.map((w, i) => ({ code: 'legacy-text' as const, text: r.quality.warnings[i] })),
      },
    };
    const migrated = warningsOf(migrateStoredAnalysis(stored).quality);
    expect(migrated.map((w) => w.code)).toEqual(codes.map((w) => w.code));
    expect(renderWarnings(migrated, 'en')).toEqual(r.quality.warnings);
  });
});
