// The live gauge: trunk angle on a dial with the held end range, fingertip-to-floor on a bar; redrawn every frame.
import { h } from '../dom';
import { t } from '../i18n';
import type { SpinePhase } from '../../analysis/spine/index';

export interface GaugeState {
  /** Current trunk angle in the test's direction, deg; NaN when unknown. */
  trunkDeg: number;
  /** End range held for the current or last repetition, deg. */
  heldDeg: number;
  /** Fingertip height above the floor, cm, and its lowest value this repetition; NaN when unknown. */
  fingertipCm: number;
  heldFingertipCm: number;
  phase: SpinePhase;
  /** Whether a height is known (without it fingertip-to-floor cannot be measured). */
  hasHeight: boolean;
  reps: number;
  totalReps: number;
}

export interface GaugeOptions {
  /** Dial end, deg. */
  maxDeg: number;
  /** Which way the dial opens (flexion draws forward to the right, extension backward to the left). */
  direction: 1 | -1;
  /** Forward flexion shows the fingertip-to-floor bar. */
  fingertip: boolean;
}

const W = 300;
const H = 176;
/** Fingertip bar range, cm above (and below) the floor. */
const TIP_MAX_CM = 80;
const TIP_MIN_CM = -20;

/** Rounded value with its unit ("96°", "11 cm"); a dash when unknown. */
const fmt = (x: number, unit: string): string => {
  if (!Number.isFinite(x)) return '–';
  const v = String(Math.round(x));
  return unit === '°' || unit === '' ? `${v}${unit}` : `${v} ${unit}`;
};

export class SpineGauge {
  readonly el: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D | null;
  private readonly trunkOut: HTMLElement;
  private readonly heldOut: HTMLElement;
  private readonly tipOut: HTMLElement;
  private readonly phaseOut: HTMLElement;
  private readonly repOut: HTMLElement;
  private readonly opts: GaugeOptions;

  constructor(opts: GaugeOptions) {
    this.opts = opts;
    this.canvas = h('canvas', { class: 'spine-gauge-canvas', role: 'img', 'data-testid': 'spine-gauge' });
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    this.canvas.width = W * dpr;
    this.canvas.height = H * dpr;
    this.ctx = this.canvas.getContext('2d');
    this.ctx?.scale(dpr, dpr);
    const cell = (label: string, out: HTMLElement): HTMLElement =>
      h('div', { class: 'spine-readout' }, h('span', { class: 'label' }, label), out);
    this.trunkOut = h('strong', { 'data-testid': 'spine-trunk' }, '–');
    this.heldOut = h('strong', { 'data-testid': 'spine-held' }, '–');
    this.tipOut = h('strong', { 'data-testid': 'spine-fingertip' }, '–');
    this.phaseOut = h('span', { class: 'spine-phase', 'data-testid': 'spine-phase' });
    this.repOut = h('strong', { 'data-testid': 'spine-reps' }, '0');
    const cells = h(
      'div',
      { class: 'spine-readouts' },
      cell(t('spine.gauge.trunk'), this.trunkOut),
      cell(t('spine.gauge.held'), this.heldOut),
      opts.fingertip ? cell(t('spine.gauge.fingertip'), this.tipOut) : null,
      cell(t('spine.gauge.rep'), this.repOut),
    );
    this.el = h('div', { class: 'spine-gauge' }, this.canvas, cells, this.phaseOut);
  }

  update(s: GaugeState): void {
    setText(this.trunkOut, fmt(s.trunkDeg, '°'));
    setText(this.heldOut, fmt(s.heldDeg, '°'));
    setText(this.tipOut, s.hasHeight ? fmt(s.fingertipCm, 'cm') : t('spine.gauge.noHeight'));
    setText(this.repOut, `${s.reps} / ${s.totalReps}`);
    setText(this.phaseOut, t(`spine.phase.${s.phase}`));
    this.phaseOut.dataset.phase = s.phase;
    this.canvas.setAttribute(
      'aria-label',
      t('spine.gauge.label', {
        deg: fmt(s.trunkDeg, ''),
        held: fmt(s.heldDeg, ''),
        cm: fmt(s.fingertipCm, ''),
      }),
    );
    this.draw(s);
  }

  /** Nobody is followed: no reading at all (a dash, no phase, an empty dial), so nothing suggests a pose. */
  clearReading(): void {
    setText(this.trunkOut, '–');
    setText(this.heldOut, '–');
    setText(this.tipOut, '–');
    setText(this.phaseOut, '');
    this.phaseOut.dataset.phase = 'none';
    this.canvas.setAttribute('aria-label', t('spine.gauge.nobody'));
    this.ctx?.clearRect(0, 0, W, H);
  }

