// Where camera setups are kept, and which one is in use. The store is the storage layer's cameraSetups
// (IndexedDB) once it has one; until then this device's localStorage, with the same list/get/put/delete.
import type { CameraSetup } from './logic';

export interface SetupStore {
  list(): Promise<CameraSetup[]>;
  get(id: string): Promise<CameraSetup | undefined>;
  put(setup: CameraSetup): Promise<void>;
  delete(id: string): Promise<void>;
}

const SETUPS_KEY = 'ganglag.cameraSetups';
const IN_USE_KEY = 'ganglag.cameraSetup.inUse';

function isSetup(v: unknown): v is CameraSetup {
  const s = v as Partial<CameraSetup> | null;
  const r = s?.ref;
  return (
    typeof s?.id === 'string' &&
    typeof s.name === 'string' &&
    typeof s.frameWidthPx === 'number' &&
    typeof s.frameHeightPx === 'number' &&
    typeof s.createdAt === 'string' &&
    typeof s.updatedAt === 'string' &&
    !!r &&
    [r.x1, r.y1, r.x2, r.y2, r.metres].every((x) => typeof x === 'number')
  );
}

/** localStorage-backed: a JSON array; entries that are not setups are left out, never fatal. */
export class LocalSetupStore implements SetupStore {
  constructor(private readonly storage: Storage) {}

  private read(): CameraSetup[] {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.storage.getItem(SETUPS_KEY) ?? '[]');
    } catch {
      parsed = [];
    }
    return Array.isArray(parsed) ? parsed.filter(isSetup) : [];
  }

  private write(all: CameraSetup[]): void {
    this.storage.setItem(SETUPS_KEY, JSON.stringify(all));
  }

  list(): Promise<CameraSetup[]> {
    return Promise.resolve(this.read().sort((a, b) => a.name.localeCompare(b.name)));
  }

  get(id: string): Promise<CameraSetup | undefined> {
    return Promise.resolve(this.read().find((s) => s.id === id));
  }

  put(setup: CameraSetup): Promise<void> {
    try {
      this.write([...this.read().filter((s) => s.id !== setup.id), setup]);
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  delete(id: string): Promise<void> {
    try {
      this.write(this.read().filter((s) => s.id !== id));
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }
}

export function openSetupStore(): Promise<SetupStore> {
  return Promise.resolve(new LocalSetupStore(localStorage));
}

/** The setup in use is a per-device choice, remembered across reloads. */
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
