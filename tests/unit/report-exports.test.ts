import { describe, expect, it } from 'vitest';
import { buildMetricsCsv, CSV_COLUMNS, csvText } from '../../src/report/csv';
import { buildTrc } from '../../src/report/trc';
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
    expect(s1[col('guarded_flags_count')]).toBe('3');
    expect(s1[col('trunk_inclination_forward_flexion_rom_deg')]).toBe('');
    expect(s1[col('step_length_asymmetry_pct')]).toBe('3.2');
    expect(s1[col('step_time_asymmetry_pct')]).toBe('2.0');
    // Exports call the trunk angle what it is (trunk inclination) and asymmetry asymmetry (issue 10).
    for (const c of [
      'trunk_inclination_forward_flexion_rom_deg',
      'trunk_inclination_extension_rom_deg',
      'trunk_inclination_lateral_left_deg',
      'trunk_inclination_lateral_right_deg',
      'lateral_fingertip_drop_left_cm',
      'lateral_fingertip_drop_right_cm',
    ])
      expect(col(c)).toBeGreaterThan(0);
    expect(rows[0].filter((c) => /(^|_)symmetry|spine_flexion|spinal/.test(c))).toEqual([]);
    // Lateral flexion: the largest fingertip drop per side (fixture: 0.8 cm per degree; left 21 and 18°, right 25°).
    const l1 = rows.find((r) => r[0] === 'l1')!;
    expect(l1[col('lateral_fingertip_drop_left_cm')]).toBe('16.8');
    expect(l1[col('lateral_fingertip_drop_right_cm')]).toBe('20.0');
    expect(l1[col('trunk_inclination_lateral_left_deg')]).toBe('21.0');
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
