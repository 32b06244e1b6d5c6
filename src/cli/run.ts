// `npm run analyze` as a function of its arguments and I/O, so tests can run it in-process.
import { analyzeGait } from '../analysis/index';
import { analyzeFunctional } from '../analysis/functional/functional';
import { analyzeSpine, detectSpineTest } from '../analysis/spine/index';
import { analyzeWalkTest, type WalkTestNote } from '../analysis/walk-test/walk-test';
import { ANALYSIS_FORMAT, type AnalysisV1, type SpineTestId } from '../shared/analysis-format';
import {
  renderClinicalMessage,
  renderReferenceProblem,
  type ClinicalMessage,
} from '../shared/clinical-messages';
import {
  pushUnique,
  renderWarnings,
  warningFields,
  warningsOf,
  type WarningMessage,
} from '../shared/messages/index';
import type { PosesFileV1 } from '../shared/poses-format';
import { parsePoses, PosesFormatError } from '../shared/poses-format';
import { checkReference, referenceMetresPerPixel } from '../shared/reference';
import { isFunctionalTest, isWalkTest, parseArgs, UsageError, USAGE, type CliArgs } from './args';
import { formatTable } from './table';

export interface CliIo {
  readFile(path: string): string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** What the CLI prints: ganglag.analysis/v1, with walkTest or functional when --test named one (issue 9). */
export type CliResult = AnalysisV1;

/** The input cannot be analysed (too few frames): exit 2 like a malformed file. */
class InputError extends Error {
  override readonly name = 'InputError';
}

/** Declared and measured frame rates may differ by this share before a warning (issue 12). */
const FPS_TOLERANCE = 0.1;

/** Exit codes: 0 done (also --help), 2 bad usage or malformed input (exactly one line on stderr). */
export function runAnalyze(argv: readonly string[], io: CliIo): number {
  let file = '';
  try {
    const cmd = parseArgs(argv);
    if (cmd.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    file = cmd.file;
    // A UTF-8 byte-order mark (Windows editors write one) is not part of the JSON.
    const poses = parsePoses(io.readFile(file).replace(/^\uFEFF/, ''));
    if (poses.frames.length < 2) {
      throw new InputError(`needs at least 2 frames, got ${poses.frames.length}`);
    }
    const ref = cmd.options.reference;
    const problem = ref ? checkReference(ref, poses) : null;
    if (ref && problem) throw new UsageError(`--ref: ${renderReferenceProblem(problem, ref, poses, 'en')}`);
    const extra: ClinicalMessage[] = [];
    const fps = checkFps(poses);
    if (fps) extra.push(fps);
    const result = analyse(poses, cmd, extra);
    // The analysis's own warnings as codes; the command line's (fps, test notes) travel as English text
    // until messages/codes.ts has codes for them.
    const codes = warningsOf(result.quality);
    const [first, rest] = [
      extra.filter((m) => m.code === 'fps-mismatch'),
      extra.filter((m) => m.code !== 'fps-mismatch'),
    ];
    const legacy = (ms: ClinicalMessage[]): WarningMessage[] =>
      ms.map((m) => ({ code: 'legacy-text', text: renderClinicalMessage(m, 'en') }));
    Object.assign(result.quality, warningFields([...legacy(first), ...codes, ...legacy(rest)]));
    if (cmd.json) io.stdout(`${JSON.stringify(result)}\n`);
    else {
      const lang = cmd.lang;
      const text = (ms: ClinicalMessage[]): string[] => ms.map((m) => renderClinicalMessage(m, lang));
      const warnings = [...text(first), ...renderWarnings(codes, lang), ...text(rest)];
      io.stdout(formatTable(file, result, lang, warnings));
    }
    return 0;
  } catch (err) {
    io.stderr(`${describe(err, file)}\n`);
    return 2;
  }
}

/** A warning when the timestamps' median frame rate and the declared fps differ by more than 10 %. */
export function checkFps(poses: PosesFileV1): ClinicalMessage | null {
  const f = poses.frames;
  const d: number[] = [];
  for (let i = 1; i < f.length; i++) d.push(f[i].tMs - f[i - 1].tMs);
  d.sort((a, b) => a - b);
  const measured = 1000 / d[d.length >> 1];
  if (Math.abs(measured / poses.fps - 1) <= FPS_TOLERANCE) return null;
  return { code: 'fps-mismatch', measuredFps: measured, declaredFps: poses.fps };
}

function analyse(poses: PosesFileV1, args: CliArgs, extra: ClinicalMessage[]): CliResult {
  const { test, options } = args;
  if (isWalkTest(test)) {
    const ref = options.reference;
    if (!ref) throw new UsageError(`--test ${test} needs --ref x1,y1,x2,y2,metres marking the timed zone`);
    const result: CliResult = analyzeGait(poses, options);
    const w = analyzeWalkTest(poses, { test, reference: ref });
    result.walkTest = w.walkTest;
    extra.push(...w.notes.map(walkNoteMessage));
    return result;
  }
  if (isFunctionalTest(test)) {
    const f = analyzeFunctional(poses, test);
    const mpp = options.reference ? referenceMetresPerPixel(options.reference, poses) : null;
    extra.push(...f.notes);
    return {
      format: ANALYSIS_FORMAT,
      scale:
        mpp !== null
          ? { method: 'reference', metresPerPixel: mpp }
          : { method: 'pixels', metresPerPixel: null },
      quality: {
        framesTotal: poses.frames.length,
        framesUsed: poses.frames.length,
        warnings: [],
        warningCodes: [],
      },
      functional: f.functional,
    };
  }
  return analyseSpineOrGait(poses, test, options.heightM, () => analyzeGait(poses, options));
}

function walkNoteMessage(n: WalkTestNote): ClinicalMessage {
  return n.code === 'trial-rejected' ? { code: 'trial-rejected', ...n.trial } : n;
}

/**
 * Without --test: a movement test (flexion, extension, lateral flexion) when the movement shows one clearly;
 * else gait when there are steps; else standing posture when the subject stood still; else gait with a warning
 * that nothing was recognised.
 */
function analyseSpineOrGait(
  poses: PosesFileV1,
  test: SpineTestId | undefined,
  heightM: number | undefined,
  gait: () => AnalysisV1,
): AnalysisV1 {
  let chosen = test;
  if (!chosen) {
    const detected = detectSpineTest(poses);
    if (detected && detected !== 'posture') chosen = detected;
    else {
      const result = gait();
      if (result.gait?.steps.length) return result;
      if (!detected) {
        const codes = warningsOf(result.quality);
        pushUnique(codes, { code: 'no-movement-recognised' });
        Object.assign(result.quality, warningFields(codes));
        return result;
      }
      chosen = detected;
    }
  }
  const s = analyzeSpine(poses, { test: chosen, heightM });
  const codes: WarningMessage[] = s.warningCodes.slice();
  if (!test) codes.unshift({ code: 'test-detected', test: chosen });
  const out: AnalysisV1 = {
    format: ANALYSIS_FORMAT,
    scale: s.scale,
    quality: { framesTotal: poses.frames.length, framesUsed: s.framesUsed, ...warningFields(codes) },
  };
  if (s.spine) out.spine = s.spine;
  if (s.posture) out.posture = s.posture;
  return out;
}

function describe(err: unknown, file: string): string {
  if (err instanceof UsageError) return `analyze: ${oneLine(err.message)} (see --help)`;
  if (err instanceof InputError) return `analyze: ${file}: ${oneLine(err.message)}`;
  if (err instanceof PosesFormatError) {
    const frame = /^frames\[(\d+)\]/.exec(err.field)?.[1];
    const where =
      frame !== undefined ? `frame ${frame}, field ${err.field}` : `field ${err.field || '(top level)'}`;
    const message = err.field ? err.message.slice(err.field.length + 2) : err.message;
    return `analyze: ${file}: ${where}: ${oneLine(message)}`;
  }
  const e = err as { code?: string; message?: string };
  if (e.code === 'ENOENT') return `analyze: ${file}: no such file`;
  if (e.code === 'EISDIR') return `analyze: ${file}: is a directory, not a file`;
  if (e.code === 'EACCES') return `analyze: ${file}: permission denied`;
  return `analyze: ${file || '(no file)'}: ${oneLine(e.message ?? String(err))}`;
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
