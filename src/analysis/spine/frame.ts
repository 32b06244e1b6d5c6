// Per-frame raw measures in image pixels, written into a caller-owned Float64Array: allocation-free.
// Angles here are in the image plane, from vertical, positive toward image +x; callers sign them by facing or side.
import { both2, kx, ky, mean2, type Landmarks } from '../geometry/landmarks';
import { viewFromWidths, type View } from '../geometry/view';
import { degrees, degToRad, px, radians, radToDeg, type Degrees, type Px } from '../../shared/units';

/** Field offsets in a frame-measures record. */
export const F = {
  /** Trunk line (hip midpoint → shoulder midpoint) from vertical, deg, positive toward image +x. */
  trunkDeg: 0,
  /** Trunk line length, px. */
  trunkPx: 1,
  /** Thigh line (knee midpoint → hip midpoint) from vertical, deg. */
  thighDeg: 2,
  /** Shank line (ankle midpoint → knee midpoint) from vertical, deg. */
  shankDeg: 3,
  /** Ear midpoint minus shoulder midpoint, px. */
  earDx: 4,
  earDy: 5,
  /** Nose x minus ear-midpoint x, px: which way the face points in a side view. */
  noseDx: 6,
  /** Foot index (toe) x minus heel x, px: which way the feet point in a side view. */
  toeDx: 7,
  /** |left − right| x of shoulders and of hips, px: wide in a front view, narrow side-on. */
  shoulderWidthPx: 8,
  hipWidthPx: 9,
  /** (left − right) x of shoulders plus hips, px: which image side the subject's left is on. */
  leftMinusRightX: 10,
  /** Shoulder and hip lines from horizontal, deg, positive when the subject's left side is higher. */
  shoulderTiltDeg: 11,
  hipTiltDeg: 12,
  /** Ankle midpoint y minus shoulder midpoint y, px (vertical span for height scaling). */
  spanPx: 13,
  /** Lowest foot point (heel or toe) y, px; NaN without foot keypoints. */
  footY: 14,
  /** Ankle midpoint y, px. */
  ankleY: 15,
  /**
   * Per side: wrist y, px, and the y component of the hand's unit direction (wrist → knuckle unless the hand is
   * bent off the forearm, see HAND_BEND_MAX_DEG; else and in COCO-17 elbow → wrist).
   */
  leftWristY: 16,
  leftHandUy: 17,
  rightWristY: 18,
  rightHandUy: 19,
  /** Shoulder midpoint, px. */
  shoulderX: 20,
  shoulderY: 21,
} as const;
export const FRAME_FIELDS = 22;

/** Image-plane angle of the vector (dx, dy) from vertical-up, deg, positive toward +x (y grows down). */
export function fromVerticalDeg(dx: number, dy: number): Degrees {
  return radToDeg(radians(Math.atan2(dx, -dy)));
}

function handUy(kp: Float32Array, fromK: number, toK: number): number {
  const dx = kx(kp, toK) - kx(kp, fromK);
  const dy = ky(kp, toK) - ky(kp, fromK);
  const len = Math.hypot(dx, dy);
  return len > 0 ? dy / len : NaN;
}

/**
 * A hand whose wrist → knuckle line turns more than this from the forearm (elbow → wrist) is bent or curled,
 * or its knuckle keypoint is off: its direction would put the fingertip far too high (issue 10: 15 cm on an
 * independent bend), so the forearm direction stands in. A relaxed hanging hand is within about 10° of it.
 */
export const HAND_BEND_MAX_DEG = 20;
const COS_HAND_BEND_MAX = Math.cos(degToRad(degrees(HAND_BEND_MAX_DEG)));

/**
 * y component of the hand's unit direction, BlazePose: wrist → index knuckle when it is within
 * HAND_BEND_MAX_DEG of the forearm (or the forearm is not seen), else the forearm's elbow → wrist.
 */
function blazeHandUy(kp: Float32Array, elbow: number, wrist: number, index: number): number {
  const hx = kx(kp, index) - kx(kp, wrist);
  const hy = ky(kp, index) - ky(kp, wrist);
  const fx = kx(kp, wrist) - kx(kp, elbow);
  const fy = ky(kp, wrist) - ky(kp, elbow);
  const hl = Math.hypot(hx, hy);
  const fl = Math.hypot(fx, fy);
  const forearm = fl > 0 ? fy / fl : NaN;
  if (!(hl > 0)) return forearm;
  if (!(fl > 0)) return hy / hl;
  return (hx * fx + hy * fy) / (hl * fl) >= COS_HAND_BEND_MAX ? hy / hl : forearm;
}

/**
 * Measures one frame of interleaved [x, y, score] keypoints into out[base .. base + FRAME_FIELDS).
 * allowOneSide: in a side view the near and far sides overlap, so one side's shoulder–hip pair may stand in
 * for the midline; in a front view it may not (the shoulders are wider than the hips, so one side's line tilts).
 */
