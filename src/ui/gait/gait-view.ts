// The Gait tab: the analysis of the current recording with units, definitions, guarded-gait indicators,
// passes, steps, and plots of the foot trajectories with the detected events.
import type { PassAnalysis } from '../../analysis/index';
import type { AnalysisV1, IndicatorV1 } from '../../shared/analysis-format';
import {
  isIndicatorId,
  renderIndicatorReference,
  renderIndicatorSummary,
  renderWarnings,
  warningsOf,
} from '../../shared/messages';
import type { PosesFileV1 } from '../../shared/poses-format';
import { appState, onActiveProfile, onRecording } from '../app-state';
import { clear, h } from '../dom';
import { getLang, onLangChange, t } from '../i18n';
import type { AppView } from '../view';
import { passesTable } from './passes-table';
import { fmt, raw } from './format';
import type { GuidedGaitPanel } from './guided-panel';
import { indicatorUnitKey, KEY_METRICS, metricRows, type MetricRow } from './metrics';
import { footPlots } from './plots';
import { gaitResult, heightFor, type GaitResult } from './results';

export class GaitView implements AppView {
  readonly id = 'gait';
  readonly label = 'nav.gait';
  readonly el: HTMLElement = h('section', { class: 'gait-view', 'data-testid': 'gait-view' });
  private plots: { destroy: () => void } | null = null;

  constructor(private readonly guided: GuidedGaitPanel) {
    guided.onOpenChange = () => this.refreshIfShown();
    onActiveProfile(() => this.refreshIfShown());
    onRecording(() => this.refreshIfShown());
    onLangChange(() => this.refreshIfShown());
  }

  onShow(): void {
    this.render();
  }

  private refreshIfShown(): void {
    if (this.el.isConnected) this.render();
  }

  private render(): void {
    this.plots?.destroy();
    this.plots = null;
    clear(this.el);
    if (this.guided.isOpen) {
      this.guided.mountStage(this.el);
      return;
    }
    this.el.append(
      h(
        'div',
        { class: 'gait-head' },
        h('h2', {}, t('gait.title')),
        h(
          'div',
          { class: 'gait-guided-cta' },
          h(
            'button',
            {
              type: 'button',
              class: 'primary',
              'data-testid': 'gait-guided-open',
              onclick: () => this.guided.open(),
            },
            t('gait.guided.open'),
          ),
          h('span', { class: 'muted' }, t('gait.guided.openHint')),
        ),
      ),
    );
    const rec = appState.recording;
    if (!rec) {
      this.el.append(h('p', { class: 'gait-empty', 'data-testid': 'gait-empty' }, t('gait.empty')));
      return;
    }
    const res = gaitResult(rec);
    const a = res.overall.result;
    this.el.append(this.sourceRow(rec, a), this.warnings(a));
    if (!a.gait) {
      this.el.append(h('p', { class: 'gait-empty', 'data-testid': 'gait-no-walk' }, t('gait.noWalk')));
      return;
    }
    const rows = metricRows(a);
    this.el.append(this.keyCards(rows), this.guarded(a));
    if (res.overall.plot) {
      const p = footPlots(res.overall.plot);
      this.plots = p;
      this.el.append(this.plotSection(p.el, res));
      p.mount();
    }
    this.el.append(
      h('div', { class: 'gait-columns' }, this.metricsTable(rows), this.stepsTable(a)),
      this.passesSection(res.passes),
    );
  }

