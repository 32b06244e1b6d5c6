// The Gait tab: the analysis of the current recording with units, definitions, guarded-gait indicators,
// passes, steps, and plots of the foot trajectories with the detected events.
import type { AnalysisV1, IndicatorV1 } from '../../shared/analysis-format';
import {
  isIndicatorId,
  renderIndicatorReference,
  renderIndicatorSummary,
  renderWarnings,
  warningsOf,
} from '../../shared/messages';
import { isModelId, MODEL_NAMES } from '../../shared/models';
import type { PosesFileV1 } from '../../shared/poses-format';
import { appState, onActiveProfile, onRecording } from '../app-state';
import { inUseSetup, loadInUseSetup, onInUseSetupChange } from '../clinical-tests/setup-store';
import { clear, h } from '../dom';
import { heightInput } from '../height-input';
import { getLang, onLangChange, t } from '../i18n';
import { savePanel } from '../save/save-panel';
import type { AppView } from '../view';
import { passesTable } from './passes-table';
import { fmt, raw } from './format';
import type { GuidedGaitPanel } from './guided-panel';
import { indicatorUnitKey, KEY_METRICS, metricRows, type MetricRow } from './metrics';
import { footPlots } from './plots';
import { gaitResult, heightFor, PROTOCOL, type GaitResult } from './results';
import { leftOutSteps, stepRows } from './rows';

/** Status of an indicator: a word and a shape, so colour is never the only signal (issue 13). */
const STATUS_MARK = { outside: '✕', within: '✓', na: '–', cannot: '?' } as const;

export class GaitView implements AppView {
  readonly id = 'gait';
  readonly label = 'nav.gait';
  readonly el: HTMLElement = h('section', { class: 'gait-view', 'data-testid': 'gait-view' });
  private plots: { destroy: () => void } | null = null;

  /** The start page's "Record a gait test" opens the guided test directly. */
  startGuided(): void {
    this.guided.open();
  }

  constructor(private readonly guided: GuidedGaitPanel) {
    guided.onOpenChange = () => this.refreshIfShown();
    guided.onResult = () => this.refreshIfShown();
    onActiveProfile(() => this.refreshIfShown());
    onRecording(() => this.refreshIfShown());
    onLangChange(() => this.refreshIfShown());
    // The floor reference of the camera setup in use scales the gait result (issue 9 item 1).
    onInUseSetupChange(() => this.refreshIfShown());
  }

  onShow(): void {
    void loadInUseSetup();
    this.render();
  }

  private refreshIfShown(): void {
    if (this.el.isConnected) this.render();
  }

  private render(): void {
    this.plots?.destroy();
    this.plots = null;
    if (this.guided.isOpen) {
      this.renderGuided();
      return;
    }
    clear(this.el);
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
    this.renderResults(rec, this.el, true);
  }

  /**
   * The guided test: the capture view (video and its controls, the panel beside it) and, once a recording is
   * analysed, its full results below at the page's width. The stage stays in place, so the video is not
   * re-attached (which would pause it) when only the results change.
   */
  private renderGuided(): void {
    const stage = this.guided.stage;
    if (stage.parentElement !== this.el) {
      clear(this.el);
      this.el.append(stage);
    }
    for (const el of [...this.el.children]) if (el !== stage) el.remove();
    const rec = this.guided.result;
    if (!rec) return;
    const box = h('div', { class: 'gait-guided-full', 'data-testid': 'gait-guided-full' });
    this.el.append(box);
    this.renderResults(rec, box, false);
  }

  /** Every result of one recording into `host`: the engine's numbers only, and a save-in-place panel. */
  private renderResults(rec: PosesFileV1, host: HTMLElement, heightField: boolean): void {
    const res = gaitResult(rec);
    const a = res.overall.result;
    host.append(this.sourceRow(rec, a, heightField), this.warnings(a));
    if (!a.gait) {
      host.append(h('p', { class: 'gait-empty', 'data-testid': 'gait-no-walk' }, t('gait.noWalk')));
      return;
    }
    const rows = metricRows(a);
    host.append(
      this.keyCards(rows),
      savePanel({ recording: rec, analysis: a, kind: 'gait', protocol: PROTOCOL }, this.guided.context),
      this.guarded(a),
    );
    if (res.overall.plot) {
      const p = footPlots(res.overall.plot);
      this.plots = p;
      host.append(this.plotSection(p.el, res));
      p.mount();
    }
    host.append(
      h('div', { class: 'gait-columns' }, this.metricsTable(rows), this.stepsTable(a)),
      this.passesSection(a),
    );
  }

