// The Progress tab's database work, apart from its DOM: loading what a render needs, erasing with confirmation,
// and the import summary. Unit-tested against fake-indexeddb (tests/unit/progress-controller.test.ts).
import type {
  ClinicianEvent,
  GanglagDb,
  ImportReport,
  MergeCounts,
  Profile,
  SessionRecord,
  StorageInfo,
} from '../../storage';
import { t } from '../i18n';

export interface ProgressState {
  profiles: Profile[];
  current: Profile | null;
  sessions: SessionRecord[];
  events: ClinicianEvent[];
  storage: StorageInfo;
}

/** Everything a render needs; the current profile is the preferred id if it still exists, else the first. */
export async function loadProgress(db: GanglagDb, preferredId: string | null): Promise<ProgressState> {
  const profiles = await db.listProfiles();
  const current = profiles.find((p) => p.id === preferredId) ?? profiles[0] ?? null;
  const [sessions, events, storage] = await Promise.all([
    current ? db.listSessions(current.id) : Promise.resolve([]),
    current ? db.listEvents(current.id) : Promise.resolve([]),
    db.storageInfo(),
  ]);
  return { profiles, current, sessions, events, storage };
}

/** Asks the user (with what will go, by count) and erases the profile for good; false if they said no. */
export async function eraseProfileConfirmed(
  db: GanglagDb,
  profile: Profile,
  ask: (question: string) => boolean,
): Promise<boolean> {
  const what = await db.profileContents(profile.id);
  if (!ask(t('progress.profile.confirmErase', { name: profile.pseudonym, ...what }))) return false;
  await db.deleteProfile(profile.id);
  return true;
}

/** Asks, then deletes the event; false if the user said no. */
export async function deleteEventConfirmed(
  db: GanglagDb,
  event: ClinicianEvent,
  ask: (question: string) => boolean,
): Promise<boolean> {
  if (!ask(t('progress.events.confirmDelete', { label: event.label, date: event.date }))) return false;
  await db.deleteEvent(event.id);
  return true;
}

/** One line saying what an import did. */
export function importSummary(file: string, c: ImportReport): string {
  const sum = (k: keyof MergeCounts) => c.profiles[k] + c.sessions[k] + c.events[k];
  return [
    t('progress.io.imported', {
      file,
      profiles: c.profiles.added + c.profiles.updated,
      sessions: c.sessions.added + c.sessions.updated,
      events: c.events.added + c.events.updated,
      unchanged: sum('unchanged'),
      kept: sum('keptLocal'),
    }),
    sum('refused') > 0 ? t('progress.io.refused', { n: sum('refused') }) : '',
    sum('erased') > 0 ? t('progress.io.erased', { n: sum('erased') }) : '',
  ]
    .filter(Boolean)
    .join(' ');
}
