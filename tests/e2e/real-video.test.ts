// Real video through the real app (default file model): every pass of the same person, and the feet from the
// spread and the geometry, consistent under mirroring (walk-two-passes: pass 2 is pass 1 mirrored) and under
// re-encoding (walk-side-rotated.mp4 vs walk-side-demo.webm); the healthy walker is not flagged. These are
// invariance and plausibility checks, not ground truth.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeGait, analyzeGaitPasses } from '../../src/analysis/index';
import type { JudgedIndicatorV1 } from '../../src/analysis/gait/judgement';
import { conditionTracks, DEFAULT_CONDITIONING, extractTracks } from '../../src/analysis/conditioning/tracks';
import { assignFeet, type FootAssignment } from '../../src/analysis/gait/foot-spread';
import { legCues } from '../../src/analysis/gait/near-side';
import { tCritical95 } from '../../src/analysis/gait/stats';
import { gaitSignals } from '../../src/analysis/gait/signals';
import { walkFrame } from '../../src/analysis/geometry/frame';
import { landmarks } from '../../src/analysis/geometry/landmarks';
import { correctLegPerspective } from '../../src/analysis/geometry/perspective';
import { validatePoses, type PosesFileV1 } from '../../src/shared/poses-format';
import { haveTestdata, launchApp, TESTDATA, type AppHandle } from './harness';

const data = haveTestdata();

async function analyseFile(app: AppHandle, name: string, model?: string): Promise<PosesFileV1> {
  await app.page.setInputFiles('[data-testid=file-input]', resolve(TESTDATA, name));
  // The progress bar shows while the file is analysed; the download button is enabled when it is done.
  // Done when this file's recording is published and the file's own progress bar is gone (other progress bars,
  // e.g. a model download, may come and go meanwhile).
  await app.page.waitForFunction(
    ([n, m]) => {
      const g = (window as unknown as { __ganglag: { recording(): PosesFileV1 | null } }).__ganglag;
      const bar = document.querySelector<HTMLProgressElement>('[data-testid=file-progress]');
      const src = g.recording()?.source;
      return src?.name === n && (!m || src?.model === m) && bar?.hidden === true;
    },
    [name, model ?? ''] as const,
    { timeout: 900_000, polling: 250 },
  );
  await app.page.waitForSelector('[data-testid=download]:not([disabled])', { timeout: 60_000 });
  const download = app.page.waitForEvent('download');
  await app.page.click('[data-testid=download]');
  return validatePoses(JSON.parse(readFileSync(await (await download).path(), 'utf8')));
}

interface PassFeet extends FootAssignment {
  startS: number;
  direction: 1 | -1;
}

/** Per pass found by the analysis: the feet from the spread, with strike times from the pass's start. */
function passFeet(file: PosesFileV1): PassFeet[] {
  return analyzeGaitPasses(file).map((p) => {
    const frames = file.frames.filter(
      (f) => f.tMs / 1000 >= p.startS - 1e-6 && f.tMs / 1000 <= p.endS + 1e-6,
    );
    const lm = landmarks(file.skeleton);
    const raw = extractTracks({ ...file, frames }, 0.3, frames[0].tMs);
    const t = conditionTracks(raw, { ...DEFAULT_CONDITIONING, legPairs: lm.legPairs }).tracks;
    const wf = walkFrame(t, lm);
    if (!wf) throw new Error(`pass at ${p.startS} s has no walking direction`);
    const s = gaitSignals(correctLegPerspective(t, lm, file.width / 2).tracks, wf, lm);
    return {
      ...assignFeet(s, wf.direction, legCues(frames, lm, wf)),
      startS: p.startS,
      direction: p.direction,
    };
  });
}

/** One frame of these 30 fps clips, s. */
const FRAME_S = 1 / 30;

/** Each pass's reported steps, with times from the recording's start and from the pass's reference instant. */
function passSteps(file: PosesFileV1): { foot: string; tS: number; fromOriginS: number }[][] {
  return analyzeGaitPasses(file, { heightM: 1.65 }).map((p) =>
    (p.analysis.result.gait?.steps ?? []).map((s) => ({
      foot: s.foot,
      tS: s.tS,
      fromOriginS: s.tS - p.originS,
    })),
  );
}

