// Codes for results stored before codes existed: old English warning and reference texts mapped back to their
// codes where the text is recognised, else kept as a 'legacy-text' warning (rendered as it is) or left as text.
import type { AnalysisV1, IndicatorV1 } from '../analysis-format';
import { MAX_REFERENCE_M, MIN_REFERENCE_PX } from '../reference';
import type {
  IndicatorReference,
  MovementTestId,
  ReferenceProblemId,
  WarningCode,
  WarningMessage,
} from './codes';
import { en } from './en';

type Parser = (m: RegExpExecArray) => WarningMessage | null;

const TEST = '(forward-flexion|extension|lateral-flexion)';
const NUM = '(-?\\d+(?:\\.\\d+)?)';
const movementName = (s: string): MovementTestId | null =>
  s === 'forward flexion' || s === 'forward-flexion'
    ? 'forward-flexion'
    : s === 'extension' || s === 'lateral-flexion'
      ? s
      : null;

/** Texts with parameters, each with its pattern. Anchored: a text matches whole or not at all. */
const PATTERNS: [RegExp, Parser][] = [
  [
    /^height scale uncertain: the (eye|ear|shoulder) and shoulder chains disagree by (-?\d+) % /,
    (m) => ({ code: 'height-scale-uncertain', chain: m[1] as 'eye' | 'ear' | 'shoulder', pct: +m[2] }),
  ],
  [
    /^no walk across the view \(.*\): the pelvis moved (-?\d+) % of body height \(needs 50 %\); no gait measured$/,
    (m) => ({ code: 'no-walk-across', pct: +m[1] }),
  ],
  [
    /^body size changes by (\d+) % during the walk: not side-on \(walking towards or away from the camera\)$/,
    (m) => ({ code: 'body-size-changes', pct: +m[1] }),
  ],
  [
    /^floor tilted (-?\d+) deg in the image: level the camera$/,
    (m) => ({ code: 'floor-tilted', deg: +m[1] }),
  ],
  [
    /^shorter than two strides \((\d+) heel strikes\): metrics are unreliable$/,
    (m) => ({ code: 'short-recording', heelStrikes: +m[1] }),
  ],
  [
    /^partly out of view: hips, knees or ankles missing in (\d+) of (\d+) frames$/,
    (m) => ({ code: 'partly-out-of-view', frames: +m[1], total: +m[2] }),
  ],
  [/^left\/right leg labels corrected in (\d+) frames$/, (m) => ({ code: 'legs-swapped', frames: +m[1] })],
  [
    /^only (\d+) heel strike\(s\) found: no steps to measure$/,
    (m) => ({ code: 'too-few-heel-strikes', n: +m[1] }),
  ],
  [
    /^only (\d+) plausible heel strike\(s\): no steps to measure$/,
    (m) => ({ code: 'too-few-plausible-strikes', n: +m[1] }),
  ],
  [
    new RegExp(`^age or sex not given: gait speed judged against an adult reference \\(${NUM} m/s\\)$`),
    (m) => ({ code: 'age-sex-not-given', referenceMps: +m[1] }),
  ],
  [
    /^(\d+) step\(s\) without step time: no earlier strike/,
    (m) => ({ code: 'steps-without-time', n: +m[1] }),
  ],
  [
    new RegExp(
      `^pass (\\d+) \\(${NUM}-${NUM} s\\) too short to measure \\((\\d+) step\\(s\\), less than one whole stride\\): left out of the overall result$`,
    ),
    (m) => ({ code: 'pass-too-short', pass: +m[1], startS: +m[2], endS: +m[3], steps: +m[4] }),
  ],
  [
    new RegExp(
      `^(\\d+) passes across the view found, none with a whole stride; analysed the longest, pass (\\d+) \\(${NUM}-${NUM} s\\)$`,
    ),
    (m) => ({ code: 'no-measurable-pass', passes: +m[1], pass: +m[2], startS: +m[3], endS: +m[4] }),
  ],
  [
    /^(\d+) passes across the view found; the overall result pools (all|\d+) of them \((pass \d+(?:, pass \d+)*)\)$/,
    (m) => ({
      code: 'passes-pooled',
      passes: +m[1],
      pooled: m[3].split(', ').map((p) => +p.slice('pass '.length)),
    }),
  ],
  [
    /^test detected from the movement: (forward-flexion|extension|lateral-flexion|posture)$/,
    (m) => ({ code: 'test-detected', test: m[1] as MovementTestId | 'posture' }),
  ],
  [
    new RegExp(
      `^${TEST} needs a (side|front) view \\((?:side-on to|facing) the camera\\), but the recording shows (no clear view|a (side|front|oblique) view); no range of motion$`,
    ),
    (m) => ({
      code: 'wrong-view',
      test: m[1] as MovementTestId,
      wanted: m[2] as 'side' | 'front',
      seen: (m[4] ?? null) as 'side' | 'front' | 'oblique' | null,
    }),
  ],
  [
    new RegExp(`^${TEST}: the subject is turned about (-?\\d+)° from side-on; angles are corrected for it`),
    (m) => ({ code: 'turned-from-side', test: m[1] as MovementTestId, yawDeg: +m[2] }),
  ],
  [
    new RegExp(
      `^${TEST}: the shoulders are turned about (-?\\d+)° and the hips about (-?\\d+)° from side-on; a twist`,
    ),
    (m) => ({
      code: 'trunk-pelvis-twist',
      test: m[1] as MovementTestId,
      shoulderYawDeg: +m[2],
      hipYawDeg: +m[3],
    }),
  ],
  [
    new RegExp(
      `^${TEST}: the camera sees the subject at an angle, not (side|front)-on; angles may read small$`,
    ),
    (m) => ({ code: 'oblique-view', test: m[1] as MovementTestId, wanted: m[2] as 'side' | 'front' }),
  ],
  [
    /^the movement looks like (forward flexion|extension|lateral-flexion), not (forward flexion|extension|lateral-flexion); no repetition counted$/,
    (m) => {
      const opposite = movementName(m[1]);
      const test = movementName(m[2]);
      return opposite && test ? { code: 'opposite-movement', test, opposite } : null;
    },
  ],
  [
    new RegExp(`^${TEST}: no repetition found$`),
    (m) => ({ code: 'no-repetition', test: m[1] as MovementTestId }),
  ],
  [
    new RegExp(`^${TEST}: found (\\d+) repetitions; the protocol asks for (\\d+)$`),
    (m) => ({ code: 'repetition-count', test: m[1] as MovementTestId, found: +m[2], asked: +m[3] }),
  ],
  [
    /^lateral-flexion: found (\d+) (left|right) repetitions; the protocol asks for (\d+)$/,
    (m) => ({ code: 'side-repetition-count', side: m[2] as 'left' | 'right', found: +m[1], asked: +m[3] }),
  ],
  // Floor reference, walk and chair tests: stored as 'legacy-text' before they had codes.
  [
    new RegExp(
      `^floor reference and height disagree by ${NUM} %: the reference gives ${NUM} m/px \\(the subject ${NUM} m tall\\), the height ${NUM} m gives ${NUM} m/px; the reference is used: check its marks and distance$`,
    ),
    (m) => ({
      code: 'reference-height-disagree',
      pct: +m[1],
      referenceMpp: +m[2],
      impliedHeightM: +m[3],
      heightM: +m[4],
      heightMpp: +m[5],
    }),
  ],
  [/^floor reference not used: (.+)$/, (m) => referenceProblemFromText(m[1])],
  [
    new RegExp(`^the timed zone is ${NUM} m; the protocol times ${NUM} m: speeds use ${NUM} m$`),
    (m) => ({ code: 'zone-length', zoneM: +m[1], expectedM: +m[2] }),
  ],
  [
    new RegExp(
      `^trial (left to right|right to left) from ${NUM} s not timed: (the person left the view or was lost|the person stopped|the person turned back) in the zone \\(at ${NUM} s\\)$`,
    ),
    (m) => ({
      code: 'trial-rejected',
      direction: m[1] === 'left to right' ? 'left-to-right' : 'right-to-left',
      startS: +m[2],
      reason: m[3].endsWith('lost') ? 'left-view' : m[3].endsWith('stopped') ? 'stopped' : 'turned',
      atS: +m[4],
    }),
  ],
  [
    /^(\d+) trial\(s\) timed; the protocol asks for (\d+)$/,
    (m) => ({ code: 'too-few-trials', found: +m[1], expected: +m[2] }),
  ],
  [
    new RegExp(`^no sitting and standing found \\(the hip moved ${NUM} leg lengths up and down\\)`),
    (m) => ({ code: 'no-sit-stand', rangeLegs: +m[1] }),
  ],
  [
    /^(\d+) full stand\(s\) found; the test needs (\d+): no time$/,
    (m) => ({ code: 'too-few-stands', found: +m[1], expected: +m[2] }),
  ],
  [
    new RegExp(`^the recording ends ${NUM} s after the first rise, before ${NUM} s: stands counted so far$`),
    (m) => ({ code: 'recording-shorter', recordedS: +m[1], neededS: +m[2] }),
  ],
  [
    new RegExp(
      `^the timestamps give ${NUM} frames/s but the file declares ${NUM}: times follow the timestamps$`,
    ),
    (m) => ({ code: 'fps-mismatch', measuredFps: +m[1], declaredFps: +m[2] }),
  ],
];

