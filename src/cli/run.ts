// `npm run analyze` as a function of its arguments and I/O, so tests can run it in-process.
import { analyzeGait } from '../analysis/index';
import { analyzeSpine, detectSpineTest } from '../analysis/spine/index';
import { ANALYSIS_FORMAT, type AnalysisV1, type SpineTestId } from '../shared/analysis-format';
import type { PosesFileV1 } from '../shared/poses-format';
import { parsePoses, PosesFormatError } from '../shared/poses-format';
import { parseArgs, UsageError, USAGE } from './args';
import { formatTable } from './table';

export interface CliIo {
  readFile(path: string): string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Exit codes: 0 done, 2 bad usage or malformed input (one line on stderr, no stack trace). */
export function runAnalyze(argv: readonly string[], io: CliIo): number {
  let file = '';
  try {
    const args = parseArgs(argv);
    file = args.file;
    const poses = parsePoses(io.readFile(file));
    const result = analyse(poses, args.test, args.options.heightM, () => analyzeGait(poses, args.options));
    io.stdout(args.json ? `${JSON.stringify(result)}\n` : formatTable(file, result));
    return 0;
  } catch (err) {
    io.stderr(`${describe(err, file)}\n`);
    return 2;
  }
}

/**
 * With --test: that spine/posture test. Without: a movement test (flexion, extension, lateral flexion) when the
 * movement shows one clearly; else gait when there are steps; else standing posture when the subject stood
 * still; else gait with a warning that nothing was recognised.
 */
function analyse(
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
        result.quality.warnings.push(
          'no walking steps and no spine test recognised from the movement; pass --test forward-flexion|extension|lateral-flexion|posture for a spine test',
        );
        return result;
      }
      chosen = detected;
    }
  }
  const s = analyzeSpine(poses, { test: chosen, heightM });
  const warnings = s.warnings.slice();
  if (!test) warnings.unshift(`test detected from the movement: ${chosen}`);
  const out: AnalysisV1 = {
    format: ANALYSIS_FORMAT,
    scale: s.scale,
    quality: { framesTotal: poses.frames.length, framesUsed: s.framesUsed, warnings },
  };
  if (s.spine) out.spine = s.spine;
  if (s.posture) out.posture = s.posture;
  return out;
}

function describe(err: unknown, file: string): string {
  if (err instanceof UsageError) return `analyze: ${err.message}\n${USAGE}`;
  if (err instanceof PosesFormatError) {
    const frame = /^frames\[(\d+)\]/.exec(err.field)?.[1];
    const where =
      frame !== undefined ? `frame ${frame}, field ${err.field}` : `field ${err.field || '(top level)'}`;
    const message = err.field ? err.message.slice(err.field.length + 2) : err.message;
    return `analyze: ${file}: ${where}: ${oneLine(message)}`;
  }
  const e = err as { code?: string; message?: string };
  if (e.code === 'ENOENT') return `analyze: ${file}: no such file`;
  return `analyze: ${file || '(no file)'}: ${oneLine(e.message ?? String(err))}`;
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
