import { jsPDF } from 'jspdf';
import { describe, expect, it } from 'vitest';
import { buildMetricsCsv, csvColumns, CSV_COLUMNS } from '../../src/report/csv';
import { reportStrings } from '../../src/report/i18n';
import { METRIC_IDS } from '../../src/report/metrics';
import { buildPdfReport, pdfSafe, wrapWords, type PdfChart } from '../../src/report/pdf';
import type { AnalysisV1 } from '../../src/shared/analysis-format';
import type { SessionRecord } from '../../src/storage/types';
import { PROFILE_A, SESSIONS_A } from '../fixtures/sessions-fixtures';

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAADwyuo0AAAAE0lEQVR4nGP4zwAE/0HwP4hEcACJkAv1H4HyjAAAAABJRU5ErkJggg==';

const raw = (bytes: ArrayBuffer) => new TextDecoder('latin1').decode(bytes);
/** The strings drawn with Tj in one stretch of uncompressed PDF, PDF escapes undone, one per line. */
const tjStrings = (s: string): string[] =>
  [...s.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)].map((m) => m[1].replace(/\\([()\\])/g, '$1'));
const pdfText = (bytes: ArrayBuffer) => tjStrings(raw(bytes)).join('\n');
/** Each page's content stream (jsPDF writes them in page order), as drawn strings and whether it draws an image. */
function pages(bytes: ArrayBuffer): { lines: string[]; image: boolean }[] {
  return [...raw(bytes).matchAll(/stream\r?\n([\s\S]*?)endstream/g)]
    .map((m) => m[1])
    .filter((s) => /\bTj\b/.test(s) && /\bBT\b/.test(s))
    .map((s) => ({ lines: tjStrings(s), image: /\/I\d+ Do/.test(s) }));
}

// Sessions whose warnings are codes (not legacy English text) and whose gait speed falls (a negative change).
const coded = (s: SessionRecord, speed: number | null): SessionRecord => {
  const a: AnalysisV1 = structuredClone(s.analysis);
  if (a.gait && speed !== null) a.gait.speedMps = speed;
  a.quality = {
    ...a.quality,
    warnings: ['partly out of view'],
    warningCodes: [{ code: 'partly-out-of-view', frames: 9, total: 73 }],
  };
  if (a.guarded)
    a.guarded.indicators = [
      {
        id: 'slow-gait-speed',
        value: 0.82,
        unit: 'm/s',
        reference: 'below 1.0 m/s',
        referenceCode: { code: 'speed-adult', minMps: 1 },
        outside: true,
      },
    ];
  return { ...s, analysis: a };
};
// The last gait session repeats the first one's protocol and time of day, so the summary compares the two.
const SESSIONS = SESSIONS_A.map((s, i) => coded(s, s.kind === 'gait' ? 1.1 - 0.1 * i : null)).map((s, i) =>
  i === 4 ? { ...s, protocol: SESSIONS_A[0].protocol, timeOfDay: SESSIONS_A[0].timeOfDay } : s,
);
const PERIOD = { from: '2026-01-01', to: '2026-12-31' };
const GENERATED = new Date('2026-03-01T12:00:00Z');
const CHARTS: PdfChart[] = [{ title: 'Ganghastighet (m/s)', pngDataUrl: PNG, aspect: 2 }];

