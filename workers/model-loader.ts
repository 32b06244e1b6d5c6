// Loads a graph model from the app's origin after checking each file against its pinned sha256,
// so a missing or corrupt file fails fast with its name and the fix instead of hanging or misbehaving.
import type { io } from '@tensorflow/tfjs';
import modelHashes from '../src/shared/model-files.json';
import { PoseWorkerError } from './errors';

const HASHES: Record<string, string> = modelHashes;

async function fetchVerified(baseUrl: string, file: string): Promise<ArrayBuffer> {
  const url = `${baseUrl}${file}`;
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new PoseWorkerError(
      'model-missing',
      `Model file ${file} could not be fetched (${String(err)}). Run \`npm install\` to provision public/models/.`,
    );
  }
  if (!res.ok) {
    throw new PoseWorkerError(
      'model-missing',
      `Model file ${file} is missing (HTTP ${res.status}). Run \`npm install\` to provision public/models/.`,
    );
  }
  const data = await res.arrayBuffer();
  const want = HASHES[file];
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  let got = '';
  for (const b of digest) got += b.toString(16).padStart(2, '0');
  if (want && got !== want) {
    throw new PoseWorkerError(
      'model-corrupt',
      `Model file ${file} is corrupt (sha256 ${got.slice(0, 12)}…, expected ${want.slice(0, 12)}…). Delete public/models/ and run \`npm install\`.`,
    );
  }
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
