// ganglag.backup/v1: every profile, session (with condensed poses) and clinician event in one JSON file.
// parseBackup is the only way in: size limits, a hostile-content scan, then a schema; callers trust its output.
import * as v from 'valibot';
import { ANALYSIS_FORMAT } from '../shared/analysis-format';
import { MAX_FRAMES, PosesFormatError, validatePoses } from '../shared/poses-format';
import { GanglagStorageError } from './errors';
import { SESSION_KINDS, SEXES, TIMES_OF_DAY } from './types';
import type { ClinicianEvent, Profile, SessionWithPoses } from './types';

export const BACKUP_FORMAT = 'ganglag.backup/v1';

export interface BackupV1 {
  format: typeof BACKUP_FORMAT;
  exportedAt: string;
  /** IndexedDB schema version of the app that wrote it; informational. */
  schemaVersion: number;
  profiles: Profile[];
  /** Videos are never in backups: consent to keep a clip is given per device. */
  sessions: SessionWithPoses[];
  events: ClinicianEvent[];
}

export interface BackupLimits {
  maxBytes: number;
  maxProfiles: number;
  maxSessions: number;
  maxEvents: number;
  /** Any array anywhere (pose frames are the longest legitimate ones). */
  maxArrayLength: number;
  maxStringLength: number;
  maxDepth: number;
}

export const DEFAULT_BACKUP_LIMITS: BackupLimits = {
  // About 400 half-minute COCO-17 sessions (0.3 MB of condensed poses each); parsing takes ~1 s per 10 MB.
  maxBytes: 128 * 1024 * 1024,
  maxProfiles: 500,
  maxSessions: 5000,
  maxEvents: 5000,
  maxArrayLength: MAX_FRAMES,
  maxStringLength: 10_000,
  maxDepth: 12,
};

/** Keys that could reach Object.prototype if a consumer ever copies with plain assignment. */
const HOSTILE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** A "<" opening a tag, end tag, comment, doctype or processing instruction; "speed < 1 m/s" is fine. */
const MARKUP = /<\s*[a-zA-Z/!?]/;

type Fail = (field: string, message: string) => never;

function reject(field: string, message: string): never {
  throw new GanglagStorageError('invalid-backup', `Backup rejected: ${field ? `${field}: ` : ''}${message}`, {
    field,
  });
}

function rejectRecord(field: string, message: string): never {
  throw new GanglagStorageError('invalid-record', `Not saved: ${field ? `${field}: ` : ''}${message}`, {
    field,
  });
}

/** UTF-8 byte length without allocating an encoded copy. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const join = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

interface Node {
  value: object;
  depth: number;
  parent: Node | null;
  key: string | number;
}

/** The path of a node's child, built only when something is wrong (building it per node costs seconds). */
function pathTo(node: Node | null, key?: string | number): string {
  const keys: (string | number)[] = key === undefined ? [] : [key];
  for (let n = node; n && n.parent; n = n.parent) keys.push(n.key);
  return keys.reverse().reduce<string>((p, k) => join(p, k), '');
}

/** Walks the parsed tree once, without recursion, rejecting hostile structure before the schema sees it. */
function scanHostile(root: unknown, limits: BackupLimits, fail: Fail): void {
  const checkString = (s: string, node: Node | null, key?: string | number) => {
    if (s.length > limits.maxStringLength) {
      fail(pathTo(node, key), `text is ${s.length} characters long; the limit is ${limits.maxStringLength}`);
    }
    if (MARKUP.test(s)) fail(pathTo(node, key), 'contains markup (HTML tags); only plain text is accepted');
  };
  if (typeof root === 'string') checkString(root, null);
  if (root === null || typeof root !== 'object') return;
  const stack: Node[] = [{ value: root, depth: 0, parent: null, key: '' }];
  const visit = (child: unknown, node: Node, key: string | number) => {
    if (typeof child === 'string') checkString(child, node, key);
    else if (child !== null && typeof child === 'object') {
      // Fast path for keypoint tuples and other short number lists: nothing in them to check.
      const leaf =
        Array.isArray(child) &&
        child.length <= 8 &&
        node.depth + 1 < limits.maxDepth &&
        child.every((x) => typeof x === 'number' || x === null);
      if (!leaf) stack.push({ value: child, depth: node.depth + 1, parent: node, key });
    }
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.depth >= limits.maxDepth) fail(pathTo(node), `nested deeper than ${limits.maxDepth} levels`);
    const value = node.value;
    if (Array.isArray(value)) {
      if (value.length > limits.maxArrayLength) {
        fail(pathTo(node), `list has ${value.length} items; the limit is ${limits.maxArrayLength}`);
      }
      for (let i = 0; i < value.length; i++) visit(value[i], node, i);
      continue;
    }
    for (const key of Object.keys(value)) {
      if (HOSTILE_KEYS.has(key)) fail(pathTo(node, key), `forbidden key "${key}"`);
      if (MARKUP.test(key)) fail(pathTo(node), 'a key contains markup (HTML tags)');
      if (key.length > 200) fail(pathTo(node), 'a key is longer than 200 characters');
      visit((value as Record<string, unknown>)[key], node, key);
    }
  }
}

