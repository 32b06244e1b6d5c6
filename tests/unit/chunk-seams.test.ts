import { describe, expect, it } from 'vitest';
import { repairSeams, seamAgrees } from '../../src/capture/chunk-seams';
import { seenPerson, type SeenPerson } from '../../src/analysis/tracking/subject-tracker';
import type { PoseFrame } from '../../src/shared/pose-frame';
import { ms } from '../../src/shared/units';

const FRAME_MS = 1000 / 30;

/** A pose whose keypoints span the box (x0, y0)-(x0 + w, y0 + h). */
function poseAt(x0: number, y0: number, w: number, h: number): PoseFrame['poses'][number] {
  const kp = new Float32Array(17 * 3);
  for (let k = 0; k < 17; k++) {
    kp[3 * k] = x0 + w * (k % 2);
    kp[3 * k + 1] = y0 + (h * k) / 16;
    kp[3 * k + 2] = 0.9;
  }
  return { keypoints: kp, score: 0.9 };
}

/** The walker: 120 px wide, 360 px tall, walking left at 4 px a frame. The man on the box stands above. */
const walker = (i: number): PoseFrame['poses'][number] => poseAt(1400 - 4 * i, 560, 120, 360);
const man = (): PoseFrame['poses'][number] => poseAt(640, 110, 110, 330);

/** One frame: whom the region showed, and whether the tracker held that person as the subject. */
function frame(i: number, who: 'walker' | 'man' | 'nobody', held = true): PoseFrame {
  return {
    skeleton: 'coco17',
    tMs: ms(i * FRAME_MS),
    inferenceMs: ms(5),
    width: 1768,
    height: 994,
    poses: who === 'nobody' ? [] : [who === 'walker' ? walker(i) : man()],
    tracked: who !== 'nobody' && held ? 0 : -1,
  };
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, k) => a + k);
const stitchAt =
  (bounds: number[]) =>
  (chunks: PoseFrame[][]): PoseFrame[] =>
    chunks.flatMap((c, i) => c.filter((f) => i === 0 || f.tMs >= bounds[i] * 1000 - 1e-3));
const leadIn = (who: 'walker' | 'man' | 'nobody', held = true): SeenPerson[] =>
  range(45, 60).map((i) => seenPerson(frame(i, who, held)));

describe('pool seams', () => {
  // Two chunks of a 4 s clip: chunk 1 owns frames 60-119, with a lead-in over frames 45-59.
  const bounds = [0, 2, 4];

  it('a lead-in agrees when its region showed whom the chunk before showed, and its tracker held the same subject', () => {
    const before = range(0, 60).map((i) => frame(i, 'walker'));
    expect(seamAgrees(before, leadIn('walker'))).toBe(true);
    // Its region on the man on the box (Thunder and BlazePose on the demo's seam).
    expect(seamAgrees(before, leadIn('man'))).toBe(false);
    // Its region on the walker, but its tracker holding someone else as the subject (a newcomer followed).
    expect(seamAgrees(before, leadIn('walker', false))).toBe(false);
    // Both regions on the walker and neither tracker holding her (BlazePose lite on the demo) agree.
    const newcomer = range(0, 60).map((i) => frame(i, 'walker', false));
    expect(seamAgrees(newcomer, leadIn('walker', false))).toBe(true);
    expect(seamAgrees(newcomer, leadIn('man', false))).toBe(false);
    // Nobody on either side agrees; no frames in common (a lead-in cut by a crash) cannot disagree.
    expect(
      seamAgrees(
        range(0, 60).map((i) => frame(i, 'nobody')),
        leadIn('nobody'),
      ),
    ).toBe(true);
    expect(seamAgrees(before, [])).toBe(true);
    expect(
      seamAgrees(
        before,
        leadIn('man').map((s) => ({ ...s, tMs: ms(s.tMs + 5000) })),
      ),
    ).toBe(true);
  });

  it('a chunk that started on someone else is analysed again from the seam until it agrees, then keeps its own', async () => {
    // Chunk 1's tracker took the man for its first 20 frames (60-79), then found the walker.
    const chunk0 = range(0, 60).map((i) => frame(i, 'walker'));
    const chunk1 = [
      ...range(45, 80).map((i) => frame(i, 'man')),
      ...range(80, 120).map((i) => frame(i, 'walker')),
    ];
    const asked: { k: number; warm: number; frames: number[] } = { k: -1, warm: 0, frames: [] };
    const chunks = [chunk0, chunk1];
    const repairs = await repairSeams(
      chunks,
      bounds,
      [[], leadIn('man')],
      async (k, warm, onFrame) => {
        asked.k = k;
        asked.warm = warm.length;
        // The re-run, having seen the frames before the seam, follows the walker from the start.
        for (const i of range(60, 120)) {
          asked.frames.push(i);
          if (onFrame(frame(i, 'walker'))) break;
        }
      },
      stitchAt(bounds),
    );
    expect(asked.k).toBe(1);
    expect(asked.warm).toBe(60); // every frame before the seam, none of chunk 1's lead-in
    // It stops once it has agreed with chunk 1's own run for 15 frames in a row (80-94).
    expect(asked.frames.at(-1)).toBe(94);
    expect(repairs).toEqual([{ chunk: 1, frames: 35 }]);
    const owned = stitchAt(bounds)(chunks);
    expect(owned).toHaveLength(120);
    expect(owned.every((f) => f.poses[0] && f.poses[0].keypoints[1] === 560)).toBe(true); // the walker throughout
    for (let i = 1; i < owned.length; i++) expect(owned[i].tMs).toBeGreaterThan(owned[i - 1].tMs);
  });

  it('a seam that agrees is not analysed again, and a re-run that fails keeps the chunk as it was', async () => {
    const chunk0 = range(0, 60).map((i) => frame(i, 'walker'));
    const good = range(45, 120).map((i) => frame(i, 'walker'));
    let calls = 0;
    const never = async (): Promise<void> => {
      calls++;
    };
    expect(
      await repairSeams([chunk0, good], bounds, [[], leadIn('walker')], never, stitchAt(bounds)),
    ).toEqual([]);
    expect(calls).toBe(0);

    const bad = range(45, 120).map((i) => frame(i, 'man'));
    const chunks = [chunk0, bad];
    const failing = async (
      _k: number,
      _w: readonly PoseFrame[],
      onFrame: (f: PoseFrame) => boolean,
    ): Promise<void> => {
      onFrame(frame(60, 'walker'));
      throw new Error('worker crashed');
    };
    expect(await repairSeams(chunks, bounds, [[], leadIn('man')], failing, stitchAt(bounds))).toEqual([]);
    expect(chunks[1]).toBe(bad);
  });
});