/** The reason a floor reference was set aside, from its English clause; null when not recognised. */
function referenceProblemFromText(text: string): WarningMessage | null {
  const w = (
    problem: ReferenceProblemId,
    metres = NaN,
    frame: { width: number; height: number } | null = null,
  ) =>
    ({
      code: 'reference-not-used',
      problem,
      metres,
      maxM: MAX_REFERENCE_M,
      minPx: MIN_REFERENCE_PX,
      frame,
    }) as const;
  let m: RegExpExecArray | null;
  if (text === 'the floor reference needs five numbers') return w('not-finite');
  if ((m = new RegExp(`^the floor reference distance must be above 0 m, got ${NUM}$`).exec(text)))
    return w('distance-zero', +m[1]);
  if ((m = new RegExp(`^the floor reference distance ${NUM} m is over \\d+ m`).exec(text)))
    return w('distance-too-long', +m[1]);
  if (text === 'the two floor reference points are the same point') return w('coincident-points');
  if (/^the two floor reference points are under \d+ px apart/.test(text)) return w('points-too-close');
  if ((m = /^a floor reference point lies outside the (\d+)x(\d+) px frame$/.exec(text)))
    return w('outside-frame', NaN, { width: +m[1], height: +m[2] });
  return null;
}

/** The codes whose English text has no parameter: recognised by their whole text. */
const CONSTANT: WarningCode[] = [
  'no-scale',
  'height-unusable',
  'no-walking-direction',
  'less-than-one-stride',
  'step-lengths-unmeasured',
  'passes-pooled-in-pixels',
  'no-trunk-frames',
  'walks-across',
  'test-undetected',
  'height-unscalable-spine',
  'no-height-cm-null',
  'no-scale-cm-null',
  'sides-unknown',
  'facing-unknown',
  'fingertip-floor-null',
  'posture-facing-unknown',
  'posture-no-side-view',
  'posture-no-front-view',
  'posture-no-scale',
  'no-movement-recognised',
  'reference-implausible',
  'no-trial',
  'tug-incomplete',
];
let constants: Map<string, WarningMessage> | null = null;