const finite = v.pipe(v.number(), v.finite());
const maybe = v.nullable(finite);
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const id = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an id of 1–64 letters, digits, - or _'),
);
const isoDateTime = v.pipe(
  v.string(),
  v.regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/,
    'expected an ISO 8601 date-time',
  ),
  v.check((s) => Number.isFinite(Date.parse(s)), 'not a real date'),
);
const isoDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'),
  v.check((s) => Number.isFinite(Date.parse(`${s}T00:00:00Z`)), 'not a real date'),
);

const analysisSchema = v.looseObject({
  format: v.literal(ANALYSIS_FORMAT),
  gait: v.optional(
    v.looseObject({
      steps: v.array(
        v.looseObject({
          foot: v.picklist(['left', 'right']),
          tS: finite,
          lengthM: maybe,
          timeS: maybe,
        }),
      ),
      stepLengthM: v.looseObject({ mean: maybe, left: maybe, right: maybe, cv: maybe }),
      strideLengthM: v.looseObject({ mean: maybe }),
      cadenceStepsPerMin: maybe,
      speedMps: maybe,
      doubleSupportPct: maybe,
      stepLengthSymmetryPct: maybe,
      stepTimeSymmetryPct: maybe,
      heelStrikeVelocityMps: v.looseObject({ mean: maybe }),
    }),
  ),
  guarded: v.optional(
    v.looseObject({
      indicators: v.array(
        v.looseObject({
          id: text(100),
          value: maybe,
          unit: text(40),
          reference: text(500),
          outside: v.boolean(),
        }),
      ),
      summary: v.string(),
    }),
  ),
  spine: v.optional(
    v.looseObject({
      test: v.picklist(['forward-flexion', 'extension', 'lateral-flexion', 'posture']),
      reps: v.array(
        v.looseObject({
          neutralDeg: finite,
          endRangeDeg: finite,
          romDeg: finite,
          fingertipToFloorCm: maybe,
          side: v.optional(v.picklist(['left', 'right'])),
        }),
      ),
      romDeg: v.looseObject({ best: maybe, median: maybe }),
      fingertipToFloorCm: v.looseObject({ best: maybe }),
    }),
  ),
  posture: v.optional(v.record(v.string(), v.union([maybe, v.string()]))),
  scale: v.looseObject({
    method: v.picklist(['height', 'reference', 'world', 'pixels']),
    metresPerPixel: maybe,
  }),
  quality: v.looseObject({
    framesTotal: v.pipe(finite, v.integer(), v.minValue(0)),
    framesUsed: v.pipe(finite, v.integer(), v.minValue(0)),
    warnings: v.array(v.string()),
  }),
});

