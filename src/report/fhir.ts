// FHIR R4 Bundle (type collection): one pseudonymous Patient, the measuring Device, and per session one
// Observation per clinical metric, per clinical-test result and per self-reported answer. Only hl7.org,
// loinc.org and unitsofmeasure.org URLs appear; project codes use urn:ganglag:metric, urn:ganglag:clinical-test
// and urn:ganglag:self-report. Validated in tests against the R4 structure definitions (@medplum/core).
import type { Profile, SessionRecord } from '../storage/types';
import {
  GANGLAG_CLINICAL_TEST_SYSTEM,
  GANGLAG_SELF_REPORT_SYSTEM,
  GANGLAG_WALKING_AID_SYSTEM,
  LOINC_PAIN_NOW,
  selfReportAnswers,
  testResults,
  type TestResult,
} from './answers';
import { METRIC_IDS, METRICS, metricValue, type MetricDef, type MetricId } from './metrics';
import { chairStandNorm, sts5Norm, tugNorm } from '../analysis/functional/norms';
import { SLOW_SHARE_OF_NORM } from '../analysis/guarded/norms';
import { walkSpeedNorm } from '../analysis/walk-test/norms';
import { ageAt, referenceBand } from './norms';
import { nameUuid } from './uuid';

export const GANGLAG_METRIC_SYSTEM = 'urn:ganglag:metric';
export const GANGLAG_PSEUDONYM_SYSTEM = 'urn:ganglag:pseudonym';
export const GANGLAG_OBSERVATION_SYSTEM = 'urn:ganglag:observation';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

/**
 * Protocols whose procedure matches LOINC 83172-7 "4-Meter Walk Gait Speed Test - computed score [NIH Toolbox]"
 * (4 m at usual pace, practice plus two timed trials, best trial scored, m/s). Other walks get the project code.
 */
export const LOINC_GAIT_SPEED_PROTOCOLS: readonly string[] = ['nih-toolbox-4m-walk'];
const LOINC_GAIT_SPEED = {
  code: '83172-7',
  display: '4-Meter Walk Gait Speed Test - computed score [NIH Toolbox]',
};

export interface Coding {
  system: string;
  code: string;
  display?: string;
}
export interface FhirPatient {
  resourceType: 'Patient';
  id: string;
  identifier: { system: string; value: string }[];
  gender: 'female' | 'male' | 'other' | 'unknown';
  birthDate?: string;
}
export interface FhirQuantity {
  value: number;
  unit: string;
  system: typeof UCUM;
  code: string;
}
export interface FhirDevice {
  resourceType: 'Device';
  id: string;
  deviceName: { name: string; type: 'user-friendly-name' | 'model-name' }[];
  version: { value: string }[];
}
interface FhirObservationBase {
  resourceType: 'Observation';
  id: string;
  identifier: { system: string; value: string }[];
  status: 'final';
  category: { coding: Coding[] }[];
  code: { coding: Coding[]; text: string };
  subject: { reference: string };
  effectiveDateTime: string;
  note: { text: string }[];
}
/** A patient-reported answer (category survey): a score or duration, a coded walking aid, or the free note. */
export interface FhirAnswerObservation extends FhirObservationBase {
  valueQuantity?: FhirQuantity;
  valueCodeableConcept?: { coding: Coding[]; text: string };
  valueString?: string;
}
/** A measured metric or clinical-test result (category exam). */
export interface FhirObservation extends FhirObservationBase {
  valueQuantity: FhirQuantity;
  method: { text: string };
  device: { reference: string };
  referenceRange?: {
    low?: FhirQuantity;
    high?: FhirQuantity;
    age?: { low: FhirAge; high: FhirAge };
    text: string;
  }[];
}
interface FhirAge {
  value: number;
  unit: 'a';
  system: typeof UCUM;
  code: 'a';
}
export interface FhirBundle {
  resourceType: 'Bundle';
  id: string;
  type: 'collection';
  timestamp: string;
  entry: {
    fullUrl: string;
    resource: FhirPatient | FhirDevice | FhirObservation | FhirAnswerObservation;
  }[];
}