/** Frames in [from, to] where the recording has the subject's hips (COCO-17 11/12, BlazePose-33 23/24). */
function withSubject(file: PosesFileV1, from: number, to: number): number {
  const [l, r] = file.skeleton === 'blazepose33' ? [23, 24] : [11, 12];
  let n = 0;
  for (let i = from; i <= to; i++) if (file.frames[i]?.keypoints[l] && file.frames[i]?.keypoints[r]) n++;
  return n;
}

/** The man on the box stands with his feet high in the image; the walker's are low (below 0.65 × height). */
function expectNoBoxAnkles(file: PosesFileV1): void {
  const [l, r] = file.skeleton === 'blazepose33' ? [27, 28] : [15, 16];
  for (const [i, f] of file.frames.entries()) {
    const ankles = [f.keypoints[l], f.keypoints[r]].filter((k) => k && k[2] >= 0.3).map((k) => k![1]);
    if (ankles.length) expect(Math.max(...ankles), `frame ${i}`).toBeGreaterThan(0.65 * file.height);
  }
}

const other = (f: string): string => (f === 'left' ? 'right' : 'left');

type Step = ReturnType<typeof passSteps>[number][number];

/** The same steps: one pass's feet equal (or swapped against) the other's, times within 1 frame. */
function expectSameSteps(
  a: Step[],
  b: Step[],
  how: 'same feet' | 'feet swapped',
  time: 'tS' | 'fromOriginS',
): void {
  expect(b).toHaveLength(a.length);
  a.forEach((e, k) => {
    expect(b[k].foot, `step ${k}`).toBe(how === 'same feet' ? e.foot : other(e.foot));
    expect(Math.abs(b[k][time] - e[time]), `step ${k}`).toBeLessThanOrEqual(FRAME_S);
  });
  for (const s of [a, b])
    for (let k = 1; k < s.length; k++) expect(s[k].foot, `step ${k}`).not.toBe(s[k - 1].foot);
}

type Gait = ReturnType<typeof analyzeGait>['gait'];

/** Issue 8 item 5's tolerances on the means: 2 cm step length, 2 steps/min cadence, 0.05 m/s speed. */
function expectSameMeans(a: Gait, b: Gait): void {
  expect(Math.abs((a?.stepLengthM.mean ?? NaN) - (b?.stepLengthM.mean ?? NaN))).toBeLessThan(0.02);
  expect(Math.abs((a?.cadenceStepsPerMin ?? NaN) - (b?.cadenceStepsPerMin ?? NaN))).toBeLessThan(2);
  expect(Math.abs((a?.speedMps ?? NaN) - (b?.speedMps ?? NaN))).toBeLessThan(0.05);
}

