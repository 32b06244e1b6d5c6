// Which scale a result uses: a plausible floor reference (cross-checked against the height when one is known),
// then the subject's height, then world landmarks, else pixels.
import type { ScaleMethod } from '../../shared/analysis-format';
import type { PosesFileV1 } from '../../shared/poses-format';
import type { Tracks } from '../conditioning/tracks';
import type { Landmarks } from '../geometry/landmarks';
import {
  checkReference,
  crossCheckHeight,
  describeReferenceProblem,
  referenceMetresPerPixel,
  type FloorReference,
} from '../../shared/reference';
import { worldMetresPerPixel, type HeightEstimate } from './scale';

export interface ChosenScale {
  method: ScaleMethod;
  /** m/px, null in pixels. */
  metresPerPixel: number | null;
  /** Why there is no metric scale, when there is none. */
  warning?: string;
  /** A floor reference set aside as implausible, or disagreeing with the height scale by over 8 %. */
  referenceWarning?: string;
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
        out.warning =
          `floor reference and height disagree by ${Math.round(Math.abs(c.differencePct))} %: the reference ` +
          `gives ${ref.toPrecision(4)} m/px (the subject ${c.impliedHeightM.toFixed(2)} m tall), the height ` +
          `${heightM} m gives ${(heightM / height.heightPx).toPrecision(4)} m/px; the reference is used: check its marks and distance`;
        out.referenceWarning = out.warning;
      }
    }
    return out;
  }
  const setAside =
    reference && problem
      ? `floor reference not used: ${describeReferenceProblem(problem, reference, frame)}`
      : undefined;
  const withRef = (s: ChosenScale): ChosenScale =>
    setAside
      ? { ...s, warning: s.warning ? `${setAside}; ${s.warning}` : setAside, referenceWarning: setAside }
      : s;
  if (heightM !== undefined && height)
    return withRef({ method: 'height', metresPerPixel: heightM / height.heightPx });
  const world = file.frames.some((f) => f.world) ? worldMetresPerPixel(file, t, lm, use) : null;
  if (world !== null) return withRef({ method: 'world', metresPerPixel: world });
  return withRef({
    method: 'pixels',
    metresPerPixel: null,
    warning:
      heightM !== undefined
        ? 'height given but body segments not found: lengths and speed are in pixels (null in metres)'
        : 'no height, floor reference or world landmarks: lengths and speed are in pixels (null in metres)',
  });
}
