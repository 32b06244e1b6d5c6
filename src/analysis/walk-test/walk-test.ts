// Timed walk tests (4-metre and 10-metre) through a zone marked on the floor: trial times from pelvis crossings.
import type {
  TrialRejection,
  WalkDirection,
  WalkTestId,
  WalkTestV1,
  WalkTrialV1,
} from '../../shared/clinical-tests';
import type { WarningOf } from '../../shared/messages/codes';
import { MIN_KEYPOINT_SCORE } from '../../shared/keypoints';
import type { PosesFileV1 } from '../../shared/poses-format';
import { meters, type Meters } from '../../shared/units';
import { checkReference, type FloorReference } from '../../shared/reference';
import { conditionTracks, DEFAULT_CONDITIONING, extractTracks } from '../conditioning/tracks';
import { midpoint } from '../geometry/frame';
import { landmarks } from '../geometry/landmarks';
import { round } from '../round';

/** Nominal timed distance of each protocol, m: NIH Toolbox 4-m walk; 10-m walk timed over its middle 6 m. */
export const ZONE_M: Record<WalkTestId, number> = { 'walk-4m': 4, 'walk-10m': 6 };
/** Accepted trials each protocol asks for (NIH Toolbox: two, the faster counts; 10MWT: commonly three, mean). */
export const TRIALS_EXPECTED: Record<WalkTestId, number> = { 'walk-4m': 2, 'walk-10m': 3 };

/** Stopped: the pelvis advanced under STOP_M along the line within STOP_WINDOW_S (mean under 0.1 m/s). */
const STOP_M = 0.05;
const STOP_WINDOW_S = 0.5;
/** Turned: the pelvis fell back more than this behind its furthest progress in the zone, m. */
const TURN_BACK_M = 0.2;

export interface RejectedTrial {
  reason: TrialRejection;
  direction: WalkDirection;
  /** When the pelvis crossed the entry end, s. */
  startS: number;
  /** When the trial was given up (lost, stopped, turned back out), s. */
  atS: number;
}

/** What the caller words (shared/messages renders them): typed, not English. */
export type WalkTestNote = WarningOf<
  'reference-implausible' | 'zone-length' | 'trial-rejected' | 'too-few-trials' | 'no-trial'
>;

export interface WalkTestResult {
  walkTest: WalkTestV1;
  rejected: RejectedTrial[];
  /** Mean of the accepted trials' times, s (NaN without one). */
  meanTimeS: number;
  notes: WalkTestNote[];
}

export interface WalkTestOptions {
  test: WalkTestId;
  /** The timed zone: its two points are the zone's ends on the walking line. */
  reference: FloorReference;
  minScore?: number;
}

/**
 * Method `pelvis-zone-crossing`: the pelvis centre (mid-hip, conditioned as the gait tracks: Hampel, gaps up
 * to 0.25 s, 6 Hz zero-phase Butterworth) is projected orthogonally on the image line through the two marks,
 * s = 0 at the first mark and 1 at the second. A trial runs from the crossing of one end to the crossing of
 * the other, each instant interpolated linearly between frames; either direction. Rejected: the pelvis is lost
 * in the zone (left the view), advances under 5 cm in 0.5 s (stopped), or falls back 20 cm behind its furthest
 * point (turned). Assumes the marks lie on the walking line, side-on; a walk away from the line projects short.
 * Protocols: NIH Toolbox 4-m walk gait speed test (Gershon et al. 2013, Neurology 80:S65), two trials, the
 * faster counts; 10-m walk test over the middle 6 m (Bohannon 1997, Age Ageing 26:15), mean of the trials.
 */
