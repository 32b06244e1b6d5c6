// One stored session: results, replay of the poses (and the kept video) with scrubbing, gait-event plot,
// comparison with another session, exports of its poses and TRC, and the edits allowed after recording.
import type { Chart } from 'chart.js';
import {
  buildGaitEventsChart,
  buildTrc,
  compareSessions,
  formatMetric,
  METRIC_IDS,
  metricValue,
  type MetricId,
} from '../../report';
import type { PoseFrame } from '../../shared/pose-frame';
import { serializePoses, type PoseFrameV1, type PosesFileV1 } from '../../shared/poses-format';
import { keypointCount } from '../../shared/skeletons';
import { ms } from '../../shared/units';
import {
  TIMES_OF_DAY,
  type GanglagDb,
  type Profile,
  type SessionRecord,
  type TimeOfDay,
} from '../../storage';
import { clear, downloadBlob, h } from '../dom';
import { t } from '../i18n';
import { Overlay } from '../overlay';
import { renderGaitEventsChart } from './charts';
import { errorText, fileSafe, showDateTime } from './util';

export interface SessionPanelDeps {
  db: GanglagDb;
  profile: Profile;
  /** All sessions of the profile, for the comparison picker. */
  sessions: readonly SessionRecord[];
  onChanged: () => void;
  onClose: () => void;
}

