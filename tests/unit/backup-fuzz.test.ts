// Fuzz: hundreds of damaged or hostile backups from a seeded generator; every one must be rejected, nothing written.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKUP_LIMITS, parseBackup, type BackupLimits } from '../../src/storage/backup';
import { openGanglagDb } from '../../src/storage/db';
import { GanglagStorageError } from '../../src/storage/errors';
import { snapshot } from '../fixtures/sessions-db-helpers';
import { prng } from '../fixtures/gait-generator';
import { sampleBackup } from '../fixtures/sessions-fixtures';

const LIMITS: BackupLimits = { ...DEFAULT_BACKUP_LIMITS, maxBytes: 512 * 1024 };

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };
type Kind = 'string' | 'number' | 'maybeNumber' | 'boolean' | 'enum' | 'id' | 'date';

/** Fields the schema constrains, with the kind of value that is valid there. */
const FIELDS: [string, Kind][] = [
  ['exportedAt', 'date'],
  ['schemaVersion', 'number'],
  ['profiles.*.id', 'id'],
  ['profiles.*.pseudonym', 'string'],
  ['profiles.*.birthYear', 'maybeNumber'],
  ['profiles.*.sex', 'enum'],
  ['profiles.*.heightM', 'maybeNumber'],
  ['profiles.*.notes', 'string'],
  ['profiles.*.updatedAt', 'date'],
  ['sessions.*.id', 'id'],
  ['sessions.*.profileId', 'id'],
  ['sessions.*.startedAt', 'date'],
  ['sessions.*.kind', 'enum'],
  ['sessions.*.protocol', 'string'],
  ['sessions.*.timeOfDay', 'enum'],
  ['sessions.*.notes', 'string'],
  ['sessions.*.videoConsent', 'boolean'],
  ['sessions.*.analysis.scale.metresPerPixel', 'maybeNumber'],
  ['sessions.*.analysis.quality.framesTotal', 'number'],
  ['sessions.*.poses.fps', 'number'],
  ['sessions.*.poses.skeleton', 'enum'],
  ['sessions.*.poses.frames.*.tMs', 'number'],
  ['events.*.date', 'date'],
  ['events.*.label', 'string'],
];

/** Values that are wrong for a kind, whatever else they are. */
function wrongValue(kind: Kind, r: () => number): Json {
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const common: Json[] = [[], {}, [1, 2], { a: 1 }];
  switch (kind) {
    case 'string':
      return pick([...common, 1, true, null, 0]);
    case 'number':
      return pick([...common, '12', true, null, -1e6]);
    case 'maybeNumber':
      return pick([...common, '1.7', true, 'null']);
    case 'boolean':
      return pick([...common, 'true', 1, null, 0]);
    case 'enum':
      return pick([...common, 'Female', 'GAIT', 'night', 'COCO17', 1, null, '']);
    case 'id':
      return pick([...common, '', 'a b', '../x', 'x'.repeat(65), 7, null]);
    case 'date':
      return pick([...common, 'yesterday', '2026-13-01T00:00:00Z', '01.02.2026', 20260101, null, '']);
  }
}

/** All concrete paths matching a pattern with "*" for any array index. */
function resolve(root: Json, pattern: string): (string | number)[][] {
  let paths: (string | number)[][] = [[]];
  for (const part of pattern.split('.')) {
    const next: (string | number)[][] = [];
    for (const p of paths) {
      const node = get(root, p);
      if (part === '*') {
        if (Array.isArray(node)) node.forEach((_, i) => next.push([...p, i]));
      } else if (node && typeof node === 'object' && !Array.isArray(node) && part in node) {
        next.push([...p, part]);
      }
    }
    paths = next;
  }
  return paths;
}
function get(root: Json, path: (string | number)[]): Json {
  return path.reduce<Json>((n, k) => (n as Record<string | number, Json>)[k], root);
}
function set(root: Json, path: (string | number)[], value: Json): void {
  (get(root, path.slice(0, -1)) as Record<string | number, Json>)[path[path.length - 1]] = value;
}
/** Every node of a kind, with its path, for picking a random place to damage. */
function nodes(root: Json, want: 'object' | 'string' | 'array'): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (n: Json, p: (string | number)[]): void => {
    if (typeof n === 'string' && want === 'string') out.push(p);
    if (Array.isArray(n)) {
      if (want === 'array') out.push(p);
      n.forEach((c, i) => walk(c, [...p, i]));
    } else if (n && typeof n === 'object') {
      if (want === 'object') out.push(p);
      for (const [k, c] of Object.entries(n)) walk(c, [...p, k]);
    }
  };
  walk(root, []);
  return out;
}

const MUTATIONS = [
  'truncate',
  'wrong-type',
  'hostile-key',
  'control-char',
  'huge-array',
  'oversize',
  'too-deep',
  'drop-required',
  'unknown-key',
  'infinity',
  'not-object',
  'dangling-ref',
  'duplicate-id',
  'bad-poses',
  'garbage',
  'trailing',
] as const;
type Mutation = (typeof MUTATIONS)[number];

