// Storage errors carry a stable name and code so the UI (and anything across a worker boundary) branches on code.

export type StorageErrorCode =
  | 'quota-exceeded'
  | 'invalid-backup'
  | 'invalid-record'
  | 'not-found'
  | 'no-consent'
  | 'version-too-new'
  | 'unavailable'
  | 'unknown';

export class GanglagStorageError extends Error {
  override readonly name = 'GanglagStorageError';
  readonly code: StorageErrorCode;
  /** Path of the offending field for invalid-backup / invalid-record, e.g. "sessions[2].notes". */
  readonly field: string;
  constructor(code: StorageErrorCode, message: string, opts: { field?: string; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.code = code;
    this.field = opts.field ?? '';
  }
}

export function isQuotaError(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  // Firefox once used NS_ERROR_DOM_QUOTA_REACHED; old Safari code 22.
  return (
    name === 'QuotaExceededError' ||
    name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    (err as { code?: unknown } | null)?.code === 22
  );
}

/** Maps anything thrown by IndexedDB into a GanglagStorageError; passes ours through. */
export function toStorageError(err: unknown, doing: string): GanglagStorageError {
  if (err instanceof GanglagStorageError) return err;
  if (isQuotaError(err)) {
    return new GanglagStorageError(
      'quota-exceeded',
      `Storage is full while ${doing}. Nothing was changed. Free space by exporting and deleting old sessions or videos.`,
      { cause: err },
    );
  }
  if ((err as { name?: unknown } | null)?.name === 'VersionError') {
    return new GanglagStorageError(
      'version-too-new',
      'This data was written by a newer version of Ganglag; reload the app.',
      { cause: err },
    );
  }
  const msg = err instanceof Error ? err.message : String(err);
  return new GanglagStorageError('unknown', `Storage failed while ${doing}: ${msg}`, { cause: err });
}
