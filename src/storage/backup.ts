// ganglag.backup/v1: every profile, session (with condensed poses) and clinician event in one JSON file.
// parseBackup is the only way in: size limits, a hostile-content scan, then a schema; callers trust its output.
// The same record rules (assertValidRecord) guard every write to the database, so what is stored always restores.
import * as v from 'valibot';
import { ANALYSIS_FORMAT } from '../shared/analysis-format';
import { FUNCTIONAL_TESTS, WALK_TESTS } from '../shared/clinical-tests';
import { MODEL_IDS } from '../shared/models';
import { MAX_FRAMES, PosesFormatError, validatePoses } from '../shared/poses-format';
import { GanglagStorageError } from './errors';
import {
  SELF_REPORT_LIMITS,
  SESSION_KINDS,
  SEXES,
  TIMES_OF_DAY,
  TOMBSTONE_KINDS,
  WALKING_AIDS,
} from './types';
import type { ClinicianEvent, Profile, SessionWithPoses } from './types';

export { join as joinPath };

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
  /** Keys of any one object (analysis records are loose objects; 300 000 keys is an attack, not data). */
  maxKeys: number;
}

export const DEFAULT_BACKUP_LIMITS: BackupLimits = {
  // Only old single-file (v1) backups are read whole. The app that wrote them refused its own above 128 MiB
  // (about 97 half-minute BlazePose sessions); 400 MiB lets those restore, below V8's 512 Mi-character string
  // limit. Streamed v2 backups have no size limit: they are read one line (one session) at a time.
  maxBytes: 400 * 1024 * 1024,
  maxProfiles: 500,
  maxSessions: 5000,
  maxEvents: 5000,
  maxArrayLength: MAX_FRAMES,
  maxStringLength: 10_000,
  maxDepth: 12,
  maxKeys: 500,
};

/** Keys that could reach Object.prototype if a consumer ever copies with plain assignment. */
const HOSTILE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/**
 * Text may hold any printable character ("ROM L<R, pain 3/10" is a normal note: the UI only ever sets textContent,
 * CSV and PDF escape). Refused: C0/C1 controls other than tab and line breaks, and the bidi embedding, override and
 * isolate marks, which can make a name read backwards in a confirmation ("Trojan Source", CVE-2021-42574).
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const UNSAFE_TEXT =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Names and labels are one line: no controls at all. */
const UNSAFE_NAME = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
/* eslint-enable no-control-regex */

/** Why a text is refused, or null when it is fine. */
export function unsafeTextReason(s: string): string | null {
  return UNSAFE_TEXT.test(s) ? 'contains a control or text-direction character' : null;
}

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
    if (UNSAFE_TEXT.test(s)) fail(pathTo(node, key), 'contains a control or text-direction character');
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
    const keys = Object.keys(value);
    if (keys.length > limits.maxKeys) {
      fail(pathTo(node), `object has ${keys.length} keys; the limit is ${limits.maxKeys}`);
    }
    for (const key of keys) {
      if (HOSTILE_KEYS.has(key)) fail(pathTo(node, key), `forbidden key "${key}"`);
      if (UNSAFE_TEXT.test(key)) fail(pathTo(node), 'a key contains a control or text-direction character');
      if (key.length > 200) fail(pathTo(node), 'a key is longer than 200 characters');
      visit((value as Record<string, unknown>)[key], node, key);
    }
  }
}

const finite = v.pipe(v.number(), v.finite());
/** A finite number in [lo, hi], or null (missing data is NaN, which JSON writes as null). */
const within = (lo: number, hi: number) => v.nullable(v.pipe(finite, v.minValue(lo), v.maxValue(hi)));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
/** One line of visible text: no controls, not only spaces. */
const name = (max: number, what: string) =>
  v.pipe(
    v.string(),
    v.maxLength(max),
    v.check((s) => s.trim() !== '', `${what} must not be blank`),
    v.check((s) => !UNSAFE_NAME.test(s), `${what} contains a control or text-direction character`),
  );
const id = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an id of 1–64 letters, digits, - or _'),
);

