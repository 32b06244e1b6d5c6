// The standard clinical tests over time (issue 9): the 4-metre and 10-metre walk tests (speed, per pace) and the
// chair tests (five-times sit-to-stand and Timed Up and Go times, 30-second chair stand count), each charted with
// its published norm for the profile's age and sex at the session's date, and its values as a table where a
// result outside the norm carries a sign and words, not colour alone.
import type { Chart } from 'chart.js';
import { chairStandNorm, sts5Norm, TUG_FALL_RISK_S, tugNorm } from '../../../analysis/functional/norms';
import { walkSpeedNorm } from '../../../analysis/walk-test/norms';
import type { WalkPace } from '../../../shared/clinical-tests';
import type { Profile, SessionRecord } from '../../../storage';
import { h } from '../../dom';
import { t } from '../../i18n';
import type { ProgressController } from '../controller';
import { showDateTime, showNumber } from '../util';
import { dataTable } from './data-table';
import { lineChart, referenceLine, series, type Point } from './line-chart';

export const CLINICAL_CHARTS = ['walk-4m', 'walk-10m', 'sit-to-stand-5', 'chair-stand-30s', 'tug'] as const;
export type ClinicalChartId = (typeof CLINICAL_CHARTS)[number];

export interface ClinicalPoint {
  session: SessionRecord;
  value: number;
  /** Walk tests: the pace, from the protocol id ("walk-4m-fast"); comfortable unless it says fast. */
  pace: WalkPace | null;
}

/** The sessions holding a result of this test, oldest first. */
export function clinicalPoints(sessions: readonly SessionRecord[], id: ClinicalChartId): ClinicalPoint[] {
  const out: ClinicalPoint[] = [];
  for (const s of sessions) {
    const w = s.analysis.walkTest;
    const f = s.analysis.functional;
    if ((id === 'walk-4m' || id === 'walk-10m') && w?.test === id && w.speedMps !== null)
      out.push({
        session: s,
        value: w.speedMps,
        pace: s.protocol.endsWith('-fast') ? 'fast' : 'comfortable',
      });
    else if (f?.test === id) {
      const v = id === 'chair-stand-30s' ? f.count : f.timeS;
      if (v !== null && Number.isFinite(v)) out.push({ session: s, value: v, pace: null });
    }
  }
  return out.sort((a, b) => a.session.startedAt.localeCompare(b.session.startedAt));
}

/** The norm that applies to one result, in words, and how the result stands against it (with its sign). */
export function judgeClinical(
  id: ClinicalChartId,
  p: ClinicalPoint,
  profile: Pick<Profile, 'birthYear' | 'sex'>,
): { norm: string; status: string } {
  const age =
    profile.birthYear === null ? null : new Date(p.session.startedAt).getFullYear() - profile.birthYear;
  const sex = profile.sex === 'female' || profile.sex === 'male' ? profile.sex : null;
  const none = { norm: t('progress.clin.noNorm'), status: '' };
  if (age === null) return none;
  switch (id) {
    case 'walk-4m':
    case 'walk-10m': {
      const n = sex ? walkSpeedNorm(p.pace ?? 'comfortable', age, sex) : null;
      if (!n) return none;
      const norm = t('progress.clin.speedNorm', { mean: showNumber(n.meanMps, 2) });
      // The app's slow-gait threshold: 80 % of the comfortable-speed mean (src/analysis/guarded/thresholds).
      if (p.pace === 'fast') return { norm, status: '' };
      return {
        norm,
        status:
          p.value < 0.8 * n.meanMps ? `▼ ${t('progress.clin.under80')}` : `✓ ${t('progress.clin.atLeast80')}`,
      };
    }
    case 'sit-to-stand-5': {
      const n = sts5Norm(age);
      if (!n) return none;
      return {
        norm: t('progress.clin.sts5Norm', { s: showNumber(n.upperS, 1) }),
        status:
          p.value > n.upperS ? `▲ ${t('progress.clin.slowerThanAge')}` : `✓ ${t('progress.clin.withinAge')}`,
      };
    }
    case 'chair-stand-30s': {
      const n = sex ? chairStandNorm(age, sex) : null;
      if (!n) return none;
      return {
        norm: t('progress.clin.rangeNorm', { low: n.low, high: n.high }),
        status:
          p.value < n.low
            ? `▼ ${t('progress.clin.belowRange')}`
            : p.value > n.high
              ? `▲ ${t('progress.clin.aboveRange')}`
              : `✓ ${t('progress.clin.inRange')}`,
      };
    }
    case 'tug': {
      const n = tugNorm(age);
      const norm = n
        ? t('progress.clin.tugNorm', { mean: showNumber(n.meanS, 1), fall: showNumber(TUG_FALL_RISK_S, 1) })
        : t('progress.clin.tugFallOnly', { fall: showNumber(TUG_FALL_RISK_S, 1) });
      return {
        norm,
        status:
          p.value >= TUG_FALL_RISK_S
            ? `⚠ ${t('progress.clin.fallRisk')}`
            : `✓ ${t('progress.clin.underFall')}`,
      };
    }
  }
}

