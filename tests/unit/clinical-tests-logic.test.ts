// The Tests tab's logic: typed distances, point nudging, camera setups as floor references, and a recording
// analysed as a walk test (against the zone generator's truth) or a chair test, with the profile's norms.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openGanglagDb } from '../../src/storage/db';
import type { CameraSetupInput } from '../../src/storage/types';
import {
  normFor,
  nudge,
  parseMetres,
  protocolId,
  runClinicalTest,
  testWarnings,
  setupFromDraft,
  setupReferenceFor,
  toFramePoint,
  type CameraSetup,
} from '../../src/ui/clinical-tests/logic';
import { renderWarnings, warningsOf } from '../../src/shared/messages';
import { generateChair } from '../fixtures/chair-generator';
import { generateZoneWalk } from '../fixtures/walk-zone-generator';

const FRAME_S = 1 / 30;
const AT = '2026-12-03T10:00:00.000Z';

describe('typed distance', () => {
  it.each([
    ['4,0', 4],
    ['4.0', 4],
    ['4', 4],
    [' 3,75 m', 3.75],
    ['.5', 0.5],
    ['6,', 6],
  ])('%j is %d m', (text, m) => expect(parseMetres(text)).toBe(m));

  it.each(['', 'abc', '4.0.1', '4,0,0', '-4', '1e3', '4 0', '4;0'])('%j is refused', (text) =>
    expect(parseMetres(text)).toBeNull(),
  );
});

describe('marking points', () => {
  it('arrow keys move 1 px, 10 with Shift, and stop at the frame edges', () => {
    expect(nudge({ x: 100, y: 50 }, 'ArrowLeft', false, 640, 360)).toEqual({ x: 99, y: 50 });
    expect(nudge({ x: 100, y: 50 }, 'ArrowRight', true, 640, 360)).toEqual({ x: 110, y: 50 });
    expect(nudge({ x: 100, y: 50 }, 'ArrowUp', true, 640, 360)).toEqual({ x: 100, y: 40 });
    expect(nudge({ x: 100, y: 355 }, 'ArrowDown', true, 640, 360)).toEqual({ x: 100, y: 360 });
    expect(nudge({ x: 3, y: 50 }, 'ArrowLeft', true, 640, 360)).toEqual({ x: 0, y: 50 });
    expect(nudge({ x: 3, y: 50 }, 'Enter', false, 640, 360)).toBeNull();
  });

  it('a click on the scaled frame lands on the frame pixel under it', () => {
    const box = { left: 10, top: 20, width: 884, height: 497 };
    expect(toFramePoint(10 + 442, 20 + 248.5, box, 1768, 994)).toEqual({ x: 884, y: 497 });
    expect(toFramePoint(10 + 650, 20 + 455, box, 1768, 994)).toEqual({ x: 1300, y: 910 });
    // Outside the box: clamped to the frame.
    expect(toFramePoint(0, 0, box, 1768, 994)).toEqual({ x: 0, y: 0 });
  });
});

