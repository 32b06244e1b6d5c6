// The exports and backup card: PDF report for a period, CSV and FHIR of the data, a full backup, and the
// backup import (read, preview, then import only after the user confirms). The file picker is a real button,
// so Tab reaches it and Enter or Space opens it.
import type { Chart } from 'chart.js';
import {
  buildFhirBundle,
  buildMetricsCsv,
  buildPdfReport,
  type MetricId,
  type PdfChart,
} from '../../../report';
import { reportStrings } from '../../../report/i18n';
import type { ImportPlan } from '../../../storage';
import { now } from '../../clock';
import { clear, downloadBlob, h } from '../../dom';
import { getLang, t } from '../../i18n';
import type { ProgressController } from '../controller';
import { renderImportPreview } from '../import-preview';
import { progressBar } from '../progress-bar';
import { errorText, fileSafe, message, toLocalDate } from '../util';
import { persistentMsg } from './save-card';

type Note = [string, 'ok' | 'error'];

export interface IoCardDeps {
  ctl: ProgressController;
  charts: () => ReadonlyMap<MetricId, Chart>;
  /** The last import's outcome and the preview waiting for confirmation, kept across re-renders. */
  note: Note | null;
  setNote: (note: Note | null) => void;
  pending: () => HTMLElement | null;
  setPending: (el: HTMLElement | null) => void;
  refresh: () => Promise<void>;
  /** Redraw this card only. */
  redraw: () => void;
}

export function renderIoCard(card: HTMLElement, deps: IoCardDeps): void {
  const { ctl } = deps;
  clear(card);
  card.append(h('h2', {}, t('progress.io.title')));
  const msg = h('p', { class: 'pg-msg', role: 'status', 'data-testid': 'pg-io-msg' });
  const profile = ctl.current;
  const sessions = ctl.sessions;
  const today = toLocalDate(now());
  const first = sessions[0] ? toLocalDate(new Date(sessions[0].startedAt)) : today;
  const from = h('input', {
    type: 'date',
    value: first < today ? first : today,
    'data-testid': 'pg-period-from',
  });
  const to = h('input', { type: 'date', value: today, 'data-testid': 'pg-period-to' });
  const base = profile ? `ganglag-${fileSafe(profile.pseudonym)}` : 'ganglag';
  const stamp = () => now().toISOString().slice(0, 10);
  const run = (fn: () => Promise<void> | void) => async () => {
    try {
      await fn();
    } catch (err) {
      message(msg, errorText(err), 'error');
    }
  };
  const btn = (id: string, label: string, fn: () => Promise<void> | void, disabled = false) =>
    h('button', { type: 'button', 'data-testid': id, disabled, onclick: run(fn) }, label);
  const none = !profile || sessions.length === 0;

  const pdf = () => {
    if (!profile) return;
    if (from.value > to.value) return message(msg, t('progress.io.badPeriod'), 'error');
    const strings = reportStrings(getLang());
    const charts: PdfChart[] = [...deps.charts().entries()].map(([metric, chart]) => ({
      title: `${strings.metric[metric].label} (${strings.metric[metric].unit})`,
      pngDataUrl: chart.toBase64Image('image/png', 1),
      aspect: chart.width / chart.height,
    }));
    const report = buildPdfReport({
      profile,
      sessions,
      period: { from: from.value, to: to.value },
      charts,
      generatedAt: now(),
      lang: getLang(),
    });
    downloadBlob(
      new Blob([report.bytes], { type: 'application/pdf' }),
      `${base}-report-${from.value}-${to.value}.pdf`,
    );
    message(msg, t('progress.io.pdfDone', { pages: report.pageCount, sessions: report.sessionCount }), 'ok');
  };
  const csv = async () => {
    const all = await ctl.allSessions();
    downloadBlob(
      new Blob([buildMetricsCsv(ctl.profiles, all, getLang())], { type: 'text/csv' }),
      `ganglag-metrics-${stamp()}.csv`,
    );
    message(msg, t('progress.io.csvDone', { sessions: all.length }), 'ok');
  };
  const fhir = () => {
    if (!profile) return;
    const bundle = buildFhirBundle(profile, sessions, now(), {
      appVersion: __APP_VERSION__,
      poseModel: null,
    });
    downloadBlob(
      new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/fhir+json' }),
      `${base}-fhir-${stamp()}.json`,
    );
    message(msg, t('progress.io.fhirDone', { sessions: sessions.length }), 'ok');
  };
  const backup = async () => {
    const bar = progressBar(t('progress.io.exporting'), 'pg-export-progress');
    msg.after(bar.el);
    try {
      downloadBlob(await ctl.exportBackup(bar.update), `ganglag-backup-${stamp()}.ndjson`);
      message(msg, t('progress.io.backupDone'), 'ok');
    } finally {
      bar.el.remove();
    }
  };

  card.append(
    h('h3', {}, t('progress.io.report')),
    h(
      'div',
      { class: 'pg-form pg-inline' },
      h('label', {}, t('progress.io.from'), from),
      h('label', {}, t('progress.io.to'), to),
      btn('pg-export-pdf', t('progress.export.pdf'), pdf, none),
    ),
    h('h3', {}, t('progress.io.data')),
    h(
      'div',
      { class: 'toolbar' },
      btn('pg-export-csv', t('progress.export.csv'), csv, ctl.profiles.length === 0),
      btn('pg-export-fhir', t('progress.export.fhir'), fhir, none),
      btn('pg-export-backup', t('progress.export.backup'), backup),
    ),
    h('p', { class: 'hint' }, t('progress.io.dataHint')),
  );

  // The input stays hidden (its look cannot be styled); the button in the tab order opens it.
  const file = h('input', {
    type: 'file',
    accept: '.ndjson,.json,application/x-ndjson,application/json',
    hidden: true,
    tabindex: -1,
    'data-testid': 'pg-import-input',
    'aria-label': t('progress.io.importLabel'),
  });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    file.value = '';
    if (f) void importFile(f, card, deps);
  });
  const pick = h(
    'button',
    { type: 'button', class: 'pg-file', 'data-testid': 'pg-import-button', onclick: () => file.click() },
    t('progress.io.importLabel'),
  );
  card.append(
    h('h3', {}, t('progress.io.import')),
    h('p', { class: 'hint' }, t('progress.io.importHint')),
    pick,
    file,
    msg,
  );
  const pending = deps.pending();
  if (pending) card.append(pending);
  if (deps.note) card.append(persistentMsg('pg-io-result', deps.note));
}