  private sourceRow(rec: PosesFileV1, a: AnalysisV1): HTMLElement {
    const frames = rec.frames.length;
    const seconds = frames > 1 ? (rec.frames[frames - 1].tMs - rec.frames[0].tMs) / 1000 : 0;
    const height = h('input', {
      type: 'number',
      min: 0.5,
      max: 2.5,
      step: 0.01,
      value: heightFor(rec) ?? '',
      'data-testid': 'gait-view-height',
      onchange: (ev) => {
        const v = Number((ev.target as HTMLInputElement).value);
        appState.heightM = v >= 0.5 && v <= 2.5 ? v : undefined;
        this.render();
      },
    });
    const mpp = a.scale.metresPerPixel;
    const scaleText =
      a.scale.method === 'pixels'
        ? t('gait.scale.pixels')
        : t(`gait.scale.${a.scale.method}`, {
            height: fmt(heightFor(rec), 2),
            mm: fmt(mpp === null ? null : mpp * 1000, 2),
          });
    return h(
      'div',
      { class: 'gait-source' },
      h(
        'p',
        { class: 'muted' },
        t('gait.source', { name: rec.source?.name ?? '–', frames, seconds: fmt(seconds, 1) }),
      ),
      h('label', {}, t('gait.height'), ' ', height),
      h(
        'p',
        {
          class: a.scale.method === 'pixels' ? 'gait-scale pixels' : 'gait-scale',
          'data-testid': 'gait-scale',
          'data-method': a.scale.method,
        },
        scaleText,
      ),
    );
  }

  private warnings(a: AnalysisV1): HTMLElement | string {
    const list = renderWarnings(warningsOf(a.quality), getLang());
    if (list.length === 0) return '';
    return h(
      'div',
      { class: 'gait-warnings', role: 'note', 'data-testid': 'gait-warnings' },
      h('strong', {}, `⚠ ${t('gait.warnings')}`),
      h('ul', {}, ...list.map((w) => h('li', {}, w))),
    );
  }

  private keyCards(rows: MetricRow[]): HTMLElement {
    const cards = h('div', { class: 'gait-cards', 'aria-label': t('gait.key') });
    for (const id of KEY_METRICS) {
      const r = rows.find((x) => x.id === id);
      if (!r) continue;
      cards.append(
        h(
          'div',
          {
            class: 'gait-card',
            'data-testid': `gait-${r.id}`,
            'data-value': raw(r.value),
            title: t(`gait.d.${r.key}`),
          },
          h('span', { class: 'gait-card-label' }, t(`gait.m.${r.key}`)),
          h('span', { class: 'gait-card-value' }, fmt(r.value, r.digits)),
          h('span', { class: 'gait-card-unit' }, t(r.unit)),
        ),
      );
    }
    return cards;
  }

