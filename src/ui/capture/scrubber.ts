// After a file is analysed: a slider through the clip. Seeking the video (slider, keyboard or code) draws the
// pose of the nearest analysed frame over the frame the video shows.
import { nearestFrameIndex } from '../../capture/seek-presenter';
import type { PosesFileV1 } from '../../shared/poses-format';
import { h } from '../dom';
import { t } from '../i18n';
import type { Overlay } from '../overlay';

export class Scrubber {
  readonly el: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly label: HTMLElement;
  private rec: PosesFileV1 | null = null;
  /** The analysed frame drawn last (-1: none), for tests and the readouts. */
  shownIndex = -1;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly overlay: Overlay,
  ) {
    this.input = h('input', {
      type: 'range',
      min: 0,
      max: 0,
      step: 'any',
      value: 0,
      'data-testid': 'scrub',
      oninput: () => this.seek(Number(this.input.value)),
    });
    this.label = h('span', {});
    this.el = h('label', { class: 'scrub', hidden: true }, this.label, this.input);
    video.addEventListener('seeked', () => this.draw());
  }

  render(): void {
    this.label.textContent = t('capture.position');
  }

  /** Follows `rec` (analysed from the video now loaded) and returns to the start of the clip. */
  attach(rec: PosesFileV1): void {
    this.rec = rec;
    const durS = Number.isFinite(this.video.duration) ? this.video.duration : 0;
    const lastS = rec.frames.length ? rec.frames[rec.frames.length - 1].tMs / 1000 : 0;
    this.input.max = String(Math.max(durS, lastS));
    this.el.hidden = rec.frames.length === 0;
    this.seek(rec.frames.length ? rec.frames[0].tMs / 1000 : 0);
  }

  /** No analysed file on screen any more (camera, a new file, a restored draft). */
  detach(): void {
    this.rec = null;
    this.shownIndex = -1;
    this.el.hidden = true;
  }

  get active(): boolean {
    return this.rec !== null;
  }

  private seek(s: number): void {
    this.input.value = String(s);
    this.video.currentTime = s + 0.0005;
  }

  private draw(): void {
    const rec = this.rec;
    if (!rec) return;
    const i = nearestFrameIndex(rec.frames, this.video.currentTime * 1000);
    this.shownIndex = i;
    this.el.dataset.frame = String(i);
    this.input.value = String(this.video.currentTime);
    this.overlay.drawRecorded(rec.skeleton, i >= 0 ? rec.frames[i] : null);
  }
}