function constantText(text: string): WarningMessage | undefined {
  if (!constants) {
    constants = new Map();
    for (const code of CONSTANT) {
      const w = { code } as WarningMessage;
      const fn = en.warning[code] as (m: WarningMessage, r: (x: WarningMessage) => string) => string;
      constants.set(
        fn(w, () => ''),
        w,
      );
    }
  }
  return constants.get(text);
}

/** One old English warning text as its code; 'legacy-text' carrying the text when not recognised. */
export function warningCodeFromText(text: string): WarningMessage {
  const c = constantText(text);
  if (c) return c;
  for (const [re, parse] of PATTERNS) {
    const m = re.exec(text);
    const w = m && parse(m);
    if (w) return w;
  }
  const inPass = /^pass (\d+): (.+)$/.exec(text);
  if (inPass) {
    const inner = warningCodeFromText(inPass[2]);
    if (inner.code !== 'legacy-text') return { code: 'in-pass', pass: +inPass[1], warning: inner };
  }
  return { code: 'legacy-text', text };
}

/** Codes for the English texts of a result stored before quality.warningCodes existed. */
export function warningCodesFromTexts(texts: readonly string[]): WarningMessage[] {
  return texts.map(warningCodeFromText);
}

const REFERENCES: [RegExp, (m: RegExpExecArray) => IndicatorReference][] = [
  [
    new RegExp(
      `^>= ${NUM} m/s \\((\\d+)% of ${NUM} m/s, (female|male) aged ${NUM}; Bohannon & Andrews 2011\\)$`,
    ),
    (m) => ({
      code: 'speed-age-sex',
      minMps: +m[1],
      share: +m[2] / 100,
      normMps: +m[3],
      sex: m[4] as 'female' | 'male',
      ageYears: +m[5],
    }),
  ],
  [
    new RegExp(`^>= ${NUM} m/s \\(adult reference, age and sex not given; Fritz & Lusardi 2009\\)$`),
    (m) => ({ code: 'speed-adult', minMps: +m[1] }),
  ],
  [
    new RegExp(`^>= ${NUM} x height \\(healthy adults about ${NUM}; Grieve & Gear 1966\\)$`),
    (m) => ({ code: 'step-length-height', min: +m[1], typical: +m[2] }),
  ],
  [
    new RegExp(
      `^>= ${NUM} x height \\(screening threshold, no published norm; healthy adults about ${NUM}, Grieve & Gear 1966; not adjusted for age; compare with own baseline\\)$`,
    ),
    (m) => ({ code: 'step-length-height', min: +m[1], typical: +m[2] }),
  ],
  [
    new RegExp(`^<= ${NUM} % \\(healthy adults about 20-24 %; Perry & Burnfield 2010\\)$`),
    (m) => ({ code: 'double-support', maxPct: +m[1] }),
  ],
  [
    new RegExp(
      `^<= ${NUM} % \\(screening threshold, no published norm; healthy adults about 20-24 %, Perry & Burnfield 2010; not adjusted for age; compare with own baseline\\)$`,
    ),
    (m) => ({ code: 'double-support', maxPct: +m[1] }),
  ],
  [
    new RegExp(
      `^>= ${NUM} % of height \\(screening threshold, no published norm; compare with own baseline\\)$`,
    ),
    (m) => ({ code: 'arm-swing', minPctHeight: +m[1] }),
  ],
  [
    new RegExp(
      `^>= ${NUM} deg \\(healthy about 3-6 deg, Thorstensson et al\\. 1984; compare with own baseline\\)$`,
    ),
    (m) => ({ code: 'trunk-sway', minDeg: +m[1] }),
  ],
  [
    new RegExp(
      `^>= ${NUM} deg \\(screening threshold, no published norm; healthy about 3-6 deg, Thorstensson et al\\. 1984; compare with own baseline\\)$`,
    ),
    (m) => ({ code: 'trunk-sway', minDeg: +m[1] }),
  ],
  [
    new RegExp(`^<= ${NUM} m/s \\(screening threshold, no published norm; compare with own baseline\\)$`),
    (m) => ({ code: 'heel-strike-velocity', maxMps: +m[1] }),
  ],
  [
    new RegExp(
      `^<= ${NUM} % \\(larger of step length and step time; cf\\. ratio ${NUM}, Patterson et al\\. 2010\\)$`,
    ),
    (m) => ({ code: 'asymmetry', maxPct: +m[1] }),
  ],
  [
    new RegExp(
      `^<= ${NUM} % asymmetry \\(larger of step length and step time; screening threshold, no published norm for this method, cf\\. ratio ${NUM} after stroke, Patterson et al\\. 2010; compare with own baseline\\)$`,
    ),
    (m) => ({ code: 'asymmetry', maxPct: +m[1] }),
  ],
];

