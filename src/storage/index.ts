// Public surface of the storage layer.
export { openGanglagDb, GanglagDb } from './db';
export type { OpenOptions, StorageInfo, ImportReport, MergeCounts, BackupStreamOptions } from './db';
export {
  BACKUP_FORMAT_V2,
  readBackup,
  type BackupItem,
  type BackupProgress,
  type ProgressCallback,
} from './backup-stream';
export { decideRecord, summarizePlan, FUTURE_SLACK_MS } from './merge';
export type { ImportPlan, ProfilePlan, PlanEntry, MergeAction, ActionCounts } from './merge';
export { CameraSetupStore } from './camera-setups';
export { DraftStore, MAX_DRAFTS, MAX_CHUNK_FRAMES } from './drafts';
export { GanglagStorageError, isQuotaError, type StorageErrorCode } from './errors';
export {
  BACKUP_FORMAT,
  DEFAULT_BACKUP_LIMITS,
  parseBackup,
  assertValidRecord,
  MAX_FRAME_SIDE_PX,
  MAX_REFERENCE_M,
  type BackupLimits,
  type BackupV1,
} from './backup';
export { condensePoses } from './condense';
export { timeOfDayOf } from './time-of-day';
export { DB_NAME, DB_VERSION } from './schema';
export * from './types';
