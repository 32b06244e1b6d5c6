// PDF report per profile and period: pseudonym, sessions table, charts (PNG data URLs from the UI), method
// notes, a plain-language summary, and the not-a-diagnostic-device statement on every page.
import { jsPDF } from 'jspdf';
import type { Profile, SessionRecord } from '../storage/types';
import { formatMetric, METRICS, metricValue, type MetricId } from './metrics';
import { patientSummary } from './summary';

/** The local calendar day (YYYY-MM-DD) of an ISO timestamp: the day the user saw, not the UTC day. */
function localDay(iso: string): string {
  const d = new Date(iso);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export const NOT_DIAGNOSTIC =
  'Ganglag is not a diagnostic device. Its measurements support, and do not replace, assessment by a qualified clinician.';

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
}

export interface PdfReport {
  bytes: ArrayBuffer;
  pageCount: number;
  sessionCount: number;
}

const METHOD_NOTES = [
  'Recordings are analysed on this device from a single video camera. A pose-estimation model finds body ' +
    'keypoints in every frame; gait events, distances and angles are computed from them.',
  'Distances are scaled from the subject height, a reference object, or 3-D model output, as noted per session. ' +
    'Values from one camera are less accurate than a gait laboratory; compare sessions recorded the same way.',
  'Reference bands: gait speed norms by age and sex from Bohannon & Andrews (2011). Smallest meaningful change: ' +
    '0.05 and 0.10 m/s for gait speed (Perera et al. 2006); 9.8 cm for fingertip-to-floor (Perret et al. 2001).',
  'Morning, afternoon and evening sessions are shown apart because stiffness often varies over the day.',
];

const TABLE_METRICS: readonly MetricId[] = [
  'gait-speed',
  'cadence',
  'forward-flexion-rom',
  'fingertip-to-floor',
];

export function buildPdfReport(input: PdfReportInput): PdfReport {
  const { profile, period } = input;
  const sessions = input.sessions
    .filter((s) => s.profileId === profile.id)
    .filter((s) => localDay(s.startedAt) >= period.from && localDay(s.startedAt) <= period.to)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));

  const doc = new jsPDF({ unit: 'mm', format: 'a4', compress: false });
  doc.setProperties({ title: `Ganglag report ${profile.pseudonym}`, creator: 'Ganglag' });
  const W = doc.internal.pageSize.getWidth();
  const H = doc.internal.pageSize.getHeight();
  const M = 18;
  let y = M;

  const ensure = (h: number) => {
    if (y + h > H - M - 8) {
      doc.addPage();
      y = M;
    }
  };
  const heading = (text: string) => {
    ensure(14);
    doc.setFont('helvetica', 'bold').setFontSize(13).text(text, M, y);
    y += 7;
    doc.setFont('helvetica', 'normal').setFontSize(10);
  };
  const paragraph = (text: string) => {
    const lines = doc.splitTextToSize(text, W - 2 * M) as string[];
    for (const line of lines) {
      ensure(5);
      doc.text(line, M, y);
      y += 5;
    }
    y += 2;
  };

  doc.setFont('helvetica', 'bold').setFontSize(18).text('Ganglag progress report', M, y);
  y += 9;
  doc.setFont('helvetica', 'normal').setFontSize(11);
  doc.text(`Profile: ${profile.pseudonym}`, M, y);
  y += 6;
  doc.text(`Period: ${period.from} to ${period.to} (${sessions.length} sessions)`, M, y);
  y += 6;
  doc.text(`Generated: ${input.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`, M, y);
  y += 9;
  doc.setFontSize(10);
  paragraph(NOT_DIAGNOSTIC);

  heading('Summary for you');
  const summary = patientSummary(sessions);
  if (summary.length === 0)
    paragraph('There are not yet two sessions of the same test in this period to compare.');
  for (const line of summary) paragraph(line.text);

  heading('Sessions');
  const cols = ['Date', 'Time of day', 'Kind', 'Protocol', ...TABLE_METRICS.map((m) => METRICS[m].label)];
  const colW = (W - 2 * M) / cols.length;
  const row = (cells: string[], bold: boolean) => {
    const wrapped = cells.map((c) => doc.splitTextToSize(c, colW - 1.5) as string[]);
    const h = Math.max(...wrapped.map((w) => w.length)) * 4 + 1.5;
    ensure(h);
    doc.setFont('helvetica', bold ? 'bold' : 'normal').setFontSize(8);
    wrapped.forEach((w, i) => doc.text(w, M + i * colW, y));
    y += h;
  };
  row(
    cols.map((c, i) => (i >= 4 ? `${c} (${METRICS[TABLE_METRICS[i - 4]].unit})` : c)),
    true,
  );
  for (const s of sessions) {
    row(
      [
        s.startedAt.slice(0, 16).replace('T', ' '),
        s.timeOfDay,
        s.kind,
        s.protocol,
        ...TABLE_METRICS.map((m) => formatMetric(m, metricValue(m, s.analysis)) || '–'),
      ],
      false,
    );
  }
  doc.setFontSize(10);
  y += 4;

  if (input.charts && input.charts.length > 0) {
    heading('Progress charts');
    for (const c of input.charts) {
      const w = W - 2 * M;
      const h = w / (c.aspect ?? 2);
      ensure(h + 8);
      doc.setFont('helvetica', 'bold').text(c.title, M, y);
      doc.setFont('helvetica', 'normal');
      y += 2;
      try {
        doc.addImage(c.pngDataUrl, 'PNG', M, y, w, h);
        y += h + 6;
      } catch {
        // A broken image must not cost the clinician the whole report.
        y += 5;
        doc.text('(This chart could not be included.)', M, y);
        y += 6;
      }
    }
  }

  heading('Method notes');
  for (const note of METHOD_NOTES) paragraph(note);

  const pageCount = doc.getNumberOfPages();
  for (let i = 1; i <= pageCount; i++) {
    doc.setPage(i);
    doc.setFont('helvetica', 'normal').setFontSize(7);
    doc.text(`${profile.pseudonym} · page ${i} of ${pageCount} · Not a diagnostic device`, M, H - 10);
  }
  return { bytes: doc.output('arraybuffer'), pageCount, sessionCount: sessions.length };
}