/** True for a real calendar day (2026-02-30 is not) in a plausible span of years. */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,6})?)?(Z|[+-](\d{2}):(\d{2}))$/;
function isRealDateTime(s: string): boolean {
  const m = ISO_DATE_TIME.exec(s);
  if (!m) return false;
  const [hh, mm, ss] = [Number(m[4]), Number(m[5]), m[7] === undefined ? 0 : Number(m[7])];
  const tz = m[10] === undefined ? [0, 0] : [Number(m[10]), Number(m[11])];
  return (
    isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) &&
    hh < 24 &&
    mm < 60 &&
    ss < 60 &&
    tz[0] <= 14 &&
    tz[1] < 60 &&
    Number.isFinite(Date.parse(s))
  );
}
const isoDateTime = v.pipe(
  v.string(),
  v.regex(ISO_DATE_TIME, 'expected an ISO 8601 date-time'),
  v.check(isRealDateTime, 'not a real date and time'),
);
const isoDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'),
  v.check(
    (s) => isRealDate(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))),
    'not a real calendar date',
  ),
);

/** Seconds within a recording (2 h at most). */
const recordingS = v.pipe(finite, v.minValue(0), v.maxValue(7200));
const walkTestSchema = v.looseObject({
  test: v.picklist(WALK_TESTS),
  zoneM: v.pipe(finite, v.gtValue(0), v.maxValue(30)),
  trials: v.pipe(
    v.array(
      v.looseObject({
        direction: v.picklist(['left-to-right', 'right-to-left']),
        startS: recordingS,
        endS: recordingS,
        timeS: v.pipe(finite, v.gtValue(0), v.maxValue(7200)),
        speedMps: v.pipe(finite, v.minValue(0), v.maxValue(20)),
      }),
    ),
    v.maxLength(100),
  ),
  bestTimeS: v.nullable(v.pipe(finite, v.gtValue(0), v.maxValue(7200))),
  speedMps: within(0, 20),
});
const functionalSchema = v.looseObject({
  test: v.picklist(FUNCTIONAL_TESTS),
  timeS: v.nullable(v.pipe(finite, v.gtValue(0), v.maxValue(7200))),
  count: v.nullable(v.pipe(finite, v.integer(), v.minValue(0), v.maxValue(1000))),
  phases: v.pipe(
    v.array(v.looseObject({ name: text(40), startS: recordingS, endS: recordingS })),
    v.maxLength(200),
  ),
});

const analysisSchema = v.pipe(
  v.looseObject({
    format: v.literal(ANALYSIS_FORMAT),
    gait: v.optional(
      v.looseObject({
        steps: v.pipe(
          v.array(
            v.looseObject({
              foot: v.picklist(['left', 'right']),
              tS: v.pipe(finite, v.minValue(0), v.maxValue(7200)),
              lengthM: within(-5, 5),
              timeS: within(0, 60),
            }),
          ),
          v.maxLength(20_000),
        ),
        stepLengthM: v.looseObject({
          mean: within(-5, 5),
          left: within(-5, 5),
          right: within(-5, 5),
          cv: within(0, 1000),
        }),
        strideLengthM: v.looseObject({ mean: within(-10, 10) }),
        cadenceStepsPerMin: within(0, 1000),
        speedMps: within(0, 20),
        doubleSupportPct: within(0, 100),
        stepLengthSymmetryPct: within(0, 1000),
        stepTimeSymmetryPct: within(0, 1000),
        heelStrikeVelocityMps: v.looseObject({ mean: within(0, 50) }),
      }),
    ),
    guarded: v.optional(
      v.looseObject({
        indicators: v.pipe(
          v.array(
            v.looseObject({
              id: text(100),
              value: within(-1e6, 1e6),
              unit: text(40),
              reference: text(500),
              outside: v.boolean(),
            }),
          ),
          v.maxLength(100),
        ),
        summary: v.string(),
      }),
    ),
    spine: v.optional(
      v.looseObject({
        test: v.picklist(['forward-flexion', 'extension', 'lateral-flexion', 'posture']),
        reps: v.pipe(
          v.array(
            v.looseObject({
              neutralDeg: v.pipe(finite, v.minValue(-360), v.maxValue(360)),
              endRangeDeg: v.pipe(finite, v.minValue(-360), v.maxValue(360)),
              romDeg: v.pipe(finite, v.minValue(-360), v.maxValue(360)),
              fingertipToFloorCm: within(-100, 300),
              side: v.optional(v.picklist(['left', 'right'])),
            }),
          ),
          v.maxLength(1000),
        ),
        romDeg: v.looseObject({ best: within(-360, 360), median: within(-360, 360) }),
        fingertipToFloorCm: v.looseObject({ best: within(-100, 300) }),
      }),
    ),
    posture: v.optional(v.record(v.string(), v.union([within(-1e6, 1e6), text(500)]))),
    walkTest: v.optional(walkTestSchema),
    functional: v.optional(functionalSchema),
    scale: v.looseObject({
      method: v.picklist(['height', 'reference', 'world', 'pixels']),
      metresPerPixel: v.nullable(v.pipe(finite, v.gtValue(0), v.maxValue(1))),
    }),
    quality: v.looseObject({
      framesTotal: v.pipe(finite, v.integer(), v.minValue(0), v.maxValue(MAX_FRAMES)),
      framesUsed: v.pipe(finite, v.integer(), v.minValue(0), v.maxValue(MAX_FRAMES)),
      warnings: v.pipe(v.array(text(2000)), v.maxLength(200)),
    }),
  }),
  v.forward(
    v.check((a) => a.quality.framesUsed <= a.quality.framesTotal, 'framesUsed must not exceed framesTotal'),
    ['quality', 'framesUsed'],
  ),
);

