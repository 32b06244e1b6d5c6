// Follows one person across frames. Among several people it prefers the one walking across the view
// (largest horizontal travel per body height over a recent window) over a bystander; a click can pick another.
// The subject stays the subject across exits of any length: while they are away, only someone of their
// apparent size on their ground line (feet at the same image height, i.e. the same depth) over their walk so far,
// who was never in view together with them and appears where they could have walked to, takes over, as offline
// (offline-subject.ts).
import type { DetectedPose, PoseFrame } from '../../shared/pose-frame';
import { keypointIndex, type SkeletonId } from '../../shared/skeletons';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface Track {
  id: number;
  box: Box;
  lastSeenMs: number;
  firstSeenMs: number;
  /** Hip-centre x where the track was first seen, px. */
  firstX: number;
  /** Ring buffer of (tMs, hip-centre x px). */
  t: Float64Array;
  x: Float64Array;
  head: number;
  size: number;
}

const HISTORY = 120;
const MIN_SCORE = 0.2;
/** Apparent-size ratio and ground-line difference (body heights) within which a newcomer can be the subject. */
const SIZE_RATIO = 1.25;
const DEPTH_HEIGHTS = 0.15;
/** A subject gone this long is forgotten: then anyone walking may become the subject. */
const FORGET_MS = 20_000;
/** While the subject is not walking, a single-person model searches the whole frame every this many frames. */
const PROBE_EVERY = 4;
/** The subject's last box guides a single-person model while it is this recent (a probe or a missed frame). */
const RECENT_MS = 150;
/** At most this many frames follow someone else a search found (long enough to see whether they walk). */
const SEARCH_FRAMES = 45;
/**
 * A newcomer followed this many frames who has travelled less than STILL_TRAVEL body heights is not walking (a
 * walker covers about 0.25 in that time): the search goes back to the subject and searches beside him from then.
 */
const STILL_FRAMES = 8;
const STILL_TRAVEL = 0.1;
/** The subject counts as having walked only when seen over at least this long. */
const MIN_WALK_MS = 500;
/**
 * A subject who went away comes back no faster than this many times their own walking speed, measured from where
 * they left (outside the view or behind something): someone appearing farther away sooner is someone else (the man
 * on the box who jumps down and runs off 0.7 s after the demo walker left the other side).
 */
const RETURN_SPEED_FACTOR = 3;
/** A strip beside another person is searched only when at least this share of the frame height wide. */
const MIN_STRIP_HEIGHTS = 0.25;

/** Tight box around the keypoints scored at least MIN_SCORE; null when fewer than 3 qualify. */
export function poseBox(pose: DetectedPose): Box | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  let n = 0;
  const kp = pose.keypoints;
  for (let i = 0; i < kp.length; i += 3) {
    if (!(kp[i + 2] >= MIN_SCORE) || Number.isNaN(kp[i])) continue;
    n++;
    if (kp[i] < x0) x0 = kp[i];
    if (kp[i] > x1) x1 = kp[i];
    if (kp[i + 1] < y0) y0 = kp[i + 1];
    if (kp[i + 1] > y1) y1 = kp[i + 1];
  }
  return n >= 3 ? { x0, y0, x1, y1 } : null;
}

/** Intersection over union of two boxes, 0..1. */
export function boxIou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
  const iy = Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
  const inter = ix * iy;
  const union = (a.x1 - a.x0) * (a.y1 - a.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - inter;
  return union > 0 ? inter / union : 0;
}

/** Whom a single-person model's region showed in one frame, and whom its tracker held as the subject. */
export interface SeenPerson {
  tMs: number;
  /** The person the region showed (null: nobody). */
  seen: Box | null;
  /** The subject the tracker held, where it was in this frame (null: not in this frame, or no subject). */
  subject: Box | null;
}

/**
 * Box of the person a single-person model found in the region it was given (its one pose), or null: what its crop
 * followed, whether the tracker holds that person as the subject or as a newcomer it follows to see if they walk.
 */
export function seenBox(frame: Pick<PoseFrame, 'poses'>): Box | null {
  return frame.poses.length ? poseBox(frame.poses[0]) : null;
}

