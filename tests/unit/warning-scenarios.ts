// Recordings from the synthetic generators that between them raise most analysis warnings, and each one's
// English warnings as the analysis wrote them before warnings became codes (recorded from commit 02d1735).
import { analyzeGait, analyzeSpine, type AnalyzeOptions } from '../../src/analysis/index';
import type { SpineTestId } from '../../src/shared/analysis-format';
import type { PosesFileV1 } from '../../src/shared/poses-format';
import { generateWalk, type WalkParams } from '../fixtures/gait-generator';
import { generateSpine, type SpineGenOptions } from '../fixtures/spine-generator';

function turnAndBack(there: WalkParams, back: WalkParams): PosesFileV1 {
  const a = generateWalk(there).file;
  const b = generateWalk(back).file;
  const offsetMs = a.frames[a.frames.length - 1].tMs + 1000;
  return {
    ...a,
    width: Math.max(a.width, b.width),
    frames: [...a.frames, ...b.frames.map((f) => ({ ...f, tMs: f.tMs + offsetMs }))],
  };
}

export interface Scenario {
  name: string;
  /** The analysis' quality.warnings / warningCodes for this recording. */
  run(): { warnings: string[]; codes: unknown[] };
}

const gait = (name: string, file: () => PosesFileV1, opts: AnalyzeOptions = {}): Scenario => ({
  name,
  run() {
    const q = analyzeGait(file(), opts).quality;
    return { warnings: q.warnings, codes: (q as { warningCodes?: unknown[] }).warningCodes ?? [] };
  },
});

const spine = (name: string, gen: SpineGenOptions, test?: SpineTestId, heightM?: number): Scenario => ({
  name,
  run() {
    const a = analyzeSpine(generateSpine(gen).file, { test, heightM });
    return { warnings: a.warnings, codes: (a as { warningCodes?: unknown[] }).warningCodes ?? [] };
  },
});

export const SCENARIOS: Scenario[] = [
  gait(
    'swaps and dropouts, blazepose33',
    () => generateWalk({ skeleton: 'blazepose33', seed: 5, strides: 5, legSwaps: 3, dropoutRate: 0.03 }).file,
  ),
  gait(
    'swaps and dropouts, coco17',
    () => generateWalk({ skeleton: 'coco17', seed: 5, strides: 5, legSwaps: 3, dropoutRate: 0.03 }).file,
  ),
  gait(
    'no height',
    () => generateWalk({ skeleton: 'coco17', seed: 3, strides: 4, includeHeight: false }).file,
  ),
  gait(
    'tilted floor, age and sex',
    () => generateWalk({ skeleton: 'coco17', seed: 4, floorTiltDeg: 12 }).file,
    {
      ageYears: 80,
      sex: 'female',
    },
  ),
  gait('one stride', () => generateWalk({ skeleton: 'blazepose33', seed: 6, strides: 1 }).file),
  gait(
    'heavy dropout',
    () => generateWalk({ skeleton: 'coco17', seed: 7, strides: 4, dropoutRate: 0.3 }).file,
  ),
  gait('turn and back', () =>
    turnAndBack(
      { skeleton: 'blazepose33', seed: 1, strides: 4, direction: 1 },
      { skeleton: 'blazepose33', seed: 2, strides: 3, direction: -1 },
    ),
  ),
  gait('turn and a short way back', () =>
    turnAndBack(
      { skeleton: 'coco17', seed: 1, strides: 4, direction: 1, legSwaps: 2 },
      { skeleton: 'coco17', seed: 2, strides: 0.5, direction: -1 },
    ),
  ),
  gait('standing', () => generateSpine({ skeleton: 'coco17', test: 'standing', seed: 1 }).file),
  spine('forward flexion', { skeleton: 'blazepose33', test: 'forward-flexion', seed: 1 }),
  spine('forward flexion, no height', {
    skeleton: 'coco17',
    test: 'forward-flexion',
    seed: 2,
    writeHeight: false,
  }),
  spine(
    'flexion analysed as extension',
    { skeleton: 'blazepose33', test: 'forward-flexion', seed: 3 },
    'extension',
  ),
  spine('extension, turned', { skeleton: 'blazepose33', test: 'extension', seed: 4, yawDeg: 30 }),
  spine('two repetitions', { skeleton: 'coco17', test: 'extension', seed: 5, endRangeDeg: [25, 25] }),
  spine('lateral flexion', { skeleton: 'blazepose33', test: 'lateral-flexion', seed: 6 }),
  spine(
    'lateral flexion, two to the left',
    {
      skeleton: 'blazepose33',
      test: 'lateral-flexion',
      seed: 7,
      endRangeDeg: [20, 20, 20],
      sides: ['left', 'left', 'right'],
    },
    'lateral-flexion',
  ),
  spine(
    'flexion filmed from the front',
    { skeleton: 'blazepose33', test: 'forward-flexion', seed: 8, view: 'front' },
    'forward-flexion',
  ),
  spine('posture', { skeleton: 'blazepose33', test: 'posture', seed: 9 }),
  spine(
    'posture, no height',
    { skeleton: 'coco17', test: 'posture', seed: 10, writeHeight: false },
    'posture',
  ),
  spine('standing, test unknown', { skeleton: 'coco17', test: 'standing', seed: 11 }),
];