/** The software that measured: Ganglag's version and the pose-estimation model(s) it ran. */
export interface FhirDeviceInfo {
  appVersion: string;
  /** Pose model id, e.g. "blazepose-full"; null when not known. */
  poseModel: string | null;
}

/**
 * Metrics not exported as Observations: the count of guarded-gait flags outside their screening thresholds is
 * a tally of flags, not a clinical measurement.
 */
export const NOT_EXPORTED: readonly MetricId[] = ['guarded-outside'];

/** The method caveat every Observation carries, by metric. */
export function methodCaveat(def: MetricDef): string {
  const base =
    'Measured from one 2D video by pose estimation (Ganglag); a screening and follow-up aid, not a diagnostic device. ' +
    'Accuracy depends on camera set-up and scale; see docs/validation.md.';
  switch (def.id) {
    case 'forward-flexion-rom':
    case 'extension-rom':
    case 'lateral-flexion-left':
    case 'lateral-flexion-right':
      return `${base} Trunk inclination: the hip-to-shoulder line from vertical in the image plane; it includes hip motion and is not spinal (lumbar) motion alone.`;
    case 'forward-head':
    case 'standing-trunk-lean':
    case 'shoulder-obliquity':
    case 'pelvic-obliquity':
      return `${base} Standing posture from keypoints (ear, shoulder and hip joint centres), not radiographic or surface landmarks.`;
    case 'fingertip-to-floor':
      return `${base} Fingertip estimated as wrist plus one hand length (0.108 x stature).`;
    case 'lateral-drop-left':
    case 'lateral-drop-right':
      return `${base} Lateral flexion: how far the fingertip (wrist plus one hand length, 0.108 x stature) moves down along the thigh from upright to end range.`;
    case 'step-length-symmetry':
    case 'step-time-symmetry':
      return `${base} Asymmetry index |L - R| / mean x 100: 0 is symmetric, lower is better.`;
    default:
      return base;
  }
}

const EXAM = { coding: [{ system: CATEGORY, code: 'exam', display: 'Exam' }] };
const SURVEY = { coding: [{ system: CATEGORY, code: 'survey', display: 'Survey' }] };

const TEST_NAMES: Readonly<Record<TestResult['test'], string>> = {
  'walk-4m': '4-metre walk test',
  'walk-10m': '10-metre walk test (timed 6 m)',
  'sit-to-stand-5': 'Five-times sit-to-stand',
  'chair-stand-30s': '30-second chair stand',
  tug: 'Timed Up and Go',
};
const TEST_KIND_WORDS: Readonly<Record<TestResult['kind'], string>> = {
  speed: 'gait speed',
  time: 'time',
  count: 'full stands',
};

function testLabel(r: TestResult): string {
  const what = r.test.startsWith('walk') && r.kind === 'time' ? 'best trial time' : TEST_KIND_WORDS[r.kind];
  return `${TEST_NAMES[r.test]}, ${what}`;
}

/**
 * The walk test's speed gets LOINC 83172-7 only under the NIH Toolbox protocol (see codingFor); every other
 * result has the project code alone: no LOINC code was verified to match these protocols as measured here.
 */
function testCoding(r: TestResult, protocol: string): Coding[] {
  const own: Coding = { system: GANGLAG_CLINICAL_TEST_SYSTEM, code: r.code, display: testLabel(r) };
  if (r.code === 'walk-4m-speed' && LOINC_GAIT_SPEED_PROTOCOLS.includes(protocol)) {
    return [{ system: LOINC, ...LOINC_GAIT_SPEED }, own];
  }
  return [own];
}

function testCaveat(r: TestResult): string {
  const base =
    'Timed from one 2D video by pose estimation (Ganglag); a screening and follow-up aid, not a diagnostic device. See docs/clinical-tests.md.';
  return r.test.startsWith('walk')
    ? `${base} Times run between the pelvis crossing the two floor marks of the timed zone.`
    : `${base} Timed from the onset of movement, so without the reaction time a stopwatch includes.`;
}