const profileSchema = v.strictObject({
  id,
  pseudonym: name(100, 'the pseudonym'),
  birthYear: v.nullable(
    v.pipe(
      finite,
      v.integer(),
      v.minValue(1900),
      v.check((y) => y <= new Date().getUTCFullYear(), 'birth year is in the future'),
    ),
  ),
  sex: v.picklist(SEXES),
  heightM: v.nullable(v.pipe(finite, v.minValue(0.5), v.maxValue(2.6))),
  notes: text(10_000),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

const wholeIn = (hi: number) => v.pipe(finite, v.integer(), v.minValue(0), v.maxValue(hi));
const selfReportSchema = v.strictObject({
  painNowNrs: v.optional(wholeIn(SELF_REPORT_LIMITS.nrsMax)),
  painDuringNrs: v.optional(wholeIn(SELF_REPORT_LIMITS.nrsMax)),
  morningStiffnessMin: v.optional(wholeIn(SELF_REPORT_LIMITS.morningStiffnessMaxMin)),
  sinceGettingUpMin: v.optional(wholeIn(SELF_REPORT_LIMITS.sinceGettingUpMaxMin)),
  walkingAid: v.optional(v.picklist(WALKING_AIDS)),
  note: v.optional(text(SELF_REPORT_LIMITS.noteMaxChars)),
});

const sessionSchema = v.strictObject({
  id,
  profileId: id,
  startedAt: isoDateTime,
  kind: v.picklist(SESSION_KINDS),
  protocol: text(100),
  timeOfDay: v.picklist(TIMES_OF_DAY),
  analysis: analysisSchema,
  notes: text(10_000),
  videoConsent: v.boolean(),
  selfReport: v.optional(selfReportSchema),
  model: v.optional(v.picklist(MODEL_IDS)),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  // Checked by the ganglag.poses/v1 validator below, so errors name the frame.
  poses: v.looseObject({}),
});
const sessionMetaSchema = v.strictObject((({ poses: _poses, ...entries }) => entries)(sessionSchema.entries));

const eventSchema = v.strictObject({
  id,
  profileId: id,
  date: isoDate,
  label: name(200, 'the label'),
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
    // V8 names some cuts ("Unexpected end of JSON input") and reports others by position only ("Expected ':'
    // after property name … at position N"): an error at the very end of the text is a cut too.
    const at = /at position (\d+)/.exec(detail);
    const truncated =
      /end of (JSON )?input|Unterminated|Unexpected end/i.test(detail) ||
      (at !== null && Number(at[1]) >= textIn.trimEnd().length);
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
 * Strips control and text-direction characters from machine-written text (analysis warnings, source names) so
 * what the app stores always passes the text rule of imports. User-typed text is rejected instead.
 */
export function cleanMachineText<T>(value: T): T {
  if (typeof value === 'string') return value.replace(new RegExp(UNSAFE_TEXT.source, 'g'), '') as T;
  if (Array.isArray(value)) return value.map((x: unknown) => cleanMachineText(x)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(value)) out[k] = cleanMachineText(x);
    return out as T;
  }
  return value;
}

/** Largest frame side accepted for a camera setup (8K is 7680). */
export const MAX_FRAME_SIDE_PX = 16_384;
/** Longest floor reference: a clinic room, not a corridor of 30 m+ (also the CLI's --ref bound). */
export const MAX_REFERENCE_M = 30;

const framePx = v.pipe(finite, v.integer(), v.minValue(1), v.maxValue(MAX_FRAME_SIDE_PX));
const cameraSetupSchema = v.pipe(
  v.strictObject({
    id,
    name: name(200, 'the setup name'),
    ref: v.strictObject({
      x1: finite,
      y1: finite,
      x2: finite,
      y2: finite,
      metres: v.pipe(
        finite,
        v.gtValue(0, 'the distance must be more than 0 m'),
        v.maxValue(MAX_REFERENCE_M, `the distance must be at most ${MAX_REFERENCE_M} m`),
      ),
    }),
    frameWidthPx: framePx,
    frameHeightPx: framePx,
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  }),
  v.forward(
    v.check(
      (c) =>
        [c.ref.x1, c.ref.x2].every((x) => x >= 0 && x <= c.frameWidthPx) &&
        [c.ref.y1, c.ref.y2].every((y) => y >= 0 && y <= c.frameHeightPx),
      'the points must lie inside the frame',
    ),
    ['ref'],
  ),
  v.forward(
    // Under one pixel apart the distance per pixel is meaningless.
    v.check(
      (c) => Math.hypot(c.ref.x2 - c.ref.x1, c.ref.y2 - c.ref.y1) >= 1,
      'the two points must not coincide',
    ),
    ['ref'],
  ),
);

const tombstoneSchema = v.pipe(
  v.strictObject({
    key: v.string(),
    kind: v.picklist(TOMBSTONE_KINDS),
    id,
    deletedAt: isoDateTime,
  }),
  v.check((t) => t.key === `${t.kind}:${t.id}`, 'key must be "kind:id"'),
);

const recordSchemas = {
  tombstone: tombstoneSchema,
  profile: profileSchema,
  session: sessionSchema,
  sessionMeta: sessionMetaSchema,
  event: eventSchema,
  cameraSetup: cameraSetupSchema,
} as const;
export type RecordKind = keyof typeof recordSchemas;

/** Validates one record with the backup's rules; `fail` decides the error (invalid-backup or invalid-record). */
function checkRecord(
  kind: RecordKind,
  value: unknown,
  limits: BackupLimits,
  prefix: string,
  fail: Fail,
): void {
  const at = (field: string) => (prefix && field ? join(prefix, field) : prefix || field);
  scanHostile(value, limits, (field, message) => fail(at(field), message));
  const res = v.safeParse(recordSchemas[kind], value, { abortEarly: true });
  if (!res.success) fail(at(pathOf(res.issues[0])), res.issues[0].message);
  if (kind === 'session') {
    const s = value as { poses: unknown };
    try {
      s.poses = validatePoses(s.poses);
    } catch (err) {
      if (!(err instanceof PosesFormatError)) throw err;
      const where = err.field ? join(at('poses'), err.field) : at('poses');
      fail(where, err.field ? err.message.slice(err.field.length + 2) : err.message);
    }
  }
}

/**
 * Holds what the app itself saves to the rules a backup must pass, so every export can be imported again:
 * the database accepts exactly what the backup accepts. Throws GanglagStorageError('invalid-record').
 */
export function assertValidRecord(kind: RecordKind, value: unknown): void {
  checkRecord(kind, value, DEFAULT_BACKUP_LIMITS, '', rejectRecord);
}

/** Validates one record read from a backup; `field` prefixes error paths, e.g. "sessions[3]". */
export function validateBackupRecord(
  kind: RecordKind,
  value: unknown,
  field: string,
  limits: BackupLimits = DEFAULT_BACKUP_LIMITS,
): void {
  checkRecord(kind, value, limits, field, reject);
}

export { reject as rejectBackup };
