// Import planning, pure: what an import will do with each record, decided before anything is written.
// The database runs the same decision when it applies the import, so the preview and the result agree.

export type RecordKindName = 'profile' | 'session' | 'event' | 'cameraSetup';

/**
 * add: new here. update: the file's copy is newer and differs. unchanged: same content (dates aside).
 * keep: the local copy is as new or newer, or the file's date was in the future (it cannot prove it is newer).
 * refuse: erased here, or it would move a record to another profile. erase: the file erased what is here.
 */
export type MergeAction = 'add' | 'update' | 'unchanged' | 'keep' | 'refuse' | 'erase';
export type RefuseReason = 'erased' | 'moves-profile';

export interface IncomingMeta {
  kind: RecordKindName;
  id: string;
  /** The owning profile; a profile's own id for profiles; '' for camera setups (they belong to the device). */
  profileId: string;
  updatedAt: string;
  createdAt: string;
}

export interface LocalMeta {
  profileId: string;
  updatedAt: string;
  /** Whether its content equals the incoming record's, ignoring createdAt/updatedAt. */
  sameContent: boolean;
}

export interface Decision {
  action: MergeAction;
  reason?: RefuseReason;
  /** Dates to store: the file's, or now where the file's were in the future. */
  updatedAt: string;
  createdAt: string;
  clamped: boolean;
}

/** A device clock a little ahead is not "the future"; beyond this it is. */
export const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * Decides one incoming record. A date later than now (plus slack) is clamped to now and then never replaces a
 * local copy, so a file from a device with a wrong clock cannot overwrite later edits, however often imported.
 * A tombstone (for the record or its profile) always wins: an older backup cannot undo an erasure.
 */
export function decideRecord(
  incoming: IncomingMeta,
  local: LocalMeta | undefined,
  erased: boolean,
  now: Date,
): Decision {
  const limit = now.getTime() + FUTURE_SLACK_MS;
  const nowIso = now.toISOString();
  const future = (s: string) => Date.parse(s) > limit;
  const clamped = future(incoming.updatedAt) || future(incoming.createdAt);
  const updatedAt = future(incoming.updatedAt) ? nowIso : incoming.updatedAt;
  const createdAt = future(incoming.createdAt) ? nowIso : incoming.createdAt;
  const base = { updatedAt, createdAt, clamped };
  if (erased) return { ...base, action: 'refuse', reason: 'erased' };
  if (!local) return { ...base, action: 'add' };
  if (
    incoming.kind !== 'profile' &&
    incoming.kind !== 'cameraSetup' &&
    local.profileId !== incoming.profileId
  ) {
    return { ...base, action: 'refuse', reason: 'moves-profile' };
  }
  if (local.sameContent) return { ...base, action: 'unchanged' };
  if (clamped) return { ...base, action: 'keep' };
  return { ...base, action: Date.parse(updatedAt) > Date.parse(local.updatedAt) ? 'update' : 'keep' };
}

export interface PlanEntry {
  kind: RecordKindName;
  id: string;
  profileId: string;
  /** What the user recognises: a pseudonym, a session's start, an event's date and label. */
  label: string;
  /** A session's start (ISO) or an event's date (YYYY-MM-DD). */
  at?: string;
  action: MergeAction;
  reason?: RefuseReason;
  clamped: boolean;
}

export interface ActionCounts {
  add: number;
  update: number;
  unchanged: number;
  keep: number;
  refuse: number;
  erase: number;
}

export interface ProfilePlan {
  profileId: string;
  /** The pseudonym from the file, or from this device, or '' when neither has it. */
  pseudonym: string;
  /** What happens to the profile record itself; null when the file has only its sessions or events. */
  action: MergeAction | null;
  sessions: ActionCounts;
  events: ActionCounts;
  entries: PlanEntry[];
}

export interface ImportPlan {
  /** 'ganglag.backup/v1' or 'ganglag.backup/v2'. */
  format: string;
  exportedAt: string;
  profiles: ProfilePlan[];
  /** Camera setups belong to no profile. */
  cameraSetups: { counts: ActionCounts; entries: PlanEntry[] };
  totals: Record<RecordKindName, ActionCounts>;
  /** Records whose dates were in the future and were set to now. */
  clamped: number;
  /** True when nothing would change. */
  empty: boolean;
}

export const emptyActionCounts = (): ActionCounts => ({
  add: 0,
  update: 0,
  unchanged: 0,
  keep: 0,
  refuse: 0,
  erase: 0,
});

/** Groups decided entries per profile, in the order profiles first appear; pseudonyms name profiles. */
export function summarizePlan(
  format: string,
  exportedAt: string,
  entries: readonly PlanEntry[],
  pseudonyms: ReadonlyMap<string, string>,
): ImportPlan {
  const byProfile = new Map<string, ProfilePlan>();
  const totals = {
    profile: emptyActionCounts(),
    session: emptyActionCounts(),
    event: emptyActionCounts(),
    cameraSetup: emptyActionCounts(),
  };
  const cameraSetups = { counts: emptyActionCounts(), entries: [] as PlanEntry[] };
  let clamped = 0;
  for (const e of entries) {
    totals[e.kind][e.action]++;
    if (e.clamped) clamped++;
    if (e.kind === 'cameraSetup') {
      cameraSetups.entries.push(e);
      cameraSetups.counts[e.action]++;
      continue;
    }
    let p = byProfile.get(e.profileId);
    if (!p) {
      p = {
        profileId: e.profileId,
        pseudonym: pseudonyms.get(e.profileId) ?? '',
        action: null,
        sessions: emptyActionCounts(),
        events: emptyActionCounts(),
        entries: [],
      };
      byProfile.set(e.profileId, p);
    }
    p.entries.push(e);
    if (e.kind === 'profile') p.action = e.action;
    else (e.kind === 'session' ? p.sessions : p.events)[e.action]++;
  }
  const changes = (c: ActionCounts) => c.add + c.update + c.erase;
  const empty = Object.values(totals).every((c) => changes(c) === 0);
  return { format, exportedAt, profiles: [...byProfile.values()], cameraSetups, totals, clamped, empty };
}
