// The gait tables read the engine's one result: the passes in the overall result count exactly its steps, and
// strikes left out as implausible are listed with why (issue 14 item 5).
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../src/analysis/index';
import type { PosesFileV1 } from '../../src/shared/poses-format';
import { leftOutSteps, overallRow, passRows, stepRows } from '../../src/ui/gait/rows';
import { generateWalk } from '../fixtures/gait-generator';

function turnAndBack(skeleton: 'blazepose33' | 'coco17', thereStrides: number, backStrides: number) {
  const there = generateWalk({ skeleton, seed: 1, strides: thereStrides, direction: 1 });
  const back = generateWalk({ skeleton, seed: 2, strides: backStrides, direction: -1 });
  const offsetMs = there.file.frames[there.file.frames.length - 1].tMs + 1000;
  const file: PosesFileV1 = {
    ...there.file,
    width: Math.max(there.file.width, back.file.width),
    frames: [...there.file.frames, ...back.file.frames.map((f) => ({ ...f, tMs: f.tMs + offsetMs }))],
  };
  return file;
}

describe('gait table rows from the engine result', () => {
  it('counts the same steps in the passes table as in the overall result (two pooled passes)', () => {
    const r = analyzeGait(turnAndBack('blazepose33', 3, 5), { heightM: 1.7 });
    const rows = passRows(r);
    expect(rows.map((p) => [p.n, p.pass.direction, p.inOverall, p.leftOut])).toEqual([
      [1, 'left-to-right', true, null],
      [2, 'right-to-left', true, null],
    ]);
    const pooledSteps = rows.filter((p) => p.inOverall).reduce((n, p) => n + p.pass.steps, 0);
    expect(pooledSteps).toBe(r.gait?.steps.length);
    const o = overallRow(r);
    expect(o?.steps).toBe(pooledSteps);
    expect(o?.cadence).toBe(r.gait?.cadenceStepsPerMin);
    expect(o?.speedMps).toBe(r.gait?.speedMps);
    expect(o?.stepLengthM).toBe(r.gait?.stepLengthM.mean);
  });

  it('marks a pass too short to measure as left out, and the overall counts only the other', () => {
    const r = analyzeGait(turnAndBack('blazepose33', 0.5, 4), { heightM: 1.7 });
    const rows = passRows(r);
    expect(rows).toHaveLength(2);
    expect(rows[0].inOverall).toBe(false);
    expect(rows[0].leftOut).toBe('too-short');
    expect(rows[0].warnings.map((w) => w.code)).toContain('pass-too-short');
    expect(rows[1].inOverall).toBe(true);
    expect(overallRow(r)?.steps).toBe(rows[1].pass.steps);
    expect(stepRows(r).filter((s) => s.kind === 'step')).toHaveLength(rows[1].pass.steps);
  });

  it('lists a strike left out as implausible, with its reason, among the numbered steps', () => {
    const r = analyzeGait(turnAndBack('blazepose33', 1.5, 4));
    const out = leftOutSteps(r);
    expect(out.length).toBeGreaterThanOrEqual(1);
    const first = out[0];
    expect(first.foot).toBe('left');
    expect(first.tS).toBeCloseTo(3.35, 2);
    expect(first.reason).toBe('length');
    const rows = stepRows(r);
    const steps = rows.filter((s) => s.kind === 'step');
    expect(steps).toHaveLength(r.gait?.steps.length ?? -1);
    expect(steps.map((s) => s.n)).toEqual(steps.map((_, i) => i + 1));
    expect(rows.length).toBe(steps.length + out.length);
    // Time order, with the left-out strike in its place.
    const times = rows.map((s) => (s.kind === 'step' ? s.step.tS : s.tS));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('gives no rows for a result without gait', () => {
    const r = analyzeGait({ ...turnAndBack('coco17', 3, 3), frames: [] });
    expect(passRows(r)).toEqual([]);
    expect(stepRows(r)).toEqual([]);
    expect(overallRow(r)).toBeNull();
  });
});
