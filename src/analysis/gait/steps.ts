// Foot placement and step length along the walking direction: heel footprint to heel footprint.
import type { Foot } from '../../shared/analysis-format';
import { px, seconds, type Px, type Seconds } from '../../shared/units';
import { STATURE } from '../scale/anthropometry';
import { sampleAt } from './peaks';
import type { FootSignals, GaitSignals } from './signals';

/** Fractional sample index of time tS (frames may be unevenly spaced). */
export function indexAt(tS: Float64Array, t: number): number {
  let lo = 0;
  let hi = tS.length - 1;
  if (!(t >= tS[0] && t <= tS[hi])) return NaN;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (tS[mid] <= t) lo = mid;
    else hi = mid;
  }
  return lo + (t - tS[lo]) / (tS[hi] - tS[lo] || 1);
}

/**
 * Footprint: where a point of the foot rests during stance. Within [fromS, toS] it finds the window of
 * windowS seconds with the least motion of u and returns the mean of u there (foot flat, averaging noise);
 * NaN when u is not tracked at both ends of [fromS, toS] (clipped to the recording).
 */
export function footprint(
  tS: Float64Array,
  u: Float64Array,
  fromS: Seconds,
  toS: Seconds,
  windowS: Seconds,
): number {
  const a = Math.max(0, Math.ceil(indexAt(tS, Math.max(fromS, tS[0]))));
  const b = Math.floor(indexAt(tS, Math.min(toS, tS[tS.length - 1])));
  // A foot not tracked at both ends of the stance (lost, or leaving the view) is not measured: the quietest part
  // of what is left can be the foot still landing.
  if (!(b > a) || !Number.isFinite(u[a]) || !Number.isFinite(u[b])) return NaN;
  const w = Math.max(2, Math.round(windowS / ((tS[b] - tS[a]) / (b - a) || 1)));
  let best = Infinity;
  let at = NaN;
  for (let i = a; i + w - 1 <= b; i++) {
    let lo = Infinity;
    let hi = -Infinity;
    let sum = 0;
    for (let j = i; j < i + w; j++) {
      lo = Math.min(lo, u[j]);
      hi = Math.max(hi, u[j]);
      sum += u[j];
    }
    if (Number.isFinite(sum) && hi - lo < best) {
      best = hi - lo;
      at = sum / w;
    }
  }
  return at;
}

/**
 * Forward shift of the heel of a trailing foot that has rolled onto its toes, estimated in COCO-17 from
 * how far its ankle has moved past its footprint (da, px). Rigid foot rotating about the toe by angle q:
 * ankle moves (L − a)(1 − cos q) + h sin q, heel moves L(1 − cos q); foot length L = 0.152 H, ankle height
 * h = 0.039 H, ankle a = 0.25 L in front of the heel (Winter 2009, Fig. 4.1). Solved for q by bisection.
 */
export function heelShiftFromAnkle(daPx: Px, heightPx: Px): number {
  if (!(daPx > 0) || !(heightPx > 0)) return 0;
  const L = STATURE.footLength * heightPx;
  const h = STATURE.ankle * heightPx;
  const a = 0.25 * L;
  const ankleShift = (q: number): number => (L - a) * (1 - Math.cos(q)) + h * Math.sin(q);
  let lo = 0;
  let hi = Math.PI / 2;
  if (daPx >= ankleShift(hi)) return L;
  for (let k = 0; k < 40; k++) {
    const mid = 0.5 * (lo + hi);
    if (ankleShift(mid) < daPx) lo = mid;
    else hi = mid;
  }
  return L * (1 - Math.cos(0.5 * (lo + hi)));
}

/** Where the footprints are searched, in strides after the strike (leading foot) and before it (trailing foot). */
export const STEP_WINDOW = { lead: 0.45, trail: 0.5 } as const;

/** How step length is defined, stated in the result as gait.stepLengthDefinition. */
export const STEP_LENGTH_DEFINITION =
  "along the line of progression, from the trailing foot's heel footprint (its stance position) to the leading foot's heel footprint (GAITRite; Winter 2009); left + right step = stride";

export interface StepGeometry {
  /** Leading and trailing foot's footprints along the walk, px. */
  leadU: number;
  trailU: number;
  /** Footprint of the reference point used for stride length and speed (heel, or ankle in COCO-17), px. */
  leadFootprintU: number;
  /**
   * Leading footprint minus the trailing heel where it is at the strike (rolled forward), px: a plausibility
   * check only (a real step has the feet apart at the strike), not the step length.
   */
  apartU: number;
}

/**
 * Step length at a heel strike of foot `lead` at tS, as GAITRite and Winter (2009) define it: along the line of
 * progression, from the trailing foot's heel footprint (where it rested in its stance, before it rolled onto
 * its toes) to the leading foot's heel footprint. So a left and the next right step add up to the stride.
 * BlazePose: heel footprints. COCO-17 has no heel: ankle footprints, which sit a fixed distance in front of the
 * heel of a flat foot, so their difference is the same.
 */
export function stepGeometry(
  s: GaitSignals,
  lead: Foot,
  tS: Seconds,
  strideS: Seconds,
  hasFoot: boolean,
  heightPx: Px,
): StepGeometry {
  const L: FootSignals = s.feet[lead];
  const T: FootSignals = s.feet[lead === 'left' ? 'right' : 'left'];
  const win = seconds(0.15 * strideS);
  const leadPrint = footprint(
    s.tS,
    hasFoot ? L.heelU : L.ankleU,
    tS,
    seconds(tS + STEP_WINDOW.lead * strideS),
    win,
  );
  // The trailing foot struck about half a stride earlier and has been on the floor since.
  const trailPrint = footprint(
    s.tS,
    hasFoot ? T.heelU : T.ankleU,
    seconds(tS - STEP_WINDOW.trail * strideS),
    tS,
    win,
  );
  const at = indexAt(s.tS, tS);
  const trailNow = hasFoot
    ? sampleAt(T.heelU, at)
    : trailPrint + heelShiftFromAnkle(px(sampleAt(T.ankleU, at) - trailPrint), heightPx);
  return { leadU: leadPrint, trailU: trailPrint, leadFootprintU: leadPrint, apartU: leadPrint - trailNow };
}
