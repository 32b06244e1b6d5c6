import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openGanglagDb } from '../../src/storage/db';
import { analyzeGait } from '../../src/analysis';
import type { IndicatorV1 } from '../../src/shared/analysis-format';
import type { SessionRecord } from '../../src/storage';
import {
  prepareForSave,
  baselineSession,
  deleteEventConfirmed,
  eraseProfileConfirmed,
  importSummary,
  judgeSession,
  loadProgress,
  ProgressController,
  type Prefs,
  type SaveSource,
} from '../../src/ui/progress/controller';
import { generateWalk } from '../fixtures/gait-generator';
import { generateSpine } from '../fixtures/spine-generator';
import {
  gaitAnalysis,
  PROFILE_A,
  PROFILE_B,
  sampleBackup,
  samplePoses,
  SESSIONS_A,
} from '../fixtures/sessions-fixtures';

async function seeded() {
  const db = await openGanglagDb({
    idbFactory: new IDBFactory(),
    storage: null,
    now: () => new Date('2026-03-10T12:00:00Z'),
  });
  await db.importBackup(JSON.stringify(sampleBackup()));
  return db;
}
const nA = SESSIONS_A.filter((s) => s.profileId === PROFILE_A.id).length;

describe('progress controller', () => {
  it('loads the preferred profile with its sessions and events, or the first when it is gone', async () => {
    const db = await seeded();
    const s = await loadProgress(db, PROFILE_A.id);
    expect(s.current?.id).toBe(PROFILE_A.id);
    expect(s.sessions).toHaveLength(nA);
    expect(s.events.map((e) => e.profileId)).toEqual([PROFILE_A.id]);
    expect(s.profiles.map((p) => p.pseudonym)).toEqual([PROFILE_A.pseudonym, PROFILE_B.pseudonym].sort());
    expect((await loadProgress(db, 'gone')).current?.id).toBe(s.profiles[0].id);
    db.close();
  });

  it('erases a profile only after a confirmation that names what goes', async () => {
    const db = await seeded();
    const questions: string[] = [];
    expect(await eraseProfileConfirmed(db, PROFILE_A, (q) => (questions.push(q), false))).toBe(false);
    expect(await db.getProfile(PROFILE_A.id)).toMatchObject({ id: PROFILE_A.id });
    expect(await eraseProfileConfirmed(db, PROFILE_A, (q) => (questions.push(q), true))).toBe(true);
    expect(questions[0]).toBe(
      `Erase the profile "${PROFILE_A.pseudonym}" for good: ${nA} sessions, 0 videos and 1 events? An older backup will not bring them back. This cannot be undone.`,
    );
    expect((await loadProgress(db, PROFILE_A.id)).current?.id).toBe(PROFILE_B.id);
    // The older backup does not bring it back.
    const r = await db.importBackup(JSON.stringify(sampleBackup()));
    expect(r.profiles.refused).toBe(1);
    expect(importSummary('old.json', r)).toMatch(/old\.json.*\d+ refused/);
    db.close();
  });

  it('deletes an event only after confirmation', async () => {
    const db = await seeded();
    const [ev] = await db.listEvents(PROFILE_A.id);
    expect(await deleteEventConfirmed(db, ev, () => false)).toBe(false);
    expect(await db.listEvents(PROFILE_A.id)).toHaveLength(1);
    let asked = '';
    expect(await deleteEventConfirmed(db, ev, (q) => ((asked = q), true))).toBe(true);
    expect(asked).toBe(`Delete the event "${ev.label}" (${ev.date})?`);
    expect(await db.listEvents(PROFILE_A.id)).toEqual([]);
    db.close();
  });
});

function memoryPrefs(): Prefs & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, get: (k) => map.get(k) ?? null, set: (k, v) => void map.set(k, v) };
}

function controller(db: Awaited<ReturnType<typeof seeded>>, prefs = memoryPrefs()) {
  const published: (string | null)[] = [];
  const ctl = new ProgressController({
    openDb: () => Promise.resolve(db),
    prefs,
    publish: (p) => published.push(p?.id ?? null),
  });
  return { ctl, prefs, published };
}