  private draw(s: GaugeState): void {
    const c = this.ctx;
    if (!c) return;
    const o = this.opts;
    c.clearRect(0, 0, W, H);
    const px = o.fingertip ? (o.direction > 0 ? 70 : 150) : W / 2 - (o.direction > 0 ? 50 : -50);
    const py = 110;
    const r = 86;
    const dir = o.direction;
    // Angle from vertical (deg) to canvas radians, opening toward `dir`.
    const ang = (deg: number): number =>
      -Math.PI / 2 + (dir * Math.max(-20, Math.min(o.maxDeg, deg)) * Math.PI) / 180;
    const at = (deg: number, rr: number): [number, number] => {
      const a = ang(deg);
      return [px + rr * Math.cos(a), py + rr * Math.sin(a)];
    };
    // Track, ticks and the vertical reference.
    c.lineWidth = 12;
    c.lineCap = 'butt';
    c.strokeStyle = '#334155';
    arc(c, px, py, r, ang(0), ang(o.maxDeg), dir);
    c.font = '11px system-ui, sans-serif';
    c.fillStyle = '#94a3b8';
    c.textAlign = 'center';
    c.textBaseline = 'middle';
    const step = o.maxDeg > 60 ? 30 : 15;
    for (let d = 0; d <= o.maxDeg; d += step) {
      const [x, y] = at(d, r + 16);
      c.fillText(`${d}°`, x, y);
    }
    c.setLineDash([4, 4]);
    c.lineWidth = 1;
    c.strokeStyle = '#64748b';
    line(c, px, py, px, py - r - 4);
    c.setLineDash([]);
    if (Number.isFinite(s.trunkDeg)) {
      if (s.trunkDeg > 0) {
        c.lineWidth = 12;
        c.strokeStyle = '#22d3ee';
        arc(c, px, py, r, ang(0), ang(s.trunkDeg), dir);
      }
      // The trunk itself: hip pivot to shoulders, with the head.
      const [sx, sy] = at(s.trunkDeg, r - 22);
      c.lineWidth = 6;
      c.lineCap = 'round';
      c.strokeStyle = '#e2e8f0';
      line(c, px, py, sx, sy);
      const [hx, hy] = at(s.trunkDeg, r - 8);
      c.fillStyle = '#e2e8f0';
      c.beginPath();
      c.arc(hx, hy, 7, 0, 2 * Math.PI);
      c.fill();
    }
    if (Number.isFinite(s.heldDeg)) {
      const [x0, y0] = at(s.heldDeg, r - 9);
      const [x1, y1] = at(s.heldDeg, r + 9);
      c.lineWidth = 3;
      c.lineCap = 'butt';
      c.strokeStyle = '#fbbf24';
      line(c, x0, y0, x1, y1);
    }
    c.fillStyle = '#e2e8f0';
    c.beginPath();
    c.arc(px, py, 5, 0, 2 * Math.PI);
    c.fill();
    if (o.fingertip) this.drawTip(c, s, o.direction > 0 ? 250 : 40);
  }

  private drawTip(c: CanvasRenderingContext2D, s: GaugeState, x: number): void {
    const top = 14;
    const floor = 140;
    const bottom = 164;
    const y = (cm: number): number =>
      cm >= 0
        ? floor - ((floor - top) * Math.min(cm, TIP_MAX_CM)) / TIP_MAX_CM
        : floor + ((bottom - floor) * Math.min(-cm, -TIP_MIN_CM)) / -TIP_MIN_CM;
    c.fillStyle = '#334155';
    c.fillRect(x - 6, top, 12, bottom - top);
    c.strokeStyle = '#94a3b8';
    c.lineWidth = 2;
    line(c, x - 22, floor, x + 22, floor);
    c.fillStyle = '#94a3b8';
    c.font = '10px system-ui, sans-serif';
    c.textAlign = 'center';
    c.fillText('0', x + 30, floor);
    c.fillText(`${TIP_MAX_CM}`, x + 30, top);
    if (Number.isFinite(s.fingertipCm)) {
      c.fillStyle = '#22d3ee';
      const yy = y(s.fingertipCm);
      c.fillRect(x - 6, Math.min(yy, floor), 12, Math.abs(floor - yy));
      c.beginPath();
      c.arc(x, yy, 6, 0, 2 * Math.PI);
      c.fill();
    }
    if (Number.isFinite(s.heldFingertipCm)) {
      c.strokeStyle = '#fbbf24';
      c.lineWidth = 3;
      const yy = y(s.heldFingertipCm);
      line(c, x - 12, yy, x + 12, yy);
    }
  }
}

function setText(el: HTMLElement, s: string): void {
  if (el.textContent !== s) el.textContent = s;
}

function line(c: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  c.beginPath();
  c.moveTo(x0, y0);
  c.lineTo(x1, y1);
  c.stroke();
}

function arc(
  c: CanvasRenderingContext2D,
  x: number,
  y: number,
  r: number,
  a0: number,
  a1: number,
  dir: number,
): void {
  c.beginPath();
  c.arc(x, y, r, a0, a1, dir < 0);
  c.stroke();
}