/** The reference line a chart draws: the norm for the profile at the latest result's date. */
function referenceFor(
  id: ClinicalChartId,
  latest: ClinicalPoint,
  profile: Profile,
): { label: string; y: number }[] {
  const age =
    profile.birthYear === null ? null : new Date(latest.session.startedAt).getFullYear() - profile.birthYear;
  const sex = profile.sex === 'female' || profile.sex === 'male' ? profile.sex : null;
  switch (id) {
    case 'walk-4m':
    case 'walk-10m': {
      const n = age !== null && sex ? walkSpeedNorm('comfortable', age, sex) : null;
      return n ? [{ label: t('progress.clin.normComfortable'), y: n.meanMps }] : [];
    }
    case 'sit-to-stand-5': {
      const n = age !== null ? sts5Norm(age) : null;
      return n ? [{ label: t('progress.clin.normUpper'), y: n.upperS }] : [];
    }
    case 'chair-stand-30s': {
      const n = age !== null && sex ? chairStandNorm(age, sex) : null;
      return n
        ? [
            { label: t('progress.clin.normLow'), y: n.low },
            { label: t('progress.clin.normHigh'), y: n.high },
          ]
        : [];
    }
    case 'tug':
      return [{ label: t('progress.clin.fallLine'), y: TUG_FALL_RISK_S }];
  }
}

const UNIT: Record<ClinicalChartId, 'mps' | 's' | 'count'> = {
  'walk-4m': 'mps',
  'walk-10m': 'mps',
  'sit-to-stand-5': 's',
  'chair-stand-30s': 'count',
  tug: 's',
};

/** Appends one chart per clinical test that has results; returns the charts for disposal. */
export function renderClinicalCharts(
  grid: HTMLElement,
  ctl: ProgressController,
  onOpen: (id: string) => void,
): Chart[] {
  const profile = ctl.current;
  if (!profile) return [];
  const charts: Chart[] = [];
  for (const id of CLINICAL_CHARTS) {
    const pts = clinicalPoints(ctl.sessions, id);
    if (pts.length === 0) continue;
    const title = t(`progress.clin.title.${id}`);
    const unit = t(`progress.clin.unit.${UNIT[id]}`);
    const digits = UNIT[id] === 'mps' ? 2 : UNIT[id] === 's' ? 1 : 0;
    const canvas = h('canvas', { role: 'img', 'aria-label': title, 'data-testid': `pg-chart-${id}` });
    const rows = pts.map((p) => {
      const j = judgeClinical(id, p, profile);
      return [
        showDateTime(p.session.startedAt),
        p.pace ? t(`progress.clin.pace.${p.pace}`) : '–',
        showNumber(p.value, digits),
        j.norm,
        j.status,
      ];
    });
    grid.append(
      h(
        'figure',
        { class: 'pg-chart-card' },
        h('div', { class: 'pg-chart-box' }, canvas),
        h('figcaption', {}, h('span', {}, t(`progress.clin.caption.${id}`))),
        dataTable({
          testId: `pg-table-${id}`,
          caption: title,
          columns: [
            { label: t('progress.field.dateTime') },
            { label: t('progress.clin.paceColumn') },
            { label: `${title} (${unit})`, numeric: true },
            { label: t('progress.clin.normColumn') },
            { label: t('progress.clin.statusColumn') },
          ],
          rows,
        }),
      ),
    );
    const toPoint = (p: ClinicalPoint): Point => ({
      x: Date.parse(p.session.startedAt),
      y: p.value,
      sessionId: p.session.id,
    });
    const xs = pts.map((p) => Date.parse(p.session.startedAt));
    const datasets =
      UNIT[id] === 'mps'
        ? [
            series(
              t('progress.clin.pace.comfortable'),
              pts.filter((p) => p.pace !== 'fast').map(toPoint),
              '#1f77b4',
              'circle',
              false,
            ),
            series(
              t('progress.clin.pace.fast'),
              pts.filter((p) => p.pace === 'fast').map(toPoint),
              '#d62728',
              'triangle',
              true,
            ),
          ].filter((d) => d.data.length > 0)
        : [series(title, pts.map(toPoint), '#1f77b4', 'circle', false)];
    for (const r of referenceFor(id, pts[pts.length - 1], profile))
      datasets.push(referenceLine(r.label, r.y, xs));
    charts.push(
      lineChart(
        canvas,
        title,
        `${title} (${unit})`,
        datasets,
        { min: 0, stepSize: digits === 0 ? 1 : undefined },
        onOpen,
      ),
    );
  }
  return charts;
}