describe.runIf(data)(
  'real video: MultiPose, the default file model (Lightning), Thunder and BlazePose full',
  () => {
    let app: AppHandle;
    let two: PosesFileV1;
    let mp4: PosesFileV1;
    let webm: PosesFileV1;
    let lightning: PosesFileV1;
    let blazepose: PosesFileV1;
    let defaultMp4: PosesFileV1;
    let defaultWebm: PosesFileV1;
    let thunder: PosesFileV1[];
    beforeAll(async () => {
      app = await launchApp();
      // MultiPose sees everyone in the frame: the reference the single-person models are held to.
      await app.page.selectOption('[data-testid=model]', 'movenet-multipose');
      two = await analyseFile(app, 'walk-two-passes.webm', 'movenet-multipose');
      mp4 = await analyseFile(app, 'walk-side-rotated.mp4', 'movenet-multipose');
      webm = await analyseFile(app, 'walk-side-demo.webm', 'movenet-multipose');
      await app.page.selectOption('[data-testid=model]', 'movenet-lightning');
      lightning = await analyseFile(app, 'walk-two-passes.webm', 'movenet-lightning');
      await app.page.selectOption('[data-testid=model]', 'blazepose-full');
      blazepose = await analyseFile(app, 'walk-two-passes.webm', 'blazepose-full');
      await app.page.selectOption('[data-testid=model]', 'movenet-thunder');
      thunder = [];
      for (const clip of ['walk-two-passes.webm', 'walk-side-rotated.mp4', 'walk-side-demo.webm'])
        thunder.push(await analyseFile(app, clip, 'movenet-thunder'));
      // The default ('automatic') for recorded video.
      await app.page.selectOption('[data-testid=model]', 'auto');
      defaultMp4 = await analyseFile(app, 'walk-side-rotated.mp4', 'movenet-lightning');
      defaultWebm = await analyseFile(app, 'walk-side-demo.webm', 'movenet-lightning');
    }, 2_400_000);
    afterAll(async () => app?.close());

    it('follows the walker through both passes of walk-two-passes, and never the man on the box', () => {
      // The walker is in full view in about frames 45-190 (pass 1) and 240-385 (pass 2).
      expect(withSubject(two, 45, 190)).toBeGreaterThanOrEqual(0.9 * 146);
      expect(withSubject(two, 240, 385)).toBeGreaterThanOrEqual(0.9 * 146);
      // The man on the box stands with his feet high in the image; the walker's are low.
      for (const [i, f] of two.frames.entries()) {
        const ankles = [f.keypoints[15], f.keypoints[16]].filter((k) => k && k[2] >= 0.3).map((k) => k![1]);
        if (ankles.length) expect(Math.max(...ankles), `frame ${i}`).toBeGreaterThan(0.65 * two.height);
      }
      const passes = analyzeGaitPasses(two);
      expect(passes.map((p) => p.direction)).toEqual([-1, 1]);
      // Both passes in the result, with the side that faced the camera.
      const summary = analyzeGait(two, { heightM: 1.65 }).gait?.passes ?? [];
      expect(summary.map((p) => [p.direction, p.cameraSide])).toEqual([
        ['right-to-left', 'left'],
        ['left-to-right', 'right'],
      ]);
      for (const p of summary) expect(p.steps).toBeGreaterThanOrEqual(6);
    });

    it('the mirror: pass 2 has pass 1’s strikes, feet swapped, the side facing the camera swapped', () => {
      const [p1, p2] = passFeet(two);
      for (const p of [p1, p2])
        for (let k = 1; k < p.strikes.length; k++) expect(p.strikes[k].foot).not.toBe(p.strikes[k - 1].foot);
      expect(p1.nearSide).toBe('left'); // walking to image left, her left side faces the camera
      expect(p2.nearSide).toBe('right');
      // Both passes decided by the image cues (leg scores, apparent leg length, heel height), each significant on
      // its own (one-sided 95 %, per-step t-test). Measured t (df): pass 1 3.68 (6), pass 2 2.76 (5).
      for (const p of [p1, p2]) {
        expect(p.decidedBy).toBe('image-cues');
        for (const e of p.evidence) expect(Math.abs(e.t)).toBeGreaterThanOrEqual(tCritical95(e.df));
      }
      // The reported steps: the same number, feet swapped, times from each pass's reference instant (the pelvis
      // crossing a fifth of the view from the entry side) within 1 frame. Measured: MultiPose up to 23 ms.
      const [s1, s2] = passSteps(two);
      expect(s1.length).toBeGreaterThanOrEqual(6);
      expectSameSteps(s1, s2, 'feet swapped', 'fromOriginS');
      // Means: measured 0.2 cm, 0.2 steps/min, 0.004 m/s apart.
      const [g1, g2] = analyzeGaitPasses(two, { heightM: 1.65 }).map((p) => p.analysis.result.gait);
      expectSameMeans(g1, g2);
    });

    it('the encoding: the rotated H.264 mp4 and the webm give the same strikes and feet', () => {
      const [a] = passFeet(mp4);
      const [b] = passFeet(webm);
      expect(passFeet(mp4)).toHaveLength(1);
      expect(passFeet(webm)).toHaveLength(1);
      expect(a.strikes.map((e) => e.foot)).toEqual(b.strikes.map((e) => e.foot));
      expect(a.nearSide).toBe('left');
      // Measured t (df): mp4 2.52 (5), webm 2.31 (5); critical 2.02.
      for (const p of [a, b]) expect(p.decidedBy).toBe('image-cues');
      // The reported steps: the same feet, times within 1 frame (measured up to 16 ms), the same means.
      const [sa] = passSteps(mp4);
      const [sb] = passSteps(webm);
      expectSameSteps(sa, sb, 'same feet', 'tS');
      const [ga, gb] = [mp4, webm].map((f) => analyzeGait(f, { heightM: 1.65 }).gait);
      expectSameMeans(ga, gb);
    });

    it('a healthy walker is not flagged: nothing outside its reference, asymmetry never judged outside', () => {
      for (const [name, file] of [
        ['walk-two-passes', two],
        ['rotated mp4', mp4],
        ['demo webm', webm],
      ] as const) {
        const r = analyzeGait(file, { heightM: 1.65 });
        const ind = (r.guarded?.indicators ?? []) as JudgedIndicatorV1[];
        expect(
          ind.filter((i) => i.outside).map((i) => i.id),
          name,
        ).toEqual([]);
        expect(r.guarded?.summary, name).toMatch(/^0 of 6 indicators outside reference/);
        // One pass, one side to the camera: the near/far leg bias could make an asymmetry; two passes pooled
        // (both sides) are judged on their 95 % interval, which a short walk's spread makes wide.
        expect(ind.find((i) => i.id === 'asymmetry')?.judgement, name).not.toBe('outside');
        const ds = ind.find((i) => i.id === 'long-double-support');
        expect(ds?.judgement, name).toBe('within');
        expect(r.gait?.doubleSupportPct, name).toBeLessThanOrEqual(30);
        // Issue 8 item 5's variability of a healthy walker. Measured on the app's recordings: step length CV
        // 6.1 / 6.2 / 4.9 % (9.2 / 10.3 / 5.1 % while the leg-perspective correction was applied unchecked),
        // step time CV 3.2 / 2.4 / 1.4 %.
        expect(r.gait?.stepLengthM.cv, name).toBeLessThanOrEqual(8);
        expect((r.gait?.stepTimeS as { cv: number | null } | undefined)?.cv, name).toBeLessThanOrEqual(6);
      }
    });

    it('a single-person model (Lightning) follows the walker in ≥ 90 % of the frames MultiPose does', () => {
      const all = (f: PosesFileV1): number => withSubject(f, 0, f.frames.length - 1);
      // Measured: 311 of MultiPose's 313 (before the search beside the man on the box: 258).
      expect(all(lightning)).toBeGreaterThanOrEqual(0.9 * all(two));
      expect(withSubject(lightning, 45, 190)).toBeGreaterThanOrEqual(0.9 * 146);
      expect(withSubject(lightning, 240, 385)).toBeGreaterThanOrEqual(0.9 * 146);
      // Its feet: strictly alternating steps in both passes (the model's labels flip while she comes out from
      // behind the tree; the stance-anchored feet are taken there).
      // Step length CV measured 4.6 % (8.4 % with the leg-perspective correction unchecked).
      expect(analyzeGait(lightning, { heightM: 1.65 }).gait?.stepLengthM.cv).toBeLessThanOrEqual(8);
      const passes = analyzeGaitPasses(lightning, { heightM: 1.65 });
      expect(passes.map((p) => p.direction)).toEqual([-1, 1]);
      for (const p of passes) {
        const st = p.analysis.result.gait?.steps ?? [];
        expect(st.length).toBeGreaterThanOrEqual(6);
        for (let k = 1; k < st.length; k++) expect(st[k].foot, `step ${k}`).not.toBe(st[k - 1].foot);
      }
      // Its mirror: the same steps, feet swapped, within 1 frame of each pass's reference instant (measured 10 ms).
      const [l1, l2] = passSteps(lightning);
      expectSameSteps(l1, l2, 'feet swapped', 'fromOriginS');
      expectNoBoxAnkles(lightning);
    });

    it('BlazePose full follows the walker in ≥ 90 % of the frames MultiPose does, never the man on the box', () => {
      // Measured: 305 of MultiPose's 313, 146/146 in each pass (before a search reset BlazePose's own person
      // region: 91, as it kept the man on the box through every search).
      const all = (f: PosesFileV1): number => withSubject(f, 0, f.frames.length - 1);
      expect(all(blazepose)).toBeGreaterThanOrEqual(0.9 * all(two));
      expect(withSubject(blazepose, 45, 190)).toBeGreaterThanOrEqual(0.9 * 146);
      expect(withSubject(blazepose, 240, 385)).toBeGreaterThanOrEqual(0.9 * 146);
      expectNoBoxAnkles(blazepose);
    });

    it('Thunder: both passes, the mirror and the encoding, with the pool seam under the man on the box', () => {
      const [tTwo, tMp4, tWebm] = thunder;
      // Measured: the walker in 146/146 and 139/146 frames of the two passes (MultiPose 146, 146).
      expect(withSubject(tTwo, 45, 190)).toBeGreaterThanOrEqual(0.9 * 146);
      expect(withSubject(tTwo, 240, 385)).toBeGreaterThanOrEqual(0.9 * 146);
      expectNoBoxAnkles(tTwo);
      // The mirror: measured 7 and 7 steps, feet swapped, within 12 ms; means 0.5 cm, 0.1 steps/min, 0.005 m/s apart.
      const [p1, p2] = passSteps(tTwo);
      expect(p1.length).toBeGreaterThanOrEqual(6);
      expectSameSteps(p1, p2, 'feet swapped', 'fromOriginS');
      const [g1, g2] = analyzeGaitPasses(tTwo, { heightM: 1.65 }).map((p) => p.analysis.result.gait);
      expectSameMeans(g1, g2);
      // The encoding. The demo's 2-worker seam falls as the walker passes under the man on the box: the second
      // chunk's tracker, starting blind, took him, and the walker was lost for 17 frames (0.57 s), which cut the walk
      // in two: 5 steps, no cadence or speed (before the seam repair). Now the same 7 steps within 7 ms in both.
      expect(withSubject(tWebm, 100, 140)).toBe(41);
      const [sa] = passSteps(tMp4);
      const [sb] = passSteps(tWebm);
      expect(sa.length).toBeGreaterThanOrEqual(6);
      expectSameSteps(sa, sb, 'same feet', 'tS');
      const [ga, gb] = [tMp4, tWebm].map((f) => analyzeGait(f, { heightM: 1.65 }).gait);
      expectSameMeans(ga, gb);
    });

    it('the default file model (Lightning): the encoding gives the same steps, and a healthy walker is not flagged', () => {
      // Measured (session 7, docs/validation.md): the same feet, strikes within 4 ms, means 0.3 cm, 0.1 steps/min,
      // 0.004 m/s apart; step length CV 5.0 %, double support 18.7 / 19.7 %.
      const [sa] = passSteps(defaultMp4);
      const [sb] = passSteps(defaultWebm);
      expect(passSteps(defaultMp4)).toHaveLength(1);
      expect(passSteps(defaultWebm)).toHaveLength(1);
      expect(sa.length).toBeGreaterThanOrEqual(5);
      expectSameSteps(sa, sb, 'same feet', 'tS');
      const [ra, rb] = [defaultMp4, defaultWebm].map((f) => analyzeGait(f, { heightM: 1.65 }));
      expectSameMeans(ra.gait, rb.gait);
      for (const [name, r] of [
        ['rotated mp4', ra],
        ['demo webm', rb],
      ] as const) {
        const ind = (r.guarded?.indicators ?? []) as JudgedIndicatorV1[];
        expect(
          ind.filter((i) => i.outside).map((i) => i.id),
          name,
        ).toEqual([]);
        expect(r.gait?.doubleSupportPct, name).toBeGreaterThanOrEqual(15);
        expect(r.gait?.doubleSupportPct, name).toBeLessThanOrEqual(30);
        expect(r.gait?.stepLengthM.cv, name).toBeLessThanOrEqual(8);
        expect((r.gait?.stepTimeS as { cv: number | null } | undefined)?.cv, name).toBeLessThanOrEqual(6);
      }
    });
  },
);
