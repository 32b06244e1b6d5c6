import { describe, expect, it } from 'vitest';
import { initClockFromUrl, now, setNow } from '../../src/ui/clock';

describe('app clock', () => {
  it('ignores ?now= unless test hooks are on, and ignores a value that is not a date', () => {
    const before = now().getTime();
    initClockFromUrl('?now=2020-01-01T00:00:00Z', false);
    expect(Math.abs(now().getTime() - before)).toBeLessThan(1000);
    expect(() => initClockFromUrl('?now=garbage', true)).not.toThrow();
    expect(Math.abs(now().getTime() - before)).toBeLessThan(1000);
    initClockFromUrl('?now=2020-01-01T00:00:00Z', true);
    expect(Math.abs(now().getTime() - Date.parse('2020-01-01T00:00:00Z'))).toBeLessThan(1000);
    expect(setNow('not a date')).toBe(false);
    expect(setNow(new Date(before).toISOString())).toBe(true);
  });
});