/** Box of the pose the tracker held as the subject in this frame (`frame.tracked`), or null. */
export function trackedBox(frame: Pick<PoseFrame, 'poses' | 'tracked'>): Box | null {
  const i = frame.tracked ?? -1;
  return i >= 0 && i < frame.poses.length ? poseBox(frame.poses[i]) : null;
}

/** What a frame's region showed and whom the tracker held (the frame's `tracked` must be set). */
export function seenPerson(frame: Pick<PoseFrame, 'tMs' | 'poses' | 'tracked'>): SeenPerson {
  return { tMs: frame.tMs, seen: seenBox(frame), subject: trackedBox(frame) };
}

/** A region of the frame for a single-person model to look at, px. */
type Region = { x: number; y: number; w: number; h: number };

/** A square 1.5× the box's larger side, centred on it (room for the limbs' swing). */
function square(b: Box): Region {
  const side = Math.max(b.x1 - b.x0, b.y1 - b.y0) * 1.5;
  return { x: (b.x0 + b.x1) / 2 - side / 2, y: (b.y0 + b.y1) / 2 - side / 2, w: side, h: side };
}

/** The wider full-height strip of the frame left or right of box b (with a margin); null when too narrow. */
function besideStrip(b: Box, w: number, h: number): Region | null {
  if (!(w > 0 && h > 0)) return null;
  const margin = 0.1 * (b.x1 - b.x0);
  const left = b.x0 - margin;
  const right = w - (b.x1 + margin);
  if (Math.max(left, right) < MIN_STRIP_HEIGHTS * h) return null;
  return left >= right ? { x: 0, y: 0, w: left, h } : { x: w - right, y: 0, w: right, h };
}

export interface SubjectTrackerOptions {
  /** Window over which walking travel is measured. */
  windowMs?: number;
  /** A subject unseen this long is considered lost. */
  lostAfterMs?: number;
}

export class SubjectTracker {
  private tracks = new Map<number, Track>();
  private nextId = 1;
  private subjectId = -1;
  private manual = false;
  private lastPoses: DetectedPose[] = [];
  private lastIds: number[] = [];
  /** The subject's apparent height and feet image y (px), smoothed; NaN before a subject is seen. */
  private subjectHeightPx = NaN;
  private subjectBottomPx = NaN;
  /**
   * The range of those smoothed values over the subject's walk: a walkway at an angle to the image spans depths
   * (the demo walker's apparent size grows 10-13 % across the view), and a subject coming back on the other side
   * walks where they walked before, not where they left (live on the looped demo, the second pass was lost).
   */
  private subjectHeightMinPx = NaN;
  private subjectHeightMaxPx = NaN;
  private subjectBottomMinPx = NaN;
  private subjectBottomMaxPx = NaN;
  /** Tracks seen in the same frame as the subject: other people. */
  private others = new Set<number>();
  /** Newcomers a search found and followed who stood still: not followed again while they stand. */
  private still = new Set<number>();
  private lastT = -Infinity;
  private frames = 0;
  /** The next frame should be searched whole; or in this region (beside someone, or around a newcomer). */
  private wholeNext = true;
  private regionNext: Region | null = null;
  private searchNext = true;
  /** A newcomer a search found, followed for up to SEARCH_FRAMES frames; whole-frame searches so far. */
  private followId = -1;
  private followRun = 0;
  private searches = 0;
  /** The last person a search found who is not the subject, or the subject standing still: searched beside. */
  private blocker: Box | null = null;
  private frameW = NaN;
  private frameH = NaN;
  /** The subject has walked (travel ≥ 0.5 body heights): then an exit is waited out. */
  private walked = false;
  private readonly lh: number;
  private readonly rh: number;
  private readonly windowMs: number;
  private readonly lostAfterMs: number;

  constructor(skeleton: SkeletonId, opts: SubjectTrackerOptions = {}) {
    this.lh = keypointIndex(skeleton, 'left_hip');
    this.rh = keypointIndex(skeleton, 'right_hip');
    this.windowMs = opts.windowMs ?? 1500;
    this.lostAfterMs = opts.lostAfterMs ?? 700;
  }

