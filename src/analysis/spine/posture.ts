// Standing posture measures from the still frames of a side view and a front view.
import type { PostureV1 } from '../../shared/analysis-format';
import type { WarningMessage } from '../../shared/messages/codes';
import { medianOf } from '../conditioning/quantile';
import { F, FRAME_FIELDS, fromVerticalDeg } from './frame';
import type { Recording } from './recording';
import { round1 } from '../round';
import type { SpineScale } from './scale';

export interface PostureResult {
  posture: PostureV1;
  warnings: WarningMessage[];
}

/**
 * Medians over still frames of each view (method: keypoint geometry, image plane; no pelvis, C7 or lumbar
 * landmarks, so these are keypoint analogues of the clinical measures, e.g. the craniovertebral angle uses C7).
 * Side view, signed by facing: forwardHeadCm/Deg = ear midpoint ahead of shoulder midpoint (distance, and the
 * shoulder → ear line from vertical); trunkLeanDeg = hip → shoulder midline from vertical, forward positive;
 * kneeHyperextensionDeg = thigh minus shank inclination, positive when the knee is behind the hip–ankle line.
 * Front view: shoulderObliquityDeg / pelvicObliquityDeg = shoulder / hip line from horizontal, positive when the
 * subject's left side is higher.
 */
export function measurePosture(rec: Recording, scale: SpineScale): PostureResult {
  const warnings: WarningMessage[] = [];
  const n = rec.n;
  const head = new Float64Array(n).fill(NaN);
  const headDeg = new Float64Array(n).fill(NaN);
  const lean = new Float64Array(n).fill(NaN);
  const knee = new Float64Array(n).fill(NaN);
  const shoulder = new Float64Array(n).fill(NaN);
  const pelvis = new Float64Array(n).fill(NaN);
  const f = rec.facing;
  let side = 0;
  let front = 0;
  for (let i = 0; i < n; i++) {
    if (!rec.still[i]) continue;
    const b = i * FRAME_FIELDS;
    if (rec.views[i] === 'side' && f !== 0) {
      side++;
      head[i] = f * rec.m[b + F.earDx];
      headDeg[i] = f * fromVerticalDeg(rec.m[b + F.earDx], rec.m[b + F.earDy]);
      lean[i] = f * rec.trunkDeg[i];
      knee[i] = f * (rec.m[b + F.thighDeg] - rec.m[b + F.shankDeg]);
    } else if (rec.views[i] === 'front') {
      front++;
      shoulder[i] = rec.m[b + F.shoulderTiltDeg];
      pelvis[i] = rec.m[b + F.hipTiltDeg];
    }
  }
  if (side === 0) {
    warnings.push({
      code: rec.sideFrames > 0 && f === 0 ? 'posture-facing-unknown' : 'posture-no-side-view',
    });
  }
  if (front === 0) warnings.push({ code: 'posture-no-front-view' });
  const mpp = scale.metresPerPixel;
  if (side > 0 && !(mpp > 0)) warnings.push({ code: 'posture-no-scale' });
  const posture: PostureV1 = {
    forwardHeadCm: round1(medianOf(head) * mpp * 100),
    forwardHeadDeg: round1(medianOf(headDeg)),
    trunkLeanDeg: round1(medianOf(lean)),
    kneeHyperextensionDeg: round1(medianOf(knee)),
    shoulderObliquityDeg: round1(medianOf(shoulder)),
    pelvicObliquityDeg: round1(medianOf(pelvis)),
    sideViewFrames: side,
    frontViewFrames: front,
  };
  return { posture, warnings };
}
