import { describe, expect, it } from 'vitest';
import { en, nb } from '../../src/ui/i18n/core';

// The i18n index touches navigator/localStorage only in initLang(); detectLang is pure.
const { detectLang } = await import('../../src/ui/i18n/index');

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
});
