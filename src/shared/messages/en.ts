// English text of every message code. Warnings read exactly as the analysis wrote them before codes existed:
// ganglag.analysis/v1 keeps these texts in quality.warnings.
import { formatNumber as num } from './number';
import type { MessageTable } from './table';
import type { RejectedStepMessage, WarningOf } from './codes';

const n = (v: number, digits?: number): string => num(v, 'en', digits);

/** "a", "a and b", "a, b and c". */
function listEn(xs: readonly string[]): string {
  return xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

function rejected(r: RejectedStepMessage): string {
  const at = `${r.foot} at ${n(r.tS, 2)} s`;
  if (r.reason === 'time') return `${at}: step time ${n(r.timeS, 2)} s (under ${n(r.minTimeS)} s)`;
  const len = r.unit === 'm' ? `${n(r.length, 3)} m` : `${n(r.length, 1)} px`;
  const min = r.minPctHeight === null ? 'zero' : `${n(r.minPctHeight)} % of height`;
  return `${at}: step length ${len} (not above ${min})`;
}

function referenceProblem(m: WarningOf<'reference-not-used'>): string {
  switch (m.problem) {
    case 'not-finite':
      return 'the floor reference needs five numbers';
    case 'distance-zero':
      return `the floor reference distance must be above 0 m, got ${n(m.metres)}`;
    case 'distance-too-long':
      return `the floor reference distance ${n(m.metres)} m is over ${n(m.maxM)} m (centimetres typed as metres?)`;
    case 'coincident-points':
      return 'the two floor reference points are the same point';
    case 'points-too-close':
      return `the two floor reference points are under ${n(m.minPx)} px apart: mark points further apart`;
    case 'outside-frame':
      return `a floor reference point lies outside the ${m.frame ? n(m.frame.width) : '?'}x${m.frame ? n(m.frame.height) : '?'} px frame`;
  }
}

const DIRECTION = { 'left-to-right': 'left to right', 'right-to-left': 'right to left' } as const;
const REJECTION = {
  'left-view': 'the person left the view or was lost',
  stopped: 'the person stopped',
  turned: 'the person turned back',
} as const;

const pass = (k: number, startS: number, endS: number): string =>
  `pass ${k} (${n(startS, 2)}-${n(endS, 2)} s)`;

const spineName = (t: string): string => (t === 'forward-flexion' ? 'forward flexion' : t);

export const en: MessageTable = {
  referenceProblem,
  warning: {
    'no-scale': () =>
      'no height, floor reference or world landmarks: lengths and speed are in pixels (null in metres)',
    'height-unusable': () =>
      'height given but body segments not found: lengths and speed are in pixels (null in metres)',
    'height-scale-uncertain': (m) =>
      `height scale uncertain: the ${m.chain} and shoulder chains disagree by ${n(m.pct)} % (unusual proportions or keypoints); a floor reference is safer`,
    'reference-height-disagree': (m) =>
      `floor reference and height disagree by ${n(m.pct, 0)} %: the reference gives ${n(m.referenceMpp, 6)} m/px ` +
      `(the subject ${n(m.impliedHeightM, 2)} m tall), the height ${n(m.heightM)} m gives ${n(m.heightMpp, 6)} m/px; ` +
      'the reference is used: check its marks and distance',
    'reference-not-used': (m) => `floor reference not used: ${referenceProblem(m)}`,
    'no-walking-direction': () => 'hips tracked in fewer than two frames: cannot find the walking direction',
    'no-walk-across': (m) =>
      `no walk across the view (standing, or walking towards or away from the camera: not side-on): the pelvis moved ${n(m.pct)} % of body height (needs 50 %); no gait measured`,
    'body-size-changes': (m) =>
      `body size changes by ${n(m.pct)} % during the walk: not side-on (walking towards or away from the camera)`,
    'floor-tilted': (m) => `floor tilted ${n(m.deg)} deg in the image: level the camera`,
    'short-recording': (m) =>
      `shorter than two strides (${n(m.heelStrikes)} heel strikes): metrics are unreliable`,
    'partly-out-of-view': (m) =>
      `partly out of view: hips, knees or ankles missing in ${n(m.frames)} of ${n(m.total)} frames`,
    'legs-swapped': (m) => `left/right leg labels corrected in ${n(m.frames)} frames`,
    'too-few-heel-strikes': (m) => `only ${n(m.n)} heel strike(s) found: no steps to measure`,
    'implausible-steps': (m) =>
      `${n(m.steps.length)} implausible step(s) left out as false heel strikes: ${m.steps.map(rejected).join('; ')}`,
    'too-few-plausible-strikes': (m) => `only ${n(m.n)} plausible heel strike(s): no steps to measure`,
    'age-sex-not-given': (m) =>
      `age or sex not given: gait speed judged against an adult reference (${n(m.referenceMps, 1)} m/s)`,
    'less-than-one-stride': () => 'fewer than one whole stride: stride length, cadence and speed are null',
    'steps-without-time': (m) =>
      `${n(m.n)} step(s) without step time: no earlier strike of the other foot (first step or a missed strike)`,
    'step-lengths-unmeasured': () =>
      'some step lengths could not be measured (foot not tracked around heel strike): null',
    'pass-too-short': (m) =>
      `${pass(m.pass, m.startS, m.endS)} too short to measure (${n(m.steps)} step(s), less than one whole stride): left out of the overall result`,
    'no-measurable-pass': (m) =>
      `${n(m.passes)} passes across the view found, none with a whole stride; analysed the longest, ${pass(m.pass, m.startS, m.endS)}`,
    'passes-pooled': (m) =>
      `${n(m.passes)} passes across the view found; the overall result pools ${m.pooled.length === m.passes ? 'all' : n(m.pooled.length)} of them (${m.pooled.map((k) => `pass ${k}`).join(', ')})`,
    'passes-pooled-in-pixels': () => 'some passes could not be scaled: all passes pooled in pixels',
    'in-pass': (m, render) => `pass ${m.pass}: ${render(m.warning)}`,
    'no-trunk-frames': () => 'no frame shows both shoulders and hips; nothing to measure',
    'walks-across': () =>
      'the subject walks across the view: this looks like a gait recording, not a spine or posture test',
    'test-undetected': () => 'could not tell which test this is from the movement; name it with --test',
    'test-detected': (m) => `test detected from the movement: ${m.test}`,
    'height-unscalable-spine': () =>
      'a height was given, but no upright standing frames show the legs and head or shoulders to scale by',
    'no-height-cm-null': () =>
      'no height (--height or subject.heightM) and no world landmarks: distances in cm are null',
    'no-scale-cm-null': () => 'nothing to scale by: distances in cm are null',
    'wrong-view': (m) =>
      `${m.test} needs a ${m.wanted} view (${m.wanted === 'side' ? 'side-on to the camera' : 'facing the camera'}), ` +
      `but the recording shows ${m.seen === null ? 'no clear view' : `a ${m.seen} view`}; no range of motion`,
    'turned-from-side': (m) =>
      `${m.test}: the subject is turned about ${n(m.yawDeg)}° from side-on; angles are corrected for it, ` +
      'but less accurate than side-on',
    'trunk-pelvis-twist': (m) =>
      `${m.test}: the shoulders are turned about ${n(m.shoulderYawDeg)}° and the hips about ${n(m.hipYawDeg)}° from side-on; ` +
      'a twist, not a turned subject, so the angles are not corrected for a turn',
    'oblique-view': (m) =>
      `${m.test}: the camera sees the subject at an angle, not ${m.wanted}-on; angles may read small`,
    'sides-unknown': () => 'could not tell the subject’s left from right; sides may be swapped',
    'facing-unknown': () =>
      'could not tell which way the subject faces; the larger excursion is taken as the test direction',
    'opposite-movement': (m) =>
      `the movement looks like ${spineName(m.opposite)}, not ${spineName(m.test)}; no repetition counted`,
    'no-repetition': (m) => `${m.test}: no repetition found`,
    'repetition-count': (m) =>
      `${m.test}: found ${n(m.found)} repetitions; the protocol asks for ${n(m.asked)}`,
    'side-repetition-count': (m) =>
      `lateral-flexion: found ${n(m.found)} ${m.side} repetitions; the protocol asks for ${n(m.asked)}`,
    'fingertip-floor-null': () => 'fingertip-to-floor is null where the scale, wrists or feet are missing',
    'posture-facing-unknown': () =>
      'posture: could not tell which way the subject faces in the side view; side-view measures are null',
    'posture-no-side-view': () =>
      'posture: no still side-view frames; forward head, trunk lean and knee hyperextension are null',
    'posture-no-front-view': () =>
      'posture: no still front-view frames; shoulder and pelvic obliquity are null',
    'posture-no-scale': () => 'posture: no height or world landmarks to scale by; forwardHeadCm is null',
    'reference-implausible': () =>
      'the floor reference is not plausible for this recording: no walk test timed',
    'zone-length': (m) =>
      `the timed zone is ${n(m.zoneM)} m; the protocol times ${n(m.expectedM)} m: speeds use ${n(m.zoneM)} m`,
    'trial-rejected': (m) =>
      `trial ${DIRECTION[m.direction]} from ${n(m.startS, 2)} s not timed: ${REJECTION[m.reason]} in the zone (at ${n(m.atS, 2)} s)`,
    'too-few-trials': (m) => `${n(m.found)} trial(s) timed; the protocol asks for ${n(m.expected)}`,
    'no-trial': () => 'no trial crossed both ends of the timed zone: no walk test result',
    'no-sit-stand': (m) =>
      `no sitting and standing found (the hip moved ${n(m.rangeLegs, 2)} leg lengths up and down): film side-on with the chair and feet in view`,
    'too-few-stands': (m) => `${n(m.found)} full stand(s) found; the test needs ${n(m.expected)}: no time`,
    'recording-shorter': (m) =>
      `the recording ends ${n(m.recordedS, 1)} s after the first rise, before ${n(m.neededS)} s: stands counted so far`,
    'tug-incomplete': () =>
      'no complete Timed Up and Go (rise, walk, turn, walk back and sit) found: no time',
    'fps-mismatch': (m) =>
      `the timestamps give ${n(m.measuredFps, 1)} frames/s but the file declares ${n(m.declaredFps)}: times follow the timestamps`,
    'no-movement-recognised': () =>
      'no walking steps and no spine test recognised from the movement; pass --test forward-flexion|extension|lateral-flexion|posture for a spine test',
    'legacy-text': (m) => m.text,
  },
  reference: {
    'speed-age-sex': (r) =>
      `>= ${n(r.minMps, 2)} m/s (${n(r.share * 100)}% of ${n(r.normMps, 2)} m/s, ${r.sex} aged ${n(r.ageYears)}; Bohannon & Andrews 2011)`,
    'speed-adult': (r) =>
      `>= ${n(r.minMps, 2)} m/s (adult reference, age and sex not given; Fritz & Lusardi 2009)`,
    'step-length-height': (r) =>
      `>= ${n(r.min)} x height (screening threshold, no published norm; healthy adults about ${n(r.typical)}, Grieve & Gear 1966; not adjusted for age; compare with own baseline)`,
    'double-support': (r) =>
      `<= ${n(r.maxPct)} % (screening threshold, no published norm; healthy adults about 20-24 %, Perry & Burnfield 2010; not adjusted for age; compare with own baseline)`,
    'arm-swing': (r) =>
      `>= ${n(r.minPctHeight)} % of height (screening threshold, no published norm; compare with own baseline)`,
    'trunk-sway': (r) =>
      `>= ${n(r.minDeg)} deg (screening threshold, no published norm; healthy about 3-6 deg, Thorstensson et al. 1984; compare with own baseline)`,
    'heel-strike-velocity': (r) =>
      `<= ${n(r.maxMps)} m/s (screening threshold, no published norm; compare with own baseline)`,
    asymmetry: (r) =>
      `<= ${n(r.maxPct)} % asymmetry (larger of step length and step time; screening threshold, no published norm for this method, cf. ratio ${n(1 + r.maxPct / 100, 2)} after stroke, Patterson et al. 2010; compare with own baseline)`,
  },
  indicator: {
    'slow-gait-speed': 'gait speed',
    'short-steps': 'step length / height',
    'long-double-support': 'double support',
    'reduced-arm-swing': 'arm swing',
    'reduced-trunk-sway': 'trunk sagittal sway',
    'high-heel-strike-velocity': 'foot descent before heel strike',
    asymmetry: 'step asymmetry',
  },
  unit: {
    'm/s': 'm/s',
    'x height': 'x height',
    '% of gait cycle': '% of gait cycle',
    '% of height': '% of height',
    deg: 'deg',
    '% asymmetry index': '% asymmetry index',
    '% symmetry index': '% asymmetry index',
    m: 'm',
    cm: 'cm',
    px: 'px',
    s: 's',
    '%': '%',
    'steps/min': 'steps/min',
  },
  test: {
    'forward-flexion': 'forward flexion',
    extension: 'extension',
    'lateral-flexion': 'lateral flexion',
    posture: 'standing posture',
  },
  guardedSummary: (s) =>
    `${s.outside.length} of ${s.total} indicators outside reference${s.outside.length ? `: ${s.outside.join('; ')}` : ''}` +
    `${s.notComputable ? ` (${s.notComputable} not computable)` : ''}. Screening aid, not a diagnosis.`,
  indicatorSummary: (s) => {
    const within = s.computed - s.outside.length - s.cannotJudge.length;
    let out =
      s.computed === s.total
        ? `All ${s.total} indicators could be computed`
        : `${s.computed} of ${s.total} indicators could be computed`;
    if (s.outside.length) {
      out += `; ${s.outside.length} outside reference: ${s.outside.join('; ')}`;
      if (within) out += `; ${within} within reference`;
    } else if (within && !s.cannotJudge.length) {
      out +=
        s.computed === 1
          ? '; it is within reference'
          : s.computed === 2
            ? '; both within reference'
            : `; all ${s.computed} within reference`;
    } else if (within) {
      out += `; ${within} within reference`;
    }
    if (s.cannotJudge.length)
      out += `; ${s.cannotJudge.length} cannot be judged from this walk (too few steps for its spread, or seen from one side only): ${s.cannotJudge.join(', ')}`;
    out += '.';
    const missing = s.needHeight.length + s.needView.length;
    if (missing) {
      const needs: string[] = [];
      if (s.needHeight.length)
        needs.push(
          `${listEn(s.needHeight)} ${s.needHeight.length === 1 ? 'needs' : 'need'} the subject's height (enter it, or choose a profile with a height)`,
        );
      if (s.needView.length)
        needs.push(
          `${listEn(s.needView)} ${s.needView.length === 1 ? 'needs' : 'need'} a walk with the whole body in view, side-on, for at least two strides`,
        );
      out += ` ${missing} could not be computed: ${needs.join('; ')}.`;
    }
    return `${out} Screening aid, not a diagnosis.`;
  },
};
