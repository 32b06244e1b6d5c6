// Seams between the pool's chunks. Each chunk's subject tracker starts blind, with a short lead-in: a single-person
// model's region may then follow someone other than the chunk before did (on the demo's 2-worker seam, Thunder and BlazePose
// took the man on the box and lost the walker for the 17 frames she walks under him). Where a chunk's lead-in
// disagrees with the chunk before over the same frames, its start is analysed again with a tracker that has seen
// the frames before the seam, until the new run agrees with the old one again: as one worker would have.
// Both are compared: whom the region showed (with BlazePose lite on the demo, both trackers held the man on the box
// as the subject while the first chunk's region followed the walker as a newcomer) and whom the tracker held (on
// walk-two-passes, nobody walks at the seam, but only the first chunk's tracker knows the walker to wait for).
import { seenPerson, boxIou, type Box, type SeenPerson } from '../analysis/tracking/subject-tracker';
import type { PoseFrame } from '../shared/pose-frame';

/** The last lead-in frames compared with the chunk before. */
const CHECK_FRAMES = 5;
/** Boxes overlapping this much are the same person (a walker moves about 4 % of her width a frame). */
const SAME_IOU = 0.5;
/** A re-run stops once it has agreed with the old run this many frames in a row (0.5 s at 30 fps). */
const CONVERGED_FRAMES = 15;
/** The re-run's tracker sees this much before the seam (the tracker forgets a subject gone 20 s). */
const WARM_MS = 25_000;

function sameBox(a: Box | null, b: Box | null): boolean {
  return a === null ? b === null : b !== null && boxIou(a, b) >= SAME_IOU;
}

function samePerson(a: SeenPerson, b: SeenPerson): boolean {
  return sameBox(a.seen, b.seen) && sameBox(a.subject, b.subject);
}

/** Whether a chunk's lead-in agrees with the frames before the seam (no frames in common: yes). */
export function seamAgrees(before: readonly PoseFrame[], leadIn: readonly SeenPerson[]): boolean {
  let checked = 0;
  let j = before.length - 1;
  for (let i = leadIn.length - 1; i >= 0 && checked < CHECK_FRAMES; i--) {
    while (j >= 0 && before[j].tMs > leadIn[i].tMs + 1) j--;
    if (j < 0) break;
    if (Math.abs(before[j].tMs - leadIn[i].tMs) > 1) continue;
    checked++;
    if (!samePerson(seenPerson(before[j]), leadIn[i])) return false;
  }
  return true;
}

/**
 * Analyses chunk k again from its start (bounds[k]) with a tracker warmed on `warm`, passing each frame to
 * `onFrame`; stops soon after `onFrame` returns true.
 */
export type SeamRerun = (
  k: number,
  warm: readonly PoseFrame[],
  onFrame: (frame: PoseFrame) => boolean,
) => Promise<void>;

export interface SeamRepair {
  /** Chunk index. */
  chunk: number;
  /** Frames analysed again. */
  frames: number;
}

/**
 * Repairs each seam in order (a repaired chunk is what the next seam is checked against). `chunks[k]` holds chunk
 * k's frames in time order (frames before bounds[k] s are its lead-in, ignored here); `leadIns[k]` whom its region
 * showed and its tracker held over its lead-in. The re-run's frames replace the chunk's own up to where they agree again. A re-run
 * that fails keeps the chunk as it was. Returns the seams repaired.
 */
export async function repairSeams(
  chunks: PoseFrame[][],
  bounds: readonly number[],
  leadIns: readonly (readonly SeenPerson[])[],
  rerun: SeamRerun,
  stitch: (chunks: PoseFrame[][]) => PoseFrame[],
): Promise<SeamRepair[]> {
  const repairs: SeamRepair[] = [];
  for (let k = 1; k < chunks.length; k++) {
    const before = stitch(chunks.slice(0, k));
    if (seamAgrees(before, leadIns[k] ?? [])) continue;
    const fromMs = bounds[k] * 1000 - 1e-3;
    const own = chunks[k].filter((f) => f.tMs >= fromMs);
    const fresh: PoseFrame[] = [];
    let j = 0;
    let agreed = 0;
    try {
      await rerun(
        k,
        before.filter((f) => f.tMs >= bounds[k] * 1000 - WARM_MS),
        (f) => {
          fresh.push(f);
          while (j < own.length && own[j].tMs < f.tMs - 1) j++;
          const o = own[j];
          const now = seenPerson(f);
          agreed =
            o && Math.abs(o.tMs - f.tMs) <= 1 && now.seen && samePerson(now, seenPerson(o)) ? agreed + 1 : 0;
          return agreed >= CONVERGED_FRAMES;
        },
      );
    } catch {
      continue; // the chunk as it was
    }
    if (!fresh.length) continue;
    const lastMs = fresh[fresh.length - 1].tMs;
    chunks[k] = [
      ...chunks[k].filter((f) => f.tMs < fromMs),
      ...fresh,
      ...own.filter((f) => f.tMs > lastMs + 1e-3),
    ];
    repairs.push({ chunk: k, frames: fresh.length });
  }
  return repairs;
}
