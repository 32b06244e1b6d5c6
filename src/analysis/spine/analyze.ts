// analyzeSpine: trunk range of motion, fingertip-to-floor and posture from a ganglag.poses/v1 recording.
import type { PostureV1, SpineRepV1, SpineTestId, SpineV1 } from '../../shared/analysis-format';
import { renderWarnings, type WarningMessage } from '../../shared/messages';
import type { PosesFileV1 } from '../../shared/poses-format';
import { detectTestIn, walksAcross } from './detect';
import { medianOf } from '../conditioning/quantile';
import { measurePosture } from './posture';
import { prepareRecording, YAW_AGREEMENT_DEG, type Recording } from './recording';
import { round1, roundSig6 } from '../round';
import { estimateScale } from './scale';
import { directionSign, measureReps, type MovementTest } from './trunk';

export interface SpineAnalysisOptions {
  /** The test recorded; detected from the movement when omitted. */
  test?: SpineTestId;
  /** Subject's height, m; overrides the file's subject.heightM. */
  heightM?: number;
}

export interface SpineAnalysis {
  spine?: SpineV1;
  posture?: PostureV1;
  scale: { method: 'height' | 'world' | 'pixels'; metresPerPixel: number | null };
  warningCodes: WarningMessage[];
  /** warningCodes in English, for ganglag.analysis/v1's quality.warnings. */
  warnings: string[];
  framesUsed: number;
}

/** Repetitions the protocols ask for. */
export const DEFAULT_REPS = 3;

/** Analyses one spine or posture test. Pure and deterministic; numbers rounded to 0.1 (deg, cm). */
export function analyzeSpine(file: PosesFileV1, opts: SpineAnalysisOptions = {}): SpineAnalysis {
  const warnings: WarningMessage[] = [];
  const out = analyzeSpineCodes(file, opts, warnings);
  return { ...out, warningCodes: warnings, warnings: renderWarnings(warnings, 'en') };
}

function analyzeSpineCodes(
  file: PosesFileV1,
  opts: SpineAnalysisOptions,
  warnings: WarningMessage[],
): Omit<SpineAnalysis, 'warnings' | 'warningCodes'> {
  const rec = prepareRecording(file);
  const scale = estimateScale(rec, opts.heightM ?? file.subject.heightM);
  const out: Omit<SpineAnalysis, 'warnings' | 'warningCodes'> = {
    scale: { method: scale.method, metresPerPixel: roundSig6(scale.metresPerPixel) },
    framesUsed: rec.framesUsed,
  };
  if (rec.framesUsed === 0) {
    warnings.push({ code: 'no-trunk-frames' });
    return out;
  }
  if (walksAcross(rec)) {
    warnings.push({ code: 'walks-across' });
  }
  let test = opts.test;
  if (!test) {
    const found = detectTestIn(rec);
    if (!found) {
      warnings.push({ code: 'test-undetected' });
      return out;
    }
    test = found;
    warnings.push({ code: 'test-detected', test: found });
  }
  const heightM = opts.heightM ?? file.subject.heightM;
  if (heightM !== undefined && scale.method !== 'height') {
    warnings.push({ code: 'height-unscalable-spine' });
  }
  if (scale.method === 'pixels' && (test === 'posture' || test === 'forward-flexion')) {
    warnings.push({ code: heightM === undefined ? 'no-height-cm-null' : 'no-scale-cm-null' });
  }
  if (test === 'posture') {
    const p = measurePosture(rec, scale);
    warnings.push(...p.warnings);
    out.posture = p.posture;
    return out;
  }
  out.spine = measureSpine(rec, test, scale, warnings);
  return out;
}

