// Command-line arguments of `npm run analyze`, validated once at the boundary.
import {
  EVENT_METHODS,
  isFunctionalTest,
  isWalkTest,
  type EventMethod,
  type RecordingOptions,
  type RecordingTest,
} from '../analysis/index';
import type { SpineTestId } from '../shared/analysis-format';
import { FUNCTIONAL_TESTS, WALK_TESTS } from '../shared/clinical-tests';
import { LANGS, type Lang } from '../shared/messages/number';
import { renderReferenceProblem } from '../shared/messages/index';
import { MAX_HEIGHT_M, MIN_HEIGHT_M } from '../shared/poses-format';
import { checkReference, referenceNotUsed, type FloorReference } from '../shared/reference';
import { meters } from '../shared/units';

export const SPINE_TESTS: readonly SpineTestId[] = [
  'forward-flexion',
  'extension',
  'lateral-flexion',
  'posture',
];

/** `--test`: every test but `gait`, which is what the command line analyses without one. */
export type CliTest = Exclude<RecordingTest, 'gait'>;
export const CLI_TESTS: readonly CliTest[] = [...SPINE_TESTS, ...WALK_TESTS, ...FUNCTIONAL_TESTS];
export { isFunctionalTest, isWalkTest };

export interface CliArgs {
  file: string;
  json: boolean;
  /** The test recorded (`--test`); without it a spine test is detected or gait is analysed. */
  test?: CliTest;
  /** Language of the readable table and its warnings (`--lang`, English by default). */
  lang: Lang;
  /** Analysis options (the test is `test`). */
  options: Omit<RecordingOptions, 'test' | 'passes'>;
}

export type CliCommand = { help: true } | ({ help: false } & CliArgs);

export const USAGE = [
  'usage: npm run analyze -- <poses.json> [options]',
  '',
  'Analyses a ganglag.poses/v1 recording: gait by default, or the test named by --test.',
  '',
  'options:',
  '  --json                  print one ganglag.analysis/v1 JSON object instead of a table',
  `  --test <test>           ${CLI_TESTS.join('|')}`,
  `  --height <m>            subject height, ${MIN_HEIGHT_M} to ${MAX_HEIGHT_M} m`,
  '  --ref x1,y1,x2,y2,m     two floor points (image px) and the metres between them (over 0, at most 30);',
  '                          required by walk-4m and walk-10m, whose timed zone it marks',
  '  --age <years>           1 to 120, with --sex for age- and sex-matched norms',
  '  --sex female|male',
  `  --method <method>       gait events: ${EVENT_METHODS.join('|')}`,
  '  --lang en|nb            language of the readable table and its warnings (default en; JSON is unchanged)',
  '  --help                  this text',
  '',
  'Exit codes: 0 done; 2 bad usage or malformed input (one line on stderr).',
].join('\n');

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A plain decimal number: no hex, no blanks, no Infinity (Number('0x2') is 2, Number('') is 0). */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function parseNumber(text: string | undefined): number {
  return text !== undefined && DECIMAL.test(text) ? Number(text) : NaN;
}

function number(flag: string, text: string | undefined, min: number, max: number): number {
  const v = parseNumber(text);
  if (!Number.isFinite(v) || v < min || v > max) {
    throw new UsageError(`${flag} needs a number from ${min} to ${max}, got ${text ?? 'nothing'}`);
  }
  return v;
}

/** x1,y1,x2,y2,metres; checked for plausibility except the frame (known only once the file is read). */
export function parseReference(text: string | undefined): FloorReference {
  const parts = (text ?? '').split(',').map(parseNumber);
  if (parts.length !== 5 || !parts.every(Number.isFinite)) {
    throw new UsageError(
      `--ref needs x1,y1,x2,y2,metres (five plain numbers: image pixels and a distance), got ${text ?? 'nothing'}`,
    );
  }
  const [x1, y1, x2, y2, metres] = parts;
  const ref = { x1, y1, x2, y2, metres };
  const problem = checkReference(ref);
  if (problem)
    throw new UsageError(
      `--ref: ${renderReferenceProblem(referenceNotUsed(problem, metres, undefined), 'en')}`,
    );
  return ref;
}

export function parseArgs(argv: readonly string[]): CliCommand {
  if (argv.includes('--help') || argv.includes('-h')) return { help: true };
  let file: string | undefined;
  let json = false;
  let test: CliTest | undefined;
  let lang: Lang = 'en';
  const options: CliArgs['options'] = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--json':
        json = true;
        break;
      case '--test': {
        const t = argv[++i];
        if (!(CLI_TESTS as readonly string[]).includes(t ?? '')) {
          throw new UsageError(`--test needs one of ${CLI_TESTS.join(', ')}, got ${t ?? 'nothing'}`);
        }
        test = t as CliTest;
        break;
      }
      case '--height':
        options.heightM = meters(number(a, argv[++i], MIN_HEIGHT_M, MAX_HEIGHT_M));
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
      case '--lang': {
        const l = argv[++i];
        if (!(LANGS as readonly string[]).includes(l ?? '')) {
          throw new UsageError(`--lang needs one of ${LANGS.join(', ')}, got ${l ?? 'nothing'}`);
        }
        lang = l as Lang;
        break;
      }
      case '--ref':
        options.reference = parseReference(argv[++i]);
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        if (file !== undefined) throw new UsageError(`one input file expected, got ${file} and ${a}`);
        file = a;
    }
  }
  if (file === undefined) throw new UsageError('no input file');
  if (isWalkTest(test) && !options.reference) {
    throw new UsageError(`--test ${test} needs --ref x1,y1,x2,y2,metres marking the timed zone`);
  }
  return { help: false, file, json, test, lang, options };
}
