import { describe, expect, it } from 'vitest';
import { buildPdfReport, NOT_DIAGNOSTIC } from '../../src/report/pdf';
import { patientSummary } from '../../src/report/summary';
import { PROFILE_A, SESSIONS_A } from '../fixtures/sessions-fixtures';

/** A 4x2 RGB PNG. */
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAADwyuo0AAAAE0lEQVR4nGP4zwAE/0HwP4hEcACJkAv1H4HyjAAAAABJRU5ErkJggg==';

/** Text drawn with Tj/TJ in an uncompressed PDF, with PDF string escapes undone. */
function pdfText(bytes: ArrayBuffer): string {
  const raw = new TextDecoder('latin1').decode(bytes);
  return [...raw.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)]
    .map((m) => m[1].replace(/\\([()\\])/g, '$1'))
    .join('\n');
}
const pageCount = (bytes: ArrayBuffer) =>
  [...new TextDecoder('latin1').decode(bytes).matchAll(/\/Type \/Page\b(?!s)/g)].length;

describe('patient summary', () => {
  // s1 (morning, NIH 4 m walk) and a later morning session of the same protocol; s5 is an afternoon 4m-walk.
  const s6 = {
    ...SESSIONS_A[4],
    id: 's6',
    startedAt: '2026-02-16T08:00:00.000Z',
    timeOfDay: 'morning' as const,
  };
  const sameAsS1 = { ...s6, protocol: SESSIONS_A[0].protocol };

  it('compares like with like: the same protocol at the same time of day', () => {
    const lines = patientSummary([...SESSIONS_A, sameAsS1]);
    const speed = lines.find((l) => l.metric === 'gait-speed')!;
    expect(speed.first).toMatchObject({ sessionId: 's1', value: 0.82 });
    expect(speed.latest).toMatchObject({ sessionId: 's6', value: 0.97 });
    expect(speed).toMatchObject({ protocol: 'nih-toolbox-4m-walk', timeOfDay: 'morning' });
    expect(speed.change).toBeCloseTo(0.15, 9);
    expect(speed.verdict).toBe('better');
    expect(speed.text).toBe(
      'Gait speed (morning, nih-toolbox-4m-walk): 0.82 m/s on 2026-01-05, 0.97 m/s on 2026-02-16 (+0.15 m/s). This is at least 0.05 m/s, a change large enough to matter, and it is an improvement.',
    );
    // Fingertip-to-floor fell 24 -> 12 cm (both morning forward flexion): lower is better, 12 >= 4.5.
    expect(lines.find((l) => l.metric === 'fingertip-to-floor')!.verdict).toBe('better');
    expect(lines.find((l) => l.metric === 'forward-flexion-rom')!.verdict).toBe('unclear');
    // Only one lateral flexion session: nothing to compare.
    expect(lines.find((l) => l.metric === 'lateral-flexion-left')).toBeUndefined();
  });

  it('never compares across protocols or times of day', () => {
    // Every gait session of the fixture differs from the others in protocol or time of day.
    expect(patientSummary(SESSIONS_A).find((l) => l.metric === 'gait-speed')).toBeUndefined();
    // The same protocol in the morning and the evening: not compared.
    expect(patientSummary(SESSIONS_A.slice(0, 2)).find((l) => l.metric === 'gait-speed')).toBeUndefined();
    // s6 (the latest, a morning 4m-walk) has no earlier session of its kind, so the line compares s1 with s7
    // (both morning NIH walks), never s6 with s1.
    const lines = patientSummary([
      ...SESSIONS_A,
      s6,
      { ...sameAsS1, id: 's7', startedAt: '2026-02-10T08:00:00.000Z' },
    ]);
    const speed = lines.find((l) => l.metric === 'gait-speed')!;
    expect([speed.first.sessionId, speed.latest.sessionId]).toEqual(['s1', 's7']);
    const tiny = patientSummary([
      SESSIONS_A[0],
      { ...SESSIONS_A[0], id: 'x', startedAt: '2026-01-20T08:00:00.000Z', analysis: SESSIONS_A[2].analysis },
    ]);
    // 0.82 -> 0.88 m/s: at least 0.05 m/s, an improvement.
    expect(tiny.find((l) => l.metric === 'gait-speed')!.verdict).toBe('better');
    const flat = patientSummary([
      SESSIONS_A[1],
      { ...SESSIONS_A[1], id: 'y', startedAt: '2026-01-20T18:00:00.000Z', analysis: SESSIONS_A[2].analysis },
    ]);
    // 0.90 -> 0.88 m/s: less than 0.05 m/s.
    expect(flat.find((l) => l.metric === 'gait-speed')!.verdict).toBe('no-meaningful-change');
  });
});

