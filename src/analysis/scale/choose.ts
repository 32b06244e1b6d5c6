// Which scale a result uses: a plausible floor reference (cross-checked against the height when one is known),
// then the subject's height, then world landmarks, else pixels.
import type { ScaleMethod } from '../../shared/analysis-format';
import type { WarningMessage, WarningOf } from '../../shared/messages/codes';
import type { PosesFileV1 } from '../../shared/poses-format';
import {
  checkReference,
  crossCheckHeight,
  referenceMetresPerPixel,
  referenceNotUsed,
  type FloorReference,
} from '../../shared/reference';
import type { Tracks } from '../conditioning/tracks';
import type { Landmarks } from '../geometry/landmarks';
import { worldMetresPerPixel, type HeightEstimate } from './scale';

export interface ChosenScale {
  method: ScaleMethod;
  /** m/px, null in pixels. */
  metresPerPixel: number | null;
  /** Why there is no metric scale, when there is none; else the reference warning, when there is one. */
  warning?: WarningMessage;
  /** A floor reference set aside as implausible, or disagreeing with the height scale by over 8 %. */
  referenceWarning?: WarningOf<'reference-height-disagree' | 'reference-not-used'>;
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
  const frame = { width: file.width, height: file.height };
  const problem = reference ? checkReference(reference, frame) : null;
  const ref = reference && !problem ? referenceMetresPerPixel(reference, frame) : null;
  if (ref !== null) {
    const out: ChosenScale = { method: 'reference', metresPerPixel: ref };
    if (heightM !== undefined && height) {
      const c = crossCheckHeight(ref, height.heightPx, heightM);
      if (c.disagrees) {
        out.referenceWarning = {
          code: 'reference-height-disagree',
          pct: Math.abs(c.differencePct),
          referenceMpp: ref,
          heightMpp: heightM / height.heightPx,
          impliedHeightM: c.impliedHeightM,
          heightM,
        };
        out.warning = out.referenceWarning;
      }
    }
    return out;
  }
  const setAside = reference && problem ? referenceNotUsed(problem, reference.metres, frame) : undefined;
  // The scale's own warning (no scale at all) comes first; a set-aside reference is said when it is the only one.
  const withRef = (s: ChosenScale): ChosenScale =>
    setAside ? { ...s, warning: s.warning ?? setAside, referenceWarning: setAside } : s;
  if (heightM !== undefined && height)
    return withRef({ method: 'height', metresPerPixel: heightM / height.heightPx });
  const world = file.frames.some((f) => f.world) ? worldMetresPerPixel(file, t, lm, use) : null;
  if (world !== null) return withRef({ method: 'world', metresPerPixel: world });
  return withRef({
    method: 'pixels',
    metresPerPixel: null,
    warning: { code: heightM !== undefined ? 'height-unusable' : 'no-scale' },
  });
}
