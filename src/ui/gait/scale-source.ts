// Which floor reference a gait result uses: the camera setup in use (Tests tab), whose two floor marks and distance
// are saved per setup and reused on later recordings (issue 9 item 1). No DOM: unit-tested in Node.
import type { CameraSetupV1 } from '../../storage';
import type { FloorReference } from '../../shared/reference';
import { setupReferenceFor } from '../clinical-tests/logic';

/**
 * The in-use setup's reference in the recording's pixels, or undefined: no setup, or one marked on another view
 * (another aspect ratio) or implausible for this frame. The analysis then scales from the height, as before, and
 * cross-checks the reference against the height when both are known (a warning past 8 % names both values).
 */
export function setupReference(
  setup: CameraSetupV1 | null,
  rec: { width: number; height: number },
): FloorReference | undefined {
  return (setup && setupReferenceFor(setup, rec)) ?? undefined;
}

/** A key that changes when the setup or its marks change, so a cached result is recomputed. */
export function setupKey(setup: CameraSetupV1 | null): string {
  return setup ? `${setup.id}@${setup.updatedAt}` : '';
}