function codingFor(metric: MetricId, protocol: string): Coding[] {
  const own: Coding = { system: GANGLAG_METRIC_SYSTEM, code: metric, display: METRICS[metric].label };
  if (metric === 'gait-speed' && LOINC_GAIT_SPEED_PROTOCOLS.includes(protocol)) {
    return [{ system: LOINC, ...LOINC_GAIT_SPEED }, own];
  }
  return [own];
}

const ucumQty = (value: number, def: MetricDef): FhirQuantity => ({
  value: Number(value.toFixed(def.decimals)),
  unit: def.unit,
  system: UCUM,
  code: def.ucum,
});

/** A session's walk-test pace from its protocol id ("walk-4m-fast"); null when it is no walk test. */
export function walkPaceOf(protocol: string): 'comfortable' | 'fast' | null {
  if (!/^walk-(4m|10m)/.test(protocol)) return null;
  return protocol.endsWith('-fast') ? 'fast' : 'comfortable';
}

const years = (value: number): FhirAge => ({ value, unit: 'a', system: UCUM, code: 'a' });

/**
 * referenceRange where a norm is used: gait speed against 80 % of the age- and sex-matched comfortable-speed mean.
 * A fast-pace walk test gets none from that comfortable norm.
 */
function referenceRangeFor(
  metric: MetricId,
  profile: Profile,
  startedAt: string,
  protocol: string,
): FhirObservation['referenceRange'] | undefined {
  if (profile.birthYear === null) return undefined;
  if (walkPaceOf(protocol) === 'fast') return undefined;
  const age = ageAt(profile.birthYear, new Date(startedAt));
  const band = referenceBand(metric, profile.sex, age);
  if (!band) return undefined;
  const def = METRICS[metric];
  return [
    {
      low: ucumQty(SLOW_SHARE_OF_NORM * band.mean, def),
      age: { low: years(band.fromAge), high: years(band.toAge) },
      text: `at least 80 % of the mean comfortable gait speed ${band.mean.toFixed(2)} m/s (${band.source})`,
    },
  ];
}

/**
 * referenceRange of a clinical-test result where the app uses a norm (docs/clinical-tests.md): the walk tests'
 * speed against its pace's norm (comfortable: at least 80 % of the Bohannon & Andrews 2011 mean, as the slow-gait
 * indicator; fast: the Bohannon 1997 mean in words only, no cut-off published), five-times sit-to-stand's upper
 * limit (Bohannon 2006), the 30-second chair stand's normal range (Rikli & Jones 1999) and TUG's 95 % interval of
 * healthy elders' mean (Bohannon 2006). None for a walk test's time, or without age (and sex where the norm needs it).
 */
