// Results of one clinical test: trials (timed or rejected with the reason), the protocol's result, the scale
// from the floor reference with its cross-check against the height, the chair tests' phases, and the norms.
import type { WalkNormSource } from '../../analysis/walk-test/norms';
import type { FunctionalPhaseV1, WalkPace } from '../../shared/clinical-tests';
import { renderWarnings, warningsOf } from '../../shared/messages';
import type { PosesFileV1 } from '../../shared/poses-format';
import { h } from '../dom';
import { fmt, raw } from '../gait/format';
import { getLang, t, type I18nKey } from '../i18n';
import { testWarnings, type Norm, type Outcome } from './logic';

const SOURCES: Record<WalkNormSource, string> = {
  'bohannon-andrews-2011': 'Bohannon & Andrews 2011',
  'bohannon-1997': 'Bohannon 1997',
};

function notesBox(lines: string[]): HTMLElement | null {
  if (lines.length === 0) return null;
  return h(
    'div',
    { class: 'gait-warnings ct-notes', role: 'note', 'data-testid': 'ct-notes' },
    h('strong', {}, `⚠ ${t('ct.res.notes')}`),
    h('ul', {}, ...lines.map((l) => h('li', {}, l))),
  );
}

function normText(norm: Norm | null, pace: WalkPace): string {
  if (!norm) return t('ct.res.normNone');
  switch (norm.kind) {
    case 'walk':
      return t('ct.res.normWalk', {
        sex: t(`ct.sex.${norm.norm.sex}`),
        min: norm.norm.minAge,
        max: norm.norm.maxAge,
        pace: t(`ct.pace.${pace}`),
        mean: fmt(norm.norm.meanMps, 2),
        source: SOURCES[norm.norm.source],
      });
    case 'sts5':
      return t('ct.res.normSts5', {
        min: norm.band.minAge,
        max: norm.band.maxAge,
        upper: fmt(norm.band.upperS, 1),
      });
    case 'chair':
      return t('ct.res.normChair', {
        sex: t(`ct.sex.${norm.band.sex}`),
        min: norm.band.minAge,
        max: norm.band.maxAge,
        low: norm.band.low,
        high: norm.band.high,
      });
    case 'tug':
      return t('ct.res.normTug', {
        min: norm.band.minAge,
        max: norm.band.maxAge,
        mean: fmt(norm.band.meanS, 1),
        low: fmt(norm.band.ciLowS, 1),
        high: fmt(norm.band.ciHighS, 1),
      });
  }
}

function phaseName(name: string): string {
  const m = /^(rise|sit)-(\d+)$/.exec(name);
  if (m) return t(m[1] === 'rise' ? 'ct.phase.rise-n' : 'ct.phase.sit-n', { n: m[2] });
  switch (name) {
    case 'rise':
    case 'walk-out':
    case 'turn':
    case 'walk-back':
    case 'sit':
      return t(`ct.phase.${name}`);
    default:
      return name;
  }
}

function phasesTable(phases: FunctionalPhaseV1[]): HTMLElement {
  const body = h('tbody', {});
  for (const p of phases)
    body.append(
      h(
        'tr',
        { 'data-phase': p.name },
        h('th', { scope: 'row' }, phaseName(p.name)),
        h('td', { class: 'num' }, fmt(p.startS, 2)),
        h('td', { class: 'num' }, fmt(p.endS, 2)),
        h('td', { class: 'num' }, fmt(p.endS - p.startS, 2)),
      ),
    );
  return h(
    'table',
    { class: 'gait-table', 'data-testid': 'ct-phases' },
    h('caption', {}, t('ct.res.phases')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, t('ct.res.col.phase')),
        h('th', { class: 'num' }, t('ct.res.col.start')),
        h('th', { class: 'num' }, t('ct.res.col.end')),
        h('th', { class: 'num' }, t('ct.res.col.time')),
      ),
    ),
    body,
  );
}

