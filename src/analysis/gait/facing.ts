// Which way the subject faces in a side view, from the nose and the feet, independent of the leg labels.
// Method: along the walking direction, the nose lies ahead of the ears (the head's profile) and the toes ahead of
// the heels (BlazePose foot_index vs heel); the median over the frames of each sign is the facing. Someone who
// faces the way they walk shows the side towards the camera that the walking direction implies (the right side
// when walking to image right); someone stepping backwards shows the other. Anatomy of a profile: the nose is
// anterior to the ear and the foot's long axis (heel → toe) points anteriorly (Winter 2009, ch. 4 segments).
import type { Foot } from '../../shared/analysis-format';
import type { Tracks } from '../conditioning/tracks';
import { along, midpoint, type WalkFrame } from '../geometry/frame';
import type { Landmarks } from '../geometry/landmarks';

export interface Facing {
  /** +1 facing the walking direction, −1 facing against it (stepping backwards); null when no cue is clear. */
  forward: 1 | -1 | null;
  /** The cues that agreed on it ('nose': nose ahead of the ears; 'feet': toes ahead of the heels). */
  by: ('nose' | 'feet')[];
  /** The side of the body towards the camera: from the facing and the walking direction. */
  cameraSide: Foot;
}

/** A cue counts when at least this share of its frames agree on the sign and it is seen in this many frames. */
const AGREE = 0.7;
const MIN_FRAMES = 10;

/** Share of frames where a − b along the walk is positive, and how many frames had both. */
function ahead(
  t: Tracks,
  f: WalkFrame,
  ax: Float64Array,
  ay: Float64Array,
  bx: Float64Array,
  by: Float64Array,
) {
  let pos = 0;
  let n = 0;
  for (let i = 0; i < t.tS.length; i++) {
    const d = along(f, ax[i], ay[i]) - along(f, bx[i], by[i]);
    if (!Number.isFinite(d) || d === 0) continue;
    n++;
    if (d > 0) pos++;
  }
  return { share: n ? pos / n : NaN, n };
}

/** The sign a cue votes for (+1 ahead, −1 behind), or 0 when it is not clear. */
function vote(c: { share: number; n: number }): 1 | -1 | 0 {
  if (!(c.n >= MIN_FRAMES)) return 0;
  return c.share >= AGREE ? 1 : c.share <= 1 - AGREE ? -1 : 0;
}

/** The subject's facing relative to the walking direction, from conditioned tracks. */
export function facing(t: Tracks, f: WalkFrame, lm: Landmarks): Facing {
  const votes: { cue: 'nose' | 'feet'; v: 1 | -1 | 0 }[] = [];
  if (lm.nose >= 0) {
    const ex = midpoint(t.xs, lm.left.ear, lm.right.ear);
    const ey = midpoint(t.ys, lm.left.ear, lm.right.ear);
    votes.push({ cue: 'nose', v: vote(ahead(t, f, t.xs[lm.nose], t.ys[lm.nose], ex, ey)) });
  }
  if (lm.hasFoot) {
    // Both feet pooled: each toe against its own heel.
    const l = ahead(t, f, t.xs[lm.left.toe], t.ys[lm.left.toe], t.xs[lm.left.heel], t.ys[lm.left.heel]);
    const r = ahead(t, f, t.xs[lm.right.toe], t.ys[lm.right.toe], t.xs[lm.right.heel], t.ys[lm.right.heel]);
    const n = l.n + r.n;
    const share = n ? ((l.share || 0) * l.n + (r.share || 0) * r.n) / n : NaN;
    votes.push({ cue: 'feet', v: vote({ share, n }) });
  }
  const clear = votes.filter((v) => v.v !== 0);
  const sum = clear.reduce((s, v) => s + v.v, 0);
  // Cues that disagree cancel: then the walking direction alone decides (people rarely walk backwards).
  const forward: 1 | -1 | null = clear.length && Math.abs(sum) === clear.length ? (sum > 0 ? 1 : -1) : null;
  const towardsRight = f.direction * (forward ?? 1) > 0;
  return {
    forward,
    by: forward === null ? [] : clear.map((v) => v.cue),
    cameraSide: towardsRight ? 'right' : 'left',
  };
}