  /** Track id of each pose of the last frame (-1 where the pose had too few keypoints to track). */
  lastTrackIds(): readonly number[] {
    return this.lastIds;
  }

  /**
   * Where a single-person model should look: a square 1.5× the subject's larger box side, centred on it
   * (room for the limbs' swing); undefined (the whole frame) when the subject was not seen in the last 150 ms,
   * so that a lost subject is searched for everywhere (alternating with where a walker left the view), and
   * every few frames while the subject is not walking
   * (then for as long as that search keeps finding someone else, up to 1.5 s), so that a walker
   * entering the view is found even when a bystander was locked first. Decided in update().
   */
  subjectRoi(): Region | undefined {
    if (this.regionNext) return this.regionNext;
    const b = this.wholeNext ? null : this.subjectBox();
    return b ? square(b) : undefined;
  }

  /**
   * Whether the next region (subjectRoi) is a search: the whole frame, or a strip beside someone, rather than the
   * subject or a newcomer being followed. A model that carries its own person region from frame to frame (BlazePose
   * runs its person detector only after it loses its landmarks) must forget that region for a search, or it keeps
   * following whoever it had, even outside the search region (on walk-two-passes BlazePose full never ran its
   * detector in a search and held the man on the box: walker in 91 of MultiPose's 313 frames).
   */
  searching(): boolean {
    return this.searchNext;
  }

  /** Box of the followed subject in the last frame, or null. */
  subjectBox(): Box | null {
    return this.tracks.get(this.subjectId)?.box ?? null;
  }

  /** Updates tracks with a frame; returns the index of the subject in frame.poses, or -1. */
  update(frame: PoseFrame): number {
    const t = frame.tMs;
    // Match detections to tracks by overlap with each track's box moved on at its recent speed, best pairs first
    // (so someone walking past a bystander keeps their own track). The model's own track ids are not used:
    // each worker of a file-analysis pool numbers its people afresh, so ids would break at chunk boundaries.
    const boxes = frame.poses.map(poseBox);
    const pairs: [number, number, number][] = [];
    boxes.forEach((box, pi) => {
      if (!box) return;
      for (const tr of this.tracks.values()) {
        if (t - tr.lastSeenMs >= this.lostAfterMs * 2) continue;
        const o = boxIou(this.predicted(tr, t), box);
        if (o > 0.15) pairs.push([o, pi, tr.id]);
      }
    });
    pairs.sort((a, b) => b[0] - a[0]);
    const ids = boxes.map(() => -1);
    const used = new Set<number>();
    for (const [, pi, id] of pairs) {
      if (ids[pi] >= 0 || used.has(id)) continue;
      ids[pi] = id;
      used.add(id);
    }
    boxes.forEach((box, pi) => {
      if (!box) return;
      if (ids[pi] < 0) used.add((ids[pi] = this.nextId++));
      this.observe(ids[pi], box, t, this.hipX(frame.poses[pi], box));
    });
    for (const [id, tr] of this.tracks)
      if (t - tr.lastSeenMs > 5000 && id !== this.subjectId) {
        this.tracks.delete(id);
        this.others.delete(id); // ids are never reused
        this.still.delete(id);
      }
    this.lastPoses = frame.poses;
    this.lastIds = ids;
    this.lastT = t;
    this.frames++;
    this.frameW = frame.width;
    this.frameH = frame.height;
    const searched = this.wholeNext || this.regionNext !== null;
    this.choose(t, used);
    const idx = ids.indexOf(this.subjectId);
    this.decideSearch(t, idx >= 0, searched, ids);
    if (idx >= 0) {
      const b = boxes[idx] as Box;
      for (const id of used) if (id !== this.subjectId) this.others.add(id);
      if (Number.isNaN(this.subjectHeightPx)) {
        this.subjectHeightPx = this.subjectHeightMinPx = this.subjectHeightMaxPx = b.y1 - b.y0;
        this.subjectBottomPx = this.subjectBottomMinPx = this.subjectBottomMaxPx = b.y1;
      } else {
        this.subjectHeightPx += 0.1 * (b.y1 - b.y0 - this.subjectHeightPx);
        this.subjectBottomPx += 0.1 * (b.y1 - this.subjectBottomPx);
        this.subjectHeightMinPx = Math.min(this.subjectHeightMinPx, this.subjectHeightPx);
        this.subjectHeightMaxPx = Math.max(this.subjectHeightMaxPx, this.subjectHeightPx);
        this.subjectBottomMinPx = Math.min(this.subjectBottomMinPx, this.subjectBottomPx);
        this.subjectBottomMaxPx = Math.max(this.subjectBottomMaxPx, this.subjectBottomPx);
      }
    }
    return idx;
  }

