import { describe, expect, it } from 'vitest';
import { chooseSubjectOffline } from '../../src/analysis/tracking/offline-subject';
import type { DetectedPose, PoseFrame } from '../../src/shared/pose-frame';
import { ms } from '../../src/shared/units';

/** A COCO-17 stick figure at cx with the given height in px, feet at y = feetY. */
function person(cx: number, heightPx: number, feetY = 900, score = 0.9): DetectedPose {
  const kp = new Float32Array(17 * 3);
  const ys = [0.05, 0.04, 0.04, 0.05, 0.05, 0.18, 0.18, 0.35, 0.35, 0.48, 0.48, 0.52, 0.52, 0.75, 0.75, 1, 1];
  const dx = [0, -5, 5, -10, 10, -20, 20, -25, 25, -25, 25, -12, 12, -12, 12, -12, 12];
  for (let i = 0; i < 17; i++) {
    kp[3 * i] = cx + dx[i];
    kp[3 * i + 1] = feetY - heightPx * (1 - ys[i]);
    kp[3 * i + 2] = score;
  }
  return { keypoints: kp, score };
}
const frame = (i: number, poses: DetectedPose[]): PoseFrame => ({
  skeleton: 'coco17',
  tMs: ms(i * 33.3),
  inferenceMs: ms(10),
  width: 1800,
  height: 1000,
  poses,
});

describe('chooseSubjectOffline', () => {
  it('follows only the walker: not the bystander before the walker appears, and across a short gap', () => {
    // Bystander jumps in place all along; the walker enters at frame 45, is lost for 12 frames at 100–111.
    const frames: PoseFrame[] = [];
    for (let i = 0; i < 200; i++) {
      const poses = [person(600 + 5 * Math.sin(i / 3), 400)];
      if (i >= 45 && !(i >= 100 && i < 112)) poses.unshift(person(1700 - (i - 45) * 9, 500));
      frames.push(frame(i, poses));
    }
    const s = chooseSubjectOffline(frames, 'coco17');
    for (let i = 0; i < 200; i++) {
      const expected = i >= 45 && !(i >= 100 && i < 112) ? 0 : -1;
      expect(s[i], `frame ${i}`).toBe(expected);
    }
  });

  it('with nobody walking, follows the person in view longest and largest', () => {
    const frames: PoseFrame[] = [];
    for (let i = 0; i < 120; i++) {
      const poses = [person(400, 300)];
      poses.push(person(1200 + Math.sin(i / 5) * 10, 600)); // the patient bending in place, larger
      if (i > 60) poses.push(person(1600, 350)); // someone who sits down later
      frames.push(frame(i, poses));
    }
    const s = chooseSubjectOffline(frames, 'coco17');
    expect(Array.from(s).every((v) => v === 1)).toBe(true);
  });

  it('keeps the subject across a 1.7 s exit and return on the same side; the bystander who runs off is not taken', () => {
    // Pass 1: right → left, frames 40–190, leaves at the left edge. Out of view 191–240. Pass 2: back from
    // the left edge, left → right, 241–389. The bystander on a box (feet high in the image) jumps in place;
    // at the cut he is elsewhere; at the end he runs off, smaller and behind the walker's line.
    const frames: PoseFrame[] = [];
    const present = (i: number): boolean => (i >= 40 && i <= 190) || i >= 241;
    for (let i = 0; i < 390; i++) {
      const poses: DetectedPose[] = [];
      if (i >= 40 && i <= 190) poses.push(person(1700 - (i - 40) * 10.5, 350));
      if (i >= 241) poses.push(person(120 + (i - 241) * 10.5, 350));
      if (i < 195) poses.push(person(650 + 5 * Math.sin(i / 3), 330, 420));
      else if (i < 380) poses.push(person(1130 + 5 * Math.sin(i / 3), 330, 400));
      else poses.push(person(1000 - (i - 380) * 20, 260, 850));
      frames.push(frame(i, poses));
    }
    const s = chooseSubjectOffline(frames, 'coco17');
    for (let i = 0; i < 390; i++) expect(s[i], `frame ${i}`).toBe(present(i) ? 0 : -1);
  });

  it('with one person, every fragment is the subject; a low-scored guess at an empty view is nobody', () => {
    // A single-person model: one walker in three fragments (out of view 2 s and 1 s), guesses in between.
    const frames: PoseFrame[] = [];
    const at = (i: number): number | null =>
      i < 100
        ? 1600 - i * 10
        : i >= 160 && i < 260
          ? 200 + (i - 160) * 10
          : i >= 290
            ? 1400 - (i - 290) * 10
            : null;
    for (let i = 0; i < 380; i++) {
      const x = at(i);
      frames.push(frame(i, [x === null ? person(900, 120, 500, 0.15) : person(x, 400)]));
    }
    const s = chooseSubjectOffline(frames, 'coco17');
    for (let i = 0; i < 380; i++) expect(s[i], `frame ${i}`).toBe(at(i) === null ? -1 : 0);
  });

  it('never chains a single-person model jumping from a bystander to the walker', () => {
    // Frames 0–99: the model sees only the bystander on a box; from 100 the walker (other size and depth).
    const frames: PoseFrame[] = [];
    for (let i = 0; i < 200; i++)
      frames.push(
        frame(i, [i < 100 ? person(700 + 40 * Math.sin(i / 4), 330, 430) : person(880 - (i - 100) * 9, 370)]),
      );
    const s = chooseSubjectOffline(frames, 'coco17');
    for (let i = 0; i < 200; i++) expect(s[i], `frame ${i}`).toBe(i < 100 ? -1 : 0);
  });
});
