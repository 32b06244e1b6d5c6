// Puts the chosen pose model into the model cache ahead of its first use, so the app analyses offline after one
// visit. The worker's loader (workers/model-loader.ts) reads the same cache and verifies each file again.
import type { ModelFileProgress } from '../../../workers/model-loader';
import modelHashes from '../../shared/model-files.json';
import { modelInfo, type ModelId } from '../../shared/models';

/** Same names as in workers/model-loader.ts (MODEL_CACHE), which the UI may not import. */
export const MODEL_CACHE = 'ganglag-models-v1';
const HASHES: Record<string, string> = modelHashes;

export function modelUrl(file: string): string {
  return new URL(`models/${file}`, document.baseURI).href;
}

/** Files of `model` not yet in the model cache (all of them when Cache Storage is unavailable). */
export async function missingFiles(model: ModelId): Promise<string[]> {
  const files = modelInfo(model).files;
  if (typeof caches === 'undefined') return [...files];
  try {
    const cache = await caches.open(MODEL_CACHE);
    const hits = await Promise.all(files.map((f) => cache.match(modelUrl(f))));
    return files.filter((_, i) => !hits[i]);
  } catch {
    return [...files];
  }
}

async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  let s = '';
  for (const b of digest) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * Downloads and caches the files of `model` that are not cached yet, reporting progress per file. Resolves true
 * when all are cached; false on any failure (offline, quota, a bad file), which only means the worker will fetch
 * them itself on first use.
 */
export async function cacheModel(
  model: ModelId,
  onProgress: (p: ModelFileProgress) => void,
): Promise<boolean> {
  if (typeof caches === 'undefined') return false;
  try {
    const cache = await caches.open(MODEL_CACHE);
    for (const file of await missingFiles(model)) {
      const res = await fetch(modelUrl(file));
      if (!res.ok) return false;
      const total = Number(res.headers.get('content-length') ?? NaN);
      const base = { kind: 'model-file', file, source: 'network', totalBytes: total } as const;
      onProgress({ ...base, state: 'start', loadedBytes: 0 });
      const chunks: Uint8Array[] = [];
      let loaded = 0;
      const reader = res.body?.getReader();
      if (!reader) return false;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.byteLength;
        onProgress({ ...base, state: 'progress', loadedBytes: loaded });
      }
      const data = new Uint8Array(loaded);
      let off = 0;
      for (const c of chunks) {
        data.set(c, off);
        off += c.byteLength;
      }
      const want = HASHES[file];
      if (want && (await sha256Hex(data.buffer)) !== want) {
        onProgress({ ...base, state: 'error', loadedBytes: loaded });
        return false;
      }
      await cache.put(
        modelUrl(file),
        new Response(data, {
          headers: {
            'content-type': res.headers.get('content-type') ?? 'application/octet-stream',
            'content-length': String(loaded),
          },
        }),
      );
      onProgress({ ...base, state: 'done', loadedBytes: loaded, totalBytes: loaded });
    }
    return true;
  } catch {
    return false;
  }
}
