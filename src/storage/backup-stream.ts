// ganglag.backup/v2: NDJSON, one record per line, each with the SHA-256 of its JSON, so a backup of any size is
// written and read one session at a time. Old ganglag.backup/v1 single-file backups are read through parseBackup.
//
//   {"format":"ganglag.backup/v2","exportedAt":"…","schemaVersion":3,"counts":{"profiles":1,"sessions":2,…}}
//   {"kind":"profile","sha256":"<hex of the record's JSON>","record":{…}}
//   {"kind":"session","sha256":"…","record":{… "poses":{…}}}
//   {"kind":"event",…}  {"kind":"cameraSetup",…}  {"kind":"tombstone",…}
//   {"kind":"end","counts":{…}}
//
// Order: header, profiles, sessions, events, camera setups, tombstones, end. A file without its end line is
// truncated. Camera setups came with schema v4; files from before have no cameraSetups count, read as 0.
import {
  BACKUP_FORMAT,
  DEFAULT_BACKUP_LIMITS,
  parseBackup,
  rejectBackup as reject,
  validateBackupRecord,
  type BackupLimits,
} from './backup';
import type { CameraSetupV1, ClinicianEvent, Profile, SessionWithPoses, Tombstone } from './types';

export const BACKUP_FORMAT_V2 = 'ganglag.backup/v2';

export interface BackupCounts {
  profiles: number;
  sessions: number;
  events: number;
  cameraSetups: number;
  tombstones: number;
}

export interface BackupHeader {
  format: string;
  exportedAt: string;
  schemaVersion: number;
  counts: BackupCounts;
}

export type BackupItem =
  | { kind: 'profile'; record: Profile }
  | { kind: 'session'; record: SessionWithPoses }
  | { kind: 'event'; record: ClinicianEvent }
  | { kind: 'cameraSetup'; record: CameraSetupV1 }
  | { kind: 'tombstone'; record: Tombstone };

/** Progress of a backup being read or written: records done out of the total, when known. */
export interface BackupProgress {
  done: number;
  total: number;
}
export type ProgressCallback = (p: BackupProgress) => void;

/** One line holds one session; 30 min at 60 fps of BlazePose is about 200 MB of JSON. */
export const MAX_LINE_CHARS = 256 * 1024 * 1024;

/** Camera setups in one backup; a clinic has a handful of rooms. */
export const MAX_CAMERA_SETUPS = 1000;

const RECORD_LINE = /^\{"kind":"([A-Za-z]+)","sha256":"([0-9a-f]{64})","record":/;
const KIND_ORDER = ['profile', 'session', 'event', 'cameraSetup', 'tombstone'] as const;
const PLURAL = {
  profile: 'profiles',
  session: 'sessions',
  event: 'events',
  cameraSetup: 'cameraSetups',
  tombstone: 'tombstones',
} as const;
const COUNT_KEYS = ['profiles', 'sessions', 'events', 'cameraSetups', 'tombstones'] as const;

const hex = (buf: ArrayBuffer): string =>
  Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 of the UTF-8 of text, as lowercase hex (WebCrypto: in browsers and in Node). */
export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

export function headerLine(h: Omit<BackupHeader, 'format'>): string {
  return `${JSON.stringify({ format: BACKUP_FORMAT_V2, ...h })}\n`;
}

/** A record line; the record's JSON is built once and hashed as written. */
export async function recordLine(kind: BackupItem['kind'], record: object): Promise<string> {
  const json = JSON.stringify(record);
  return `{"kind":"${kind}","sha256":"${await sha256Hex(json)}","record":${json}}\n`;
}

export function endLine(counts: BackupCounts): string {
  return `${JSON.stringify({ kind: 'end', counts })}\n`;
}

/** Splits a Blob's UTF-8 text into lines without holding more than the current line. */
async function* lines(blob: Blob, maxChars: number): AsyncGenerator<{ text: string; bytesEnd: number }> {
  const reader = blob.stream().getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let parts: string[] = [];
  let partsLen = 0;
  let bytes = 0;
  const flush = (): string => {
    const text = parts.join('');
    parts = [];
    partsLen = 0;
    return text;
  };
  for (;;) {
    const { value, done } = await reader.read();
    let chunk: string;
    try {
      chunk = done ? decoder.decode() : decoder.decode(value, { stream: true });
    } catch {
      reject('', 'the file is not UTF-8 text');
    }
    if (value) bytes += value.byteLength;
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      parts.push(chunk.slice(start, nl));
      start = nl + 1;
      yield { text: flush(), bytesEnd: bytes };
    }
    if (start < chunk.length) {
      parts.push(chunk.slice(start));
      partsLen += chunk.length - start;
      if (partsLen > maxChars) reject('', `a line is longer than ${maxChars} characters`);
    }
    if (done) break;
  }
  if (partsLen > 0) yield { text: flush(), bytesEnd: bytes };
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  x !== null && typeof x === 'object' && !Array.isArray(x);

function checkCounts(value: unknown, where: string): BackupCounts {
  const c = isObject(value) ? value : {};
  const out = {} as BackupCounts;
  for (const k of COUNT_KEYS) {
    // Written since schema v4; older v2 files have none.
    const n = k === 'cameraSetups' && c[k] === undefined ? 0 : c[k];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) reject(`${where}.${k}`, 'expected a count');
    out[k] = n;
  }
  return out;
}

