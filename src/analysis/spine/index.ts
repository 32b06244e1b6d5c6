// Spine and posture assessment (issue 4): pure measures over ganglag.poses/v1 recordings and live keypoints.
import type { SpineTestId } from '../../shared/analysis-format';
import type { PosesFileV1 } from '../../shared/poses-format';
import { detectTestIn } from './detect';
import { prepareRecording } from './recording';

export { analyzeSpine, DEFAULT_REPS, type SpineAnalysis, type SpineAnalysisOptions } from './analyze';
export {
  checkPositioning,
  POSITIONING_PROBLEMS,
  requiredView,
  type PositioningProblem,
  type PositioningResult,
} from './positioning';
export { LiveSpineGauge, type LiveSpineGaugeOptions } from './live';
export type { MovementTest } from './trunk';
export type { SpinePhase } from './phases';

/** The test a recording shows, from its view and movement; null when unclear. */
export function detectSpineTest(file: PosesFileV1): SpineTestId | null {
  return detectTestIn(prepareRecording(file));
}
