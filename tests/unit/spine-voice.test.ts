// The spoken prompts use on-device voices only (issue 12 item 6): chooseVoice as a pure function.
import { describe, expect, it } from 'vitest';
import { chooseVoice } from '../../src/ui/spine/speech';

const v = (lang: string, localService: boolean, name = lang) => ({ lang, localService, name });

describe('chooseVoice', () => {
  it('never picks a remote voice, even an exact match', () => {
    const voices = [v('nb-NO', false, 'cloud nb'), v('en-GB', false, 'cloud en')];
    expect(chooseVoice(voices, 'nb')).toBeNull();
    expect(chooseVoice(voices, 'en')).toBeNull();
  });

  it('prefers the exact locale among local voices, over a remote exact match', () => {
    const voices = [v('en-GB', false, 'remote gb'), v('en-US', true, 'us'), v('en-GB', true, 'gb')];
    expect(chooseVoice(voices, 'en')?.name).toBe('gb');
  });

  it('falls back to the language, then to Norwegian nynorsk or "no" for Bokmål', () => {
    expect(chooseVoice([v('de-DE', true), v('en-US', true)], 'en')?.name).toBe('en-US');
    expect(chooseVoice([v('en-GB', true), v('nn-NO', true)], 'nb')?.name).toBe('nn-NO');
    expect(chooseVoice([v('no_NO', true)], 'nb')?.name).toBe('no_NO');
    expect(chooseVoice([v('nb_NO', true), v('nn-NO', true)], 'nb')?.name).toBe('nb_NO');
  });

  it('does not take an English voice for Bokmål or a "nl" voice for Norwegian', () => {
    expect(chooseVoice([v('en-GB', true), v('nl-NL', true)], 'nb')).toBeNull();
  });
});