describe('camera setups', () => {
  const frame = { width: 1280, height: 720 };
  const draft = {
    p1: { x: 200, y: 600 },
    p2: { x: 1000, y: 600 },
    distance: '4,0',
    name: ' Room 2, tripod ',
  };

  it('refuses a draft with the first problem, in order', () => {
    expect(setupFromDraft({ ...draft, p2: null }, frame)).toEqual({ problem: 'points' });
    expect(setupFromDraft({ ...draft, distance: 'four' }, frame)).toEqual({ problem: 'distance' });
    expect(setupFromDraft({ ...draft, name: '  ' }, frame)).toEqual({ problem: 'name-blank' });
    // Centimetres typed as metres.
    expect(setupFromDraft({ ...draft, distance: '400' }, frame)).toEqual({ problem: 'distance-too-long' });
    expect(setupFromDraft({ ...draft, distance: '0' }, frame)).toEqual({ problem: 'distance-zero' });
    expect(setupFromDraft({ ...draft, p2: { x: 205, y: 600 } }, frame)).toEqual({
      problem: 'points-too-close',
    });
    expect(setupFromDraft(draft, { width: 900, height: 720 })).toEqual({ problem: 'outside-frame' });
  });

  it('what to store: trimmed name, the reference, the frame; a change carries its id', () => {
    expect(setupFromDraft(draft, frame)).toEqual({
      input: {
        name: 'Room 2, tripod',
        ref: { x1: 200, y1: 600, x2: 1000, y2: 600, metres: 4 },
        frameWidthPx: 1280,
        frameHeightPx: 720,
      },
    });
    const changed = setupFromDraft({ ...draft, distance: '3.5' }, frame, 'id-1');
    expect('input' in changed && changed.input).toMatchObject({ id: 'id-1', ref: { metres: 3.5 } });
  });

  const stored = (input: CameraSetupInput, id: string): CameraSetup => ({
    ...input,
    id,
    createdAt: AT,
    updatedAt: AT,
  });

  it('reuses a setup at another resolution of the same view, not on another view', () => {
    const made = setupFromDraft(draft, frame);
    if (!('input' in made)) throw new Error(made.problem);
    const setup = stored(made.input, 'a');
    expect(setupReferenceFor(setup, { width: 640, height: 360 })).toEqual({
      x1: 100,
      y1: 300,
      x2: 500,
      y2: 300,
      metres: 4,
    });
    expect(setupReferenceFor(setup, { width: 640, height: 480 })).toBeNull();
  });

  it("what the app stores passes the store's own checks: saved, changed (same id and creation), deleted", async () => {
    let n = 0;
    let clock = new Date(AT);
    const db = await openGanglagDb({
      idbFactory: new IDBFactory(),
      storage: null,
      now: () => clock,
      newId: () => `cam-${++n}`,
    });
    const made = setupFromDraft(draft, frame);
    if (!('input' in made)) throw new Error(made.problem);
    const saved = await db.cameraSetups.put(made.input);
    expect(saved).toMatchObject({ id: 'cam-1', name: 'Room 2, tripod', ref: { metres: 4 }, createdAt: AT });
    clock = new Date('2026-12-04T10:00:00.000Z');
    const change = setupFromDraft({ ...draft, distance: '3,5' }, frame, saved.id);
    if (!('input' in change)) throw new Error(change.problem);
    const changed = await db.cameraSetups.put(change.input);
    expect(changed).toMatchObject({ id: 'cam-1', createdAt: AT, updatedAt: clock.toISOString() });
    expect((await db.cameraSetups.list()).map((s) => s.ref.metres)).toEqual([3.5]);
    await db.cameraSetups.delete(saved.id);
    expect(await db.cameraSetups.list()).toEqual([]);
    db.close();
  });
});

