// PDF report per profile and period, in English or Norwegian Bokmål: pseudonym, sessions table, charts (PNG data
// URLs from the UI), notes on the recordings, method notes, a plain-language summary, and the
// not-a-diagnostic-device statement on every page.
import { jsPDF } from 'jspdf';
import {
  formatNumber,
  renderIndicatorName,
  renderIndicatorReference,
  renderUnit,
  renderWarnings,
  warningsOf,
  type Lang,
} from '../shared/messages';
import { MODEL_NAMES } from '../shared/models';
import type { Profile, SelfReport, SessionRecord } from '../storage/types';
import {
  formatDay,
  formatDayTime,
  metricText,
  protocolName,
  reportStrings,
  type ReportStrings,
} from './i18n';
import { METRICS, metricValue, type MetricId } from './metrics';
import { meaningfulChange } from './norms';
import { patientSummary } from './summary';

/** The local calendar day (YYYY-MM-DD) of an ISO timestamp: the day the user saw, not the UTC day. */
function localDay(iso: string): string {
  const d = new Date(iso);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export const NOT_DIAGNOSTIC = reportStrings('en').notDiagnostic;

export interface PdfChart {
  title: string;
  /** data:image/png;base64,... as produced by Chart.js toBase64Image(). */
  pngDataUrl: string;
  /** Width / height of the image, to keep its shape. */
  aspect?: number;
}

export interface PdfReportInput {
  profile: Profile;
  sessions: readonly SessionRecord[];
  /** Inclusive period, YYYY-MM-DD in local time (as the user picks it). Sessions outside it are left out. */
  period: { from: string; to: string };
  charts?: readonly PdfChart[];
  generatedAt: Date;
  /** Language of every word in the report; English when omitted. The UI passes its own language. */
  lang?: Lang;
}

export interface PdfReport {
  bytes: ArrayBuffer;
  pageCount: number;
  sessionCount: number;
}

/** Characters outside Latin-1 that jsPDF's standard fonts cannot show, and what to print instead. */
const FONT_SAFE: Readonly<Record<string, string>> = {
  '\u2212': '-', // minus sign (nb numbers): jsPDF printed it as '"'
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2026': '...',
  '\u2022': '·',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2248': '~',
  '\u2192': '->',
  '\u20ac': 'EUR',
};

/**
 * Text the standard PDF fonts can print. jsPDF's Helvetica covers Latin-1 (æ, ø, å, °, ·, ±); a single character
 * beyond it switches the whole string to two-byte codes, which print as garbage ('−' became '"').
 */
export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out += ch;
    else out += FONT_SAFE[ch] ?? (c < 0xa0 ? ' ' : '?');
  }
  return out;
}

/**
 * Lines of at most `maxWidth`, broken only between words (at spaces, or after a hyphen inside a compound).
 * A single word wider than the line stays whole on its line: the caller picks a size where words fit.
 */
