// The one i18n module: every user-visible string goes through t(). English and Norwegian Bokmål.
import * as core from './core';
import * as gait from './gait';
import * as spine from './spine';
import * as progress from './progress';
import * as capture from './capture';

export const LANGS = ['en', 'nb'] as const;
export type Lang = (typeof LANGS)[number];

type Dict = Record<string, string>;
// Feature string tables register here; each exports `en` and an `nb` typed to cover all of its keys.
const tables: { en: Dict; nb: Dict }[] = [core, gait, progress, spine, capture];

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

/** Translates a key, filling {name} placeholders. Unknown keys show the key itself, so gaps are visible. */
export function t(key: string, params?: Record<string, string | number>): string {
  let s = merged[lang][key] ?? merged.en[key] ?? key;
  if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** Every key of every table, per language (for the completeness test). */
export function allKeys(): Record<Lang, string[]> {
  return { en: Object.keys(merged.en), nb: Object.keys(merged.nb) };
}
