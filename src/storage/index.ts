// Public surface of the storage layer.
export { openGanglagDb, GanglagDb } from './db';
export type { OpenOptions, StorageInfo, ImportReport, MergeCounts } from './db';
export { GanglagStorageError, isQuotaError, type StorageErrorCode } from './errors';
export {
  BACKUP_FORMAT,
  DEFAULT_BACKUP_LIMITS,
  parseBackup,
  assertValidRecord,
  type BackupLimits,
  type BackupV1,
} from './backup';
export { condensePoses } from './condense';
export { timeOfDayOf } from './time-of-day';
export { DB_NAME, DB_VERSION } from './schema';
export * from './types';
