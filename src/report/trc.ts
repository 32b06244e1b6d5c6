// TRC (OpenSim / Sports2D marker file) from a session's keypoints: tab-separated, one marker triplet per keypoint.
import type { PosesFileV1 } from '../shared/poses-format';
import { keypointNames } from '../shared/skeletons';

export interface TrcOptions {
  /** Written into the header's first line. */
  fileName?: string;
  /** When given, pixels become metres and Units is "m"; otherwise coordinates stay in pixels ("px"). */
  metresPerPixel?: number | null;
  /** Keypoints below this score are written as missing (empty cells). */
  minScore?: number;
}

/**
 * X right, Y up (image y flipped about the frame height), Z = 0 because the camera sees one plane.
 * Time is seconds from the first frame; DataRate is the recording's nominal fps.
 */
export function buildTrc(poses: PosesFileV1, opts: TrcOptions = {}): string {
  const names = keypointNames(poses.skeleton);
  const scale = opts.metresPerPixel ?? null;
  const s = scale ?? 1;
  const units = scale === null ? 'px' : 'm';
  const digits = scale === null ? 2 : 5;
  const minScore = opts.minScore ?? 0;
  const n = poses.frames.length;
  const t0 = n > 0 ? poses.frames[0].tMs : 0;
  const rate = String(poses.fps);
  const lines = [
    ['PathFileType', '4', '(X/Y/Z)', opts.fileName ?? 'ganglag.trc'].join('\t'),
    [
      'DataRate',
      'CameraRate',
      'NumFrames',
      'NumMarkers',
      'Units',
      'OrigDataRate',
      'OrigDataStartFrame',
      'OrigNumFrames',
    ].join('\t'),
    [rate, rate, String(n), String(names.length), units, rate, '1', String(n)].join('\t'),
    ['Frame#', 'Time', ...names.flatMap((m) => [m, '', ''])].join('\t'),
    ['', '', ...names.flatMap((_, i) => [`X${i + 1}`, `Y${i + 1}`, `Z${i + 1}`])].join('\t'),
    '',
  ];
  poses.frames.forEach((f, i) => {
    const cells = [String(i + 1), ((f.tMs - t0) / 1000).toFixed(6)];
    for (const k of f.keypoints) {
      if (!k || k[2] < minScore) cells.push('', '', '');
      else
        cells.push(
          (k[0] * s).toFixed(digits),
          ((poses.height - k[1]) * s).toFixed(digits),
          (0).toFixed(digits),
        );
    }
    lines.push(cells.join('\t'));
  });
  return lines.join('\n') + '\n';
}