describe('patient summary across pose models', () => {
  const s1 = { ...SESSIONS_A[0], model: 'movenet-multipose' as const };
  const later = (model: 'movenet-multipose' | 'movenet-lightning') => ({
    ...SESSIONS_A[0],
    id: `later-${model}`,
    startedAt: '2026-02-16T08:00:00.000Z',
    analysis: SESSIONS_A[2].analysis,
    model,
  });

  it('compares only sessions of the same model, and names it', () => {
    // 0.82 -> 0.88 m/s, both MultiPose: an improvement, with the model named.
    const same = patientSummary([s1, later('movenet-multipose')]).find((l) => l.metric === 'gait-speed')!;
    expect(same).toMatchObject({ verdict: 'better', model: 'movenet-multipose' });
    expect(same.text).toContain('(morning, nih-toolbox-4m-walk, MoveNet MultiPose)');
    // The same change measured by another model: no line at all (a model switch alone moves speed by ~3 %).
    expect(
      patientSummary([s1, later('movenet-lightning')]).find((l) => l.metric === 'gait-speed'),
    ).toBeUndefined();
    // Sessions saved before the model was recorded compare with each other as before, without a model named.
    const old = patientSummary([SESSIONS_A[0], { ...later('movenet-lightning'), model: undefined }]);
    expect(old.find((l) => l.metric === 'gait-speed')).toMatchObject({ verdict: 'better' });
    expect(old.find((l) => l.metric === 'gait-speed')!.model).toBeUndefined();
  });

  it("names each session's model in the PDF table and summary", () => {
    const report = buildPdfReport({
      profile: PROFILE_A,
      sessions: [s1, later('movenet-multipose'), { ...later('movenet-lightning'), id: 'l2' }],
      period: { from: '2026-01-01', to: '2026-03-31' },
      generatedAt: new Date('2026-04-01T12:00:00Z'),
    });
    // Table cells wrap between words.
    const text = pdfText(report.bytes).replace(/\s+/g, ' ');
    expect(text.match(/\(MoveNet MultiPose\)/g)).toHaveLength(2);
    expect(text.match(/\(MoveNet Lightning\)/g)).toHaveLength(1);
    expect(text).toMatch(/MoveNet MultiPose\):/);
  });
});

describe('PDF report', () => {
  const report = buildPdfReport({
    profile: PROFILE_A,
    sessions: SESSIONS_A,
    period: { from: '2026-01-01', to: '2026-01-31' },
    charts: [
      { title: 'Gait speed', pngDataUrl: PNG, aspect: 2 },
      { title: 'Cadence', pngDataUrl: PNG, aspect: 2 },
      { title: 'Fingertip-to-floor distance', pngDataUrl: PNG, aspect: 2 },
    ],
    generatedAt: new Date('2026-03-01T12:00:00Z'),
  });
  const text = pdfText(report.bytes);

  it('is a PDF with the expected pages', () => {
    const head = new TextDecoder('latin1').decode(report.bytes.slice(0, 8));
    expect(head).toMatch(/^%PDF-1\.\d/);
    expect(new TextDecoder('latin1').decode(report.bytes.slice(-6))).toMatch(/%%EOF\s*$/);
    // Title, summary and table on page 1; three half-width charts need pages 2-3; method notes follow.
    expect(report.pageCount).toBe(3);
    expect(pageCount(report.bytes)).toBe(report.pageCount);
    expect(text).toContain(`page 3 of 3`);
    expect(
      (new TextDecoder('latin1').decode(report.bytes).match(/\/Subtype \/Image/g) ?? []).length,
    ).toBeGreaterThanOrEqual(1);
  });

  it('carries the pseudonym, the period, the sessions in it, the summary, method notes and the statement', () => {
    expect(report.sessionCount).toBe(5);
    expect(text).toContain('Ganglag progress report');
    expect(text).toContain('Profile: Fjellrev 12');
    expect(text).toContain('Period: 2026-01-01 to 2026-01-31 (5 sessions)');
    expect(text).toContain('Not a diagnostic device');
    expect(text.replace(/\n/g, ' ')).toContain(NOT_DIAGNOSTIC.slice(0, 40));
    expect(text).toContain('Summary for you');
    expect(text).toContain('Sessions');
    expect(text).toContain('2026-01-19 08:00\nmorning\ngait\nfree-walk\n0.88');
    expect(text).not.toContain('2026-02-02');
    expect(text).toContain('0.88');
    expect(text).toContain('Method notes');
    expect(text).toContain('Gait speed');
    // No notes of the profile (they may identify the person).
    expect(text).not.toContain('Knee replacement');
  });

  it('works without charts and with an empty period', () => {
    const r = buildPdfReport({
      profile: PROFILE_A,
      sessions: SESSIONS_A,
      period: { from: '2030-01-01', to: '2030-12-31' },
      generatedAt: new Date('2026-03-01T12:00:00Z'),
    });
    expect(r.sessionCount).toBe(0);
    expect(r.pageCount).toBe(1);
    expect(pdfText(r.bytes)).toContain('There are not yet two sessions');
  });

  it('replaces a broken chart image with a note instead of failing the report', () => {
    const r = buildPdfReport({
      profile: PROFILE_A,
      sessions: SESSIONS_A,
      period: { from: '2026-01-01', to: '2026-12-31' },
      charts: [{ title: 'Gait speed', pngDataUrl: 'data:image/png;base64,AAAA' }],
      generatedAt: new Date('2026-03-01T12:00:00Z'),
    });
    expect(pdfText(r.bytes)).toContain('(This chart could not be included.)');
    expect(r.sessionCount).toBe(SESSIONS_A.length);
  });

  it('picks sessions by the local calendar day the user sees, not the UTC day', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Europe/Oslo';
    try {
      // 23:30 UTC on 16 March is 00:30 on 17 March in Oslo.
      const late = { ...SESSIONS_A[0], id: 'late', startedAt: '2026-03-16T23:30:00.000Z' };
      const r = buildPdfReport({
        profile: PROFILE_A,
        sessions: [late],
        period: { from: '2026-03-17', to: '2026-03-17' },
        generatedAt: new Date('2026-03-20T12:00:00Z'),
      });
      expect(r.sessionCount).toBe(1);
    } finally {
      process.env.TZ = tz;
    }
  });
});
