// `npm run analyze` as a function of its arguments and I/O, so tests can run it in-process.
import { analyzeGait } from '../analysis/index';
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
    const result = analyzeGait(poses, args.options);
    io.stdout(args.json ? `${JSON.stringify(result)}\n` : formatTable(file, result));
    return 0;
  } catch (err) {
    io.stderr(`${describe(err, file)}\n`);
    return 2;
  }
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