  /** Manual pick: the person whose box contains (x, y) in source px, from the last frame. */
  select(x: number, y: number): boolean {
    for (let i = 0; i < this.lastPoses.length; i++) {
      const b = poseBox(this.lastPoses[i]);
      if (b && x >= b.x0 - 20 && x <= b.x1 + 20 && y >= b.y0 - 20 && y <= b.y1 + 20 && this.lastIds[i] >= 0) {
        this.subjectId = this.lastIds[i];
        this.manual = true;
        return true;
      }
    }
    return false;
  }

  /** The track's last box shifted by its horizontal speed over the last few frames. */
  private predicted(tr: Track, t: number): Box {
    if (tr.size < 2) return tr.box;
    const latest = (tr.head - 1 + HISTORY) % HISTORY;
    const back = (latest - Math.min(tr.size - 1, 5) + HISTORY) % HISTORY;
    const dt = tr.t[latest] - tr.t[back];
    const dx = dt > 0 ? ((tr.x[latest] - tr.x[back]) / dt) * (t - tr.lastSeenMs) : 0;
    return { x0: tr.box.x0 + dx, y0: tr.box.y0, x1: tr.box.x1 + dx, y1: tr.box.y1 };
  }

  /** Body-heights travelled horizontally over the window: ~1 for a walker, ~0 for someone in place. */
  travel(id: number, now: number): number {
    const tr = this.tracks.get(id);
    if (!tr || tr.size < 2) return 0;
    const latest = (tr.head - 1 + HISTORY) % HISTORY;
    let oldest = latest;
    for (let k = 1; k < tr.size; k++) {
      const j = (latest - k + HISTORY) % HISTORY;
      if (now - tr.t[j] > this.windowMs) break;
      oldest = j;
    }
    const h = Math.max(1, tr.box.y1 - tr.box.y0);
    return Math.abs(tr.x[latest] - tr.x[oldest]) / h;
  }

  reset(): void {
    this.tracks.clear();
    this.subjectId = -1;
    this.manual = false;
    this.subjectHeightPx = NaN;
    this.subjectBottomPx = NaN;
    this.subjectHeightMinPx = this.subjectHeightMaxPx = NaN;
    this.subjectBottomMinPx = this.subjectBottomMaxPx = NaN;
    this.others.clear();
    this.still.clear();
    this.lastT = -Infinity;
    this.frames = 0;
    this.wholeNext = true;
    this.regionNext = null;
    this.searchNext = true;
    this.followId = -1;
    this.followRun = 0;
    this.searches = 0;
    this.blocker = null;
    this.walked = false;
  }

  /** Whether track id may be the subject who went away: never with them in view, their size, their depth. */
  private couldBeSubject(id: number, tr: Track): boolean {
    if (this.others.has(id)) return false;
    if (Number.isNaN(this.subjectHeightPx)) return true;
    const height = tr.box.y1 - tr.box.y0;
    const margin = DEPTH_HEIGHTS * this.subjectHeightPx;
    return (
      height <= SIZE_RATIO * this.subjectHeightMaxPx &&
      height >= this.subjectHeightMinPx / SIZE_RATIO &&
      tr.box.y1 >= this.subjectBottomMinPx - margin &&
      tr.box.y1 <= this.subjectBottomMaxPx + margin &&
      this.reachable(tr)
    );
  }

