// A draft back as the current recording. A draft cut short (a reload mid-recording) still carries the nominal
// frame rate it was started with, so the rate is taken from its timestamps.
import type { PoseFrameV1, PosesFileV1 } from '../../shared/poses-format';

/**
 * Frame rate from timestamps: a live recording's mean rate (as a finished live recording gets it), a file's
 * median interval (robust to a skipped frame), to 0.01 fps. The stored rate when there are under two frames.
 */
export function fpsFromFrames(
  origin: 'recording' | 'file',
  frames: readonly PoseFrameV1[],
  fallback: number,
): number {
  if (frames.length < 2) return fallback;
  if (origin === 'recording') {
    const span = frames[frames.length - 1].tMs - frames[0].tMs;
    return Math.round(((frames.length - 1) * 1000) / Math.max(1, span));
  }
  const dts = new Float64Array(frames.length - 1);
  for (let i = 1; i < frames.length; i++) dts[i - 1] = frames[i].tMs - frames[i - 1].tMs;
  dts.sort();
  const median = dts[dts.length >> 1];
  return median > 0 ? Math.round(100_000 / median) / 100 : fallback;
}

/** The restored recording: the draft's poses with the frame rate its timestamps show. */
export function restoredRecording(origin: 'recording' | 'file', poses: PosesFileV1): PosesFileV1 {
  return { ...poses, fps: fpsFromFrames(origin, poses.frames, poses.fps) };
}
