// Replay of a stored session: the recorded skeleton over the kept clip (or alone), with play/pause and a scrubber.
import type { PoseFrame } from '../../../shared/pose-frame';
import type { PoseFrameV1, PosesFileV1 } from '../../../shared/poses-format';
import { keypointCount } from '../../../shared/skeletons';
import { ms } from '../../../shared/units';
import { h } from '../../dom';
import { t } from '../../i18n';
import { keypointsToArray } from '../../../shared/keypoints';
import { Overlay } from '../../overlay';
import { showNumber } from '../util';

/** PoseFrameV1 (nullable tuples) as the overlay's PoseFrame (flat Float32Array, NaN where missing). */
function toPoseFrame(file: PosesFileV1, f: PoseFrameV1): PoseFrame {
  const kp = keypointsToArray(
    f.keypoints,
    new Float32Array(keypointCount(file.skeleton) * 3).fill(Number.NaN),
  );
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

export function replay(file: PosesFileV1, clip: Blob | null, disposers: (() => void)[]): HTMLElement {
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
    clock.textContent = `${showNumber((f.tMs - t0) / 1000, 2)} s · ${index + 1}/${frames.length}`;
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
