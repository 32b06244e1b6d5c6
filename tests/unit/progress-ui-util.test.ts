// Progress UI helpers: storage failures become clear user text by code (quota first of all); sizes and names.
import { describe, expect, it } from 'vitest';
import { GanglagStorageError } from '../../src/storage';
import { en, nb } from '../../src/ui/i18n/progress';
import { errorText, fileSafe, formatBytes, isQuota } from '../../src/ui/progress/util';

describe('errorText', () => {
  it('says plainly that a full storage saved nothing and lost nothing', () => {
    const err = new GanglagStorageError('quota-exceeded', 'Storage is full while saving the session.');
    expect(isQuota(err)).toBe(true);
    expect(errorText(err)).toBe(en['progress.err.quota']);
    expect(errorText(err)).toMatch(/full/);
    expect(errorText(err)).toMatch(/Nothing already stored was lost/);
  });

  it('branches on the code, not the class, so errors from another thread work too', () => {
    const plain = { name: 'GanglagStorageError', code: 'quota-exceeded', message: 'x' };
    expect(errorText(plain)).toBe(en['progress.err.quota']);
  });

  it('passes the rejected field and reason of a bad backup through as text', () => {
    const msg =
      'Backup rejected: sessions[3].notes: contains markup (HTML tags); only plain text is accepted';
    const err = new GanglagStorageError('invalid-backup', msg, { field: 'sessions[3].notes' });
    expect(errorText(err)).toBe(msg);
  });

  it('names invalid records and unknown failures with their detail', () => {
    expect(errorText(new GanglagStorageError('invalid-record', 'notes: contains markup'))).toBe(
      'Not saved: notes: contains markup',
    );
    expect(errorText(new Error('boom'))).toBe('Storage failed: boom');
    expect(errorText('odd')).toBe('Storage failed: odd');
  });
});

describe('helpers', () => {
  it('formats sizes', () => {
    expect(formatBytes(null)).toBe('?');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
  });

  it('makes pseudonyms safe as file names', () => {
    expect(fileSafe('Walker 01/ø')).toBe('Walker_01_');
    expect(fileSafe('')).toBe('profile');
  });

  it('has a Norwegian string for every English one, none empty', () => {
    expect(Object.keys(nb).sort()).toEqual(Object.keys(en).sort());
    for (const v of Object.values(nb)) expect(v.trim()).not.toBe('');
  });
});