/** quality.warnings of each scenario from the analysis before warnings became codes. */
export const OLD_WARNINGS: Record<string, string[]> = {
  'swaps and dropouts, blazepose33': [
    'left/right leg labels corrected in 6 frames',
    '1 step(s) without step time: no earlier strike of the other foot (first step or a missed strike)',
    'age or sex not given: gait speed judged against an adult reference (1.0 m/s)',
  ],
  'swaps and dropouts, coco17': [
    'left/right leg labels corrected in 8 frames',
    '1 step(s) without step time: no earlier strike of the other foot (first step or a missed strike)',
    'age or sex not given: gait speed judged against an adult reference (1.0 m/s)',
  ],
  'no height': [
    'no height, floor reference or world landmarks: lengths and speed are in pixels (null in metres)',
    '1 step(s) without step time: no earlier strike of the other foot (first step or a missed strike)',
    'age or sex not given: gait speed judged against an adult reference (1.0 m/s)',
  ],
  'tilted floor, age and sex': [
    'floor tilted 12 deg in the image: level the camera',
    '1 step(s) without step time: no earlier strike of the other foot (first step or a missed strike)',
  ],
  'one stride': [
    'shorter than two strides (3 heel strikes): metrics are unreliable',
    '1 step(s) without step time: no earlier strike of the other foot (first step or a missed strike)',
    'age or sex not given: gait speed judged against an adult reference (1.0 m/s)',
  ],
  'heavy dropout': [
    'partly out of view: hips, knees or ankles missing in 18 of 150 frames',
    '1 step(s) without step time: no earlier strike of the other foot (first step or a missed strike)',
    'age or sex not given: gait speed judged against an adult reference (1.0 m/s)',
  ],
  'turn and back': [
    '2 passes across the view found; the overall result pools all of them (pass 1, pass 2)',
    'age or sex not given: gait speed judged against an adult reference (1.0 m/s)',
    'pass 2: 1 implausible step(s) left out as false heel strikes: right at 4.95 s: step time 0.04 s (under 0.25 s)',
    '2 step(s) without step time: no earlier strike of the other foot (first step or a missed strike)',
  ],
  'turn and a short way back': [
    '2 passes across the view found; the overall result pools 1 of them (pass 1)',
    'pass 2 (4.43-7.13 s) too short to measure (3 step(s), less than one whole stride): left out of the overall result',
    'left/right leg labels corrected in 8 frames',
    'age or sex not given: gait speed judged against an adult reference (1.0 m/s)',
    '1 step(s) without step time: no earlier strike of the other foot (first step or a missed strike)',
  ],
  standing: [
    'no walk across the view (standing, or walking towards or away from the camera: not side-on): the pelvis moved 0 % of body height (needs 50 %); no gait measured',
  ],
  'forward flexion': ['test detected from the movement: forward-flexion'],
  'forward flexion, no height': [
    'test detected from the movement: forward-flexion',
    'no height (--height or subject.heightM) and no world landmarks: distances in cm are null',
    'fingertip-to-floor is null where the scale, wrists or feet are missing',
  ],
  'flexion analysed as extension': [
    'the movement looks like forward flexion, not extension; no repetition counted',
  ],
  'extension, turned': [
    'test detected from the movement: extension',
    'extension: the subject is turned about 30° from side-on; angles are corrected for it, but less accurate than side-on',
  ],
  'two repetitions': [
    'test detected from the movement: extension',
    'extension: found 2 repetitions; the protocol asks for 3',
  ],
  'lateral flexion': ['test detected from the movement: lateral-flexion'],
  'lateral flexion, two to the left': [
    'lateral-flexion: found 2 left repetitions; the protocol asks for 3',
    'lateral-flexion: found 1 right repetitions; the protocol asks for 3',
  ],
  'flexion filmed from the front': [
    'forward-flexion needs a side view (side-on to the camera), but the recording shows a front view; no range of motion',
  ],
  posture: ['test detected from the movement: posture'],
  'posture, no height': [
    'no height (--height or subject.heightM) and no world landmarks: distances in cm are null',
    'posture: no height or world landmarks to scale by; forwardHeadCm is null',
  ],
  'standing, test unknown': [
    'test detected from the movement: posture',
    'posture: no still front-view frames; shoulder and pelvic obliquity are null',
  ],
};