export function wrapWords(text: string, maxWidth: number, width: (s: string) => number): string[] {
  // Each piece with whether it follows the previous piece without a space (the rest of a hyphenated word).
  const pieces = text
    .split(/\s+/)
    .filter((w) => w !== '')
    .flatMap((w) =>
      (width(w) <= maxWidth ? [w] : w.split(/(?<=\p{L}-)(?=\p{L})/u)).map((p, i) => ({ p, joined: i > 0 })),
    );
  const lines: string[] = [];
  let line = '';
  for (const { p, joined } of pieces) {
    const next = line === '' ? p : line + (joined ? '' : ' ') + p;
    if (line !== '' && width(next) > maxWidth) {
      lines.push(line);
      line = p;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

const TABLE_METRICS: readonly MetricId[] = [
  'gait-speed',
  'cadence',
  'forward-flexion-rom',
  'fingertip-to-floor',
];

export function buildPdfReport(input: PdfReportInput): PdfReport {
  const { profile, period } = input;
  const lang: Lang = input.lang ?? 'en';
  const S = reportStrings(lang);
  const sessions = input.sessions
    .filter((s) => s.profileId === profile.id)
    .filter((s) => localDay(s.startedAt) >= period.from && localDay(s.startedAt) <= period.to)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));

  const doc = new jsPDF({ unit: 'mm', format: 'a4', compress: false });
  doc.setProperties({ title: pdfSafe(S.docTitle(profile.pseudonym)), creator: 'Ganglag' });
  const W = doc.internal.pageSize.getWidth();
  const H = doc.internal.pageSize.getHeight();
  const M = 18;
  const LINE = 5;
  const bottom = H - M - 8;
  let y = M;

  const text = (t: string | string[], x: number, at: number) =>
    doc.text(Array.isArray(t) ? t.map(pdfSafe) : pdfSafe(t), x, at);
  const measure = (s: string) => doc.getTextWidth(pdfSafe(s));
  const ensure = (h: number) => {
    if (y + h > bottom) {
      doc.addPage();
      y = M;
    }
  };
  const linesOf = (t: string) => {
    doc.setFont('helvetica', 'normal').setFontSize(10);
    return wrapWords(t, W - 2 * M, measure);
  };
  // Widow and orphan control: a paragraph that fits on a page is kept whole; a longer one is split so that each
  // page holds at least two of its lines.
  const paragraph = (t: string) => {
    const lines = linesOf(t);
    const fitsHere = y + lines.length * LINE <= bottom;
    if (!fitsHere && lines.length * LINE <= bottom - M) ensure(lines.length * LINE);
    else if (!fitsHere) {
      const room = Math.floor((bottom - y) / LINE);
      if (Math.min(room, lines.length - 2) < 2) ensure(Infinity);
    }
    doc.setFont('helvetica', 'normal').setFontSize(10);
    lines.forEach((line, i) => {
      // Break early when only one line would be left for the next page.
      if (y + LINE > bottom || (lines.length - i === 2 && y + 2 * LINE > bottom && i >= 2)) ensure(Infinity);
      text(line, M, y);
      y += LINE;
    });
    y += 2;
  };
  /**
   * The paragraphs that end the report. When the last would stand alone on a page of its own (a page holding a
   * single sentence), the one before it moves over with it.
   */
  const closingParagraphs = (ts: readonly string[]) => {
    const heights = ts.map((t) => linesOf(t).length * LINE + 2);
    let at = y;
    let startsPage = -1;
    heights.forEach((h, k) => {
      if (at + h - 2 > bottom) {
        at = M;
        startsPage = k;
      }
      at += h;
    });
    const lastLines = heights[heights.length - 1] - 2;
    const moveFrom =
      startsPage === ts.length - 1 &&
      lastLines === LINE &&
      ts.length >= 2 &&
      M + heights[ts.length - 2] + heights[ts.length - 1] <= bottom
        ? ts.length - 2
        : -1;
    ts.forEach((t, k) => {
      if (k === moveFrom) ensure(Infinity);
      paragraph(t);
    });
  };
  /** A heading kept with what follows it (`nextH` mm: the first paragraph or row). */
  const heading = (t: string, nextH: number) => {
    ensure(7 + nextH);
    doc.setFont('helvetica', 'bold').setFontSize(13);
    text(t, M, y);
    y += 7;
    doc.setFont('helvetica', 'normal').setFontSize(10);
  };
  const firstParagraphH = (t: string) => Math.min(linesOf(t).length, 6) * LINE;

  doc.setFont('helvetica', 'bold').setFontSize(18);
  text(S.title, M, y);
  y += 9;
  doc.setFont('helvetica', 'normal').setFontSize(11);
  text(S.profile(profile.pseudonym), M, y);
  y += 6;
  text(S.period(formatDay(period.from, lang), formatDay(period.to, lang), sessions.length), M, y);
  y += 6;
  text(S.generated(formatDayTime(input.generatedAt.toISOString(), lang)), M, y);
  y += 9;
  paragraph(S.notDiagnostic);

  const metricTextOf = (m: MetricId, v: number) => metricText(v, METRICS[m].decimals, S.metric[m].unit, lang);
  const summary = patientSummary(sessions).map((l) => {
    const smc = meaningfulChange(l.metric);
    const sign = l.change >= 0 ? '+' : '-';
    return S.summaryLine({
      metric: S.metric[l.metric].label,
      context: `${S.timeOfDay[l.timeOfDay]}, ${protocolName(l.protocol, lang)}${l.model ? `, ${MODEL_NAMES[l.model]}` : ''}`,
      first: metricTextOf(l.metric, l.first.value),
      firstDate: formatDay(l.first.date, lang),
      latest: metricTextOf(l.metric, l.latest.value),
      latestDate: formatDay(l.latest.date, lang),
      change: sign + metricTextOf(l.metric, Math.abs(l.change)),
      threshold: smc ? metricTextOf(l.metric, smc.thresholds[0]) : null,
      verdict: l.verdict,
    });
  });
  if (summary.length === 0) summary.push(S.summaryNone);
  heading(S.summaryHeading, firstParagraphH(summary[0]));
  for (const line of summary) paragraph(line);

  // Sessions table. Widths fit their content; headers wrap between words and shrink until every word fits.
  const CELL_PAD = 1.5;
  const colW = [24, 20, 15, 27];
  const metricW = (W - 2 * M - colW.reduce((a, b) => a + b, 0)) / TABLE_METRICS.length;
  for (const _ of TABLE_METRICS) colW.push(metricW);
  const colX = colW.map((_, i) => M + colW.slice(0, i).reduce((a, b) => a + b, 0));
  const row = (cells: string[], bold: boolean) => {
    let size = 8;
    const fits = () => cells.every((c, i) => c.split(/\s+/).every((w) => measure(w) <= colW[i] - CELL_PAD));
    doc.setFont('helvetica', bold ? 'bold' : 'normal').setFontSize(size);
    while (bold && size > 6 && !fits()) doc.setFontSize((size -= 0.5));
    const wrapped = cells.map((c, i) => wrapWords(c, colW[i] - CELL_PAD, measure));
    const h = Math.max(...wrapped.map((w) => w.length)) * 4 + 1.5;
    ensure(h);
    doc.setFont('helvetica', bold ? 'bold' : 'normal').setFontSize(size);
    wrapped.forEach((w, i) => text(w, colX[i], y));
    y += h;
  };
  heading(S.sessionsHeading, 14);
  row(
    [
      S.columns.date,
      S.columns.timeOfDay,
      S.columns.kind,
      S.columns.protocol,
      ...TABLE_METRICS.map((m) => `${S.metric[m].short} (${S.metric[m].unit})`),
    ],
    true,
  );
  for (const s of sessions) {
    row(
      [
        // Day and minute without "kl." so the cell stays on one line in both languages.
        `${formatDay(s.startedAt.slice(0, 10), lang)} ${s.startedAt.slice(11, 16)}`,
        S.timeOfDay[s.timeOfDay],
        S.kind[s.kind],
        // The model beside the protocol: the same walk measured by two models differs by a few %.
        s.model
          ? `${protocolName(s.protocol, lang)} (${MODEL_NAMES[s.model]})`
          : protocolName(s.protocol, lang),
        ...TABLE_METRICS.map((m) => formatNumber(metricValue(m, s.analysis), lang, METRICS[m].decimals)),
      ],
      false,
    );
  }
  doc.setFontSize(10);
  y += 4;

  // Standard clinical tests, one line per session that ran one.
  const tests = sessions.map((s) => clinicalTestLine(s, S, lang)).filter((l): l is string => l !== null);
  if (tests.length > 0) {
    heading(S.testsHeading, firstParagraphH(tests[0]));
    for (const line of tests) paragraph(line);
  }

  // The patient's own report beside the measurements, one line per session that has one.
  const reports = sessions
    .filter((s) => s.selfReport !== undefined)
    .map((s) => `${formatDayTime(s.startedAt, lang)}: ${selfReportText(s.selfReport!, S, lang)}`);
  if (reports.length > 0) {
    heading(S.selfReportHeading, firstParagraphH(S.selfReportIntro));
    paragraph(S.selfReportIntro);
    for (const line of reports) paragraph(line);
  }

  if (input.charts && input.charts.length > 0) {
    const w = W - 2 * M;
    const chartH = (c: PdfChart) => w / (c.aspect ?? 2);
    heading(S.chartsHeading, chartH(input.charts[0]) + 8);
    for (const c of input.charts) {
      const h = chartH(c);
      ensure(h + 8);
      doc.setFont('helvetica', 'bold');
      text(c.title, M, y);
      doc.setFont('helvetica', 'normal');
      y += 2;
      try {
        doc.addImage(c.pngDataUrl, 'PNG', M, y, w, h);
        y += h + 6;
      } catch {
        // A broken image must not cost the clinician the whole report.
        y += 5;
        text(S.chartMissing, M, y);
        y += 6;
      }
    }
  }

  // What the analysis noticed per recording, rendered from the warning codes in the report's language.
  // Guarded-gait indicators outside their reference are listed with the reference they were judged by.
  const noted = sessions
    .map((s) => ({
      s,
      warnings: [
        ...(s.analysis.guarded?.indicators ?? [])
          .filter((i) => i.outside)
          .map(
            (i) =>
              `${renderIndicatorName(i.id, lang)} ${formatNumber(i.value, lang, 2)} ${renderUnit(i.unit, lang)} (${renderIndicatorReference(i, lang)})`,
          ),
        ...renderWarnings(warningsOf(s.analysis.quality), lang),
      ],
    }))
    .filter((n) => n.warnings.length > 0);
  if (noted.length > 0) {
    heading(S.notesHeading, firstParagraphH(S.notesIntro));
    paragraph(S.notesIntro);
    for (const n of noted)
      paragraph(
        `${formatDayTime(n.s.startedAt, lang)}, ${protocolName(n.s.protocol, lang)}: ${n.warnings.join('; ')}`,
      );
  }

  heading(S.methodHeading, firstParagraphH(S.methodNotes[0]));
  closingParagraphs(S.methodNotes);

  const pageCount = doc.getNumberOfPages();
  for (let i = 1; i <= pageCount; i++) {
    doc.setPage(i);
    doc.setFont('helvetica', 'normal').setFontSize(7);
    text(S.footer(profile.pseudonym, i, pageCount), M, H - 10);
  }
  return { bytes: doc.output('arraybuffer'), pageCount, sessionCount: sessions.length };
}

/** A session's self-report as one sentence in `lang`; hours since getting up with one decimal. */
export function selfReportText(r: SelfReport, S: ReportStrings, lang: Lang): string {
  const n = (v: number | undefined, d = 0) => (v === undefined ? undefined : formatNumber(v, lang, d));
  return S.selfReportLine({
    painNow: n(r.painNowNrs),
    painDuring: n(r.painDuringNrs),
    stiffnessMin: n(r.morningStiffnessMin),
    sinceUpH: r.sinceGettingUpMin === undefined ? undefined : formatNumber(r.sinceGettingUpMin / 60, lang, 1),
    aid: r.walkingAid && S.walkingAid[r.walkingAid],
    note: r.note,
  });
}

/** A session's walk or chair test result as one line in `lang`, or null when it ran none. */
export function clinicalTestLine(s: SessionRecord, S: ReportStrings, lang: Lang): string | null {
  const when = `${formatDayTime(s.startedAt, lang)}, `;
  const secs = (v: number | null) => (v === null ? '–' : `${formatNumber(v, lang, 2)} s`);
  const w = s.analysis.walkTest;
  if (w) {
    return (
      when +
      S.walkTestLine({
        test: S.test[w.test],
        zoneM: formatNumber(w.zoneM, lang, 2),
        trials: w.trials.length === 0 ? '–' : w.trials.map((t) => secs(t.timeS)).join(', '),
        best: secs(w.bestTimeS),
        speed: w.speedMps === null ? '–' : `${formatNumber(w.speedMps, lang, 2)} m/s`,
      })
    );
  }
  const f = s.analysis.functional;
  if (f) {
    return (
      when +
      S.functionalLine({
        test: S.test[f.test],
        time: f.test === 'chair-stand-30s' ? '30 s' : secs(f.timeS),
        count: f.test === 'tug' || f.count === null ? null : String(f.count),
      })
    );
  }
  return null;
}
