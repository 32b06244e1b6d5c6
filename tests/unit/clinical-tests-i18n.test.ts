// The Tests tab's strings: Bokmål for every English string, with the same placeholders.
import { describe, expect, it } from 'vitest';
import { en, nb } from '../../src/ui/i18n/clinical-tests';

const placeholders = (s: string): string[] => (s.match(/\{\w+\}/g) ?? []).sort();

describe('Tests tab strings', () => {
  it('has the same keys and placeholders in English and Bokmål', () => {
    expect(Object.keys(nb).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(nb[key].trim(), key).not.toBe('');
      expect(placeholders(nb[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('is translated, not copied (only names and column headings may be the same)', () => {
    const same = (Object.keys(en) as (keyof typeof en)[]).filter((k) => en[k] === nb[k]);
    expect(same.sort()).toEqual(['ct.res.col.start', 'ct.test.tug']);
  });
});
