// Which scale a result uses: a floor reference, then the subject's height, then world landmarks, else pixels.
import type { ScaleMethod } from '../../shared/analysis-format';
import type { WarningMessage } from '../../shared/messages/codes';
import type { PosesFileV1 } from '../../shared/poses-format';
import type { Tracks } from '../conditioning/tracks';
import type { Landmarks } from '../geometry/landmarks';
import {
  referenceMetresPerPixel,
  worldMetresPerPixel,
  type FloorReference,
  type HeightEstimate,
} from './scale';

export interface ChosenScale {
  method: ScaleMethod;
  /** m/px, null in pixels. */
  metresPerPixel: number | null;
  /** Why there is no metric scale, when there is none. */
  warning?: WarningMessage;
}

export function chooseScale(
  file: PosesFileV1,
  t: Tracks,
  lm: Landmarks,
  height: HeightEstimate | null,
  heightM: number | undefined,
  reference: FloorReference | undefined,
  /** Frames the world method may use (all without it). */
  use?: Uint8Array,
): ChosenScale {
  const ref = reference ? referenceMetresPerPixel(reference) : null;
  if (ref !== null) return { method: 'reference', metresPerPixel: ref };
  if (heightM !== undefined && height) return { method: 'height', metresPerPixel: heightM / height.heightPx };
  const world = file.frames.some((f) => f.world) ? worldMetresPerPixel(file, t, lm, use) : null;
  if (world !== null) return { method: 'world', metresPerPixel: world };
  return {
    method: 'pixels',
    metresPerPixel: null,
    warning: { code: heightM !== undefined ? 'height-unusable' : 'no-scale' },
  };
}