  /** Whether the subject, gone since their last sighting, could have got to where track tr was first seen. */
  private reachable(tr: Track): boolean {
    const sub = this.tracks.get(this.subjectId);
    if (!sub || sub.size < 2 || tr.firstSeenMs < sub.lastSeenMs) return true;
    // Their speed over the last window before they left (px/ms): net travel, as travel() measures it.
    const latest = (sub.head - 1 + HISTORY) % HISTORY;
    let oldest = latest;
    for (let k = 1; k < sub.size; k++) {
      const j = (latest - k + HISTORY) % HISTORY;
      if (sub.t[latest] - sub.t[j] > this.windowMs) break;
      oldest = j;
    }
    const spanMs = sub.t[latest] - sub.t[oldest];
    if (!(spanMs > 0)) return true;
    const speed = Math.abs(sub.x[latest] - sub.x[oldest]) / spanMs;
    const dist = Math.abs(tr.firstX - sub.x[latest]);
    const reach =
      RETURN_SPEED_FACTOR * speed * (tr.firstSeenMs - sub.lastSeenMs) + 0.5 * this.subjectHeightPx;
    return dist <= reach;
  }

  private hipX(pose: DetectedPose, box: Box): number {
    const kp = pose.keypoints;
    const l = kp[3 * this.lh + 2] >= MIN_SCORE ? kp[3 * this.lh] : NaN;
    const r = kp[3 * this.rh + 2] >= MIN_SCORE ? kp[3 * this.rh] : NaN;
    if (!Number.isNaN(l) && !Number.isNaN(r)) return (l + r) / 2;
    if (!Number.isNaN(l)) return l;
    if (!Number.isNaN(r)) return r;
    return (box.x0 + box.x1) / 2;
  }

  private observe(id: number, box: Box, t: number, x: number): void {
    let tr = this.tracks.get(id);
    if (!tr) {
      tr = {
        id,
        box,
        lastSeenMs: t,
        firstSeenMs: t,
        firstX: x,
        t: new Float64Array(HISTORY),
        x: new Float64Array(HISTORY),
        head: 0,
        size: 0,
      };
      this.tracks.set(id, tr);
    }
    tr.box = box;
    tr.lastSeenMs = t;
    tr.t[tr.head] = t;
    tr.x[tr.head] = x;
    tr.head = (tr.head + 1) % HISTORY;
    tr.size = Math.min(HISTORY, tr.size + 1);
  }

  private choose(t: number, present: Set<number>): void {
    const cur = this.tracks.get(this.subjectId);
    const curAlive = !!cur && t - cur.lastSeenMs <= this.lostAfterMs;
    if (this.manual && curAlive) return;
    if (!curAlive) this.manual = false;
    // The subject went away: wait for them (someone like them), unless they are gone so long they are forgotten.
    const away = !curAlive && !!cur && this.walked && t - cur.lastSeenMs <= FORGET_MS;
    let bestId = -1;
    let bestScore = -1;
    let bestSize = -1;
    for (const id of present) {
      const tr = this.tracks.get(id);
      if (!tr || (away && !this.couldBeSubject(id, tr))) continue;
      const s = this.travel(id, t);
      const size = tr.box.y1 - tr.box.y0;
      if (s > bestScore + 0.05 || (Math.abs(s - bestScore) <= 0.05 && size > bestSize)) {
        bestId = id;
        bestScore = s;
        bestSize = size;
      }
    }
    if (bestId < 0) return;
    if (!curAlive) {
      if (bestId !== this.subjectId && !away) this.newSubject(bestId);
      else this.subjectId = bestId;
      return;
    }
    // A subject missed in this frame but not yet lost stays the subject: their travel fades as their samples age
    // out, and live on the looped demo the man on the box, running off 0.6 s after the walker left, took over so.
    if (!present.has(this.subjectId)) return;
    // Hysteresis: switch only to someone clearly walking while the current subject is not.
    const curScore = this.travel(this.subjectId, t);
    if (bestId !== this.subjectId && bestScore > 0.5 && bestScore > curScore + 0.35) this.newSubject(bestId);
  }

