// The guided gait test's state machine in Node: phases follow the camera and record/stop, the position check is
// smoothed and says "ok" once per transition, and the live counter counts a synthetic walk's steps.
import { describe, expect, it } from 'vitest';
import { GaitProtocol, ProblemSmoother, type GaitProtocolEvent } from '../../src/analysis/protocols';
import type { PosesFileV1 } from '../../src/shared/poses-format';
import { generateWalk } from '../fixtures/gait-generator';

function toFrames(file: PosesFileV1): Float32Array[] {
  return file.frames.map((f) => {
    const kp = new Float32Array(f.keypoints.length * 3).fill(NaN);
    f.keypoints.forEach((p, k) => {
      if (p) kp.set(p, 3 * k);
    });
    return kp;
  });
}

const kinds = (ev: readonly GaitProtocolEvent[]): string[] =>
  ev.map((e) => (e.kind === 'phase' ? `phase:${e.phase}` : e.kind));

describe('ProblemSmoother', () => {
  it('ignores a one-frame flicker once settled, and follows a lasting change within a few frames', () => {
    const s = new ProblemSmoother(3);
    for (let i = 0; i < 10; i++) expect(s.push(0)).toBe(0);
    expect(s.push(0b010)).toBe(0); // one bad frame
    for (let i = 0; i < 3; i++) s.push(0);
    let n = 0;
    while (s.push(0b100) !== 0b100) n++;
    expect(n).toBeGreaterThanOrEqual(3);
    expect(n).toBeLessThanOrEqual(6);
    s.reset();
    expect(s.count).toBe(0);
    expect(s.push(0b001)).toBe(0b001); // fast at the start
  });
});

describe('GaitProtocol', () => {
  it('moves through the phases with the camera and record/stop, and refuses to record without a camera', () => {
    const p = new GaitProtocol({ problemBits: 6 });
    expect(p.phase).toBe('no-camera');
    expect(kinds(p.record())).toEqual([]);
    expect(p.phase).toBe('no-camera');
    expect(kinds(p.source(true))).toEqual(['phase:checking']);
    expect(kinds(p.record())).toEqual(['phase:recording', 'steps']);
    // Stopped with nothing followed: too short to analyse.
    expect(kinds(p.stop(true))).toEqual(['too-short', 'phase:stopped']);
    expect(kinds(p.stop(true))).toEqual([]); // not recording: nothing happens
    expect(kinds(p.record())).toEqual(['phase:recording', 'steps']);
    expect(kinds(p.source(false))).toEqual(['too-short', 'phase:no-camera']);
    p.reset();
    expect(p.phase).toBe('no-camera');
    expect(p.problems).toBe(-1);
  });

  it('reports the smoothed position, and "ok" once when it becomes fine', () => {
    const p = new GaitProtocol({ problemBits: 6 });
    p.source(true);
    const seen: GaitProtocolEvent[] = [];
    for (let i = 0; i < 6; i++) seen.push(...p.frame(i * 33, 0b1, null, 'blazepose33'));
    for (let i = 6; i < 40; i++) seen.push(...p.frame(i * 33, 0, null, 'blazepose33'));
    expect(seen.filter((e) => e.kind === 'position-ok')).toHaveLength(1);
    const masks = seen.flatMap((e) => (e.kind === 'position' ? [e.problems] : []));
    expect(masks[0]).toBe(0b1);
    expect(masks[masks.length - 1]).toBe(0);
    expect(p.problems).toBe(0);
    // A settled fine position stays quiet: no events per frame.
    expect(p.frame(2000, 0, null, 'blazepose33')).toHaveLength(0);
  });

  it.each(['blazepose33', 'coco17'] as const)(
    '%s: counts the steps of a walk while recording',
    (skeleton) => {
      const { file, truth } = generateWalk({ skeleton, seed: 4, strides: 5, direction: -1 });
      const p = new GaitProtocol({ problemBits: 6, heightM: file.subject.heightM });
      p.source(true);
      const frames = toFrames(file);
      // Before recording, frames check the position only.
      p.frame(file.frames[0].tMs, 0, frames[0], skeleton);
      expect(p.steps).toBe(0);
      p.record();
      const counts: number[] = [];
      frames.forEach((kp, i) => {
        for (const e of p.frame(file.frames[i].tMs, 0, kp, skeleton))
          if (e.kind === 'steps') counts.push(e.steps);
      });
      expect(Math.abs(p.steps - truth.heelStrikes.length)).toBeLessThanOrEqual(1);
      // One event per new step, counting up by one.
      counts.forEach((c, i) => expect(c).toBe(i + 1));
      expect(kinds(p.stop(true))).toEqual(['phase:stopped']);
    },
  );
});
