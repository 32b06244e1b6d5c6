// FHIR R4 Bundle (type collection): one pseudonymous Patient and one Observation per metric per session.
// Only hl7.org, loinc.org and unitsofmeasure.org URLs appear; project codes use urn:ganglag:metric.
import type { Profile, SessionRecord } from '../storage/types';
import { METRIC_IDS, METRICS, metricValue, type MetricId } from './metrics';
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
export interface FhirObservation {
  resourceType: 'Observation';
  id: string;
  identifier: { system: string; value: string }[];
  status: 'final';
  category: { coding: Coding[] }[];
  code: { coding: Coding[]; text: string };
  subject: { reference: string };
  effectiveDateTime: string;
  valueQuantity: { value: number; unit: string; system: typeof UCUM; code: string };
  method: { text: string };
}
export interface FhirBundle {
  resourceType: 'Bundle';
  id: string;
  type: 'collection';
  timestamp: string;
  entry: { fullUrl: string; resource: FhirPatient | FhirObservation }[];
}

function codingFor(metric: MetricId, protocol: string): Coding[] {
  const own: Coding = { system: GANGLAG_METRIC_SYSTEM, code: metric, display: METRICS[metric].label };
  if (metric === 'gait-speed' && LOINC_GAIT_SPEED_PROTOCOLS.includes(protocol)) {
    return [{ system: LOINC, ...LOINC_GAIT_SPEED }, own];
  }
  return [own];
}

/** Builds the bundle; `generatedAt` comes from the caller so the function stays pure. */
export function buildFhirBundle(
  profile: Profile,
  sessions: readonly SessionRecord[],
  generatedAt: Date,
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
  const entry: FhirBundle['entry'] = [{ fullUrl: patientUrl, resource: patient }];
  const own = sessions
    .filter((s) => s.profileId === profile.id)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  for (const s of own) {
    for (const metric of METRIC_IDS) {
      const value = metricValue(metric, s.analysis);
      if (value === null) continue;
      const def = METRICS[metric];
      const id = nameUuid(`observation/${s.id}/${metric}`);
      entry.push({
        fullUrl: `urn:uuid:${id}`,
        resource: {
          resourceType: 'Observation',
          id,
          identifier: [{ system: GANGLAG_OBSERVATION_SYSTEM, value: `${s.id}/${metric}` }],
          status: 'final',
          category: [
            {
              coding: [
                def.group === 'gait'
                  ? { system: CATEGORY, code: 'activity', display: 'Activity' }
                  : { system: CATEGORY, code: 'exam', display: 'Exam' },
              ],
            },
          ],
          code: { coding: codingFor(metric, s.protocol), text: def.label },
          subject: { reference: patientUrl },
          effectiveDateTime: s.startedAt,
          valueQuantity: {
            value: Number(value.toFixed(def.decimals)),
            unit: def.unit,
            system: UCUM,
            code: def.ucum,
          },
          method: { text: `Ganglag video pose estimation, protocol ${s.protocol}` },
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