/** The results of `outcome` on `rec`. */
export function renderOutcome(outcome: Outcome, rec: PosesFileV1): HTMLElement {
  const lang = getLang();
  const out = h(
    'section',
    { class: 'ct-results', 'data-testid': 'ct-results', 'data-kind': outcome.kind },
    h('h4', {}, t('ct.res.title')),
    h(
      'p',
      { class: 'muted' },
      t('ct.res.source', { name: rec.source?.name ?? '–', frames: rec.frames.length }),
    ),
  );
  switch (outcome.kind) {
    case 'no-setup':
      out.append(h('p', { class: 'ct-error', 'data-testid': 'ct-no-setup' }, t('ct.panel.noSetup')));
      return out;
    case 'setup-mismatch':
      out.append(
        h(
          'p',
          { class: 'ct-error', 'data-testid': 'ct-setup-mismatch' },
          t('ct.setup.mismatch', {
            name: outcome.setup.name,
            setup: `${outcome.setup.frameWidthPx}×${outcome.setup.frameHeightPx}`,
            rec: `${rec.width}×${rec.height}`,
          }),
        ),
      );
      return out;
    case 'walk': {
      const wt = outcome.result.walkTest;
      if (!wt) return out;
      const rows: { startS: number; el: HTMLElement }[] = [];
      wt.trials.forEach((tr) =>
        rows.push({
          startS: tr.startS,
          el: h(
            'tr',
            {
              'data-trial': 'accepted',
              'data-time': raw(tr.timeS),
              'data-speed': raw(tr.speedMps),
              'data-direction': tr.direction,
            },
            h('td', {}, ''),
            h('td', {}, t(`ct.dir.${tr.direction}`)),
            h('td', { class: 'num' }, fmt(tr.startS, 2)),
            h('td', { class: 'num' }, fmt(tr.endS, 2)),
            h('td', { class: 'num' }, fmt(tr.timeS, 2)),
            h('td', { class: 'num' }, fmt(tr.speedMps, 2)),
            h('td', {}, h('span', { class: 'badge within' }, t('ct.res.accepted'))),
          ),
        }),
      );
      for (const r of outcome.rejected)
        rows.push({
          startS: r.startS,
          el: h(
            'tr',
            { 'data-trial': 'rejected', 'data-reason': r.reason, 'data-direction': r.direction },
            h('td', {}, ''),
            h('td', {}, t(`ct.dir.${r.direction}`)),
            h('td', { class: 'num' }, fmt(r.startS, 2)),
            h('td', { class: 'num' }, '–'),
            h('td', { class: 'num' }, '–'),
            h('td', { class: 'num' }, '–'),
            h(
              'td',
              {},
              h(
                'span',
                { class: 'badge outside' },
                t('ct.res.rejected', { reason: t(`ct.reason.${r.reason}`) }),
              ),
            ),
          ),
        });
      rows.sort((a, b) => a.startS - b.startS);
      const body = h('tbody', {});
      rows.forEach((r, i) => {
        (r.el.firstChild as HTMLElement).textContent = String(i + 1);
        body.append(r.el);
      });
      const summary =
        wt.speedMps === null
          ? t('ct.res.none')
          : outcome.test === 'walk-4m'
            ? t('ct.res.best.walk-4m', {
                time: fmt(wt.bestTimeS, 2),
                zone: fmt(wt.zoneM, 2),
                speed: fmt(wt.speedMps, 2),
              })
            : t('ct.res.best.walk-10m', {
                n: wt.trials.length,
                time: fmt(outcome.meanTimeS, 2),
                zone: fmt(wt.zoneM, 2),
                speed: fmt(wt.speedMps, 2),
              });
      const mpp = outcome.result.scale.metresPerPixel;
      const method = outcome.result.scale.method;
      const scale =
        method === 'pixels'
          ? t('gait.scale.pixels')
          : t(`gait.scale.${method}`, { height: '–', mm: fmt(mpp === null ? null : mpp * 1000, 2) });
      const notes = renderWarnings(testWarnings(warningsOf(outcome.result.quality)), lang);
      out.append(
        h(
          'p',
          {
            class: 'ct-summary',
            'data-testid': 'ct-summary',
            'data-speed': raw(wt.speedMps),
            'data-best': raw(wt.bestTimeS),
          },
          summary,
        ),
        h('p', { class: 'muted', 'data-testid': 'ct-scale', 'data-method': method }, scale),
        notesBox(notes) ?? '',
        h(
          'table',
          { class: 'gait-table', 'data-testid': 'ct-trials' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...(
                [
                  'ct.res.col.trial',
                  'ct.res.col.direction',
                  'ct.res.col.start',
                  'ct.res.col.end',
                  'ct.res.col.time',
                  'ct.res.col.speed',
                  'ct.res.col.result',
                ] as const satisfies readonly I18nKey[]
              ).map((k) => h('th', {}, t(k))),
            ),
          ),
          body,
        ),
        h('p', { class: 'ct-norm', 'data-testid': 'ct-norm' }, normText(outcome.norm, outcome.pace)),
      );
      return out;
    }
    case 'functional': {
      const f = outcome.result.functional;
      if (!f) return out;
      const lines: string[] = [];
      if (f.timeS !== null) lines.push(t('ct.res.time', { time: fmt(f.timeS, 2) }));
      if (f.count !== null) lines.push(t('ct.res.count', { n: f.count }));
      out.append(
        h(
          'p',
          {
            class: 'ct-summary',
            'data-testid': 'ct-summary',
            'data-time': raw(f.timeS),
            'data-count': raw(f.count),
          },
          lines.join(' · ') || t('ct.res.none'),
        ),
        notesBox(renderWarnings(testWarnings(warningsOf(outcome.result.quality)), lang)) ?? '',
        f.phases.length ? phasesTable(f.phases) : '',
        h('p', { class: 'ct-norm', 'data-testid': 'ct-norm' }, normText(outcome.norm, 'comfortable')),
      );
      return out;
    }
  }
}
