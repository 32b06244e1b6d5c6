// The one i18n module: every user-visible string goes through t(). English and Norwegian Bokmål.
import * as core from './core';
import * as gait from './gait';
import * as spine from './spine';
import * as progress from './progress';
import * as pwa from './pwa';
import * as postureMetrics from './posture-metrics';
import * as capture from './capture';
import * as selfReport from './self-report';

import type { Lang } from '../../shared/messages';
export { LANGS, type Lang } from '../../shared/messages';

type Dict = Record<string, string>;
// Feature string tables register here; each exports `en` and an `nb` typed to cover exactly its keys.
const tables: { en: Dict; nb: Dict }[] = [
  core,
  gait,
  progress,
  spine,
  pwa,
  postureMetrics,
  capture,
  selfReport,
];

/** Every key of every table: t() accepts only these, so a missing or misspelt key is a compile error. */
export type I18nKey =
  | keyof typeof core.en
  | keyof typeof gait.en
  | keyof typeof progress.en
  | keyof typeof spine.en
  | keyof typeof pwa.en
  | keyof typeof postureMetrics.en
  | keyof typeof capture.en
  | keyof typeof selfReport.en;

const merged: Record<Lang, Dict> = { en: {}, nb: {} };
for (const tb of tables) {
  Object.assign(merged.en, tb.en);
  Object.assign(merged.nb, tb.nb);
}

const STORAGE_KEY = 'ganglag.lang';
let lang: Lang = 'en';
const listeners = new Set<(l: Lang) => void>();

/** Norwegian (nb, no, nn) browsers get Bokmål; everyone else English, unless the user chose. */
export function detectLang(preferred: readonly string[], saved: string | null): Lang {
  if (saved === 'en' || saved === 'nb') return saved;
  for (const p of preferred) {
    const base = p.toLowerCase().split('-')[0];
    if (base === 'nb' || base === 'no' || base === 'nn') return 'nb';
    if (base === 'en') return 'en';
  }
  return 'en';
}

export function initLang(): Lang {
  let saved: string | null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    saved = null;
  }
  lang = detectLang(navigator.languages ?? [navigator.language], saved);
  document.documentElement.lang = lang;
  return lang;
}

export function getLang(): Lang {
  return lang;
}

export function setLang(l: Lang): void {
  lang = l;
  document.documentElement.lang = l;
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    // private mode: the choice lasts for this page only
  }
  for (const fn of listeners) fn(l);
}

export function onLangChange(fn: (l: Lang) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/**
 * A key t() accepts: a known key, or a union of them built from a code union (`gait.fix.${Problem}`); a
 * literal that is no key is a compile error. Keys typed only as `string` or as an open pattern
 * (`err.${string}`) still pass: those call sites predate typed keys and are being typed one by one (issue 11);
 * narrow them with isI18nKey() or type their parts from the code unions.
 */
// {} extends Record<K, 1> holds only for string and open patterns, whose keys cannot be listed.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type Checked<K extends string> = {} extends Record<K, 1> ? K : I18nKey;

export function isI18nKey(key: string): key is I18nKey {
  return key in merged.en;
}

/**
 * Translates a key, filling {name} placeholders. A parameter is inserted as it is: `$&` or `$1` in a
 * pseudonym or file name stays literal (a replacer function, not a replacement pattern).
 */
export function t<const K extends string>(
  key: K & Checked<K>,
  params?: Record<string, string | number>,
): string {
  let s = merged[lang][key] ?? merged.en[key] ?? key;
  if (params) {
    for (const [k, v] of Object.entries(params)) {
      const text = String(v);
      s = s.replaceAll(`{${k}}`, () => text);
    }
  }
  return s;
}

/** Every key of every table, per language (for the completeness test). */
export function allKeys(): Record<Lang, string[]> {
  return { en: Object.keys(merged.en), nb: Object.keys(merged.nb) };
}