/** Whether the start of a file says ganglag.backup/v2 (the header is written with format first). */
export async function isStreamBackup(blob: Blob): Promise<boolean> {
  const head = await blob.slice(0, 256).text();
  return /^\uFEFF?\s*\{\s*"format"\s*:\s*"ganglag\.backup\/v2"/.test(head);
}

export interface ReadOptions {
  limits?: BackupLimits;
  onProgress?: ProgressCallback;
}

/**
 * Reads and validates a backup, yielding one record at a time (ownership passes to the caller), and returns the
 * header once the end line has been checked. Records are only known good once the generator finishes: callers
 * that write must read the whole file once first. Throws GanglagStorageError('invalid-backup') naming the line.
 */
export async function* readBackup(
  blob: Blob,
  opts: ReadOptions = {},
): AsyncGenerator<BackupItem, BackupHeader> {
  const limits = opts.limits ?? DEFAULT_BACKUP_LIMITS;
  if (blob.size === 0) reject('', 'the file is empty');
  if (!(await isStreamBackup(blob))) {
    // ganglag.backup/v1: one JSON object, read whole under its own size limit.
    if (blob.size > limits.maxBytes) {
      reject('', `file is too large (${blob.size} bytes; the limit is ${limits.maxBytes} bytes)`);
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await blob.arrayBuffer());
    } catch {
      reject('', 'the file is not UTF-8 text');
    }
    const b = parseBackup(text.replace(/^\uFEFF/, ''), limits);
    const total = b.profiles.length + b.sessions.length + b.events.length;
    let done = 0;
    const tick = () => opts.onProgress?.({ done: ++done, total });
    for (const record of b.profiles) {
      yield { kind: 'profile', record };
      tick();
    }
    for (const record of b.sessions) {
      yield { kind: 'session', record };
      tick();
    }
    for (const record of b.events) {
      yield { kind: 'event', record };
      tick();
    }
    return {
      format: BACKUP_FORMAT,
      exportedAt: b.exportedAt,
      schemaVersion: b.schemaVersion,
      counts: {
        profiles: b.profiles.length,
        sessions: b.sessions.length,
        events: b.events.length,
        cameraSetups: 0,
        tombstones: 0,
      },
    };
  }

  let header: BackupHeader | null = null;
  let ended = false;
  let lineNo = 0;
  let order = 0;
  let done = 0;
  const seen = {
    profile: new Set<string>(),
    session: new Set<string>(),
    event: new Set<string>(),
    cameraSetup: new Set<string>(),
    tombstone: new Set<string>(),
  };
  const max = {
    profile: limits.maxProfiles,
    session: limits.maxSessions,
    event: limits.maxEvents,
    cameraSetup: MAX_CAMERA_SETUPS,
    tombstone: limits.maxProfiles + limits.maxSessions + limits.maxEvents + MAX_CAMERA_SETUPS,
  };
  for await (const { text } of lines(blob, MAX_LINE_CHARS)) {
    lineNo++;
    const at = `line ${lineNo}`;
    if (text.trim() === '') continue;
    if (ended) reject(at, 'nothing may follow the end line');
    let raw: unknown;
    try {
      raw = JSON.parse(lineNo === 1 ? text.replace(/^\uFEFF/, '') : text);
    } catch (err) {
      reject(at, `not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!isObject(raw)) reject(at, 'expected a JSON object');
    if (!header) {
      const keys = Object.keys(raw).sort().join(',');
      if (keys !== 'counts,exportedAt,format,schemaVersion') reject(at, 'not a ganglag.backup/v2 header');
      const h = raw as unknown as BackupHeader;
      if (typeof h.exportedAt !== 'string' || !Number.isFinite(Date.parse(h.exportedAt))) {
        reject(`${at}.exportedAt`, 'expected an ISO 8601 date-time');
      }
      if (typeof h.schemaVersion !== 'number' || !Number.isInteger(h.schemaVersion) || h.schemaVersion < 1) {
        reject(`${at}.schemaVersion`, 'expected a positive integer');
      }
      header = {
        format: BACKUP_FORMAT_V2,
        exportedAt: h.exportedAt,
        schemaVersion: h.schemaVersion,
        counts: checkCounts(h.counts, `${at}.counts`),
      };
      continue;
    }
    if (raw.kind === 'end') {
      const counts = checkCounts(raw.counts, `${at}.counts`);
      for (const k of KIND_ORDER) {
        const n = seen[k].size;
        if (counts[PLURAL[k]] !== n || header.counts[PLURAL[k]] !== n) {
          reject(at, `the file lists ${header.counts[PLURAL[k]]} ${PLURAL[k]} but holds ${n}`);
        }
      }
      ended = true;
      continue;
    }
    // The checksum covers the record's JSON exactly as written, so it is hashed straight from the line.
    const m = RECORD_LINE.exec(text);
    if (!m || !text.endsWith('}')) reject(at, 'expected {"kind":…,"sha256":…,"record":…}');
    const kind = m[1] as BackupItem['kind'];
    const k = KIND_ORDER.indexOf(kind);
    if (k < 0) reject(`${at}.kind`, `unknown kind "${kind}"`);
    if (k < order) reject(`${at}.kind`, `${PLURAL[kind]} must come before ${PLURAL[KIND_ORDER[order]]}`);
    order = k;
    if ((await sha256Hex(text.slice(m[0].length, -1))) !== m[2]) {
      reject(at, 'the checksum does not match: the file was changed or damaged');
    }
    const index = seen[kind].size;
    const field = `${PLURAL[kind]}[${index}]`;
    if (index >= max[kind]) reject(field, `more than ${max[kind]} ${PLURAL[kind]}`);
    validateBackupRecord(kind === 'session' ? 'session' : kind, raw.record, field, limits);
    const rec = raw.record as { id: string; key?: string };
    const key = kind === 'tombstone' ? rec.key! : rec.id;
    if (seen[kind].has(key)) reject(`${field}.id`, `duplicate id "${rec.id}"`);
    seen[kind].add(key);
    yield { kind, record: raw.record } as BackupItem;
    const counts = header.counts;
    const total = COUNT_KEYS.reduce((sum, c) => sum + counts[c], 0);
    opts.onProgress?.({ done: ++done, total });
  }
  if (!header) reject('', 'the file is empty');
  if (!ended) reject('', 'the file looks truncated: it ends before its end line');
  return header;
}