  private guarded(a: AnalysisV1): HTMLElement {
    const inds = a.guarded?.indicators ?? [];
    const value = (i: IndicatorV1): string => {
      const u = indicatorUnitKey(i.unit);
      const digits = i.unit === 'x height' ? 2 : i.unit === 'm/s' ? 2 : 1;
      return `${fmt(i.value, digits)} ${u ? t(u) : i.unit}`;
    };
    const name = (i: IndicatorV1): string => (isIndicatorId(i.id) ? t(`gait.ind.${i.id}`) : i.id);
    const definition = (i: IndicatorV1): string => (isIndicatorId(i.id) ? t(`gait.indd.${i.id}`) : '');
    const summary = renderIndicatorSummary(inds, getLang(), { scaled: a.scale.method !== 'pixels' });
    const body = h('tbody', {});
    for (const i of inds) {
      const status = i.value === null ? 'na' : i.outside ? 'outside' : 'within';
      body.append(
        h(
          'tr',
          { 'data-indicator': i.id, 'data-outside': String(i.outside) },
          h('th', { scope: 'row' }, name(i), h('span', { class: 'definition' }, definition(i))),
          h('td', { class: 'num' }, value(i)),
          h('td', { class: 'reference' }, renderIndicatorReference(i, getLang())),
          h('td', {}, h('span', { class: `badge ${status}` }, t(`gait.status.${status}`))),
        ),
      );
    }
    return h(
      'section',
      { class: 'gait-section gait-guarded', 'data-testid': 'gait-guarded' },
      h(
        'div',
        { class: 'gait-section-head' },
        h('h3', {}, t('gait.guarded.title')),
        h('span', { class: 'badge screening' }, t('gait.guarded.disclaimer')),
      ),
      h('p', { class: 'gait-summary', 'data-testid': 'gait-guarded-summary' }, summary),
      h(
        'table',
        { class: 'gait-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, t('gait.col.metric')),
            h('th', { class: 'num' }, t('gait.col.value')),
            h('th', {}, t('gait.col.reference')),
            h('th', {}, t('gait.col.status')),
          ),
        ),
        body,
      ),
      h('p', { class: 'muted small' }, t('gait.guarded.refNote')),
    );
  }

  private plotSection(plots: HTMLElement, res: GaitResult): HTMLElement {
    const plot = res.overall.plot;
    const method = plot ? t(`gait.method.${plot.method}`) : '';
    return h(
      'section',
      { class: 'gait-section' },
      h('h3', {}, t('gait.plot.title')),
      h('p', { class: 'muted small' }, t('gait.plot.explain', { method })),
      res.recording.skeleton === 'coco17' ? h('p', { class: 'muted small' }, t('gait.plot.coco')) : null,
      plots,
    );
  }

  private metricsTable(rows: MetricRow[]): HTMLElement {
    const body = h('tbody', {});
    for (const r of rows) {
      body.append(
        h(
          'tr',
          { 'data-metric': r.id, 'data-value': raw(r.value) },
          h(
            'th',
            { scope: 'row', title: t(`gait.d.${r.key}`) },
            t(`gait.m.${r.key}`),
            h('span', { class: 'definition' }, t(`gait.d.${r.key}`)),
          ),
          h(
            'td',
            { class: 'num' },
            r.value === null ? t('gait.na') : `${fmt(r.value, r.digits)} ${t(r.unit)}`,
          ),
        ),
      );
    }
    return h(
      'section',
      { class: 'gait-section', 'data-testid': 'gait-metrics' },
      h('h3', {}, t('gait.metrics')),
      h('table', { class: 'gait-table' }, body),
    );
  }

  private stepsTable(a: AnalysisV1): HTMLElement {
    const metres = a.scale.method !== 'pixels';
    const body = h('tbody', {});
    (a.gait?.steps ?? []).forEach((s, i) =>
      body.append(
        h(
          'tr',
          { 'data-foot': s.foot },
          h('td', { class: 'num' }, String(i + 1)),
          h('td', {}, h('span', { class: `foot-dot ${s.foot}` }), t(`gait.foot.${s.foot}`)),
          h('td', { class: 'num' }, fmt(s.tS, 2)),
          h('td', { class: 'num' }, metres ? `${fmt(s.lengthM, 2)} ${t('gait.u.m')}` : '–'),
          h('td', { class: 'num' }, fmt(s.timeS, 2)),
        ),
      ),
    );
    return h(
      'section',
      { class: 'gait-section', 'data-testid': 'gait-steps' },
      h('h3', {}, t('gait.steps.title')),
      h(
        'table',
        { class: 'gait-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { class: 'num' }, t('gait.steps.col.n')),
            h('th', {}, t('gait.steps.col.foot')),
            h('th', { class: 'num' }, t('gait.steps.col.t')),
            h('th', { class: 'num' }, t('gait.steps.col.length')),
            h('th', { class: 'num' }, t('gait.steps.col.time')),
          ),
        ),
        body,
      ),
      h('p', { class: 'muted small' }, t('gait.d.stepLength')),
    );
  }

  private passesSection(passes: PassAnalysis[]): HTMLElement {
    const section = h(
      'section',
      { class: 'gait-section', 'data-testid': 'gait-passes' },
      h('h3', {}, t('gait.passes.title')),
    );
    if (passes.length === 0) {
      section.append(h('p', { class: 'muted' }, t('gait.passes.none')));
      return section;
    }
    section.append(passesTable(passes));
    if (passes.length > 1) section.append(h('p', { class: 'muted small' }, t('gait.passes.note')));
    return section;
  }
}
