import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openGanglagDb } from '../../src/storage/db';
import {
  deleteEventConfirmed,
  eraseProfileConfirmed,
  importSummary,
  loadProgress,
} from '../../src/ui/progress/controller';
import { PROFILE_A, PROFILE_B, sampleBackup, SESSIONS_A } from '../fixtures/sessions-fixtures';

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
