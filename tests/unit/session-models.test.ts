// The capture session runs the model of the use at hand: 'auto' gives MultiPose to the camera and Lightning to
// recorded video (issue 8 item 6), switching the one pose client between them; a named model serves both.
import { describe, expect, it, vi } from 'vitest';
import { AUTO_MODELS, modelsOf, resolveModel, type ModelChoice } from '../../src/shared/models';

const created: string[] = [];
const ended: string[] = [];
vi.mock('../../src/inference/pose-client', () => ({
  PoseClientError: class extends Error {},
  PoseClient: class {
    constructor(private readonly opts: { model: string }) {
      created.push(opts.model);
    }
    start(): Promise<{ backend: string; model: string }> {
      return Promise.resolve({ backend: 'wasm', model: this.opts.model });
    }
    terminate(): void {
      ended.push(this.opts.model);
    }
  },
}));

const { CaptureSession } = await import('../../src/capture/session');

function session(choice: { model: ModelChoice }): InstanceType<typeof CaptureSession> {
  return new CaptureSession(
    {} as HTMLVideoElement,
    () => ({ model: choice.model, backend: 'wasm', heightM: undefined, recordedAt: () => '' }),
    {
      loading: () => undefined,
      crashed: () => undefined,
      cameraLost: () => undefined,
      error: () => undefined,
    },
  );
}

describe('models per use', () => {
  it("resolves 'auto' to MultiPose live and Lightning for files, and keeps both offline", () => {
    expect(resolveModel('auto', 'live')).toBe('movenet-multipose');
    expect(resolveModel('auto', 'file')).toBe('movenet-lightning');
    expect(resolveModel('blazepose-full', 'file')).toBe('blazepose-full');
    expect(modelsOf('auto').sort()).toEqual([AUTO_MODELS.file, AUTO_MODELS.live].sort());
    expect(modelsOf('movenet-thunder')).toEqual(['movenet-thunder']);
  });

  it("switches the client between the uses under 'auto', and only when the model changes", async () => {
    created.length = ended.length = 0;
    const s = session({ model: 'auto' });
    await s.ensureClient('live');
    await s.ensureClient('live');
    await s.ensureClient('file');
    await s.ensureClient(); // the bench's memory probe: whatever runs
    await s.ensureClient('live');
    expect(created).toEqual(['movenet-multipose', 'movenet-lightning', 'movenet-multipose']);
    expect(ended).toEqual(['movenet-multipose', 'movenet-lightning']);
    expect(s.metrics.model).toBe('movenet-multipose');
  });

  it('runs a model chosen by name for both uses without restarting', async () => {
    created.length = ended.length = 0;
    const s = session({ model: 'movenet-thunder' });
    await s.ensureClient('live');
    await s.ensureClient('file');
    expect(created).toEqual(['movenet-thunder']);
    expect(ended).toEqual([]);
  });
});