function measureSpine(
  rec: Recording,
  test: MovementTest,
  scale: ReturnType<typeof estimateScale>,
  warnings: WarningMessage[],
): SpineV1 {
  const empty: SpineV1 = {
    test,
    reps: [],
    romDeg: { best: null, median: null },
    fingertipToFloorCm: { best: null },
  };
  const wanted = test === 'lateral-flexion' ? 'front' : 'side';
  const other = wanted === 'side' ? 'front' : 'side';
  if (rec.view === null || rec.view === other) {
    warnings.push({ code: 'wrong-view', test, wanted, seen: rec.view });
    return empty;
  }
  const twisted = Math.abs(rec.shoulderYawDeg - rec.hipYawDeg) > YAW_AGREEMENT_DEG;
  if (wanted === 'side' && rec.yawDeg >= 15) {
    warnings.push({ code: 'turned-from-side', test, yawDeg: Math.round(rec.yawDeg) });
  } else if (wanted === 'side' && twisted) {
    warnings.push({
      code: 'trunk-pelvis-twist',
      test,
      shoulderYawDeg: Math.round(rec.shoulderYawDeg),
      hipYawDeg: Math.round(rec.hipYawDeg),
    });
  } else if (rec.view === 'oblique') {
    warnings.push({ code: 'oblique-view', test, wanted });
  }
  let sign = directionSign(rec, test);
  if (sign === 0) {
    // Unknown orientation: take the larger excursion as the test's direction and say so.
    sign = 1;
    warnings.push({ code: test === 'lateral-flexion' ? 'sides-unknown' : 'facing-unknown' });
    if (test !== 'lateral-flexion') sign = largerExcursionSign(rec);
  }
  const measured = measureReps(rec, test, sign, scale);
  const opposite = test === 'forward-flexion' ? 'extension' : test === 'extension' ? 'forward-flexion' : null;
  if (measured.length === 0 && opposite && measureReps(rec, opposite, -sign, scale).length > 0) {
    // A bend the other way: its bent end range must not pass for neutral, nor its return for this test.
    warnings.push({ code: 'opposite-movement', test, opposite });
  } else if (measured.length === 0) warnings.push({ code: 'no-repetition', test });
  else if (measured.length !== DEFAULT_REPS && test !== 'lateral-flexion') {
    warnings.push({ code: 'repetition-count', test, found: measured.length, asked: DEFAULT_REPS });
  }
  if (test === 'forward-flexion' && measured.some((r) => r.rep.fingertipToFloorCm === null)) {
    warnings.push({ code: 'fingertip-floor-null' });
  }
  const reps = measured.map(({ rep, fingertipDropCm }): SpineRepV1 => {
    const r: SpineRepV1 = {
      neutralDeg: round1(rep.neutralDeg) ?? 0,
      endRangeDeg: round1(rep.endRangeDeg) ?? 0,
      romDeg: round1(rep.romDeg) ?? 0,
      fingertipToFloorCm: rep.fingertipToFloorCm === null ? null : round1(rep.fingertipToFloorCm),
    };
    return rep.side ? { ...r, side: rep.side, fingertipDropCm: round1(fingertipDropCm) } : r;
  });
  const roms = reps.map((r) => r.romDeg);
  const tips = reps.map((r) => r.fingertipToFloorCm).filter((x): x is number => x !== null);
  const hip = measured.map((r) => round1(r.hipRomDeg));
  const t0 = rec.tMs[0];
  const sec = (i: number): number => round1((rec.tMs[Math.min(i, rec.n - 1)] - t0) / 1000) ?? 0;
  const spine: SpineV1 = {
    test,
    reps,
    romDeg: {
      best: roms.length ? Math.max(...roms) : null,
      median: roms.length ? round1(medianOf(roms)) : null,
    },
    fingertipToFloorCm: { best: tips.length ? Math.min(...tips) : null },
    method: 'trunk-inclination: hip-midpoint to shoulder-midpoint line from vertical, image plane',
    view: rec.view,
    viewYawDeg: round1(rec.yawDeg),
    // The shoulders' and hips' own turns: a correction is applied only when they agree (YAW_AGREEMENT_DEG).
    yawCorrection: {
      shoulderYawDeg: round1(rec.shoulderYawDeg),
      hipYawDeg: round1(rec.hipYawDeg),
      applied: rec.yawDeg > 0,
    },
    repTimesS: measured.map(({ window: w }) => ({
      start: sec(w.start),
      endRangeStart: sec(w.plateauFrom),
      endRangeEnd: sec(w.plateauTo - 1),
      end: sec(w.end),
    })),
  };
  if (test !== 'lateral-flexion') {
    spine.hipFlexionRomDeg = { reps: hip, median: round1(medianOf(hip.map((h) => h ?? NaN))) };
  } else {
    // Clinicians compare the sides, so each side gets its own best and median.
    const bySide = (side: 'left' | 'right') => {
      const r = reps.filter((x) => x.side === side).map((x) => x.romDeg);
      if (r.length > 0 && r.length !== DEFAULT_REPS) {
        warnings.push({ code: 'side-repetition-count', side, found: r.length, asked: DEFAULT_REPS });
      }
      return { best: r.length ? Math.max(...r) : null, median: r.length ? round1(medianOf(r)) : null };
    };
    spine.romDegBySide = { left: bySide('left'), right: bySide('right') };
    // Lateral fingertip drop along the thigh, cm: the larger the drop, the more lateral flexion.
    const drop = (side: 'left' | 'right') => {
      const d = reps
        .filter((x) => x.side === side)
        .map((x) => x.fingertipDropCm)
        .filter((x): x is number => typeof x === 'number');
      return { best: d.length ? Math.max(...d) : null, median: d.length ? round1(medianOf(d)) : null };
    };
    spine.fingertipDropCmBySide = { left: drop('left'), right: drop('right') };
  }
  return spine;
}

function largerExcursionSign(rec: Recording): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < rec.n; i++) {
    const a = rec.trunkDeg[i];
    if (a < lo) lo = a;
    if (a > hi) hi = a;
  }
  const mid = medianOf(rec.trunkDeg);
  return hi - mid >= mid - lo ? 1 : -1;
}
