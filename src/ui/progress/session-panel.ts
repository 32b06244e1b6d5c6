// One stored session: results, replay of the poses (and the kept video) with scrubbing, gait-event plot,
// comparison with another session, exports of its poses and TRC, and the edits allowed after recording.
import type { Chart } from 'chart.js';
import {
  buildGaitEventsChart,
  buildTrc,
  compareSessions,
  differentModels,
  METRIC_IDS,
  metricValue,
} from '../../report';
import { reportStrings } from '../../report/i18n';
import { renderWarnings, warningsOf } from '../../shared/messages';
import { isModelId, MODEL_NAMES } from '../../shared/models';
import { serializePoses, type PosesFileV1 } from '../../shared/poses-format';
import {
  TIMES_OF_DAY,
  type GanglagDb,
  type Profile,
  type SessionRecord,
  type TimeOfDay,
} from '../../storage';
import { clear, downloadBlob, h } from '../dom';
import { getLang, t } from '../i18n';
import { dataTable } from './cards/data-table';
import { indicatorsTable } from './cards/indicators';
import { replay } from './cards/replay';
import { selfReportBlock } from './cards/self-report-charts';
import { renderGaitEventsChart } from './charts';
import { judgeSession } from './controller';
import {
  errorText,
  fileSafe,
  metricLabel,
  metricUnit,
  showDateTime,
  showMetric,
  showNumber,
  showProtocol,
  signedMetric,
} from './util';

export interface SessionPanelDeps {
  db: GanglagDb;
  profile: Profile;
  /** All sessions of the profile, for the comparison picker. */
  sessions: readonly SessionRecord[];
  /** The baseline chosen in the charts ('' = the first session); screening indicators are judged against it. */
  baselineId: string;
  onChanged: () => void;
  onClose: () => void;
}

/** Renders the panel into host; returns a function that stops playback and frees charts and URLs. */
export async function renderSessionPanel(
  host: HTMLElement,
  session: SessionRecord,
  deps: SessionPanelDeps,
): Promise<() => void> {
  const disposers: (() => void)[] = [];
  const dispose = () => disposers.splice(0).forEach((fn) => fn());
  clear(host);
  const msg = h('p', { class: 'pg-msg', role: 'status', 'data-testid': 'pg-session-msg' });
  const [poses, video] = await Promise.all([
    deps.db.getPoses(session.id).catch(() => null),
    deps.db.getVideo(session.id).catch(() => undefined),
  ]);

  // Focus lands here when the panel opens (tabindex -1: focusable by script, not a Tab stop).
  const title = h(
    'h3',
    { tabindex: -1, 'data-testid': 'pg-session-title' },
    t('progress.session.title', {
      date: showDateTime(session.startedAt),
      kind: t(`progress.kind.${session.kind}`),
    }),
  );
  const close = h(
    'button',
    { type: 'button', class: 'pg-close', 'data-testid': 'pg-session-close', onclick: () => deps.onClose() },
    t('progress.action.close'),
  );

  host.append(
    h('div', { class: 'pg-card-head' }, title, close),
    h(
      'p',
      { class: 'hint' },
      t('progress.session.meta', {
        protocol: showProtocol(session.protocol),
        frames: session.analysis.quality.framesUsed,
        total: session.analysis.quality.framesTotal,
        scale: reportStrings(getLang()).scale[session.analysis.scale.method],
        model: modelOf(session, poses),
      }),
    ),
    editForm(session, deps, msg),
    msg,
    h(
      'div',
      { class: 'pg-session-grid' },
      h('div', {}, resultsTable(session, deps), selfReportBlock(session), warnings(session)),
      poses ? replay(poses, video?.blob ?? null, disposers) : h('p', {}, t('progress.session.noPoses')),
    ),
  );

  if (session.analysis.gait && session.analysis.gait.steps.length > 0) {
    const canvas = h('canvas', { 'data-testid': 'pg-gait-events' });
    host.append(h('div', { class: 'pg-chart-box pg-chart-box-wide' }, canvas));
    const chart: Chart = renderGaitEventsChart(canvas, buildGaitEventsChart(session.analysis));
    disposers.push(() => chart.destroy());
    host.append(stepsTable(session));
  }

  host.append(compare(session, deps));

  const exports = h('div', { class: 'toolbar pg-actions' });
  if (poses) {
    const base = `ganglag-${fileSafe(deps.profile.pseudonym)}-${session.startedAt.slice(0, 10)}`;
    exports.append(
      h(
        'button',
        {
          type: 'button',
          'data-testid': 'pg-export-poses',
          onclick: () =>
            downloadBlob(
              new Blob([serializePoses(poses)], { type: 'application/json' }),
              `${base}-poses.json`,
            ),
        },
        t('progress.export.poses'),
      ),
      h(
        'button',
        {
          type: 'button',
          'data-testid': 'pg-export-trc',
          onclick: () =>
            downloadBlob(
              new Blob(
                [
                  buildTrc(poses, {
                    fileName: `${base}.trc`,
                    metresPerPixel: session.analysis.scale.metresPerPixel,
                  }),
                ],
                { type: 'text/plain' },
              ),
              `${base}.trc`,
            ),
        },
        t('progress.export.trc'),
      ),
    );
  }
  exports.append(
    h(
      'button',
      {
        type: 'button',
        class: 'pg-danger',
        'data-testid': 'pg-delete-session',
        onclick: async () => {
          if (!confirm(t('progress.session.confirmDelete'))) return;
          try {
            await deps.db.deleteSession(session.id);
            deps.onClose();
            deps.onChanged();
          } catch (err) {
            msg.textContent = errorText(err);
            msg.className = 'pg-msg error';
          }
        },
      },
      t('progress.action.deleteSession'),
    ),
  );
  host.append(exports);
  return dispose;
}

