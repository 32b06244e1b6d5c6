// Which spine test a recording shows, from its view and the direction of its trunk excursions.
import type { SpineTestId } from '../../shared/analysis-format';
import { quantile } from '../conditioning/quantile';
import { F } from './frame';
import { detectReps } from './phases';
import { series, type Recording } from './recording';
import { directedSignal } from './trunk';

/** Excursions beyond this are forward flexion whatever the facing: extension does not reach it. */
const FLEXION_ONLY_DEG = 45;

/** Shoulders travelling this many trunk lengths across the view are a walk: a bend moves them about one. */
const WALK_TRUNK_LENGTHS = 2;

/**
 * True when the subject walks across the view (shoulder midpoint's 5–95 % x range above WALK_TRUNK_LENGTHS
 * median trunk lengths): a gait recording, not a spine or posture test.
 */
export function walksAcross(rec: Recording): boolean {
  const x = series(rec, F.shoulderX);
  const range = quantile(x, 0.95) - quantile(x, 0.05);
  return range > WALK_TRUNK_LENGTHS * quantile(series(rec, F.trunkPx), 0.5);
}

/**
 * A walk across the view is no test (null). Side-on: repetitions toward the face are forward flexion, away from it extension; none is posture.
 * Facing the camera: repetitions to either side are lateral flexion; none is posture, unless the trunk
 * foreshortens (a bend toward the camera, which no test asks for). Null when mixed or undecidable.
 */
export function detectTestIn(rec: Recording): SpineTestId | null {
  if (rec.n < 10 || walksAcross(rec)) return null;
  switch (rec.view) {
    case 'side':
      return sideTest(rec);
    case 'front': {
      if (foreshortens(rec)) return null;
      const lat = detectReps(directedSignal(rec, rec.leftToward || 1, true).e, rec.tMs).length;
      return lat > 0 ? 'lateral-flexion' : 'posture';
    }
    case 'oblique':
      // Turned less than MAX_YAW_DEG from side-on: corrected, so read as side-on.
      return rec.yawDeg > 0 ? sideTest(rec) : null;
    case null:
      return null;
  }
}

function sideTest(rec: Recording): SpineTestId | null {
  if (rec.facing === 0) {
    const any = directedSignal(rec, 1, true);
    const reps = detectReps(any.e, rec.tMs);
    if (reps.length === 0) return 'posture';
    return reps.every((r) => any.e[r.peak] > FLEXION_ONLY_DEG) ? 'forward-flexion' : null;
  }
  // One neutral for both directions: the hold nearest upright.
  const fwd = detectReps(directedSignal(rec, rec.facing, false, 'closest').e, rec.tMs).length;
  const back = detectReps(directedSignal(rec, -rec.facing, false, 'closest').e, rec.tMs).length;
  if (fwd > 0 && back === 0) return 'forward-flexion';
  if (back > 0 && fwd === 0) return 'extension';
  return fwd === 0 && back === 0 ? 'posture' : null;
}

/** True when the trunk's image length drops well below its usual length: bending toward or away from the camera. */
function foreshortens(rec: Recording): boolean {
  const len = series(rec, F.trunkPx);
  return quantile(len, 0.05) < 0.8 * quantile(len, 0.5);
}
