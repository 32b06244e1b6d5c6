// Where camera setups are kept (the storage layer's cameraSetups, IndexedDB), and which one is in use on this
// device (localStorage: a per-device choice, not a record to back up).
import { openGanglagDb, type CameraSetupStore, type CameraSetupV1 } from '../../storage';
import { now } from '../clock';

export type SetupStore = Pick<CameraSetupStore, 'list' | 'get' | 'put' | 'delete'>;

const IN_USE_KEY = 'ganglag.cameraSetup.inUse';

let opened: Promise<SetupStore> | null = null;

/** The device's camera setups; opened once (a failure is retried on the next call). */
export function openSetupStore(): Promise<SetupStore> {
  opened ??= openGanglagDb({ now }).then((db) => db.cameraSetups);
  opened.catch(() => {
    opened = null;
  });
  return opened;
}

export function inUseSetupId(): string | null {
  try {
    return localStorage.getItem(IN_USE_KEY);
  } catch {
    return null;
  }
}

let inUse: CameraSetupV1 | null = null;
let inUseKnown = false;
const listeners = new Set<() => void>();

/**
 * The setup in use as last loaded, for the analyses that read it synchronously (the Gait tab's result and the
 * session saved from it); null when there is none or it is not loaded yet.
 */
export function inUseSetup(): CameraSetupV1 | null {
  return inUse;
}

/** Tells everyone the setup in use (the Tests tab, after listing, choosing, editing or deleting setups). */
export function publishInUseSetup(s: CameraSetupV1 | null): void {
  inUseKnown = true;
  const same = s?.id === inUse?.id && s?.updatedAt === inUse?.updatedAt;
  inUse = s;
  if (!same) for (const fn of listeners) fn();
}

/** Loads the setup in use from storage once per page, unless the Tests tab has published it already. */
export async function loadInUseSetup(): Promise<void> {
  if (inUseKnown) return;
  inUseKnown = true;
  const id = inUseSetupId();
  if (!id) return;
  try {
    publishInUseSetup((await (await openSetupStore()).get(id)) ?? null);
  } catch {
    // storage unavailable: the gait result keeps the height scale
  }
}

/** Calls `fn` whenever the setup in use (or its marks) changes; returns the unsubscribe. */
export function onInUseSetupChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function setInUseSetupId(id: string | null): void {
  try {
    if (id === null) localStorage.removeItem(IN_USE_KEY);
    else localStorage.setItem(IN_USE_KEY, id);
  } catch {
    // storage blocked: the choice lasts for this page
  }
}
