// Records the app keeps on the device. Times are ISO 8601 strings (UTC) so records clone and serialise as-is.
import type { AnalysisV1 } from '../shared/analysis-format';
import type { ModelId } from '../shared/models';
import type { PosesFileV1 } from '../shared/poses-format';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const SESSION_KINDS = ['gait', 'spine', 'posture'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

/** Injectable clock so tests and e2e runs can place sessions on chosen dates. */
export type Clock = () => Date;

export const WALKING_AIDS = ['none', 'cane', 'crutches', 'walker', 'other'] as const;
export type WalkingAid = (typeof WALKING_AIDS)[number];

/** Bounds of the self-report, shared by validation and the form. */
export const SELF_REPORT_LIMITS = {
  nrsMax: 10,
  morningStiffnessMaxMin: 600,
  sinceGettingUpMaxMin: 1440,
  noteMaxChars: 2000,
} as const;

/**
 * The patient's own report for one session (issue 10), every field optional: pain on the 0–10 numeric rating
 * scale now and during the test, today's morning stiffness and the time since getting up (whole minutes), the
 * walking aid used, a free note.
 */
export interface SelfReport {
  painNowNrs?: number;
  painDuringNrs?: number;
  morningStiffnessMin?: number;
  sinceGettingUpMin?: number;
  walkingAid?: WalkingAid;
  note?: string;
}

export interface Profile {
  id: string;
  /** A local pseudonym, never a real name: it ends up in exports. */
  pseudonym: string;
  birthYear: number | null;
  sex: Sex;
  heightM: number | null;
  notes: string;
  createdAt: string;
  updatedAt: string;
}

export interface SessionRecord {
  id: string;
  profileId: string;
  startedAt: string;
  kind: SessionKind;
  /** Protocol id chosen at capture, e.g. "4m-walk" or "forward-flexion"; see docs/exports.md for those with LOINC codes. */
  protocol: string;
  /** Set from startedAt's local hour when created; the user may change it. */
  timeOfDay: TimeOfDay;
  analysis: AnalysisV1;
  notes: string;
  /** True only after the user agreed, for this session, to keep the video clip. */
  videoConsent: boolean;
  /** v4: the patient's own report, when given (the form is skippable). */
  selfReport?: SelfReport;
  /**
   * The pose model that produced the session's poses (copied from its poses' source, so listings need not load
   * them). Two models measure the same walk differently, so summaries compare like with like. Absent on sessions
   * saved before it was recorded: not known.
   */
  model?: ModelId;
  createdAt: string;
  updatedAt: string;
}

/** A session together with its condensed pose series, as written and as backed up. */
export interface SessionWithPoses extends SessionRecord {
  poses: PosesFileV1;
}

export interface ClinicianEvent {
  id: string;
  profileId: string;
  /** Calendar date, YYYY-MM-DD. */
  date: string;
  label: string;
  createdAt: string;
  updatedAt: string;
}

export interface VideoRecord {
  sessionId: string;
  blob: Blob;
  mimeType: string;
  consentedAt: string;
}

export interface ProfileInput {
  pseudonym: string;
  birthYear?: number | null;
  sex?: Sex;
  heightM?: number | null;
  notes?: string;
}

export interface SessionInput {
  profileId: string;
  /** Defaults to the clock's now. */
  startedAt?: string;
  kind: SessionKind;
  protocol: string;
  /** Defaults to the time of day of startedAt. */
  timeOfDay?: TimeOfDay;
  analysis: AnalysisV1;
  poses: PosesFileV1;
  notes?: string;
  selfReport?: SelfReport;
}

export interface EventInput {
  profileId: string;
  date: string;
  label: string;
}

/** Two floor points in the camera frame (px) and the true distance between them (m). */
export interface FloorReference {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  metres: number;
}

/** A named camera placement with its floor reference, reused on later recordings from the same setup. */
export interface CameraSetupV1 {
  id: string;
  /** E.g. "Room 2, tripod at the window"; one line. */
  name: string;
  ref: FloorReference;
  /** The frame the points were marked on; the points lie inside it. */
  frameWidthPx: number;
  frameHeightPx: number;
  createdAt: string;
  updatedAt: string;
}

export interface CameraSetupInput {
  /** Given: replaces that setup (keeping its createdAt); absent: a new setup. */
  id?: string;
  name: string;
  ref: FloorReference;
  frameWidthPx: number;
  frameHeightPx: number;
}

export const TOMBSTONE_KINDS = ['profile', 'session', 'event', 'cameraSetup'] as const;

/** What an erased record leaves behind, so an older backup cannot bring it back. */
export interface Tombstone {
  /** `${kind}:${id}`. */
  key: string;
  kind: (typeof TOMBSTONE_KINDS)[number];
  id: string;
  deletedAt: string;
}

export const DRAFT_ORIGINS = ['recording', 'file'] as const;
export type DraftOrigin = (typeof DRAFT_ORIGINS)[number];

/** A recording or analysed file not yet saved as a session; its frames are stored in chunks. */
export interface DraftRecord {
  id: string;
  origin: DraftOrigin;
  kind: SessionKind;
  protocol: string;
  /** The profile chosen at capture, if any. */
  profileId: string | null;
  /** The poses file without frames (format, skeleton, fps, size, subject, source). */
  header: Omit<PosesFileV1, 'frames'>;
  /** Set once the recording has been analysed. */
  analysis: AnalysisV1 | null;
  frameCount: number;
  chunkCount: number;
  /** Timestamp of the last stored frame, so the next chunk must follow it; null before the first. */
  lastTMs: number | null;
  startedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface DraftInput {
  origin: DraftOrigin;
  kind: SessionKind;
  protocol: string;
  profileId?: string | null;
  header: Omit<PosesFileV1, 'frames'>;
  analysis?: AnalysisV1 | null;
  /** Defaults to the clock's now. */
  startedAt?: string;
}
