import { describe, expect, it } from 'vitest';
import { chooseSubjectOffline } from '../../src/analysis/tracking/offline-subject';
import type { DetectedPose, PoseFrame } from '../../src/shared/pose-frame';
import { ms } from '../../src/shared/units';

/** A COCO-17 stick figure at cx with the given height in px, feet at y = 900. */
function person(cx: number, heightPx: number): DetectedPose {
  const kp = new Float32Array(17 * 3);
  const ys = [0.05, 0.04, 0.04, 0.05, 0.05, 0.18, 0.18, 0.35, 0.35, 0.48, 0.48, 0.52, 0.52, 0.75, 0.75, 1, 1];
  const dx = [0, -5, 5, -10, 10, -20, 20, -25, 25, -25, 25, -12, 12, -12, 12, -12, 12];
  for (let i = 0; i < 17; i++) {
    kp[3 * i] = cx + dx[i];
    kp[3 * i + 1] = 900 - heightPx * (1 - ys[i]);
    kp[3 * i + 2] = 0.9;
  }
  return { keypoints: kp, score: 0.9 };
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
});