export function measureFrame(
  kp: Float32Array,
  k: Landmarks,
  allowOneSide: boolean,
  out: Float64Array,
  base: number,
): void {
  const lsx = kx(kp, k.left.shoulder);
  const lsy = ky(kp, k.left.shoulder);
  const rsx = kx(kp, k.right.shoulder);
  const rsy = ky(kp, k.right.shoulder);
  const lhx = kx(kp, k.left.hip);
  const lhy = ky(kp, k.left.hip);
  const rhx = kx(kp, k.right.hip);
  const rhy = ky(kp, k.right.hip);

  let shx = both2(lsx, rsx);
  let shy = both2(lsy, rsy);
  let hx = both2(lhx, rhx);
  let hy = both2(lhy, rhy);
  const full = Number.isFinite(shx + shy + hx + hy);
  if (!full && allowOneSide) {
    // Same-side pairs only: mixing the near shoulder with the far hip would skew the line under perspective.
    if (Number.isFinite(lsx + lsy + lhx + lhy)) {
      shx = lsx;
      shy = lsy;
      hx = lhx;
      hy = lhy;
    } else if (Number.isFinite(rsx + rsy + rhx + rhy)) {
      shx = rsx;
      shy = rsy;
      hx = rhx;
      hy = rhy;
    }
  }
  const tdx = shx - hx;
  const tdy = shy - hy;
  out[base + F.trunkDeg] = fromVerticalDeg(tdx, tdy);
  out[base + F.trunkPx] = Math.hypot(tdx, tdy);
  out[base + F.shoulderX] = shx;
  out[base + F.shoulderY] = shy;

  const knx = mean2(kx(kp, k.left.knee), kx(kp, k.right.knee));
  const kny = mean2(ky(kp, k.left.knee), ky(kp, k.right.knee));
  const anx = mean2(kx(kp, k.left.ankle), kx(kp, k.right.ankle));
  const any = mean2(ky(kp, k.left.ankle), ky(kp, k.right.ankle));
  const hipMx = mean2(lhx, rhx);
  const hipMy = mean2(lhy, rhy);
  out[base + F.thighDeg] = fromVerticalDeg(hipMx - knx, hipMy - kny);
  out[base + F.shankDeg] = fromVerticalDeg(knx - anx, kny - any);
  out[base + F.ankleY] = any;
  out[base + F.spanPx] = any - mean2(lsy, rsy);

  const ex = mean2(kx(kp, k.left.ear), kx(kp, k.right.ear));
  const ey = mean2(ky(kp, k.left.ear), ky(kp, k.right.ear));
  const shMx = mean2(lsx, rsx);
  const shMy = mean2(lsy, rsy);
  out[base + F.earDx] = ex - shMx;
  out[base + F.earDy] = ey - shMy;
  out[base + F.noseDx] = kx(kp, k.nose) - ex;
  out[base + F.toeDx] = mean2(
    kx(kp, k.left.toePoint) - kx(kp, k.left.heelPoint),
    kx(kp, k.right.toePoint) - kx(kp, k.right.heelPoint),
  );

  out[base + F.shoulderWidthPx] = Math.abs(lsx - rsx);
  out[base + F.hipWidthPx] = Math.abs(lhx - rhx);
  out[base + F.leftMinusRightX] = lsx - rsx + (lhx - rhx);
  out[base + F.shoulderTiltDeg] = radToDeg(radians(Math.atan2(rsy - lsy, Math.abs(lsx - rsx))));
  out[base + F.hipTiltDeg] = radToDeg(radians(Math.atan2(rhy - lhy, Math.abs(lhx - rhx))));

  // The lowest foot point on each side is taken as floor contact (BlazePose heel and toe lie at the sole).
  const lf = Math.max(ky(kp, k.left.heelPoint), ky(kp, k.left.toePoint));
  const rf = Math.max(ky(kp, k.right.heelPoint), ky(kp, k.right.toePoint));
  out[base + F.footY] = mean2(lf, rf);

  const hasKnuckles = k.left.index >= 0;
  out[base + F.leftWristY] = ky(kp, k.left.wrist);
  out[base + F.rightWristY] = ky(kp, k.right.wrist);
  out[base + F.leftHandUy] = hasKnuckles
    ? blazeHandUy(kp, k.left.elbow, k.left.wrist, k.left.index)
    : handUy(kp, k.left.elbow, k.left.wrist);
  out[base + F.rightHandUy] = hasKnuckles
    ? blazeHandUy(kp, k.right.elbow, k.right.wrist, k.right.index)
    : handUy(kp, k.right.elbow, k.right.wrist);
}

/** Fingertip y, px: wrist plus one hand length along the hand's direction, averaged over the sides seen. */
export function fingertipY(m: Float64Array, base: number, handPx: Px): Px {
  return px(
    mean2(
      m[base + F.leftWristY] + handPx * m[base + F.leftHandUy],
      m[base + F.rightWristY] + handPx * m[base + F.rightHandUy],
    ),
  );
}

/** Floor y, px: the feet's lowest point, else the ankle plus the standing ankle height. */
export function floorY(m: Float64Array, base: number, ankleToFloorPx: Px): Px {
  const foot = m[base + F.footY];
  return px(Number.isFinite(foot) ? foot : m[base + F.ankleY] + ankleToFloorPx);
}

export { FRONT_MIN_RATIO, SIDE_MAX_RATIO, type View } from '../geometry/view';

/** View of one frame of measures: geometry/view.ts's test on its shoulder and hip widths and trunk length. */
export function viewOf(m: Float64Array, base: number): View | null {
  return viewFromWidths(px(m[base + F.shoulderWidthPx]), px(m[base + F.hipWidthPx]), px(m[base + F.trunkPx]));
}