describe('PDF report in Norwegian Bokmål', () => {
  const nb = buildPdfReport({
    profile: PROFILE_A,
    sessions: SESSIONS,
    period: PERIOD,
    charts: CHARTS,
    generatedAt: GENERATED,
    lang: 'nb',
  });
  const text = pdfText(nb.bytes);
  const flat = text.replace(/\n/g, ' ');

  it('carries Norwegian labels, dates and numbers', () => {
    expect(text).toContain('Ganglag fremdriftsrapport');
    expect(text).toContain('Profil: Fjellrev 12');
    expect(text).toContain('Periode: 01.01.2026 til 31.12.2026 (8 økter)');
    expect(text).toContain('Laget: 01.03.2026 kl. 12:00 UTC');
    expect(text).toContain('Oppsummering for deg');
    expect(text).toContain('Økter');
    expect(text).toContain('Om metoden');
    expect(text).toContain('Fjellrev 12 · side 1 av');
    expect(text).toContain('05.01.2026 08:00\nmorgen\ngange\n4 meter gangtest\n(NIH Toolbox)\n1,10\n109,0');
    expect(flat).toContain('05.01.2026 kl. 08:00, 4 meter gangtest');
    expect(text).toContain('morgen');
    expect(text).toContain('fri gange');
    expect(text).toContain('Ganghastighet\n(m/s)');
    expect(text).toContain('Kadens\n(steg/min)');
    expect(flat).toContain('trunkusinklinasjon');
    // Warnings and indicator references through src/shared/messages, in Bokmål.
    expect(flat).toContain('delvis utenfor bildet: hofter, knær eller ankler mangler i 9 av 73 bilder');
    expect(flat).toMatch(/langsom gange|ganghastighet/i);
    // Decimal comma.
    expect(text).toMatch(/\b1,10\b/);
    expect(text).not.toMatch(/\b1\.10\b/);
  });

  it('holds no English label of the report', () => {
    const en = reportStrings('en');
    const nbS = reportStrings('nb');
    const english = [
      en.title,
      en.summaryHeading,
      en.sessionsHeading,
      en.chartsHeading,
      en.methodHeading,
      en.notesHeading,
      ...Object.values(en.columns),
      ...Object.values(en.timeOfDay),
      ...en.methodNotes.map((n) => n.slice(0, 30)),
      ...METRIC_IDS.flatMap((m) => [en.metric[m].label, en.metric[m].short]),
      'Profile:',
      'Period:',
      'Generated:',
      ' page ',
      'Not a diagnostic device',
      'free-walk',
      'nih-toolbox',
      'partly out of view',
      'steps/min',
    ].filter((s) => !Object.values(nbS.columns).includes(s));
    const found = english.filter((s) => flat.includes(s));
    expect(found).toEqual([]);
    // And the English report has them (so this list is real).
    const enText = pdfText(
      buildPdfReport({ profile: PROFILE_A, sessions: SESSIONS, period: PERIOD, generatedAt: GENERATED })
        .bytes,
    ).replace(/\n/g, ' ');
    for (const s of ['Summary for you', 'Sessions', 'Method notes', 'Cadence', 'morning', 'Profile:'])
      expect(enText).toContain(s);
  });

  it('prints a falling value with a minus, never as "', () => {
    // Gait speed 1.10 -> 0.70 m/s over the period: the summary says -0,40 m/s.
    expect(flat).toContain('(-0,40 m/s)');
    expect(flat).toContain('en forverring');
    expect(text).not.toContain('"');
    // Every drawn byte is one Latin-1 character: no two-byte string from a character the font lacks.
    const control = [...text].filter((c) => c !== '\n' && (c < ' ' || (c >= '\u007f' && c <= '\u009f')));
    expect(control).toEqual([]);
    expect(pdfSafe('−0,5 – 1 … ≥ 2 ø')).toBe('-0,5 - 1 ... >= 2 ø');
  });

  it('wraps table headers between words only', () => {
    for (const lang of ['en', 'nb'] as const) {
      const S = reportStrings(lang);
      const t = pdfText(
        buildPdfReport({
          profile: PROFILE_A,
          sessions: SESSIONS,
          period: PERIOD,
          generatedAt: GENERATED,
          lang,
        }).bytes,
      );
      const tokens = new Set(t.split(/\s+/));
      const headerWords = [
        ...Object.values(S.columns),
        ...(['gait-speed', 'cadence', 'forward-flexion-rom', 'fingertip-to-floor'] as const).map(
          (m) => `${S.metric[m].short} (${S.metric[m].unit})`,
        ),
      ].flatMap((h) => h.split(' '));
      expect(headerWords.filter((w) => !tokens.has(w))).toEqual([]);
    }
  });

  it('wrapWords breaks at spaces and after hyphens, never inside a word', () => {
    const doc = new jsPDF({ unit: 'mm' });
    doc.setFont('helvetica', 'bold').setFontSize(8);
    const w = (s: string) => doc.getTextWidth(s);
    const label = 'Fingertip-to-floor distance (cm)';
    expect(wrapWords(label, 18, w)).toEqual(['Fingertip-to-', 'floor', 'distance', '(cm)']);
    expect(wrapWords(label, 30, w)).toEqual(['Fingertip-to-floor', 'distance (cm)']);
    // A word ending in a hyphen ("hofte- og") keeps its space.
    expect(wrapWords('hofte- og skulder', 60, w)).toEqual(['hofte- og skulder']);
    expect(wrapWords(label, 60, w)).toEqual([label]);
    expect(wrapWords('Tid på døgnet', 12, w)).toEqual(['Tid på', 'døgnet']);
    // jsPDF's own splitter cuts the word: the bug this replaces.
    expect(doc.splitTextToSize(label, 18)).not.toEqual(wrapWords(label, 18, w));
  });

  it('leaves no page holding a single orphaned line', () => {
    for (const lang of ['en', 'nb'] as const)
      for (let n = 0; n <= 5; n++)
        for (const aspect of [1.4, 2, 2.6]) {
          const r = buildPdfReport({
            profile: PROFILE_A,
            sessions: SESSIONS,
            period: PERIOD,
            charts: Array.from({ length: n }, () => ({ title: 'Chart', pngDataUrl: PNG, aspect })),
            generatedAt: GENERATED,
            lang,
          });
          const ps = pages(r.bytes);
          expect(ps.length).toBe(r.pageCount);
          for (const p of ps) {
            // The footer is one line on every page; the body must hold more than one line or an image.
            const body = p.lines.length - 1;
            expect({ lang, n, aspect, body: body >= 2 || p.image }).toEqual({ lang, n, aspect, body: true });
          }
        }
    // 36 reports: a few seconds on a loaded machine; not a speed target.
  }, 60_000);
});