  /** Where the numbers come from; `heightField` only where the capture view's own field is not on screen. */
  private sourceRow(rec: PosesFileV1, a: AnalysisV1, heightField: boolean): HTMLElement {
    const frames = rec.frames.length;
    const seconds = frames > 1 ? (rec.frames[frames - 1].tMs - rec.frames[0].tMs) / 1000 : 0;
    const height = heightInput('gait-view-height', () => this.render());
    if (appState.heightM === undefined && rec.subject.heightM !== undefined)
      height.value = String(rec.subject.heightM);
    const mpp = a.scale.metresPerPixel;
    const scaleText =
      a.scale.method === 'pixels'
        ? t('gait.scale.pixels')
        : t(`gait.scale.${a.scale.method}`, {
            height: fmt(heightFor(rec), 2),
            mm: fmt(mpp === null ? null : mpp * 1000, 2),
            setup: inUseSetup()?.name ?? '–',
          });
    return h(
      'div',
      { class: 'gait-source' },
      h(
        'p',
        { class: 'muted' },
        t('gait.source', {
          name: rec.source?.name ?? '–',
          frames,
          seconds: fmt(seconds, 1),
          // The same walk measured by two models differs by a few %: the model is part of the result.
          model: isModelId(rec.source?.model) ? MODEL_NAMES[rec.source.model] : '–',
        }),
      ),
      heightField ? h('label', {}, t('gait.height'), ' ', height) : null,
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
      const status =
        i.value === null
          ? 'na'
          : i.outside
            ? 'outside'
            : i.judgement === 'cannot-judge'
              ? 'cannot'
              : 'within';
      const why =
        status === 'cannot' &&
        (i.judgementReason === 'measurement-noise' || i.judgementReason === 'one-side-view')
          ? t(`gait.cannot.${i.judgementReason}`)
          : '';
      body.append(
        h(
          'tr',
          {
            'data-indicator': i.id,
            'data-outside': String(i.outside),
            'data-reference': i.referenceCode?.code,
          },
          h('th', { scope: 'row' }, name(i), h('span', { class: 'definition' }, definition(i))),
          h('td', { class: 'num' }, value(i)),
          h('td', { class: 'reference' }, renderIndicatorReference(i, getLang())),
          h(
            'td',
            {},
            h(
              'span',
              { class: `badge ${status}`, 'data-status': status },
              `${STATUS_MARK[status]} ${t(`gait.status.${status}`)}`,
            ),
            why ? h('span', { class: 'definition' }, why) : null,
          ),
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

  /** The steps of the overall result, numbered as counted, and the strikes left out, with why. */
  private stepsTable(a: AnalysisV1): HTMLElement {
    const metres = a.scale.method !== 'pixels';
    const body = h('tbody', {});
    for (const r of stepRows(a)) {
      if (r.kind === 'step') {
        const s = r.step;
        body.append(
          h(
            'tr',
            { 'data-foot': s.foot, 'data-step': r.n },
            h('td', { class: 'num' }, String(r.n)),
            h('td', {}, h('span', { class: `foot-dot ${s.foot}` }), t(`gait.foot.${s.foot}`)),
            h('td', { class: 'num' }, fmt(s.tS, 2)),
            h('td', { class: 'num' }, metres ? `${fmt(s.lengthM, 2)} ${t('gait.u.m')}` : '–'),
            h('td', { class: 'num' }, fmt(s.timeS, 2)),
          ),
        );
        continue;
      }
      const w = r.why;
      const why =
        w.reason === 'time'
          ? t('gait.steps.why.time', { timeS: fmt(w.timeS, 2), minS: fmt(w.minTimeS, 2) })
          : w.minPctHeight === null
            ? t('gait.steps.why.lengthNoHeight', {
                length: fmt(w.length, w.unit === 'm' ? 2 : 0),
                unit: t(w.unit === 'm' ? 'gait.u.m' : 'gait.u.px'),
              })
            : t('gait.steps.why.length', {
                length: fmt(w.length, w.unit === 'm' ? 2 : 0),
                unit: t(w.unit === 'm' ? 'gait.u.m' : 'gait.u.px'),
                pct: w.minPctHeight,
              });
      body.append(
        h(
          'tr',
          { class: 'left-out', 'data-foot': r.foot, 'data-left-out': w.reason },
          h('td', { class: 'num' }, '✕'),
          h('td', {}, h('span', { class: `foot-dot ${r.foot}` }), t(`gait.foot.${r.foot}`)),
          h('td', { class: 'num' }, fmt(r.tS, 2)),
          h('td', { colspan: 2 }, h('strong', {}, `${t('gait.steps.leftOut')}: `), why),
        ),
      );
    }
    const leftOut = leftOutSteps(a).length;
    return h(
      'section',
      { class: 'gait-section', 'data-testid': 'gait-steps' },
      h('h3', {}, t('gait.steps.title')),
      h(
        'p',
        { class: 'muted small', 'data-testid': 'gait-steps-count', 'data-steps': a.gait?.steps.length ?? 0 },
        t('gait.steps.count', { n: a.gait?.steps.length ?? 0 }),
        leftOut ? ` ${t('gait.steps.leftOutCount', { n: leftOut })}` : '',
      ),
      h(
        'table',
        { class: 'gait-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { class: 'num', scope: 'col' }, t('gait.steps.col.n')),
            h('th', { scope: 'col' }, t('gait.steps.col.foot')),
            h('th', { class: 'num', scope: 'col' }, t('gait.steps.col.t')),
            h('th', { class: 'num', scope: 'col' }, t('gait.steps.col.length')),
            h('th', { class: 'num', scope: 'col' }, t('gait.steps.col.time')),
          ),
        ),
        body,
      ),
      h('p', { class: 'muted small' }, t('gait.d.stepLength')),
    );
  }

  private passesSection(a: AnalysisV1): HTMLElement {
    const section = h(
      'section',
      { class: 'gait-section', 'data-testid': 'gait-passes' },
      h('h3', {}, t('gait.passes.title')),
    );
    const table = (a.gait?.passes?.length ?? 0) > 0 ? passesTable(a) : null;
    if (!table) {
      section.append(h('p', { class: 'muted' }, t('gait.passes.none')));
      return section;
    }
    section.append(table, h('p', { class: 'muted small' }, t('gait.passes.overallHint')));
    return section;
  }
}
