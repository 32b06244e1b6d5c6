import { describe, expect, it } from 'vitest';
import { en, nb } from '../../src/ui/i18n/core';
import type * as gaitT from '../../src/ui/i18n/gait';
import type * as progressT from '../../src/ui/i18n/progress';
import type * as spineT from '../../src/ui/i18n/spine';

type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;

// The i18n index touches navigator/localStorage only in initLang(); detectLang and t (in English) are pure.
const { allKeys, detectLang, isI18nKey, t } = await import('../../src/ui/i18n/index');

describe('i18n', () => {
  it('has a Norwegian string for every English key, with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(nb[key], key).toBeTruthy();
      const ph = (s: string): string[] => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(ph(nb[key]), key).toEqual(ph(en[key]));
    }
  });

  it('picks Bokmål for Norwegian browsers and respects a saved choice', () => {
    expect(detectLang(['nb-NO', 'en'], null)).toBe('nb');
    expect(detectLang(['no'], null)).toBe('nb');
    expect(detectLang(['nn-NO'], null)).toBe('nb');
    expect(detectLang(['de-DE', 'en-US'], null)).toBe('en');
    expect(detectLang(['nb-NO'], 'en')).toBe('en');
    expect(detectLang(['sv-SE'], null)).toBe('en');
  });

  it('has the same keys in both languages in every table', () => {
    const keys = allKeys();
    expect(keys.nb.slice().sort()).toEqual(keys.en.slice().sort());
    expect(keys.en.length).toBeGreaterThan(300);
  });

  it('inserts parameters literally: $ patterns in a pseudonym or file name are not expanded', () => {
    const name = "a$&b $1 $$ $` $' c";
    expect(t('err.generic', { detail: name })).toBe(`Something went wrong: ${name}`);
    expect(t('status.analysingFile', { done: '$&', total: 12 })).toBe(
      'Analysing video: frame $& of about 12',
    );
  });

  it('accepts only known keys (compile-time checks; each @ts-expect-error fails the typecheck if unneeded)', () => {
    // @ts-expect-error: no such key
    expect(t('gait.no-such-key')).toBe('gait.no-such-key');
    const kind = 'walk' as 'walk' | 'nope';
    // @ts-expect-error: a union built from codes must consist of known keys only
    t(`err.${kind === 'walk' ? 'generic' : 'nope'}`);
    const code = 'no-camera' as 'no-camera' | 'camera-busy';
    expect(t(`err.${code}`)).toBe('No camera was found. Connect a camera, or analyse a video file instead.');
    // Each table's nb is typed by its en keys exactly, so a key in one language only is a compile error.
    const exact: [
      SameKeys<typeof nb, typeof en>,
      SameKeys<typeof gaitT.nb, typeof gaitT.en>,
      SameKeys<typeof spineT.nb, typeof spineT.en>,
      SameKeys<typeof progressT.nb, typeof progressT.en>,
    ] = [true, true, true, true];
    expect(exact).toEqual([true, true, true, true]);
    expect(isI18nKey('gait.title')).toBe(true);
    expect(isI18nKey('gait.no-such-key')).toBe(false);
  });
});
