// Standard clinical tests timed from poses: the walk tests through a floor-marked zone and the chair tests.
// The *V1 shapes are what `npm run analyze -- --test … --json` adds to ganglag.analysis/v1 (issue 9): contracts.

export const WALK_TESTS = ['walk-4m', 'walk-10m'] as const;
export type WalkTestId = (typeof WALK_TESTS)[number];

export const FUNCTIONAL_TESTS = ['sit-to-stand-5', 'chair-stand-30s', 'tug'] as const;
export type FunctionalTestId = (typeof FUNCTIONAL_TESTS)[number];

export type WalkPace = 'comfortable' | 'fast';
export type WalkDirection = 'left-to-right' | 'right-to-left';

/** One accepted trial: the pelvis crossing the zone's first end (startS) and its second (endS). */
export interface WalkTrialV1 {
  direction: WalkDirection;
  startS: number;
  endS: number;
  timeS: number;
  speedMps: number;
}

export interface WalkTestV1 {
  test: WalkTestId;
  /** Length of the timed zone, m (the floor reference's distance). */
  zoneM: number;
  trials: WalkTrialV1[];
  /** The fastest accepted trial, s; null without one. */
  bestTimeS: number | null;
  /** The protocol's speed: walk-4m from the faster trial, walk-10m from the mean trial time; m/s. */
  speedMps: number | null;
}

/** Why a trial was not timed: the subject left the view (or was lost) in the zone, stopped, or turned. */
export type TrialRejection = 'left-view' | 'stopped' | 'turned';

export interface FunctionalPhaseV1 {
  name: string;
  startS: number;
  endS: number;
}

export interface FunctionalV1 {
  test: FunctionalTestId;
  /** sit-to-stand-5: start of the first rise to the fifth full stand; tug: start of the rise to seated. */
  timeS: number | null;
  /** Full stands counted (sit-to-stand-5, chair-stand-30s); null for tug. */
  count: number | null;
  phases: FunctionalPhaseV1[];
}
