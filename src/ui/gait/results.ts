// The gait result of the current recording, computed once per (recording, height, age, sex) and shared by the
// Gait tab and the guided panel; each new result with a measured gait is published so it can be saved as a
// session. One call of the analysis entry point (analyzeRecordingDetailed, as gait whatever the movement shows):
// its overall result carries the passes (gait.passes), so each pass is analysed once.
import { analyzeRecordingDetailed, type GaitAnalysis } from '../../analysis/index';
import type { PosesFileV1 } from '../../shared/poses-format';
import { meters } from '../../shared/units';
import { appState, profileAgeSex, publishAnalysis } from '../app-state';
import { inUseSetup } from '../clinical-tests/setup-store';
import { now } from '../clock';
import { setupKey, setupReference } from './scale-source';

export interface GaitResult {
  recording: PosesFileV1;
  /** Height used for the scale, m (the entered height, else the recording's), if any. */
  heightM: number | undefined;
  /** The active profile's age and sex, if given (they choose the gait speed reference). */
  ageYears: number | undefined;
  sex: 'female' | 'male' | undefined;
  /** The camera setup whose floor reference scaled it (setupKey; '' without one). */
  setup: string;
  /** The whole recording: every measurable pass pooled, as the command line does; gait.passes lists them. */
  overall: GaitAnalysis;
}

export const PROTOCOL = 'guided-gait';

let cached: GaitResult | null = null;

/** The height the analysis uses: the one entered in the app, else the one stored with the recording. */
export function heightFor(rec: PosesFileV1): number | undefined {
  return appState.heightM ?? rec.subject.heightM;
}

/**
 * Analyses `rec` (or returns the cached result) and publishes it when it is new and has gait metrics: scaled by
 * the floor reference of the camera setup in use when it fits the recording (scale method `reference`,
 * cross-checked against the height), else by the height. The session saved from it carries that scale.
 */
export function gaitResult(rec: PosesFileV1): GaitResult {
  const heightM = heightFor(rec);
  // Age and sex of the active profile give the age- and sex-matched gait speed reference.
  const { ageYears, sex } = profileAgeSex(now());
  const setupInUse = inUseSetup();
  const reference = setupReference(setupInUse, rec);
  const setup = reference ? setupKey(setupInUse) : '';
  if (
    cached &&
    cached.recording === rec &&
    cached.heightM === heightM &&
    cached.ageYears === ageYears &&
    cached.sex === sex &&
    cached.setup === setup
  )
    return cached;
  const d = analyzeRecordingDetailed(rec, {
    test: 'gait',
    heightM: heightM === undefined ? undefined : meters(heightM),
    ageYears,
    sex,
    ...(reference ? { reference } : {}),
  });
  cached = {
    recording: rec,
    heightM,
    ageYears,
    sex,
    setup,
    overall: { result: d.result, plot: d.gait?.plot ?? null },
  };
  if (cached.overall.result.gait) {
    publishAnalysis({ recording: rec, analysis: cached.overall.result, kind: 'gait', protocol: PROTOCOL });
  }
  return cached;
}