export const metricLabel = (id: MetricId): string => t(`progress.metric.${id}`);
export const metricUnit = (id: MetricId): string => t(`progress.unit.${id}`);

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

  const title = h(
    'h3',
    {},
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
        protocol: session.protocol,
        frames: session.analysis.quality.framesUsed,
        total: session.analysis.quality.framesTotal,
        scale: session.analysis.scale.method,
      }),
    ),
    editForm(session, deps, msg),
    msg,
    h(
      'div',
      { class: 'pg-session-grid' },
      h('div', {}, resultsTable(session), warnings(session)),
      poses ? replay(poses, video?.blob ?? null, disposers) : h('p', {}, t('progress.session.noPoses')),
    ),
  );

  if (session.analysis.gait && session.analysis.gait.steps.length > 0) {
    const canvas = h('canvas', { 'data-testid': 'pg-gait-events' });
    host.append(h('div', { class: 'pg-chart-box pg-chart-box-wide' }, canvas));
    const chart: Chart = renderGaitEventsChart(canvas, buildGaitEventsChart(session.analysis));
    disposers.push(() => chart.destroy());
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

function resultsTable(session: SessionRecord): HTMLElement {
  const body = h('tbody', {});
  for (const id of METRIC_IDS) {
    const v = metricValue(id, session.analysis);
    if (v === null) continue;
    body.append(
      h(
        'tr',
        { 'data-metric': id },
        h('th', { scope: 'row' }, metricLabel(id)),
        h('td', { class: 'num' }, formatMetric(id, v)),
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
  const gBody = h('tbody', {});
  for (const i of ind)
    gBody.append(
      h(
        'tr',
        { class: i.outside ? 'pg-outside' : '' },
        h('th', { scope: 'row' }, typeof i.label === 'string' && i.label ? i.label : i.id),
        h('td', { class: 'num' }, i.value === null ? '–' : String(i.value)),
        h('td', {}, i.unit),
        h('td', {}, i.reference),
        h('td', {}, i.outside ? t('progress.session.outside') : t('progress.session.within')),
      ),
    );
  return h(
    'div',
    {},
    table,
    h('table', { class: 'pg-table' }, h('caption', {}, t('progress.session.guarded')), gBody),
  );
}

function warnings(session: SessionRecord): HTMLElement | null {
  const w = session.analysis.quality.warnings;
  if (w.length === 0) return null;
  return h(
    'div',
    { class: 'pg-warnings' },
    h('strong', {}, t('progress.session.warnings')),
    h('ul', {}, ...w.map((x) => h('li', {}, x))),
  );
}

/** PoseFrameV1 (nullable tuples) as the overlay's PoseFrame (flat Float32Array, NaN where missing). */
function toPoseFrame(file: PosesFileV1, f: PoseFrameV1): PoseFrame {
  const n = keypointCount(file.skeleton);
  const kp = new Float32Array(n * 3).fill(Number.NaN);
  f.keypoints.forEach((k, i) => {
    if (!k) return;
    kp[i * 3] = k[0];
    kp[i * 3 + 1] = k[1];
    kp[i * 3 + 2] = k[2];
  });
  return {
    skeleton: file.skeleton,
    tMs: ms(f.tMs),
    inferenceMs: ms(0),
    width: file.width,
    height: file.height,
    poses: [{ keypoints: kp, score: 1 }],
  };
}

/** Index of the last frame at or before tMs (frames are in time order). */
function frameAt(frames: readonly PoseFrameV1[], tMs: number): number {
  let lo = 0;
  let hi = frames.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (frames[mid].tMs <= tMs) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function replay(file: PosesFileV1, clip: Blob | null, disposers: (() => void)[]): HTMLElement {
  const frames = file.frames;
  const canvas = h('canvas', { class: 'pg-replay-overlay', 'data-testid': 'pg-replay' });
  canvas.width = file.width;
  canvas.height = file.height;
  const overlay = new Overlay(canvas);
  const stage = h('div', { class: 'pg-replay-stage' });
  let video: HTMLVideoElement | null = null;
  if (clip) {
    const url = URL.createObjectURL(clip);
    disposers.push(() => URL.revokeObjectURL(url));
    video = h('video', { class: 'pg-replay-video', src: url, muted: true, playsinline: true });
    video.muted = true;
    video.dataset.testid = 'pg-replay-video';
    stage.append(video);
  }
  stage.append(canvas);
  const scrub = h('input', {
    type: 'range',
    min: 0,
    max: Math.max(0, frames.length - 1),
    step: 1,
    value: 0,
    'aria-label': t('progress.replay.scrub'),
    'data-testid': 'pg-scrub',
  });
  const clock = h('span', { class: 'pg-replay-time' });
  const t0 = frames[0]?.tMs ?? 0;
  let index = 0;
  const draw = (i: number) => {
    index = Math.max(0, Math.min(frames.length - 1, i));
    const f = frames[index];
    if (!f) return;
    overlay.draw(toPoseFrame(file, f), 0);
    scrub.value = String(index);
    clock.textContent = `${((f.tMs - t0) / 1000).toFixed(2)} s · ${index + 1}/${frames.length}`;
  };

  let raf = 0;
  let playing = false;
  const play = h('button', { type: 'button', 'data-testid': 'pg-play' }, t('progress.replay.play'));
  const stop = () => {
    playing = false;
    cancelAnimationFrame(raf);
    video?.pause();
    play.textContent = t('progress.replay.play');
  };
  const start = () => {
    if (frames.length === 0) return;
    if (index >= frames.length - 1) draw(0);
    playing = true;
    play.textContent = t('progress.replay.pause');
    const startWall = performance.now();
    const startMs = frames[index].tMs;
    if (video) {
      video.currentTime = frames[index].tMs / 1000;
      void video.play().catch(() => {});
    }
    const tick = () => {
      if (!playing) return;
      const tMs = video ? video.currentTime * 1000 : startMs + (performance.now() - startWall);
      draw(frameAt(frames, tMs));
      if (index >= frames.length - 1 || video?.ended) return stop();
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
  };
  play.addEventListener('click', () => (playing ? stop() : start()));
  scrub.addEventListener('input', () => {
    stop();
    draw(Number(scrub.value));
    if (video) video.currentTime = frames[index].tMs / 1000;
  });
  disposers.push(stop);
  draw(0);
  return h(
    'div',
    { class: 'pg-replay' },
    stage,
    h('div', { class: 'pg-replay-controls' }, play, scrub, clock),
    h('p', { class: 'hint' }, video ? t('progress.replay.withVideo') : t('progress.replay.posesOnly')),
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
    const body = h('tbody', {});
    for (const r of rows) {
      const diff = r.diff === null ? '' : `${r.diff > 0 ? '+' : ''}${formatMetric(r.metric, r.diff)}`;
      const verdict =
        r.meaningful === null
          ? t('progress.compare.noThreshold')
          : r.meaningful
            ? t('progress.compare.meaningful')
            : t('progress.compare.withinChange');
      body.append(
        h(
          'tr',
          { class: r.meaningful ? 'pg-meaningful' : '' },
          h('th', { scope: 'row' }, metricLabel(r.metric)),
          h('td', { class: 'num' }, formatMetric(r.metric, r.a)),
          h('td', { class: 'num' }, formatMetric(r.metric, r.b)),
          h('td', { class: 'num' }, diff),
          h('td', {}, metricUnit(r.metric)),
          h('td', {}, verdict),
        ),
      );
    }
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
