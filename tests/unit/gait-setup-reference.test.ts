// The Gait tab's result (and the session saved from it) uses the floor reference of the camera setup in use, not only
// the clinical tests (issue 9 item 1): scale method `reference`, cross-checked against a known height.
import { afterEach, describe, expect, it } from 'vitest';
import { appState, publishActiveProfile } from '../../src/ui/app-state';
import { inUseSetup, publishInUseSetup } from '../../src/ui/clinical-tests/setup-store';
import { gaitResult } from '../../src/ui/gait/results';
import { setupKey, setupReference } from '../../src/ui/gait/scale-source';
import type { CameraSetupV1 } from '../../src/storage';
import { renderWarnings, warningsOf } from '../../src/shared/messages';
import { generateWalk } from '../fixtures/gait-generator';

// The generator draws 220 px per metre: two floor marks 440 px apart are 2 m.
const walk = generateWalk({ skeleton: 'blazepose33', seed: 11 });
const rec = { ...walk.file, subject: {} };
const y = rec.height - 40;
const setup = (metres: number, frame = { w: rec.width, h: rec.height }): CameraSetupV1 => ({
  id: 'room-2',
  name: 'Room 2, tripod at the window',
  ref: { x1: 100, y1: y, x2: 540, y2: y, metres },
  frameWidthPx: frame.w,
  frameHeightPx: frame.h,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: `2026-12-01T10:00:0${metres}.000Z`,
});

afterEach(() => {
  publishInUseSetup(null);
  appState.heightM = undefined;
  publishActiveProfile(null);
});

describe('Gait tab scale from the camera setup in use', () => {
  it('without a setup the walk is scaled by the height, as before', () => {
    appState.heightM = 1.7;
    const a = gaitResult(rec).overall.result;
    expect(a.scale.method).toBe('height');
  });

  it('with a setup whose marks fit the recording: scale method reference, speed to the truth', () => {
    publishInUseSetup(setup(2));
    expect(inUseSetup()?.name).toBe('Room 2, tripod at the window');
    const r = gaitResult(rec);
    const a = r.overall.result;
    expect(a.scale).toEqual({ method: 'reference', metresPerPixel: 0.004545 });
    expect(r.setup).toBe(setupKey(setup(2)));
    expect(Math.abs(a.gait!.speedMps! - walk.truth.speedMps)).toBeLessThan(0.02);
    // No height known: nothing to cross-check, no disagreement warning.
    expect(warningsOf(a.quality).some((w) => w.code === 'reference-height-disagree')).toBe(false);
  });

  it('with a known height that disagrees by more than 8 %, a warning names both values', () => {
    appState.heightM = 1.7;
    publishInUseSetup(setup(2.3)); // marks 15 % long
    const a = gaitResult(rec).overall.result;
    expect(a.scale.method).toBe('reference');
    const w = renderWarnings(warningsOf(a.quality), 'en').find((x) =>
      x.startsWith('floor reference and height'),
    );
    expect(w).toMatch(
      /the reference gives 0\.005227 m\/px \(the subject 1\.9\d m tall\), the height 1\.7 m gives/,
    );
    // Within 8 % (2.1 m, 5 % long): no warning.
    publishInUseSetup(setup(2.1));
    const ok = gaitResult(rec).overall.result;
    expect(ok.scale.method).toBe('reference');
    expect(warningsOf(ok.quality).some((x) => x.code === 'reference-height-disagree')).toBe(false);
  });

  it('a setup marked on another view (aspect ratio) is not used; the result falls back to the height', () => {
    expect(setupReference(setup(2, { w: 640, h: 640 }), rec)).toBeUndefined();
    expect(setupReference(null, rec)).toBeUndefined();
    appState.heightM = 1.7;
    publishInUseSetup(setup(2, { w: 640, h: 640 }));
    expect(gaitResult(rec).overall.result.scale.method).toBe('height');
  });
});
