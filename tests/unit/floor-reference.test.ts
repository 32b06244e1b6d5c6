// Floor references: plausibility, camera-setup records, and the cross-check against the height scale.
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../src/analysis/index';
import {
  checkReference,
  crossCheckHeight,
  makeCameraSetup,
  referenceForFrame,
  referenceMetresPerPixel,
  type FloorReference,
} from '../../src/shared/reference';
import { generateWalk } from '../fixtures/gait-generator';

const frame = { width: 1280, height: 720 };
const ok: FloorReference = { x1: 100, y1: 650, x2: 900, y2: 650, metres: 4 };

describe('floor reference plausibility', () => {
  it.each([
    [{ metres: 0 }, 'distance-zero'],
    [{ metres: -1 }, 'distance-zero'],
    [{ metres: 30.01 }, 'distance-too-long'],
    [{ metres: 200 }, 'distance-too-long'],
    [{ x2: 100 }, 'coincident-points'],
    [{ x2: 110 }, 'points-too-close'],
    [{ x1: -1 }, 'outside-frame'],
    [{ y2: 721 }, 'outside-frame'],
    [{ x1: NaN }, 'not-finite'],
  ] as const)('%j → %s', (change, problem) => {
    expect(checkReference({ ...ok, ...change }, frame)).toBe(problem);
  });

  it('accepts a plausible reference, also at the frame edge and at 30 m', () => {
    expect(checkReference(ok, frame)).toBeNull();
    expect(checkReference({ ...ok, x1: 0, x2: 1280, metres: 30 }, frame)).toBeNull();
    expect(referenceMetresPerPixel(ok, frame)).toBeCloseTo(4 / 800, 12);
    expect(referenceMetresPerPixel({ ...ok, metres: 200 }, frame)).toBeNull();
  });
});

describe('camera setup references', () => {
  it('keeps a trimmed name and a copy of the points; rejects blank, long or control-character names', () => {
    const r = makeCameraSetup('s1', '  Room 2, tripod at the window ', ok, frame, '2026-12-03T10:00:00Z');
    expect(r).toEqual({
      setup: {
        id: 's1',
        name: 'Room 2, tripod at the window',
        reference: ok,
        frame,
        updatedAt: '2026-12-03T10:00:00Z',
      },
    });
    expect(makeCameraSetup('s', '   ', ok, frame, '')).toEqual({ problem: 'name-blank' });
    expect(makeCameraSetup('s', 'x'.repeat(81), ok, frame, '')).toEqual({ problem: 'name-too-long' });
    expect(makeCameraSetup('s', 'Room\u202E2', ok, frame, '')).toEqual({ problem: 'name-control-chars' });
    expect(makeCameraSetup('s', 'Room 2', { ...ok, metres: 0 }, frame, '')).toEqual({
      problem: 'distance-zero',
    });
  });

  it('reuses a reference at another resolution of the same view, not at another aspect ratio', () => {
    const { setup } = makeCameraSetup('s', 'Room 2', ok, frame, '') as {
      setup: Parameters<typeof referenceForFrame>[0];
    };
    expect(referenceForFrame(setup, { width: 1920, height: 1080 })).toEqual({
      x1: 150,
      y1: 975,
      x2: 1350,
      y2: 975,
      metres: 4,
    });
    expect(referenceForFrame(setup, { width: 640, height: 480 })).toBeNull();
  });
});

describe('reference against the height scale', () => {
  it('crossCheckHeight names the implied height and flags more than 8 %', () => {
    expect(crossCheckHeight(0.005, 340, 1.7)).toMatchObject({ disagrees: false });
    const c = crossCheckHeight(0.0055, 340, 1.7);
    expect(c.impliedHeightM).toBeCloseTo(1.87, 6);
    expect(c.differencePct).toBeCloseTo(10, 6);
    expect(c.disagrees).toBe(true);
  });

  // The generator draws 220 px per metre: a 2 m reference spans 440 px when true.
  const g = generateWalk({ skeleton: 'coco17', seed: 7 });
  const y = g.file.height - 40;
  const warnOf = (metres: number): string | undefined =>
    analyzeGait(g.file, {
      heightM: 1.7,
      reference: { x1: 100, y1: y, x2: 540, y2: y, metres },
    }).quality.warnings.find((w) => w.startsWith('floor reference and height disagree'));

  it('a true reference agrees with the true height: no warning, scale method reference', () => {
    const r = analyzeGait(g.file, { heightM: 1.7, reference: { x1: 100, y1: y, x2: 540, y2: y, metres: 2 } });
    expect(r.scale).toEqual({ method: 'reference', metresPerPixel: 0.004545 });
    expect(warnOf(2)).toBeUndefined();
    expect(warnOf(2.1)).toBeUndefined();
  });

  it('a reference 15 % long warns, naming both scales and the height each implies', () => {
    const w = warnOf(2.3) as string;
    expect(w).toMatch(/disagree by 1[3-7] %/);
    expect(w).toMatch(
      /the reference gives 0\.005227 m\/px \(the subject 1\.9\d m tall\), the height 1\.7 m gives 0\.004\d+ m\/px/,
    );
  });

  it('an implausible reference is set aside with its reason and the height scale is used', () => {
    const r = analyzeGait(g.file, {
      heightM: 1.7,
      reference: { x1: 100, y1: y, x2: 540, y2: y, metres: 200 },
    });
    expect(r.scale.method).toBe('height');
    expect(r.quality.warnings).toContain(
      'floor reference not used: the floor reference distance 200 m is over 30 m (centimetres typed as metres?)',
    );
  });
});