export function analyzeWalkTest(file: PosesFileV1, opts: WalkTestOptions): WalkTestResult {
  const { test, reference: ref } = opts;
  const notes: WalkTestNote[] = [];
  const zoneM = meters(ref.metres);
  const empty = (): WalkTestResult => ({
    walkTest: { test, zoneM, trials: [], bestTimeS: null, speedMps: null },
    rejected: [],
    meanTimeS: NaN,
    notes,
  });
  if (checkReference(ref, file) !== null) {
    notes.push({ code: 'reference-implausible' });
    return empty();
  }
  const expectedM = ZONE_M[test];
  if (Math.abs(zoneM / expectedM - 1) > 0.05) notes.push({ code: 'zone-length', zoneM, expectedM });

  const lm = landmarks(file.skeleton);
  const raw = extractTracks(file, opts.minScore ?? MIN_KEYPOINT_SCORE);
  const t = conditionTracks(raw, { ...DEFAULT_CONDITIONING, legPairs: lm.legPairs }).tracks;
  const hx = midpoint(t.xs, lm.left.hip, lm.right.hip);
  const hy = midpoint(t.ys, lm.left.hip, lm.right.hip);
  const dx = ref.x2 - ref.x1;
  const dy = ref.y2 - ref.y1;
  const d2 = dx * dx + dy * dy;
  const n = t.tS.length;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) s[i] = ((hx[i] - ref.x1) * dx + (hy[i] - ref.y1) * dy) / d2;

  const { trials, rejected } = findTrials(t.tS, s, zoneM, dx > 0 || (dx === 0 && dy > 0));
  for (const r of rejected) notes.push({ code: 'trial-rejected', ...r });
  const out = empty();
  out.rejected = rejected;
  if (trials.length === 0) {
    notes.push({ code: 'no-trial' });
    return out;
  }
  if (trials.length < TRIALS_EXPECTED[test])
    notes.push({ code: 'too-few-trials', found: trials.length, expected: TRIALS_EXPECTED[test] });
  const times = trials.map((x) => x.timeS);
  const best = Math.min(...times);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const protocolTime = test === 'walk-4m' ? best : mean;
  out.meanTimeS = mean;
  out.walkTest = {
    test,
    zoneM,
    trials: trials.map((x) => ({
      direction: x.direction,
      startS: round(x.startS, 3) as number,
      endS: round(x.endS, 3) as number,
      timeS: round(x.timeS, 3) as number,
      speedMps: round(zoneM / x.timeS, 3) as number,
    })),
    bestTimeS: round(best, 3),
    speedMps: round(zoneM / protocolTime, 3),
  };
  return out;
}

interface Trial extends Omit<WalkTrialV1, 'speedMps'> {
  timeS: number;
}

/** s = 0 … 1 along the zone; `forwardIsRight`: s grows towards image right. */
export function findTrials(
  tS: Float64Array,
  s: Float64Array,
  zoneM: Meters,
  forwardIsRight: boolean,
): { trials: Trial[]; rejected: RejectedTrial[] } {
  const trials: Trial[] = [];
  const rejected: RejectedTrial[] = [];
  const n = s.length;
  // The trial in progress: entry end (0 or 1), entry time, furthest progress (m), and a fault once found.
  let entry = -1;
  let startS = NaN;
  let furthest = 0;
  let fault: TrialRejection | null = null;
  let faultAt = NaN;
  let lag = 0;
  const dirOf = (e: number): WalkDirection =>
    (e === 0) === forwardIsRight ? 'left-to-right' : 'right-to-left';
  const progress = (i: number): number => (entry === 0 ? s[i] : 1 - s[i]) * zoneM;
  const giveUp = (reason: TrialRejection, atS: number): void => {
    rejected.push({ reason, direction: dirOf(entry), startS, atS });
    entry = -1;
  };
  const inside = (v: number): boolean => v >= 0 && v <= 1;
  for (let i = 1; i < n; i++) {
    const a = s[i - 1];
    const b = s[i];
    if (!Number.isFinite(b)) {
      if (entry >= 0) giveUp('left-view', tS[i - 1]);
      continue;
    }
    if (!Number.isFinite(a)) continue;
    // Crossings of the ends between frames i-1 and i (both ends may be crossed in one frame at a run's edge).
    for (const end of a < b ? [0, 1] : [1, 0]) {
      if ((a - end) * (b - end) >= 0 && !(b === end && a !== end)) continue;
      const tc = tS[i - 1] + ((end - a) / (b - a)) * (tS[i] - tS[i - 1]);
      if (entry < 0) {
        // Entering the zone through this end (moving inwards).
        if ((end === 0 && b > a) || (end === 1 && b < a)) {
          entry = end;
          startS = tc;
          furthest = 0;
          fault = null;
          lag = i - 1;
        }
      } else if (end === entry) {
        // Back out through the entry end: a turn, even when the subject stopped before turning.
        giveUp('turned', tc);
      } else {
        if (fault) rejected.push({ reason: fault, direction: dirOf(entry), startS, atS: faultAt });
        else trials.push({ direction: dirOf(entry), startS, endS: tc, timeS: tc - startS });
        entry = -1;
      }
    }
    if (entry >= 0 && inside(b) && !fault) {
      const p = progress(i);
      furthest = Math.max(furthest, p);
      if (furthest - p > TURN_BACK_M) {
        fault = 'turned';
        faultAt = tS[i];
      }
      while (lag + 1 < i && tS[lag + 1] <= tS[i] - STOP_WINDOW_S) lag++;
      if (tS[i] - tS[lag] >= STOP_WINDOW_S && tS[lag] >= startS && p - progress(lag) < STOP_M) {
        fault = 'stopped';
        faultAt = tS[i];
      }
    }
  }
  if (entry >= 0) giveUp('left-view', tS[n - 1]);
  return { trials, rejected };
}