describe('ProgressController', () => {
  it('loads the remembered profile, publishes it, and remembers a new choice', async () => {
    const db = await seeded();
    const prefs = memoryPrefs();
    prefs.set('ganglag.currentProfile', PROFILE_B.id);
    const { ctl, published } = controller(db, prefs);
    expect(await ctl.reload()).toBe(true);
    expect(ctl.current?.id).toBe(PROFILE_B.id);
    expect(ctl.sessions).toHaveLength(0);
    ctl.selectProfile(PROFILE_A.id);
    expect(await ctl.reload()).toBe(true);
    expect(ctl.current?.id).toBe(PROFILE_A.id);
    expect(ctl.sessions).toHaveLength(nA);
    expect(prefs.map.get('ganglag.currentProfile')).toBe(PROFILE_A.id);
    expect(published).toEqual([PROFILE_B.id, PROFILE_A.id]);
    db.close();
  });

  it('drops a reload overtaken by a later one', async () => {
    const db = await seeded();
    const { ctl } = controller(db);
    const first = ctl.reload();
    const second = ctl.reload();
    expect(await first).toBe(false);
    expect(await second).toBe(true);
    db.close();
  });

  it('says why when the database cannot be opened, and reports no state', async () => {
    const ctl = new ProgressController({
      openDb: () => Promise.reject(new Error('blocked')),
      prefs: memoryPrefs(),
    });
    expect(await ctl.reload()).toBe(false);
    expect((ctl.dbError as Error).message).toBe('blocked');
    expect(ctl.profiles).toEqual([]);
  });

  it('re-measures a pixel-only walk with the profile height when saving it, and keeps a scaled one as it is', async () => {
    const db = await seeded();
    const { ctl } = controller(db);
    ctl.selectProfile(PROFILE_B.id);
    await ctl.reload();
    const { file, truth } = generateWalk({
      skeleton: 'coco17',
      seed: 7,
      heightM: PROFILE_B.heightM ?? 0,
      includeHeight: false,
    });
    const pixels = analyzeGait(file, {});
    expect(pixels.scale.method).toBe('pixels');
    const src: SaveSource = { recording: file, kind: 'gait', protocol: 'free-walk', analysis: pixels };
    const out = await ctl.saveSession(src, {
      startedAt: new Date('2026-03-09T09:15:00Z'),
      notes: 'first walk',
      clip: null,
      keepClip: false,
    });
    expect(out.video).toBe('none');
    const stored = await db.getSession(out.session.id);
    expect(stored.analysis.scale.method).not.toBe('pixels');
    // The height scale is anthropometric: within 10 % of the generator's true speed.
    expect(stored.analysis.gait?.speedMps).toBeGreaterThan(truth.speedMps * 0.9);
    expect(stored.analysis.gait?.speedMps).toBeLessThan(truth.speedMps * 1.1);
    expect(stored.notes).toBe('first walk');
    // An analysis already in metres is stored unchanged (no second analysis).
    const scaled = analyzeGait(file, { heightM: 1.82 });
    const kept = prepareForSave({ ...src, analysis: scaled }, PROFILE_B, new Date());
    expect(kept.analysis).toBe(scaled);
    await ctl.reload();
    expect(ctl.sessions.map((s) => s.id)).toContain(out.session.id);
    db.close();
  });

  it('analyses a recording no view analysed as a walk, with the profile age and sex', () => {
    const { file } = generateWalk({ skeleton: 'coco17', seed: 3, heightM: 1.64 });
    const src: SaveSource = { recording: file, kind: 'gait', protocol: 'free-walk', analysis: null };
    const { analysis: a, kind, protocol } = prepareForSave(src, PROFILE_A, new Date('2026-03-09T09:15:00Z'));
    expect([kind, protocol]).toEqual(['gait', 'free-walk']);
    expect(a.scale.method).toBe('height');
    const slow = a.guarded?.indicators.find((i) => i.id === 'slow-gait-speed');
    // Age 70 and female: the age- and sex-matched threshold, not the generic 1.0 m/s.
    expect(slow?.referenceCode).toMatchObject({ code: 'speed-age-sex', sex: 'female', ageYears: 70 });
  });

  it('saves a recording no view analysed as what the entry point recognises: a forward flexion is a spine session', () => {
    const g = generateSpine({
      skeleton: 'blazepose33',
      test: 'forward-flexion',
      endRangeDeg: [60, 70, 65],
      noisePx: 2,
      seed: 3,
    });
    const src: SaveSource = { recording: g.file, kind: 'gait', protocol: 'free-walk', analysis: null };
    const p = prepareForSave(src, PROFILE_A, new Date('2026-03-09T09:15:00Z'));
    expect([p.kind, p.protocol]).toEqual(['spine', 'forward-flexion']);
    expect(p.analysis.spine?.reps).toHaveLength(3);
    expect(p.analysis.gait).toBeUndefined();
  });

  it('keeps the clip only with consent, and counts a session as having video only when its clip is stored', async () => {
    const db = await seeded();
    const { ctl } = controller(db);
    ctl.selectProfile(PROFILE_A.id);
    await ctl.reload();
    const src: SaveSource = {
      recording: samplePoses(5),
      kind: 'gait',
      protocol: 'free-walk',
      analysis: gaitAnalysis(1.1),
    };
    const clip = new File([new Uint8Array(64)], 'walk.webm', { type: 'video/webm' });
    const no = await ctl.saveSession(src, { startedAt: new Date(), notes: '', clip, keepClip: false });
    const yes = await ctl.saveSession(src, { startedAt: new Date(), notes: '', clip, keepClip: true });
    expect(no.video).toBe('none');
    expect(yes.video).toBe('kept');
    await ctl.reload();
    expect([...(ctl.state?.withVideo ?? [])]).toEqual([yes.session.id]);
    db.close();
  });

  it('does not count an imported session as having video when the backup holds no clip', async () => {
    const db = await openGanglagDb({ idbFactory: new IDBFactory(), storage: null });
    const backup = sampleBackup();
    // A backup from another device: consent was given there, but backups carry no clips.
    backup.sessions[0] = { ...backup.sessions[0], videoConsent: true };
    await db.importBackup(JSON.stringify(backup));
    const s = await loadProgress(db, PROFILE_A.id);
    expect(s.sessions.find((x) => x.id === backup.sessions[0].id)?.videoConsent).toBe(true);
    expect(s.withVideo.size).toBe(0);
    db.close();
  });
});