describe('a recording analysed as a clinical test', () => {
  const g = generateZoneWalk({
    skeleton: 'coco17',
    seed: 7,
    trials: [
      { direction: 1, speedMps: 1.2 },
      { direction: -1, speedMps: 1.0 },
    ],
  });
  const setup: CameraSetup = {
    id: 's',
    name: 'Synthetic',
    ref: g.reference,
    frameWidthPx: g.file.width,
    frameHeightPx: g.file.height,
    createdAt: AT,
    updatedAt: AT,
  };

  it('4-m walk through the setup zone: each trial within 1 frame of truth, the faster counts, scaled by the reference', () => {
    const o = runClinicalTest(g.file, 'walk-4m', 'comfortable', setup, { ageYears: 65, sex: 'female' });
    if (o.kind !== 'walk') throw new Error(o.kind);
    const trials = o.result.walkTest?.trials ?? [];
    expect(trials).toHaveLength(2);
    expect(o.rejected).toEqual([]);
    trials.forEach((tr, k) => {
      expect(tr.direction).toBe(g.truth[k].direction);
      expect(Math.abs(tr.timeS - g.truth[k].timeS)).toBeLessThan(FRAME_S);
    });
    const best = Math.min(...g.truth.map((x) => x.timeS));
    expect(Math.abs((o.result.walkTest?.speedMps as number) - 4 / best)).toBeLessThan(0.02);
    expect(o.result.scale.method).toBe('reference');
    expect(o.result.scale.metresPerPixel).toBeCloseTo(1 / g.pxPerM, 5);
    expect(o.norm).toEqual({ kind: 'walk', norm: expect.objectContaining({ meanMps: 1.241, minAge: 60 }) });
  });

  it('a height 20 % off the reference: the warning names both scales', () => {
    const o = runClinicalTest(g.file, 'walk-4m', 'comfortable', setup, { heightM: 1.7 * 1.2 });
    if (o.kind !== 'walk') throw new Error(o.kind);
    expect(o.result.scale.method).toBe('reference');
    const codes = testWarnings(warningsOf(o.result.quality));
    for (const lang of ['en', 'nb'] as const) {
      const shown = renderWarnings(codes, lang);
      expect(shown.length).toBeGreaterThan(0);
      for (const line of shown) {
        // Both scales by value: the reference's (exact, 1/pxPerM) and the height's (about 20 % larger).
        const mpp = [...line.matchAll(/(\d+[.,]\d+) m\/px/g)].map((m) => Number(m[1].replace(',', '.')));
        expect(line).toMatch(lang === 'en' ? /disagree by 1\d %/ : /med 1\d % forskjell/);
        expect(mpp).toHaveLength(2);
        expect(mpp[0]).toBeCloseTo(1 / g.pxPerM, 5);
        expect(mpp[1] / mpp[0]).toBeGreaterThan(1.1);
      }
      // Only the scale's and the test's warnings are shown with a walk test, not the gait analysis's others.
      expect(shown.join(' ')).not.toMatch(/age or sex not given|alder eller kjønn/i);
    }
  });

  it('without a setup, or with one from another view, a walk test says so instead of timing', () => {
    expect(runClinicalTest(g.file, 'walk-4m', 'fast', null, {}).kind).toBe('no-setup');
    const other = { ...setup, frameHeightPx: setup.frameWidthPx };
    expect(runClinicalTest(g.file, 'walk-10m', 'fast', other, {}).kind).toBe('setup-mismatch');
  });

  it('five-times sit-to-stand: time within 0.1 s of truth, count 5, with the age reference', () => {
    const c = generateChair({ skeleton: 'coco17', test: 'sit-to-stand-5', seed: 3 });
    const o = runClinicalTest(c.file, 'sit-to-stand-5', 'comfortable', null, { ageYears: 72 });
    if (o.kind !== 'functional') throw new Error(o.kind);
    expect(o.result.functional?.count).toBe(5);
    expect(Math.abs((o.result.functional?.timeS as number) - c.truth.timeS)).toBeLessThan(0.1);
    expect(o.norm).toEqual({ kind: 'sts5', band: expect.objectContaining({ upperS: 12.6 }) });
  });

  it('norms by age and sex, none outside the published bands or without them', () => {
    expect(normFor('walk-10m', 'fast', { ageYears: 45, sex: 'male' })).toMatchObject({
      norm: { meanMps: 2.458 },
    });
    expect(normFor('walk-4m', 'fast', { ageYears: 85, sex: 'male' })).toBeNull();
    expect(normFor('walk-4m', 'comfortable', { ageYears: 65 })).toBeNull();
    expect(normFor('tug', 'comfortable', { ageYears: 72 })).toMatchObject({ band: { meanS: 9.2 } });
    expect(normFor('chair-stand-30s', 'comfortable', { ageYears: 66, sex: 'male' })).toMatchObject({
      band: { low: 12, high: 18 },
    });
    expect(normFor('sit-to-stand-5', 'comfortable', {})).toBeNull();
  });

  it('protocol ids name the pace of walk tests', () => {
    expect(protocolId('walk-4m', 'comfortable')).toBe('walk-4m-comfortable');
    expect(protocolId('walk-10m', 'fast')).toBe('walk-10m-fast');
    expect(protocolId('tug', 'fast')).toBe('tug');
  });
});
