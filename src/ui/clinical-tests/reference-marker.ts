// Marking a floor reference on a still frame: click or tap two points, or choose a point and move it with the
// arrow keys. The canvas holds the frame at its own pixel size, so points are in the frame's pixels.
import { clear, h } from '../dom';
import { t } from '../i18n';
import { nudge, toFramePoint, type Point } from './logic';

export class ReferenceMarker {
  readonly el: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  private readonly still: HTMLCanvasElement = document.createElement('canvas');
  private readonly pointsRow: HTMLElement;
  private readonly help: HTMLElement;
  private hasStill = false;
  /** The frame's size: of the still, or of a setup shown without one. */
  private size: { width: number; height: number } | null = null;
  points: [Point | null, Point | null] = [null, null];
  selected: 0 | 1 = 0;
  /** Called whenever a point moves. */
  onChange: () => void = () => {};

  constructor() {
    this.canvas = h('canvas', {
      class: 'ct-canvas',
      // A picture to click on; keyboard users move the points through the point buttons below it.
      role: 'img',
      'data-testid': 'ct-canvas',
      width: 640,
      height: 360,
    });
    this.canvas.addEventListener('click', (ev) => this.onClick(ev));
    this.help = h('p', { class: 'ct-help', id: 'ct-mark-help' });
    this.pointsRow = h('div', { class: 'ct-points', role: 'group' });
    this.el = h('div', { class: 'ct-marker' }, this.help, this.canvas, this.pointsRow);
    this.render();
  }

  get frame(): { width: number; height: number } | null {
    return this.size;
  }

  /** Whether the frame shows a picture (a setup shown after a reload has only its size). */
  get hasPicture(): boolean {
    return this.hasStill;
  }

  /** A dark frame of the given size: a saved setup's marks can be shown and changed before a still is taken. */
  setBlank(width: number, height: number): void {
    this.canvas.width = width;
    this.canvas.height = height;
    this.size = { width, height };
    this.draw();
  }

  /** Draws `source` (w×h px) as the still frame; the points stay where they were. */
  setStill(source: CanvasImageSource, width: number, height: number): void {
    this.still.width = width;
    this.still.height = height;
    this.still.getContext('2d')?.drawImage(source, 0, 0, width, height);
    this.canvas.width = width;
    this.canvas.height = height;
    this.hasStill = true;
    this.size = { width, height };
    this.draw();
  }

  setPoints(p1: Point | null, p2: Point | null): void {
    this.points = [p1, p2];
    this.selected = p1 && !p2 ? 1 : 0;
    this.render();
  }

  /** Texts (language) and the point buttons. */
  render(): void {
    this.help.textContent = t('ct.mark.help');
    this.canvas.setAttribute('aria-label', t('ct.mark.canvas'));
    this.canvas.setAttribute('aria-describedby', 'ct-mark-help');
    this.pointsRow.setAttribute('aria-label', t('ct.mark.help'));
    clear(this.pointsRow);
    for (const i of [0, 1] as const) {
      const p = this.points[i];
      const label = p
        ? t('ct.mark.pointAt', { n: i + 1, x: p.x, y: p.y })
        : t('ct.mark.pointUnset', { n: i + 1 });
      const b = h(
        'button',
        {
          type: 'button',
          class: this.selected === i ? 'ct-point selected' : 'ct-point',
          'aria-pressed': String(this.selected === i),
          'data-testid': `ct-point-${i + 1}`,
          'data-x': p ? p.x : '',
          'data-y': p ? p.y : '',
          onclick: () => {
            this.selected = i;
            this.render();
            this.pointsRow.querySelector<HTMLElement>(`[data-testid=ct-point-${i + 1}]`)?.focus();
          },
        },
        label,
      );
      b.addEventListener('keydown', (ev) => this.onKey(ev));
      this.pointsRow.append(b);
    }
    this.pointsRow.append(
      h(
        'button',
        {
          type: 'button',
          'data-testid': 'ct-clear-points',
          onclick: () => {
            this.setPoints(null, null);
            this.onChange();
          },
        },
        t('ct.mark.clear'),
      ),
    );
    this.draw();
  }

  private onClick(ev: MouseEvent): void {
    const f = this.frame;
    if (!f) return;
    const p = toFramePoint(ev.clientX, ev.clientY, this.canvas.getBoundingClientRect(), f.width, f.height);
    this.points[this.selected] = p;
    // While the other point is unmarked, the next click marks it; then clicks move the chosen point.
    const other = this.selected === 0 ? 1 : 0;
    if (!this.points[other]) this.selected = other;
    this.afterMove(false);
  }

  private onKey(ev: KeyboardEvent): void {
    const f = this.frame;
    if (!f) return;
    if (ev.key === '1' || ev.key === '2') {
      this.selected = ev.key === '1' ? 0 : 1;
      this.afterMove(true);
      ev.preventDefault();
      return;
    }
    const from = this.points[this.selected] ?? { x: f.width / 2, y: f.height / 2 };
    const p = nudge(from, ev.key, ev.shiftKey, f.width, f.height);
    if (!p) return;
    ev.preventDefault();
    this.points[this.selected] = p;
    this.afterMove(true);
  }

  private afterMove(keepFocus: boolean): void {
    const focused = document.activeElement as HTMLElement | null;
    const testid = focused?.dataset.testid;
    this.render();
    if (keepFocus && testid) this.el.querySelector<HTMLElement>(`[data-testid=${testid}]`)?.focus();
    this.onChange();
  }

  /** The still frame with the two marks and the line between them. */
  draw(): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const { width, height } = this.canvas;
    ctx.clearRect(0, 0, width, height);
    if (this.hasStill) ctx.drawImage(this.still, 0, 0);
    else {
      ctx.fillStyle = '#333';
      ctx.fillRect(0, 0, width, height);
    }
    const r = Math.max(4, width / 150);
    const [a, b] = this.points;
    ctx.lineWidth = Math.max(2, width / 500);
    if (a && b) {
      ctx.strokeStyle = '#ffd400';
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.stroke();
    }
    ctx.font = `bold ${Math.round(r * 3)}px system-ui, sans-serif`;
    this.points.forEach((p, i) => {
      if (!p) return;
      ctx.fillStyle = i === this.selected ? '#ff3b30' : '#ffd400';
      ctx.strokeStyle = '#000';
      ctx.beginPath();
      ctx.arc(p.x, p.y, r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
      ctx.fillText(String(i + 1), p.x + r * 1.5, p.y - r * 1.5);
    });
  }
}