const ind = (id: string, value: number | null, outside = false): IndicatorV1 => ({
  id,
  value,
  unit: 'm',
  reference: '',
  outside,
});

function gaitSession(id: string, startedAt: string, indicators: IndicatorV1[]): SessionRecord {
  const a = gaitAnalysis(1);
  return {
    ...SESSIONS_A[0],
    id,
    startedAt,
    analysis: { ...a, guarded: { indicators, summary: '' } },
  };
}

describe('baseline judgement in the session panel', () => {
  const base = gaitSession('b', '2026-01-01T09:00:00.000Z', [
    ind('short-steps', 0.6),
    ind('slow-gait-speed', 1.2),
    ind('long-double-support', 25),
  ]);
  const later = gaitSession('l', '2026-02-01T09:00:00.000Z', [
    ind('short-steps', 0.5), // −16.7 %: shorter by more than the 10 % screening margin → worse
    ind('slow-gait-speed', 0.9, true), // published threshold: its own flag
    ind('long-double-support', 27), // +8 %: within the 15 % margin
  ]);
  const spine: SessionRecord = { ...SESSIONS_A[5], id: 'sp', startedAt: '2025-12-01T09:00:00.000Z' };
  const all = [spine, base, later];

  it('takes the first gait session with indicators, or the chosen one, never the session itself', () => {
    expect(baselineSession(later, all, '')?.id).toBe('b');
    expect(baselineSession(base, all, '')).toBe(null);
    expect(baselineSession(base, all, 'l')?.id).toBe('l');
    // A chosen spine session has no indicators: the first gait session is used.
    expect(baselineSession(later, all, 'sp')?.id).toBe('b');
  });

  it('judges screening thresholds against the baseline and published ones by their threshold', () => {
    const { baseline, judgements } = judgeSession(later, all, '');
    expect(baseline?.id).toBe('b');
    const byId = Object.fromEntries(judgements.map((j) => [j.id, j]));
    expect(byId['short-steps']).toMatchObject({ judgedBy: 'baseline', outside: true });
    expect(byId['short-steps'].change).toBeCloseTo(-1 / 6, 6);
    expect(byId['long-double-support']).toMatchObject({ judgedBy: 'baseline', outside: false });
    expect(byId['long-double-support'].change).toBeCloseTo(0.08, 6);
    expect(byId['slow-gait-speed']).toMatchObject({ judgedBy: 'threshold', outside: true });
    // The baseline session itself: screening indicators have no baseline yet.
    const first = judgeSession(base, all, '').judgements;
    expect(first.find((j) => j.id === 'short-steps')?.judgedBy).toBe('no-baseline');
  });
});