function editForm(session: SessionRecord, deps: SessionPanelDeps, msg: HTMLElement): HTMLElement {
  const tod = h('select', { 'data-testid': 'pg-session-tod' });
  for (const v of TIMES_OF_DAY)
    tod.append(h('option', { value: v, selected: v === session.timeOfDay }, t(`progress.tod.${v}`)));
  const notes = h('textarea', { rows: 2, maxlength: 2000, 'data-testid': 'pg-session-notes' });
  notes.value = session.notes;
  return h(
    'form',
    {
      class: 'pg-form pg-inline',
      onsubmit: async (ev) => {
        ev.preventDefault();
        try {
          await deps.db.updateSession(session.id, { timeOfDay: tod.value as TimeOfDay, notes: notes.value });
          msg.textContent = t('progress.session.updated');
          msg.className = 'pg-msg ok';
          deps.onChanged();
        } catch (err) {
          msg.textContent = errorText(err);
          msg.className = 'pg-msg error';
        }
      },
    },
    h('label', {}, t('progress.field.timeOfDay'), tod),
    h('label', { class: 'pg-grow' }, t('progress.field.notes'), notes),
    h('button', { type: 'submit' }, t('progress.action.saveChanges')),
  );
}

function resultsTable(session: SessionRecord, deps: SessionPanelDeps): HTMLElement {
  const body = h('tbody', {});
  for (const id of METRIC_IDS) {
    const v = metricValue(id, session.analysis);
    if (v === null) continue;
    body.append(
      h(
        'tr',
        { 'data-metric': id },
        h('th', { scope: 'row' }, metricLabel(id)),
        h('td', { class: 'num' }, showMetric(id, v)),
        h('td', {}, metricUnit(id)),
      ),
    );
  }
  const table = h(
    'table',
    { class: 'pg-table', 'data-testid': 'pg-results' },
    h('caption', {}, t('progress.session.results')),
    body,
  );
  if (!body.firstChild) body.append(h('tr', {}, h('td', { colspan: 3 }, t('progress.session.noMetrics'))));
  const ind = session.analysis.guarded?.indicators ?? [];
  if (ind.length === 0) return table;
  const { baseline, judgements } = judgeSession(session, deps.sessions, deps.baselineId);
  return h('div', {}, table, indicatorsTable(ind, judgements, baseline));
}