function testReferenceRange(
  r: TestResult,
  protocol: string,
  profile: Profile,
  startedAt: string,
): FhirObservation['referenceRange'] | undefined {
  if (profile.birthYear === null) return undefined;
  const age = ageAt(profile.birthYear, new Date(startedAt));
  const sex = profile.sex === 'female' || profile.sex === 'male' ? profile.sex : null;
  const q = (value: number, decimals: number): FhirQuantity => ({
    value: Number(value.toFixed(decimals)),
    unit: r.unit || r.ucum,
    system: UCUM,
    code: r.ucum,
  });
  const ages = (minAge: number, maxAge: number) => ({ low: years(minAge), high: years(maxAge) });
  const who = (s: 'female' | 'male'): string => (s === 'male' ? 'men' : 'women');
  switch (r.test) {
    case 'walk-4m':
    case 'walk-10m': {
      if (r.kind !== 'speed' || !sex) return undefined;
      const pace = walkPaceOf(protocol) ?? 'comfortable';
      const n = walkSpeedNorm(pace, age, sex);
      if (!n) return undefined;
      const band = `${who(sex)} ${n.minAge}-${n.maxAge} y`;
      if (pace === 'fast') {
        return [
          {
            age: ages(n.minAge, n.maxAge),
            text: `mean fast gait speed of healthy adults ${n.meanMps.toFixed(2)} m/s (Bohannon 1997, ${band}); no cut-off published`,
          },
        ];
      }
      return [
        {
          low: q(SLOW_SHARE_OF_NORM * n.meanMps, 2),
          age: ages(n.minAge, n.maxAge),
          text: `at least 80 % of the mean comfortable gait speed ${n.meanMps.toFixed(2)} m/s (Bohannon & Andrews 2011, ${band})`,
        },
      ];
    }
    case 'sit-to-stand-5': {
      const b = r.kind === 'time' ? sts5Norm(age) : null;
      if (!b) return undefined;
      return [
        {
          high: q(b.upperS, 1),
          age: ages(b.minAge, b.maxAge),
          text: `worse than average for the age above ${b.upperS.toFixed(1)} s (Bohannon 2006, ${b.minAge}-${b.maxAge} y)`,
        },
      ];
    }
    case 'chair-stand-30s': {
      const b = r.kind === 'count' && sex ? chairStandNorm(age, sex) : null;
      if (!b) return undefined;
      return [
        {
          low: q(b.low, 0),
          high: q(b.high, 0),
          age: ages(b.minAge, b.maxAge),
          text: `normal range (25th-75th percentile) ${b.low}-${b.high} full stands (Rikli & Jones 1999, ${who(b.sex)} ${b.minAge}-${b.maxAge} y)`,
        },
      ];
    }
    case 'tug': {
      const b = r.kind === 'time' ? tugNorm(age) : null;
      if (!b) return undefined;
      return [
        {
          // Only the upper limit: the interval is the group mean's, not a range of individuals; Bohannon reads a
          // time above its upper limit as worse than average, as for sit-to-stand.
          high: q(b.ciHighS, 1),
          age: ages(b.minAge, b.maxAge),
          text: `worse than average for the age above ${b.ciHighS.toFixed(1)} s, the upper 95 % limit of the mean ${b.meanS.toFixed(1)} s (Bohannon 2006, ${b.minAge}-${b.maxAge} y)`,
        },
      ];
    }
  }
}

/**
 * Builds the bundle; `generatedAt` comes from the caller so the function stays pure. Every Observation is
 * category `exam` (a clinical test), names the Device and carries the method caveat as a note.
 */
