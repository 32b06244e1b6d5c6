// Command-line arguments of `npm run analyze`, validated once at the boundary.
import { EVENT_METHODS, type AnalyzeOptions, type EventMethod } from '../analysis/index';
import type { SpineTestId } from '../shared/analysis-format';

export const SPINE_TESTS: readonly SpineTestId[] = [
  'forward-flexion',
  'extension',
  'lateral-flexion',
  'posture',
];

export interface CliArgs {
  file: string;
  json: boolean;
  /** The spine or posture test recorded (`--test`); without it the test is detected or gait is analysed. */
  test?: SpineTestId;
  options: AnalyzeOptions;
}

export const USAGE =
  'usage: npm run analyze -- <poses.json> [--height <m>] [--json] [--test forward-flexion|extension|lateral-flexion|posture] ' +
  '[--ref x1,y1,x2,y2,metres] ' +
  '[--age <years>] [--sex female|male] [--method zeni2008-footstop|zeni2008|oconnor2007]';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function number(flag: string, text: string | undefined, min: number, max: number): number {
  const v = Number(text);
  if (text === undefined || !Number.isFinite(v) || v < min || v > max) {
    throw new UsageError(`${flag} needs a number from ${min} to ${max}, got ${text ?? 'nothing'}`);
  }
  return v;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  let file: string | undefined;
  let json = false;
  let test: SpineTestId | undefined;
  const options: AnalyzeOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--json':
        json = true;
        break;
      case '--test': {
        const t = argv[++i];
        if (!(SPINE_TESTS as readonly string[]).includes(t ?? '')) {
          throw new UsageError(`--test needs one of ${SPINE_TESTS.join(', ')}, got ${t ?? 'nothing'}`);
        }
        test = t as SpineTestId;
        break;
      }
      case '--height':
        options.heightM = number(a, argv[++i], 0.5, 2.6);
        break;
      case '--age':
        options.ageYears = number(a, argv[++i], 1, 120);
        break;
      case '--sex': {
        const s = argv[++i];
        if (s !== 'female' && s !== 'male')
          throw new UsageError(`--sex needs female or male, got ${s ?? 'nothing'}`);
        options.sex = s;
        break;
      }
      case '--method': {
        const m = argv[++i];
        if (!(EVENT_METHODS as readonly string[]).includes(m ?? '')) {
          throw new UsageError(`--method needs one of ${EVENT_METHODS.join(', ')}, got ${m ?? 'nothing'}`);
        }
        options.method = m as EventMethod;
        break;
      }
      case '--ref': {
        const parts = (argv[++i] ?? '').split(',').map(Number);
        if (parts.length !== 5 || !parts.every(Number.isFinite) || !(parts[4] > 0)) {
          throw new UsageError('--ref needs x1,y1,x2,y2,metres (image pixels and a positive distance)');
        }
        const [x1, y1, x2, y2, metres] = parts;
        options.reference = { x1, y1, x2, y2, metres };
        break;
      }
      default:
        if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
        if (file !== undefined) throw new UsageError(`one input file expected, got ${file} and ${a}`);
        file = a;
    }
  }
  if (file === undefined) throw new UsageError('no input file');
  return { file, json, test, options };
}
