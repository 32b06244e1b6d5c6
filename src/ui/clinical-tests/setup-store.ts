// Where camera setups are kept (the storage layer's cameraSetups, IndexedDB), and which one is in use on this
// device (localStorage: a per-device choice, not a record to back up).
import { openGanglagDb, type CameraSetupStore } from '../../storage';
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

export function setInUseSetupId(id: string | null): void {
  try {
    if (id === null) localStorage.removeItem(IN_USE_KEY);
    else localStorage.setItem(IN_USE_KEY, id);
  } catch {
    // storage blocked: the choice lasts for this page
  }
}