function badFile(r: () => number, base: string): { kind: Mutation; text: string } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const kind = pick(MUTATIONS);
  const doc = JSON.parse(base) as Json;
  switch (kind) {
    case 'truncate':
      return { kind, text: base.slice(0, 1 + Math.floor(r() * (base.length - 2))) };
    case 'wrong-type': {
      const [pattern, k] = pick(FIELDS);
      set(doc, pick(resolve(doc, pattern)), wrongValue(k, r));
      return { kind, text: JSON.stringify(doc) };
    }
    case 'hostile-key': {
      const target = get(doc, pick(nodes(doc, 'object'))) as Obj;
      const key = pick(['__proto__', 'constructor', 'prototype']);
      Object.defineProperty(target, key, { value: { polluted: true }, enumerable: true, configurable: true });
      return { kind, text: JSON.stringify(doc) };
    }
    case 'control-char': {
      const p = pick(nodes(doc, 'string'));
      // NUL, escape, a C1 control, right-to-left override, left-to-right isolate.
      const tag = pick(['\u0000', '\u001b[31m', '\u0085', '\u202e', '\u2066']);
      const s = get(doc, p) as string;
      const at = Math.floor(r() * (s.length + 1));
      set(doc, p, s.slice(0, at) + tag + s.slice(at));
      return { kind, text: JSON.stringify(doc) };
    }
    case 'huge-array': {
      const p = pick(nodes(doc, 'array'));
      set(doc, p, new Array(LIMITS.maxArrayLength + 1 + Math.floor(r() * 1000)).fill(0));
      return { kind, text: JSON.stringify(doc) };
    }
    case 'oversize':
      return { kind, text: base.slice(0, -1) + ' '.repeat(LIMITS.maxBytes) + '}' };
    case 'too-deep': {
      // Spliced in as text: the generator's own JSON.stringify would overflow the stack on 100 000 levels.
      const depth = LIMITS.maxDepth + 1 + Math.floor(r() * 100_000);
      const target = get(doc, pick(nodes(doc, 'object'))) as Obj;
      target.nested = '__DEEP__';
      const deep = pick(['[', '{"a":']).repeat(depth);
      const close = (deep.startsWith('[') ? ']' : '}').repeat(depth);
      return { kind, text: JSON.stringify(doc).replace('"__DEEP__"', deep + '1' + close) };
    }
    case 'drop-required': {
      const [pattern] = pick(FIELDS);
      const p = pick(resolve(doc, pattern));
      delete (get(doc, p.slice(0, -1)) as Obj)[p[p.length - 1] as string];
      return { kind, text: JSON.stringify(doc) };
    }
    case 'unknown-key': {
      const where = pick(['', 'profiles.*', 'sessions.*', 'events.*']);
      const target = (where ? get(doc, pick(resolve(doc, where))) : doc) as Obj;
      target[pick(['isAdmin', 'html', 'onload', 'extra'])] = pick<Json>([true, 'x', 1]);
      return { kind, text: JSON.stringify(doc) };
    }
    case 'infinity': {
      const [pattern] = pick(FIELDS.filter(([, k]) => k === 'number' || k === 'maybeNumber'));
      set(doc, pick(resolve(doc, pattern)), '__INF__');
      return { kind, text: JSON.stringify(doc).replace('"__INF__"', pick(['1e999', '-1e999'])) };
    }
    case 'not-object':
      return { kind, text: pick(['null', '[]', '"backup"', '42', 'true', '', '   ', '[' + base + ']']) };
    case 'dangling-ref': {
      const p = pick([...resolve(doc, 'sessions.*.profileId'), ...resolve(doc, 'events.*.profileId')]);
      set(doc, p, `ghost-${Math.floor(r() * 1e6)}`);
      return { kind, text: JSON.stringify(doc) };
    }
    case 'duplicate-id': {
      const list = get(doc, [pick(['profiles', 'sessions', 'events'])]) as Json[];
      list.push(structuredClone(pick(list)));
      return { kind, text: JSON.stringify(doc) };
    }
    case 'bad-poses': {
      const s = pick(resolve(doc, 'sessions.*.poses'));
      const poses = get(doc, s) as { frames: { tMs: number; keypoints: Json[] }[]; width: number };
      const f = pick(poses.frames);
      const how = Math.floor(r() * 4);
      if (how === 0) f.keypoints.pop();
      else if (how === 1) f.keypoints[0] = [1, 2, 1.5];
      else if (how === 2) poses.frames.push({ ...poses.frames[0] });
      else poses.width = 0;
      return { kind, text: JSON.stringify(doc) };
    }
    case 'garbage': {
      const n = 1 + Math.floor(r() * 200);
      const text = Array.from({ length: n }, () => String.fromCharCode(Math.floor(r() * 0xd7ff))).join('');
      return { kind, text };
    }
    case 'trailing':
      return { kind, text: base + pick(['}', ',', ' x', '\u0000', '{}']) };
  }
}

describe('backup import fuzz', () => {
  it('rejects every one of 300 generated bad files with a message, leaving the database unchanged', async () => {
    const db = await openGanglagDb({ idbFactory: new IDBFactory(), storage: null });
    const p = await db.createProfile({ pseudonym: 'Local patient', notes: 'must survive' });
    await db.addEvent({ profileId: p.id, date: '2026-01-01', label: 'Baseline' });
    const before = await snapshot(db);
    const base = JSON.stringify(sampleBackup());
    expect(() => parseBackup(base, LIMITS)).not.toThrow();

    const r = prng(20260301);
    const seen = new Map<Mutation, number>();
    const accepted: string[] = [];
    for (let i = 0; i < 300; i++) {
      const { kind, text } = badFile(r, base);
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
      const err = await db.importBackup(text, LIMITS).then(
        () => null,
        (e: unknown) => e,
      );
      if (!(err instanceof GanglagStorageError) || err.code !== 'invalid-backup') {
        accepted.push(`#${i} ${kind}: ${err instanceof Error ? err.message : 'accepted'}`);
        continue;
      }
      expect(err.message).toMatch(/^Backup rejected: .{8,}/);
    }
    expect(accepted).toEqual([]);
    expect(await snapshot(db)).toBe(before);
    // Every kind of damage was tried several times.
    expect(seen.size).toBe(MUTATIONS.length);
    for (const n of seen.values()) expect(n).toBeGreaterThanOrEqual(5);
    db.close();
  }, 30_000);
});