/** The code of an old English reference text; undefined when not recognised (then the text is shown). */
export function referenceCodeFromText(text: string): IndicatorReference | undefined {
  for (const [re, parse] of REFERENCES) {
    const m = re.exec(text);
    if (m) return parse(m);
  }
  return undefined;
}

/**
 * A stored ganglag.analysis/v1 result with the codes added that results written before codes existed lack:
 * quality.warningCodes from the warning texts (and codes for texts once stored as 'legacy-text'), and each
 * indicator's referenceCode from its reference text.
 * Pure; returns a new object (the input is not changed) and keeps codes already there.
 */
export function migrateStoredAnalysis(a: AnalysisV1): AnalysisV1 {
  // Codes stored as 'legacy-text' (the floor-reference, walk- and chair-test messages before they had codes)
  // are re-read from their text.
  const recode = (w: WarningMessage): WarningMessage =>
    w.code === 'legacy-text' ? warningCodeFromText(w.text) : w;
  const codes = a.quality.warningCodes;
  const quality = codes
    ? codes.some((w) => w.code === 'legacy-text')
      ? { ...a.quality, warningCodes: codes.map(recode) }
      : a.quality
    : { ...a.quality, warningCodes: warningCodesFromTexts(a.quality.warnings) };
  const out: AnalysisV1 = { ...a, quality };
  if (a.guarded) {
    out.guarded = {
      ...a.guarded,
      indicators: a.guarded.indicators.map((i): IndicatorV1 => {
        if (i.referenceCode) return i;
        const referenceCode = referenceCodeFromText(i.reference);
        return referenceCode ? { ...i, referenceCode } : i;
      }),
    };
  }
  return out;
}
