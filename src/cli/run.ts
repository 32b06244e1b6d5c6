// `npm run analyze` as a function of its arguments and I/O, so tests can run it in-process.
import { analyzeRecording } from '../analysis/index';
import type { AnalysisV1 } from '../shared/analysis-format';
import {
  renderReferenceProblem,
  renderWarnings,
  warningFields,
  warningsOf,
  type WarningOf,
} from '../shared/messages/index';
import type { PosesFileV1 } from '../shared/poses-format';
import { parsePoses, PosesFormatError } from '../shared/poses-format';
import { checkReference, referenceNotUsed } from '../shared/reference';
import { parseArgs, UsageError, USAGE } from './args';
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
    if (ref && problem) {
      throw new UsageError(
        `--ref: ${renderReferenceProblem(referenceNotUsed(problem, ref.metres, poses), 'en')}`,
      );
    }
    const result = analyzeRecording(poses, { ...cmd.options, test: cmd.test });
    // The file's own warning (its frame rate) comes before the analysis's.
    const fps = checkFps(poses);
    if (fps) Object.assign(result.quality, warningFields([fps, ...warningsOf(result.quality)]));
    if (cmd.json) io.stdout(`${JSON.stringify(result)}\n`);
    else io.stdout(formatTable(file, result, cmd.lang, renderWarnings(warningsOf(result.quality), cmd.lang)));
    return 0;
  } catch (err) {
    io.stderr(`${describe(err, file)}\n`);
    return 2;
  }
}

/** A warning when the timestamps' median frame rate and the declared fps differ by more than 10 %. */
export function checkFps(poses: PosesFileV1): WarningOf<'fps-mismatch'> | null {
  const f = poses.frames;
  const d: number[] = [];
  for (let i = 1; i < f.length; i++) d.push(f[i].tMs - f[i - 1].tMs);
  d.sort((a, b) => a - b);
  const measured = 1000 / d[d.length >> 1];
  if (Math.abs(measured / poses.fps - 1) <= FPS_TOLERANCE) return null;
  return { code: 'fps-mismatch', measuredFps: measured, declaredFps: poses.fps };
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