/** The gait-event plot's values: each heel strike with its time, foot and step length. */
function stepsTable(session: SessionRecord): HTMLElement {
  const steps = (session.analysis.gait?.steps ?? []).filter(
    (s) => s.lengthM !== null && Number.isFinite(s.lengthM),
  );
  return dataTable({
    testId: 'pg-table-gait-events',
    caption: t('progress.session.gaitEvents'),
    columns: [
      { label: t('progress.session.timeS'), numeric: true },
      { label: t('progress.table.foot') },
      { label: t('progress.session.stepLengthM'), numeric: true },
    ],
    rows: steps.map((s) => [
      showNumber(s.tS, 2),
      s.foot === 'left' ? t('progress.table.left') : t('progress.table.right'),
      showNumber(s.lengthM, 2),
    ]),
  });
}

function warnings(session: SessionRecord): HTMLElement | null {
  const w = renderWarnings(warningsOf(session.analysis.quality), getLang());
  if (w.length === 0) return null;
  return h(
    'div',
    { class: 'pg-warnings' },
    h('strong', {}, t('progress.session.warnings')),
    h('ul', {}, ...w.map((x) => h('li', {}, x))),
  );
}

function compare(session: SessionRecord, deps: SessionPanelDeps): HTMLElement {
  const others = deps.sessions.filter((s) => s.id !== session.id);
  const out = h('div', { class: 'pg-compare', 'data-testid': 'pg-compare' });
  out.append(h('h4', {}, t('progress.compare.title')));
  if (others.length === 0) {
    out.append(h('p', { class: 'hint' }, t('progress.compare.none')));
    return out;
  }
  const pick = h('select', { 'data-testid': 'pg-compare-select' });
  for (const s of others)
    pick.append(
      h(
        'option',
        { value: s.id },
        `${showDateTime(s.startedAt)} · ${t(`progress.kind.${s.kind}`)} · ${t(`progress.tod.${s.timeOfDay}`)}`,
      ),
    );
  const table = h('div', {});
  const fill = () => {
    const other = others.find((s) => s.id === pick.value);
    clear(table);
    if (!other) return;
    // Older session first, so the difference reads as change over time.
    const [a, b] = other.startedAt < session.startedAt ? [other, session] : [session, other];
    const rows = compareSessions(a, b);
    const models = differentModels(a, b);
    const body = h('tbody', {});
    for (const r of rows) {
      const diff = r.diff === null ? '' : signedMetric(r.metric, r.diff);
      const verdict =
        r.meaningful === null
          ? t(models && r.diff !== null ? 'progress.compare.notJudged' : 'progress.compare.noThreshold')
          : r.meaningful
            ? t('progress.compare.meaningful')
            : t('progress.compare.withinChange');
      body.append(
        h(
          'tr',
          { class: r.meaningful ? 'pg-meaningful' : '' },
          h('th', { scope: 'row' }, metricLabel(r.metric)),
          h('td', { class: 'num' }, showMetric(r.metric, r.a)),
          h('td', { class: 'num' }, showMetric(r.metric, r.b)),
          h('td', { class: 'num' }, diff),
          h('td', {}, metricUnit(r.metric)),
          h('td', {}, verdict),
        ),
      );
    }
    if (models && a.model && b.model)
      table.append(
        h(
          'p',
          { class: 'hint', 'data-testid': 'pg-compare-models' },
          t('progress.compare.differentModels', { a: MODEL_NAMES[a.model], b: MODEL_NAMES[b.model] }),
        ),
      );
    table.append(
      h(
        'table',
        { class: 'pg-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, t('progress.compare.metric')),
            h('th', {}, showDateTime(a.startedAt)),
            h('th', {}, showDateTime(b.startedAt)),
            h('th', {}, t('progress.compare.difference')),
            h('th', {}, t('progress.compare.unit')),
            h('th', {}, t('progress.compare.verdict')),
          ),
        ),
        body,
      ),
    );
  };
  pick.addEventListener('change', fill);
  out.append(h('label', {}, t('progress.compare.with'), ' ', pick), table);
  fill();
  return out;
}

/** The session's pose model by name: as saved with it, else as its poses name it (sessions saved before). */
function modelOf(session: SessionRecord, poses: PosesFileV1 | null): string {
  const id = session.model ?? poses?.source?.model;
  return isModelId(id) ? MODEL_NAMES[id] : t('progress.session.modelUnknown');
}
