// The one analysis entry point: a ganglag.poses/v1 recording in, ganglag.analysis/v1 out, for whichever test it
// holds (gait, a spine test, a timed walk test or a chair test). The CLI, the UI and storage all call this.
import { ANALYSIS_FORMAT, type AnalysisV1, type SpineTestId } from '../shared/analysis-format';
import {
  FUNCTIONAL_TESTS,
  WALK_TESTS,
  type FunctionalTestId,
  type WalkTestId,
} from '../shared/clinical-tests';
import { pushUnique, warningFields, warningsOf, type WarningMessage } from '../shared/messages';
import type { PosesFileV1 } from '../shared/poses-format';
import type { Meters } from '../shared/units';
import { referenceMetresPerPixel } from '../shared/reference';
import { analyzeFunctional, type FunctionalResult } from './functional/functional';
import {
  analyzeGaitDetailed,
  type AnalyzeOptions,
  type GaitPlotData,
  type PassAnalysis,
} from './gait/analyze';
import { analyzeSpine, detectSpineTest, type SpineAnalysis } from './spine/index';
import { analyzeWalkTest, type WalkTestResult } from './walk-test/walk-test';

/**
 * Every test a recording can hold; without one, a spine test is detected or gait is analysed. `gait` asks for
 * gait whatever the movement shows (the Gait tab: a walk that starts with a bend is still a walk).
 */
export type RecordingTest = 'gait' | SpineTestId | WalkTestId | FunctionalTestId;

export const isWalkTest = (t: RecordingTest | undefined): t is WalkTestId =>
  (WALK_TESTS as readonly string[]).includes(t ?? '');
export const isFunctionalTest = (t: RecordingTest | undefined): t is FunctionalTestId =>
  (FUNCTIONAL_TESTS as readonly string[]).includes(t ?? '');

export interface RecordingOptions extends AnalyzeOptions {
  /** The test recorded; without it a spine test is detected from the movement, else gait is analysed. */
  test?: RecordingTest;
  /** Subject height; overrides the file's subject.heightM. Branded: pass `meters(x)` (shared/units.ts). */
  heightM?: Meters;
  /** Also analyse every pass on its own (the gait panel's per-pass rows); off for the CLI and storage. */
  passes?: boolean;
}

/** Why a recording cannot be analysed as asked (a code to branch on, and one sentence). */
export class AnalysisInputError extends Error {
  override readonly name = 'AnalysisInputError';
  constructor(
    readonly code: 'reference-required',
    message: string,
  ) {
    super(message);
  }
}

/** The result, and what a view draws beyond it: gait plots and passes, the spine analysis, trial details. */
export interface RecordingAnalysis {
  result: AnalysisV1;
  /** Gait: the longest pooled pass's plot data; every pass on its own when `passes` was asked for. */
  gait?: { plot: GaitPlotData | null; passes?: PassAnalysis[] };
  spine?: SpineAnalysis;
  walkTest?: WalkTestResult;
  functional?: FunctionalResult;
}

/** ganglag.analysis/v1 of a recording. Pure and deterministic. */
export function analyzeRecording(poses: PosesFileV1, opts: RecordingOptions = {}): AnalysisV1 {
  return analyzeRecordingDetailed(poses, opts).result;
}

/**
 * The analysis with what views draw. Gait is analysed once: analyzeGaitDetailed splits the recording into
 * passes, analyses each once, pools them and returns each pass's own analysis beside the pooled one.
 */
export function analyzeRecordingDetailed(poses: PosesFileV1, opts: RecordingOptions = {}): RecordingAnalysis {
  const { test } = opts;
  if (test === 'gait') return gait(poses, opts);
  if (isWalkTest(test)) return walkTest(poses, test, opts);
  if (isFunctionalTest(test)) return functionalTest(poses, test, opts);
  return spineOrGait(poses, test, opts);
}

/**
 * The spine test a recording shows, as analyzeRecording detects it without a test (null: none clearly; then
 * it analyses gait). The Spine tab shows it and offers it first.
 */
export function detectRecordingTest(poses: PosesFileV1): SpineTestId | null {
  return detectSpineTest(poses);
}

function gait(poses: PosesFileV1, opts: RecordingOptions): RecordingAnalysis {
  const g = analyzeGaitDetailed(poses, opts);
  return {
    result: g.result,
    gait: { plot: g.plot, ...(opts.passes ? { passes: g.passes } : {}) },
  };
}

/** Appends messages to a result's warnings (both the English texts and the codes). */
function addWarnings(result: AnalysisV1, ws: readonly WarningMessage[]): void {
  if (ws.length === 0) return;
  Object.assign(result.quality, warningFields([...warningsOf(result.quality), ...ws]));
}

/** Gait over the whole recording, plus the timed trials through the floor-marked zone. */
function walkTest(poses: PosesFileV1, test: WalkTestId, opts: RecordingOptions): RecordingAnalysis {
  const reference = opts.reference;
  if (!reference) {
    throw new AnalysisInputError(
      'reference-required',
      `${test} needs a floor reference (x1,y1,x2,y2,metres) marking the timed zone`,
    );
  }
  const out = gait(poses, opts);
  const w = analyzeWalkTest(poses, { test, reference, minScore: opts.minScore });
  out.result.walkTest = w.walkTest;
  out.walkTest = w;
  addWarnings(out.result, w.notes);
  return out;
}

/** A chair test: no gait; the scale is the floor reference's when one is given. */
function functionalTest(
  poses: PosesFileV1,
  test: FunctionalTestId,
  opts: RecordingOptions,
): RecordingAnalysis {
  const f = analyzeFunctional(poses, test);
  const mpp = opts.reference ? referenceMetresPerPixel(opts.reference, poses) : null;
  const n = poses.frames.length;
  return {
    result: {
      format: ANALYSIS_FORMAT,
      scale:
        mpp !== null
          ? { method: 'reference', metresPerPixel: mpp }
          : { method: 'pixels', metresPerPixel: null },
      quality: { framesTotal: n, framesUsed: n, ...warningFields(f.notes) },
      functional: f.functional,
    },
    functional: f,
  };
}

/**
 * Without a test: a movement test (flexion, extension, lateral flexion) when the movement shows one clearly;
 * else gait when there are steps; else standing posture when the subject stood still; else gait with a warning
 * that nothing was recognised.
 */
function spineOrGait(
  poses: PosesFileV1,
  test: SpineTestId | undefined,
  opts: RecordingOptions,
): RecordingAnalysis {
  let chosen = test;
  if (!chosen) {
    const detected = detectRecordingTest(poses);
    if (detected && detected !== 'posture') chosen = detected;
    else {
      const out = gait(poses, opts);
      if (out.result.gait?.steps.length) return out;
      if (!detected) {
        const codes = warningsOf(out.result.quality);
        pushUnique(codes, { code: 'no-movement-recognised' });
        Object.assign(out.result.quality, warningFields(codes));
        return out;
      }
      chosen = detected;
    }
  }
  const s = analyzeSpine(poses, { test: chosen, heightM: opts.heightM });
  const codes: WarningMessage[] = s.warningCodes.slice();
  if (!test) codes.unshift({ code: 'test-detected', test: chosen });
  const result: AnalysisV1 = {
    format: ANALYSIS_FORMAT,
    scale: s.scale,
    quality: { framesTotal: poses.frames.length, framesUsed: s.framesUsed, ...warningFields(codes) },
  };
  if (s.spine) result.spine = s.spine;
  if (s.posture) result.posture = s.posture;
  return { result, spine: s };
}
