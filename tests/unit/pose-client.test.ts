import { describe, expect, it } from 'vitest';
import { PoseClientError, toClientError } from '../../src/inference/pose-client';
import { POSE_ERROR_CODES } from '../../src/shared/pose-errors';

describe('errors across the worker boundary', () => {
  it('maps each worker error name to its code, and anything else to inference-failed', () => {
    for (const code of POSE_ERROR_CODES) {
      const e = toClientError({ name: code, message: `m ${code}` });
      expect(e).toBeInstanceOf(PoseClientError);
      expect(e.code).toBe(code);
      expect(e.message).toBe(`m ${code}`);
    }
    expect(toClientError(new TypeError('x')).code).toBe('inference-failed');
    expect(toClientError('boom').message).toBe('boom');
    const own = new PoseClientError('busy', 'b');
    expect(toClientError(own)).toBe(own);
  });
});