  /**
   * Where the next frame looks. A single-person model returns the most prominent person in its input, so a
   * whole-frame search keeps finding a bystander who stands out while the walker is small or half hidden (MoveNet
   * Lightning held the man on the box for the walker's first second in the demo). So every other search looks
   * at the strip of the frame beside the last person a search found who is not (or cannot be) the subject, and
   * a newcomer a search finds is followed for a while, long enough to see whether they walk.
   */
  private decideSearch(t: number, seen: boolean, searched: boolean, ids: number[]): void {
    const sub = this.tracks.get(this.subjectId);
    const moving = this.travel(this.subjectId, t);
    // A track seen for a moment can "travel" far by one jump of a spurious detection (BlazePose lite: one frame
    // on the man on the box, read as a walk, left the walker waited out as someone else for the whole clip).
    if (moving >= 0.5 && !!sub && sub.lastSeenMs - sub.firstSeenMs >= MIN_WALK_MS) this.walked = true;
    const away = !sub || t - sub.lastSeenMs > RECENT_MS;
    const awayWalker = !!sub && away && this.walked && t - sub.lastSeenMs <= FORGET_MS;
    // Someone other than the subject found by a search: a candidate to follow, or a person to search beside.
    let newcomer = -1;
    for (const id of ids) if (id >= 0 && id !== this.subjectId) newcomer = id;
    const found = newcomer >= 0 ? this.tracks.get(newcomer) : undefined;
    if (seen && sub && moving < 0.5) this.blocker = sub.box;
    if (found && this.still.has(newcomer) && this.travel(newcomer, t) >= STILL_TRAVEL)
      this.still.delete(newcomer);
    if (!seen && searched && found) {
      if ((!awayWalker || this.couldBeSubject(newcomer, found)) && !this.still.has(newcomer)) {
        if (this.followId !== newcomer) this.followRun = 0;
        this.followId = newcomer;
      } else this.blocker = found.box;
    }
    let follow = this.followId >= 0 ? this.tracks.get(this.followId) : undefined;
    if (follow && this.followRun >= STILL_FRAMES && this.travel(this.followId, t) < STILL_TRAVEL) {
      // Following someone standing (the man on the box) lost the walker for 1.5 s on walk-two-passes; a later
      // search that finds him again does not follow him again while he stands.
      this.still.add(this.followId);
      this.blocker = follow.box;
      follow = undefined;
    }
    if (
      follow &&
      this.followId !== this.subjectId &&
      !seen &&
      t - follow.lastSeenMs <= RECENT_MS &&
      this.followRun < SEARCH_FRAMES
    ) {
      this.followRun++;
      this.wholeNext = false;
      this.regionNext = square(follow.box);
      this.searchNext = false;
      return;
    }
    this.followId = -1;
    let whole: boolean;
    if (away) {
      // Away: search the whole frame, and every other frame where they left (people come back on the side
      // they left, and a single-person model may prefer someone else in the whole frame).
      whole = !sub || !this.walked || t - sub.lastSeenMs > FORGET_MS || this.frames % 2 === 0;
    } else whole = !this.manual && this.frames % PROBE_EVERY === 0 && moving < 0.5;
    this.wholeNext = whole;
    this.regionNext = null;
    this.searchNext = whole || away;
    if (whole && this.searches++ % 2 === 1) {
      const strip = this.blocker ? besideStrip(this.blocker, this.frameW, this.frameH) : null;
      if (strip) {
        this.wholeNext = false;
        this.regionNext = strip;
      }
    }
  }

  /** Hands the subject to another person: the old one's appearance and company are forgotten. */
  private newSubject(id: number): void {
    const old = this.subjectId;
    this.subjectHeightPx = NaN;
    this.subjectBottomPx = NaN;
    this.subjectHeightMinPx = this.subjectHeightMaxPx = NaN;
    this.subjectBottomMinPx = this.subjectBottomMaxPx = NaN;
    this.others.clear();
    this.walked = false;
    if (old >= 0 && this.tracks.has(old)) this.others.add(old);
    this.subjectId = id;
  }
}