/** Reads the whole file, shows what it would change, and imports only after the user confirms. */
async function importFile(f: File, card: HTMLElement, deps: IoCardDeps): Promise<void> {
  const { ctl } = deps;
  deps.setNote(null);
  deps.setPending(null);
  const reading = progressBar(t('progress.io.reading', { file: f.name }), 'pg-import-progress');
  card.append(reading.el);
  let plan: ImportPlan;
  try {
    plan = await ctl.previewImport(f, reading.update);
  } catch (err) {
    deps.setNote([`${t('progress.io.rejected', { file: f.name })} ${errorText(err)}`, 'error']);
    reading.el.remove();
    await deps.refresh();
    return;
  }
  reading.el.remove();
  deps.setPending(
    renderImportPreview(f.name, plan, {
      onCancel: () => {
        deps.setPending(null);
        deps.setNote([t('progress.io.cancelled', { file: f.name }), 'ok']);
        void deps.refresh();
      },
      onConfirm: () => void applyImport(f, plan, { ...deps, card }),
    }),
  );
  deps.redraw();
}

async function applyImport(
  f: File,
  plan: ImportPlan,
  deps: IoCardDeps & { card: HTMLElement },
): Promise<void> {
  const bar = progressBar(t('progress.io.importing'), 'pg-import-progress');
  const pending = deps.pending();
  if (pending) pending.replaceWith(bar.el);
  else deps.card.append(bar.el);
  deps.setPending(null);
  try {
    deps.setNote([await deps.ctl.applyImport(f, plan, bar.update), 'ok']);
  } catch (err) {
    // A v2 file is imported a record at a time: what landed stays, and importing again completes it.
    deps.setNote([t('progress.io.partial', { file: f.name, detail: errorText(err) }), 'error']);
  }
  bar.el.remove();
  await deps.refresh();
}
