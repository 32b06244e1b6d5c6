import { describe, expect, it } from 'vitest';
import { buildMetricsCsv, CSV_COLUMNS, csvText } from '../../src/report/csv';
import { buildFhirBundle, type FhirBundle } from '../../src/report/fhir';
import { METRIC_IDS } from '../../src/report/metrics';
import { buildTrc } from '../../src/report/trc';
import { nameUuid } from '../../src/report/uuid';
import type { SessionRecord } from '../../src/storage/types';
import { PROFILE_A, PROFILE_B, samplePoses, SESSIONS_A } from '../fixtures/sessions-fixtures';

/** RFC 4180 reader, strict: fails on a bare quote inside an unquoted field or an unterminated quote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else cell += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
        cell += text[i++];
      }
    }
    row.push(cell);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (row.length) throw new Error('last record lacks CRLF');
  return rows;
}

describe('CSV export', () => {
  it('has the documented columns and one row per session with fixed-decimal values', () => {
    const rows = parseCsv(buildMetricsCsv([PROFILE_A, PROFILE_B], SESSIONS_A));
    expect(rows[0]).toEqual(CSV_COLUMNS);
    expect(rows[0].slice(0, 8)).toEqual([
      'session_id',
      'profile_pseudonym',
      'started_at_utc',
      'time_of_day',
      'kind',
      'protocol',
      'gait_speed_m_per_s',
      'step_length_m',
    ]);
    expect(rows).toHaveLength(1 + SESSIONS_A.length);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    const col = (name: string) => CSV_COLUMNS.indexOf(name);
    const s1 = rows[1];
    expect(s1[col('session_id')]).toBe('s1');
    expect(s1[col('profile_pseudonym')]).toBe('Fjellrev 12');
    expect(s1[col('gait_speed_m_per_s')]).toBe('0.82');
    expect(s1[col('cadence_steps_per_min')]).toBe('109.0');
    expect(s1[col('guarded_indicators_outside_count')]).toBe('3');
    expect(s1[col('forward_flexion_rom_deg')]).toBe('');
    expect(s1[col('warnings')]).toBe('speed < 1 m/s in first second');
    // Sorted by start time: f1 (Jan 6) comes after s2 (Jan 5 evening).
    expect(rows.slice(1).map((r) => r[0])).toEqual(['s1', 's2', 'f1', 'l1', 's3', 's4', 'f2', 's5']);
    const f1 = rows.find((r) => r[0] === 'f1')!;
    expect(f1[col('fingertip_to_floor_cm')]).toBe('24.0');
    expect(f1[col('gait_speed_m_per_s')]).toBe('');
  });

  it('quotes per RFC 4180 and neutralises formula cells', () => {
    expect(csvText('plain')).toBe('plain');
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('two\r\nlines')).toBe('"two\r\nlines"');
    for (const evil of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      const out = csvText(evil);
      const unquoted = out.startsWith('"') ? out.slice(1, -1).replace(/""/g, '"') : out;
      expect(unquoted.startsWith("'")).toBe(true);
    }
    const hostile: SessionRecord = {
      ...SESSIONS_A[0],
      notes: '=cmd|\' /C calc\'!A0, "quoted"\nnext line',
      protocol: '@evil',
    };
    const rows = parseCsv(buildMetricsCsv([{ ...PROFILE_A, pseudonym: '-Nils, "N"' }], [hostile]));
    expect(rows[1][CSV_COLUMNS.indexOf('notes')]).toBe("'=cmd|' /C calc'!A0, \"quoted\"\nnext line");
    expect(rows[1][CSV_COLUMNS.indexOf('protocol')]).toBe("'@evil");
    expect(rows[1][CSV_COLUMNS.indexOf('profile_pseudonym')]).toBe('\'-Nils, "N"');
  });
});

const ALLOWED_URL =
  /^https?:\/\/(terminology\.hl7\.org|hl7\.org|loinc\.org|unitsofmeasure\.org|snomed\.info)(\/|$)/;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const FHIR_DATETIME =
  /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/;
const FHIR_DATE = /^([0-9]{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?$/;
const UUID_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Structural checks from the R4 Bundle, Patient and Observation definitions (cardinality, types, invariants). */
function validateR4(b: FhirBundle): string[] {
  const errs: string[] = [];
  const need = (ok: unknown, msg: string) => {
    if (!ok) errs.push(msg);
  };
  need(b.resourceType === 'Bundle', 'Bundle.resourceType');
  need(
    [
      'document',
      'message',
      'transaction',
      'transaction-response',
      'batch',
      'batch-response',
      'history',
      'searchset',
      'collection',
    ].includes(b.type),
    'Bundle.type',
  );
  need(FHIR_ID.test(b.id), 'Bundle.id');
  need(FHIR_DATETIME.test(b.timestamp), 'Bundle.timestamp');
  const urls = new Set<string>();
  for (const [i, e] of b.entry.entries()) {
    need(UUID_URN.test(e.fullUrl), `entry[${i}].fullUrl is a urn:uuid`);
    need(!urls.has(e.fullUrl), `entry[${i}].fullUrl unique`);
    urls.add(e.fullUrl);
    // bdl-8: fullUrl cannot be a version specific reference; bdl-7 ids unique — and the id must match the urn.
    need(e.fullUrl === `urn:uuid:${e.resource.id}`, `entry[${i}] id matches fullUrl`);
    need(FHIR_ID.test(e.resource.id), `entry[${i}].resource.id`);
  }
  const patients = b.entry.filter((e) => e.resource.resourceType === 'Patient');
  need(patients.length === 1, 'exactly one Patient');
  for (const { resource: r } of b.entry) {
    if (r.resourceType === 'Patient') {
      need(['male', 'female', 'other', 'unknown'].includes(r.gender), 'Patient.gender');
      need(r.birthDate === undefined || FHIR_DATE.test(r.birthDate), 'Patient.birthDate');
      need(!('name' in r) && !('address' in r) && !('telecom' in r), 'Patient is pseudonymous');
      continue;
    }
    need(['registered', 'preliminary', 'final', 'amended'].includes(r.status), 'Observation.status');
    need(
      r.code.coding.length >= 1 && r.code.coding.every((c) => c.system && c.code),
      'Observation.code.coding',
    );
    need(urls.has(r.subject.reference), 'Observation.subject resolves inside the bundle');
    need(FHIR_DATETIME.test(r.effectiveDateTime), 'Observation.effectiveDateTime');
    const q = r.valueQuantity;
    need(typeof q.value === 'number' && Number.isFinite(q.value), 'valueQuantity.value decimal');
    // qty-3: if a code for the unit is present, the system SHALL also be present.
    need(
      q.system === 'http://unitsofmeasure.org' && /^[!-~]+$/.test(q.code),
      'valueQuantity UCUM system and code',
    );
    for (const c of [...r.code.coding, ...r.category.flatMap((x) => x.coding)]) {
      need(c.system.startsWith('urn:') || ALLOWED_URL.test(c.system), `system ${c.system} allowed`);
    }
  }
  const json = JSON.stringify(b);
  for (const m of json.matchAll(/https?:\/\/[^"\s]+/g)) need(ALLOWED_URL.test(m[0]), `URL ${m[0]} allowed`);
  return errs;
}

describe('FHIR R4 bundle', () => {
  const at = new Date('2026-03-01T12:00:00Z');
  const bundle = buildFhirBundle(PROFILE_A, SESSIONS_A, at);

  it('is structurally valid R4: collection, pseudonymous Patient, Observations with UCUM quantities', () => {
    expect(validateR4(bundle)).toEqual([]);
    expect(bundle.type).toBe('collection');
    expect(bundle.timestamp).toBe('2026-03-01T12:00:00.000Z');
    const patient = bundle.entry[0].resource;
    expect(patient).toMatchObject({
      resourceType: 'Patient',
      identifier: [{ system: 'urn:ganglag:pseudonym', value: 'Fjellrev 12' }],
      gender: 'female',
      birthDate: '1956',
    });
    expect(JSON.stringify(bundle)).not.toContain('Knee replacement');
  });

  it('has one Observation per metric per session', () => {
    const obs = bundle.entry
      .slice(1)
      .map((e) => e.resource as Extract<typeof e.resource, { resourceType: 'Observation' }>);
    // Gait sessions give 8 metrics each, flexion sessions 2 (range, fingertip-to-floor), lateral flexion 2.
    const perSession = { gait: 8, f: 2, l: 2 };
    expect(obs).toHaveLength(5 * perSession.gait + 2 * perSession.f + perSession.l);
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
    const cad = obs.find((o) => o.identifier[0].value === 's1/cadence')!;
    expect(cad.valueQuantity.code).toBe('/min');
    const ftf = obs.find((o) => o.identifier[0].value === 'f1/fingertip-to-floor')!;
    expect(ftf.valueQuantity).toMatchObject({ value: 24, code: 'cm' });
    expect(ftf.category[0].coding[0].code).toBe('exam');
    expect(obs.find((o) => o.identifier[0].value === 'l1/lateral-flexion-right')!.valueQuantity.code).toBe(
      'deg',
    );
    expect(METRIC_IDS).toContain('gait-speed');
  });

  it('codes gait speed with LOINC 83172-7 only for the NIH Toolbox 4 m walk protocol', () => {
    const obs = bundle.entry
      .slice(1)
      .map((e) => e.resource as Extract<typeof e.resource, { resourceType: 'Observation' }>);
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

  it('is deterministic and leaves out other profiles', () => {
    expect(buildFhirBundle(PROFILE_A, SESSIONS_A, at)).toEqual(bundle);
    const b = buildFhirBundle(PROFILE_B, SESSIONS_A, at);
    expect(b.entry).toHaveLength(1);
    expect(validateR4(b)).toEqual([]);
    expect(nameUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(nameUuid('x')).not.toBe(nameUuid('y'));
  });
});

describe('TRC export', () => {
  const poses = samplePoses(3);
  it('writes the OpenSim/Sports2D header and marker columns', () => {
    const lines = buildTrc(poses, { fileName: 's1.trc', metresPerPixel: 0.005 }).split('\n');
    expect(lines[0]).toBe('PathFileType\t4\t(X/Y/Z)\ts1.trc');
    expect(lines[1].split('\t')).toEqual([
      'DataRate',
      'CameraRate',
      'NumFrames',
      'NumMarkers',
      'Units',
      'OrigDataRate',
      'OrigDataStartFrame',
      'OrigNumFrames',
    ]);
    expect(lines[2].split('\t')).toEqual(['30', '30', '3', '17', 'm', '30', '1', '3']);
    const names = lines[3].split('\t');
    expect(names.slice(0, 5)).toEqual(['Frame#', 'Time', 'nose', '', '']);
    expect(names[2 + 3 * 15]).toBe('left_ankle');
    expect(names).toHaveLength(2 + 17 * 3);
    expect(lines[4].split('\t').slice(0, 5)).toEqual(['', '', 'X1', 'Y1', 'Z1']);
    expect(lines[4].split('\t')[2 + 3 * 16 + 2]).toBe('Z17');
    expect(lines[5]).toBe('');
    expect(lines).toHaveLength(6 + 3 + 1);
  });

  it('converts pixels to metres with y up, leaves missing markers empty, and times from the first frame', () => {
    const rows = buildTrc(poses, { metresPerPixel: 0.005 })
      .trim()
      .split('\n')
      .slice(6)
      .map((l) => l.split('\t'));
    expect(rows[0][0]).toBe('1');
    expect(Number(rows[2][1])).toBeCloseTo(2 / 30, 6);
    // nose in frame 1 (index 1): x = 110.123456 px, y = 400.0371 px, height 480.
    const [x, y, z] = rows[1].slice(2, 5).map(Number);
    expect(x).toBeCloseTo(110.123456 * 0.005, 5);
    expect(y).toBeCloseTo((480 - 400.0371) * 0.005, 5);
    expect(z).toBe(0);
    // left_eye (index 1) is null in the fixture.
    expect(rows[0].slice(5, 8)).toEqual(['', '', '']);
    const px = buildTrc(poses).split('\n');
    expect(px[2].split('\t')[4]).toBe('px');
    expect(px[6].split('\t')[3]).toBe((480 - 400.0371).toFixed(2));
  });
});