export function buildFhirBundle(
  profile: Profile,
  sessions: readonly SessionRecord[],
  generatedAt: Date,
  device: FhirDeviceInfo = { appVersion: 'unspecified', poseModel: null },
): FhirBundle {
  const patientId = nameUuid(`patient/${profile.id}`);
  const patientUrl = `urn:uuid:${patientId}`;
  const patient: FhirPatient = {
    resourceType: 'Patient',
    id: patientId,
    identifier: [{ system: GANGLAG_PSEUDONYM_SYSTEM, value: profile.pseudonym }],
    gender: profile.sex,
    ...(profile.birthYear !== null ? { birthDate: String(profile.birthYear) } : {}),
  };
  const deviceId = nameUuid(`device/${device.appVersion}/${device.poseModel ?? ''}`);
  const deviceUrl = `urn:uuid:${deviceId}`;
  const deviceRes: FhirDevice = {
    resourceType: 'Device',
    id: deviceId,
    deviceName: [
      { name: 'Ganglag', type: 'user-friendly-name' },
      ...(device.poseModel ? [{ name: device.poseModel, type: 'model-name' as const }] : []),
    ],
    version: [{ value: device.appVersion }],
  };
  const entry: FhirBundle['entry'] = [
    { fullUrl: patientUrl, resource: patient },
    { fullUrl: deviceUrl, resource: deviceRes },
  ];
  const own = sessions
    .filter((s) => s.profileId === profile.id)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  for (const s of own) {
    for (const metric of METRIC_IDS) {
      if (NOT_EXPORTED.includes(metric)) continue;
      const value = metricValue(metric, s.analysis);
      if (value === null) continue;
      const def = METRICS[metric];
      const id = nameUuid(`observation/${s.id}/${metric}`);
      const range = referenceRangeFor(metric, profile, s.startedAt, s.protocol);
      entry.push({
        fullUrl: `urn:uuid:${id}`,
        resource: {
          resourceType: 'Observation',
          id,
          identifier: [{ system: GANGLAG_OBSERVATION_SYSTEM, value: `${s.id}/${metric}` }],
          status: 'final',
          category: [EXAM],
          code: { coding: codingFor(metric, s.protocol), text: def.label },
          subject: { reference: patientUrl },
          effectiveDateTime: s.startedAt,
          valueQuantity: ucumQty(value, def),
          method: { text: `Ganglag video pose estimation, protocol ${s.protocol}` },
          device: { reference: deviceUrl },
          note: [{ text: methodCaveat(def) }],
          ...(range ? { referenceRange: range } : {}),
        },
      });
    }
    for (const r of testResults(s)) {
      const id = nameUuid(`observation/${s.id}/${r.code}`);
      const range = testReferenceRange(r, s.protocol, profile, s.startedAt);
      entry.push({
        fullUrl: `urn:uuid:${id}`,
        resource: {
          resourceType: 'Observation',
          id,
          identifier: [{ system: GANGLAG_OBSERVATION_SYSTEM, value: `${s.id}/${r.code}` }],
          status: 'final',
          category: [EXAM],
          code: { coding: testCoding(r, s.protocol), text: testLabel(r) },
          subject: { reference: patientUrl },
          effectiveDateTime: s.startedAt,
          valueQuantity: {
            value: Number(r.value.toFixed(r.decimals)),
            unit: r.unit || r.ucum,
            system: UCUM,
            code: r.ucum,
          },
          method: { text: `Ganglag video pose estimation, protocol ${s.protocol}, test ${r.test}` },
          device: { reference: deviceUrl },
          note: [{ text: testCaveat(r) }],
          ...(range ? { referenceRange: range } : {}),
        },
      });
    }
    for (const { def, value } of selfReportAnswers(s.selfReport)) {
      const id = nameUuid(`observation/${s.id}/self-report/${def.id}`);
      const own: Coding = { system: GANGLAG_SELF_REPORT_SYSTEM, code: def.id, display: def.label };
      const coding = def.id === 'pain-now' ? [{ system: LOINC, ...LOINC_PAIN_NOW }, own] : [own];
      const answer: Pick<FhirAnswerObservation, 'valueQuantity' | 'valueCodeableConcept' | 'valueString'> =
        typeof value === 'number'
          ? {
              valueQuantity: {
                value,
                unit: def.ucum === 'min' ? 'min' : 'score',
                system: UCUM,
                code: def.ucum!,
              },
            }
          : def.id === 'walking-aid'
            ? {
                valueCodeableConcept: {
                  coding: [{ system: GANGLAG_WALKING_AID_SYSTEM, code: value }],
                  text: value,
                },
              }
            : { valueString: value };
      entry.push({
        fullUrl: `urn:uuid:${id}`,
        resource: {
          resourceType: 'Observation',
          id,
          identifier: [{ system: GANGLAG_OBSERVATION_SYSTEM, value: `${s.id}/self-report/${def.id}` }],
          status: 'final',
          category: [SURVEY],
          code: { coding, text: def.label },
          subject: { reference: patientUrl },
          effectiveDateTime: s.startedAt,
          ...answer,
          note: [{ text: 'Reported by the patient in Ganglag at this session.' }],
        },
      });
    }
  }
  return {
    resourceType: 'Bundle',
    id: nameUuid(`bundle/${profile.id}/${generatedAt.toISOString()}`),
    type: 'collection',
    timestamp: generatedAt.toISOString(),
    entry,
  };
}