const profileSchema = v.strictObject({
  id,
  pseudonym: v.pipe(v.string(), v.minLength(1, 'a pseudonym is required'), v.maxLength(100)),
  birthYear: v.nullable(v.pipe(finite, v.integer(), v.minValue(1900), v.maxValue(2100))),
  sex: v.picklist(SEXES),
  heightM: v.nullable(v.pipe(finite, v.minValue(0.5), v.maxValue(2.6))),
  notes: v.string(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

const sessionSchema = v.strictObject({
  id,
  profileId: id,
  startedAt: isoDateTime,
  kind: v.picklist(SESSION_KINDS),
  protocol: text(100),
  timeOfDay: v.picklist(TIMES_OF_DAY),
  analysis: analysisSchema,
  notes: v.string(),
  videoConsent: v.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  // Checked by the ganglag.poses/v1 validator below, so errors name the frame.
  poses: v.looseObject({}),
});

const eventSchema = v.strictObject({
  id,
  profileId: id,
  date: isoDate,
  label: v.pipe(v.string(), v.minLength(1, 'a label is required'), v.maxLength(200)),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

function backupSchema(limits: BackupLimits) {
  return v.strictObject({
    format: v.literal(BACKUP_FORMAT, `expected format "${BACKUP_FORMAT}"`),
    exportedAt: isoDateTime,
    schemaVersion: v.pipe(finite, v.integer(), v.minValue(1)),
    profiles: v.pipe(v.array(profileSchema), v.maxLength(limits.maxProfiles)),
    sessions: v.pipe(v.array(sessionSchema), v.maxLength(limits.maxSessions)),
    events: v.pipe(v.array(eventSchema), v.maxLength(limits.maxEvents)),
  });
}

function pathOf(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) out = join(out, item.key as string | number);
  return out;
}

function requireUnique(items: readonly { id: string }[], what: string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) reject(`${what}[${i}].id`, `duplicate id "${item.id}"`);
    seen.add(item.id);
  });
}

/**
 * Parses and fully validates backup text. Throws GanglagStorageError('invalid-backup') whose message names the
 * problem and whose field names where it is. References to profiles not in the file are checked by the importer.
 */
export function parseBackup(textIn: unknown, limits: BackupLimits = DEFAULT_BACKUP_LIMITS): BackupV1 {
  if (typeof textIn !== 'string') reject('', 'expected the text of a JSON file');
  // UTF-8 takes 1 to 3 bytes per UTF-16 unit, so only lengths between the bounds need counting.
  const bytes =
    textIn.length > limits.maxBytes
      ? Infinity
      : textIn.length * 3 <= limits.maxBytes
        ? 0
        : utf8Length(textIn);
  if (bytes > limits.maxBytes) {
    const size = Number.isFinite(bytes) ? `${bytes} bytes` : `more than ${limits.maxBytes} bytes`;
    reject('', `file is too large (${size}; the limit is ${limits.maxBytes} bytes)`);
  }
  if (textIn.trim() === '') reject('', 'the file is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(textIn);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const truncated = /end of (JSON )?input|Unterminated|Unexpected end/i.test(detail);
    reject('', `not valid JSON${truncated ? ' (the file looks truncated)' : ''}: ${detail}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) reject('', 'expected a JSON object');
  scanHostile(raw, limits, reject);
  const res = v.safeParse(backupSchema(limits), raw, { abortEarly: true });
  if (!res.success) {
    const issue = res.issues[0];
    reject(pathOf(issue), issue.message);
  }
  const backup = res.output as unknown as BackupV1;
  requireUnique(backup.profiles, 'profiles');
  requireUnique(backup.sessions, 'sessions');
  requireUnique(backup.events, 'events');
  backup.sessions.forEach((s, i) => {
    try {
      s.poses = validatePoses(s.poses);
    } catch (err) {
      if (!(err instanceof PosesFormatError)) throw err;
      const where = err.field ? join(`sessions[${i}].poses`, err.field) : `sessions[${i}].poses`;
      reject(where, err.field ? err.message.slice(err.field.length + 2) : err.message);
    }
  });
  return backup;
}

/**
 * Turns tag-like "<" in machine-written text (analysis warnings, summaries, source names) into "‹" so that
 * what the app stores always passes the plain-text rule of imports. User-typed text is rejected instead.
 */
export function neutralizeMarkup<T>(value: T): T {
  if (typeof value === 'string') {
    return value.replace(new RegExp(MARKUP.source, 'g'), (m) => m.replace('<', '\u2039')) as T;
  }
  if (Array.isArray(value)) return value.map((x: unknown) => neutralizeMarkup(x)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(value)) out[k] = neutralizeMarkup(x);
    return out as T;
  }
  return value;
}

const recordSchemas = { profile: profileSchema, session: sessionSchema, event: eventSchema } as const;

/**
 * Holds what the app itself saves to the rules a backup must pass (plain text, sane sizes, schema), so every
 * export can be imported again. Throws GanglagStorageError('invalid-record').
 */
export function assertValidRecord(kind: keyof typeof recordSchemas, value: unknown): void {
  scanHostile(value, DEFAULT_BACKUP_LIMITS, rejectRecord);
  const res = v.safeParse(recordSchemas[kind], value, { abortEarly: true });
  if (!res.success) rejectRecord(pathOf(res.issues[0]), res.issues[0].message);
}
