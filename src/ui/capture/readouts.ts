// The capture view's readouts: frames and people in view are always shown; the technical ones (fps, inference
// time, dropped frames, model, backend) sit behind a closed "Details" toggle. Values are written as text into
// persistent nodes at most ~5 times a second (no per-frame DOM churn).
import type { PipelineMetrics } from '../../capture/session';
import { clear, h } from '../dom';
import { t, type I18nKey } from '../i18n';

const BASIC = ['frames', 'people'] as const;
const TECHNICAL = ['fps', 'inference', 'dropped', 'model', 'backend'] as const;
type ReadoutKey = (typeof BASIC)[number] | (typeof TECHNICAL)[number];

export class Readouts {
  readonly el: HTMLElement;
  private readonly basic = h('dl', { class: 'readouts', 'data-testid': 'readouts-basic' });
  private readonly technical = h('dl', { class: 'readouts', 'data-testid': 'readouts' });
  private readonly details = h('details', { class: 'capture-details', 'data-testid': 'details' });
  private readonly cells = new Map<ReadoutKey, HTMLElement>();
  private lastT = 0;

  constructor() {
    this.el = h('div', { class: 'readouts-row' }, this.basic, this.details);
  }

  /** (Re)builds the labels in the current language; the details stay open or closed as they were. */
  render(): void {
    clear(this.details);
    this.details.append(h('summary', {}, t('capture.details')), this.technical);
    this.cells.clear();
    this.fill(this.basic, BASIC);
    this.fill(this.technical, TECHNICAL);
    this.lastT = 0;
  }

  private fill(dl: HTMLElement, keys: readonly ReadoutKey[]): void {
    clear(dl);
    for (const k of keys) {
      const dd = h('dd', {});
      this.cells.set(k, dd);
      dl.append(h('div', { 'data-readout': k }, h('dt', {}, t(`readout.${k}` as I18nKey)), dd));
    }
  }

  private set(k: ReadoutKey, v: string): void {
    const el = this.cells.get(k);
    if (el && el.textContent !== v) el.textContent = v;
  }

  update(m: PipelineMetrics, people: number, fallbackModel: string, force = false): void {
    const now = performance.now();
    if (!force && now - this.lastT < 200) return;
    this.lastT = now;
    this.set('fps', m.fps.toFixed(1));
    this.set('inference', `${m.inferenceMs.toFixed(1)} ms`);
    this.set('dropped', String(m.dropped));
    this.set('frames', String(m.framesAnalysed));
    this.set('people', String(people));
    this.set('model', m.model || fallbackModel);
    this.set('backend', m.backend || '–');
  }
}