describe('CSV export in Norwegian Bokmål', () => {
  it('writes the header, words and warnings in Bokmål, numbers with "." and ISO times', () => {
    const csv = buildMetricsCsv([PROFILE_A], SESSIONS, 'nb');
    const rows = csv.split('\r\n').map((r) => r.split(','));
    expect(rows[0]).toEqual(csvColumns('nb'));
    expect(rows[0].slice(0, 8)).toEqual([
      'okt_id',
      'pseudonym',
      'startet_utc',
      'tid_pa_dognet',
      'type',
      'protokoll',
      'ganghastighet_m_per_s',
      'steglengde_m',
    ]);
    expect(rows[0]).toContain('skrittlengde_m');
    expect(rows[0]).toContain('kadens_steg_per_min');
    expect(rows[0]).toContain('advarsler');
    expect(rows[0].filter((c) => (CSV_COLUMNS as string[]).includes(c) && c !== 'pseudonym')).toEqual([]);
    expect(rows[1].slice(2, 7)).toEqual([
      '2026-01-05T08:00:00.000Z',
      'morgen',
      'gange',
      '4 meter gangtest (NIH Toolbox)',
      '1.10',
    ]);
    expect(csv).toContain('delvis utenfor bildet: hofter, knær eller ankler mangler i 9 av 73 bilder');
    expect(csv).toContain(',kroppshøyde,');
  });

  it('keeps the English header and words by default', () => {
    const rows = buildMetricsCsv([PROFILE_A], SESSIONS).split('\r\n');
    expect(rows[0].split(',')).toEqual(CSV_COLUMNS);
    expect(rows[1]).toContain(',morning,gait,nih-toolbox-4m-walk,1.10,');
    expect(rows[1]).toContain('partly out of view: hips, knees or ankles missing in 9 of 73 frames');
  });
});
