// The active profile fills height, age and sex (issue 14 item 8): publishActiveProfile and profileAgeSex.
import { beforeEach, describe, expect, it } from 'vitest';
import { appState, onActiveProfile, profileAgeSex, publishActiveProfile } from '../../src/ui/app-state';

const at = new Date('2026-12-03T12:00:00Z');

describe('active profile in the app state', () => {
  beforeEach(() => {
    appState.heightM = undefined;
    appState.profile = null;
  });

  it("fills the height and gives the profile's age and sex", () => {
    const seen: (string | null)[] = [];
    const off = onActiveProfile((p) => seen.push(p?.id ?? null));
    publishActiveProfile({ id: 'a', heightM: 1.68, birthYear: 1950, sex: 'female' });
    off();
    expect(appState.heightM).toBe(1.68);
    expect(profileAgeSex(at)).toEqual({ ageYears: 76, sex: 'female' });
    expect(seen).toEqual(['a']);
  });

  it('gives no age or sex that the profile does not have', () => {
    publishActiveProfile({ id: 'b', heightM: null, birthYear: null, sex: 'unknown' });
    expect(profileAgeSex(at)).toEqual({});
    expect(appState.heightM).toBeUndefined();
  });

  it('keeps a height typed for the same subject, and takes the next profile’s height', () => {
    publishActiveProfile({ id: 'a', heightM: 1.68, birthYear: 1950, sex: 'male' });
    appState.heightM = 1.7; // typed in the gait tab
    publishActiveProfile({ id: 'a', heightM: 1.68, birthYear: 1950, sex: 'male' });
    expect(appState.heightM).toBe(1.7);
    publishActiveProfile({ id: 'c', heightM: 1.81, birthYear: 1980, sex: 'male' });
    expect(appState.heightM).toBe(1.81);
  });
});
