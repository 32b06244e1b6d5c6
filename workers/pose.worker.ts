// The pose worker: owns TF.js, the model and all tensor memory. One narrow API through comlink.
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as poseDetection from '@tensorflow-models/pose-detection';
import { keypointCount, type SkeletonId } from '../src/shared/skeletons';
import { modelInfo, type BackendChoice, type BackendId, type ModelId } from '../src/shared/models';
import type { DetectedPose, PoseFrame } from '../src/shared/pose-frame';
import { ms } from '../src/shared/units';
import { backendOrder, probeBackends, type BackendProbe } from './backend-probe';
import { PoseWorkerError } from './errors';
import { loadArtifacts } from './model-loader';
import { FileFrames, type FileInfo } from './file-frames';
import { SubjectTracker } from '../src/analysis/tracking/subject-tracker';

export type { FileInfo };

export interface InitOptions {
  model: ModelId;
  backend: BackendChoice;
  /** Absolute URL of the app's base (e.g. http://127.0.0.1:5173/); models and wasm are served below it. */
  baseUrl: string;
}

export interface InitResult {
  model: ModelId;
  skeleton: SkeletonId;
  backend: BackendId;
  probe: BackendProbe;
  loadMs: number;
}

/** Region of the source frame to analyse (px), e.g. around the followed subject. */
export interface Roi {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface EstimateOptions {
  /** Size of the source video; the frame may be a downscaled copy. Keypoints are returned in source px. */
  sourceWidth?: number;
  sourceHeight?: number;
  /** Crop to this region (source px) before inference; single-person models only. */
  roi?: Roi;
}

let detector: poseDetection.PoseDetector | null = null;
let current: InitResult | null = null;
let cancelled = false;
/**
 * Width decoded file frames are scaled to: enough for the model to see the person's crop at its own input size
 * (MultiPose sees the whole frame at 256 px; Lightning crops to 192 px, Thunder and BlazePose to 256 px),
 * no more, since converting pixels to a tensor costs in proportion to the frame's area.
 */
function fileMaxWidth(model: ModelId): number {
  switch (model) {
    case 'movenet-multipose':
      return 512;
    case 'movenet-lightning':
      return 640;
    default:
      return 960;
  }
}

async function useBackend(choice: BackendChoice, baseUrl: string, probe: BackendProbe): Promise<BackendId> {
  // The threaded wasm build crashes after `vite build`; single-threaded SIMD is the measured safe choice.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': `${baseUrl}tfjs-wasm/tfjs-backend-wasm.wasm`,
    'tfjs-backend-wasm-simd.wasm': `${baseUrl}tfjs-wasm/tfjs-backend-wasm-simd.wasm`,
    'tfjs-backend-wasm-threaded-simd.wasm': `${baseUrl}tfjs-wasm/tfjs-backend-wasm-simd.wasm`,
  });
  const order = choice === 'auto' ? backendOrder(probe) : [choice];
  for (const b of order) {
    try {
      if (await tf.setBackend(b)) {
        await tf.ready();
        return b;
      }
    } catch {
      // try the next one
    }
  }
  throw new PoseWorkerError(
    'backend-unavailable',
    `No TF.js backend could start (tried ${order.join(', ')}).`,
  );
}

async function createDetector(model: ModelId, baseUrl: string): Promise<poseDetection.PoseDetector> {
  const info = modelInfo(model);
  const modelsUrl = `${baseUrl}models/`;
  if (info.family === 'movenet') {
    const artifacts = await loadArtifacts(modelsUrl, info.files[0], info.multiPerson);
    const modelType =
      model === 'movenet-multipose'
        ? poseDetection.movenet.modelType.MULTIPOSE_LIGHTNING
        : model === 'movenet-thunder'
          ? poseDetection.movenet.modelType.SINGLEPOSE_THUNDER
          : poseDetection.movenet.modelType.SINGLEPOSE_LIGHTNING;
    return poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, {
      modelType,
      modelUrl: tf.io.fromMemory(artifacts),
      // Raw keypoints: the analysis filters zero-phase; the model's own smoother would add lag.
      enableSmoothing: false,
      enableTracking: info.multiPerson,
      trackerType: poseDetection.TrackerType.BoundingBox,
      minPoseScore: 0.2,
    });
  }
  const detectorArtifacts = await loadArtifacts(modelsUrl, info.files[0]);
  const landmarkArtifacts = await loadArtifacts(modelsUrl, info.files[2]);
  return poseDetection.createDetector(poseDetection.SupportedModels.BlazePose, {
    runtime: 'tfjs',
    modelType: model === 'blazepose-lite' ? 'lite' : model === 'blazepose-heavy' ? 'heavy' : 'full',
    enableSmoothing: false,
    detectorModelUrl: tf.io.fromMemory(detectorArtifacts),
    landmarkModelUrl: tf.io.fromMemory(landmarkArtifacts),
  });
}

function toDetected(
  pose: poseDetection.Pose,
  n: number,
  sx: number,
  sy: number,
  ox: number,
  oy: number,
): DetectedPose {
  const kp = new Float32Array(n * 3);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const k = pose.keypoints[i];
    const s = k?.score ?? 0;
    kp[3 * i] = k ? ox + k.x * sx : NaN;
    kp[3 * i + 1] = k ? oy + k.y * sy : NaN;
    kp[3 * i + 2] = s;
    sum += s;
  }
  const out: DetectedPose = { keypoints: kp, score: n ? sum / n : 0 };
  if (pose.keypoints3D && pose.keypoints3D.length >= n) {
    const w = new Float32Array(n * 4);
    for (let i = 0; i < n; i++) {
      const k = pose.keypoints3D[i];
      w[4 * i] = k.x;
      w[4 * i + 1] = k.y;
      w[4 * i + 2] = k.z ?? NaN;
      w[4 * i + 3] = k.score ?? 0;
    }
    out.world = w;
  }
  if (pose.id !== undefined) out.trackId = pose.id;
  return out;
}

function transfersOf(result: PoseFrame): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const d of result.poses) {
    out.push(d.keypoints.buffer as ArrayBuffer);
    if (d.world) out.push(d.world.buffer as ArrayBuffer);
  }
  return out;
}

/** Runs the model on a frame; a bitmap is closed here, a (decoder-owned) canvas is left alone. */
async function runEstimate(
  frame: ImageBitmap | OffscreenCanvas,
  timestampMs: number,
  opts: EstimateOptions,
): Promise<PoseFrame> {
  const release = (): void => {
    if (frame instanceof ImageBitmap) frame.close();
  };
  if (!detector || !current) {
    release();
    throw new PoseWorkerError('not-initialized', 'The pose worker has no model loaded: call init first.');
  }
  const srcW = opts.sourceWidth ?? frame.width;
  const srcH = opts.sourceHeight ?? frame.height;
  const kx = srcW / frame.width;
  const ky = srcH / frame.height;
  let input: ImageBitmap | OffscreenCanvas = frame;
  let ox = 0;
  let oy = 0;
  const roi = opts.roi;
  const multi = modelInfo(current.model).multiPerson;
  if (roi && !multi) {
    // Crop in the bitmap's own pixels; keypoints are mapped back to source px below.
    const x = Math.max(0, Math.floor(roi.x / kx));
    const y = Math.max(0, Math.floor(roi.y / ky));
    const w = Math.min(frame.width - x, Math.ceil(roi.w / kx));
    const h = Math.min(frame.height - y, Math.ceil(roi.h / ky));
    if (w > 8 && h > 8) {
      input = await createImageBitmap(frame, x, y, w, h);
      ox = x * kx;
      oy = y * ky;
    }
  }
  const t0 = performance.now();
  let poses: poseDetection.Pose[];
  try {
    // Inside a worker there is no video currentTime: pass the timestamp (ms) explicitly.
    poses = await detector.estimatePoses(
      input,
      { maxPoses: multi ? 6 : 1, flipHorizontal: false },
      timestampMs,
    );
  } catch (err) {
    throw new PoseWorkerError('inference-failed', `Pose estimation failed: ${String(err)}`);
  } finally {
    if (input !== frame && input instanceof ImageBitmap) input.close();
    release();
  }
  const inferenceMs = performance.now() - t0;
  const n = keypointCount(current.skeleton);
  return {
    skeleton: current.skeleton,
    tMs: ms(timestampMs),
    inferenceMs: ms(inferenceMs),
    width: srcW,
    height: srcH,
    poses: poses.map((p) => toDetected(p, n, kx, ky, ox, oy)),
  };
}

const api = {
  async init(opts: InitOptions): Promise<InitResult> {
    const t0 = performance.now();
    await api.dispose();
    const probe = await probeBackends();
    const backend = await useBackend(opts.backend, opts.baseUrl, probe);
    try {
      detector = await createDetector(opts.model, opts.baseUrl);
    } catch (err) {
      if (err instanceof PoseWorkerError) throw err;
      throw new PoseWorkerError(
        'model-load-failed',
        `Model ${opts.model} failed to load on ${backend}: ${String(err)}`,
      );
    }
    current = { model: opts.model, skeleton: modelInfo(opts.model).skeleton, backend, probe, loadMs: 0 };
    current.loadMs = performance.now() - t0;
    return current;
  },

  /** Runs the model on one frame; the bitmap is transferred in and closed here. */
  async estimate(frame: ImageBitmap, timestampMs: number, opts: EstimateOptions = {}): Promise<PoseFrame> {
    const result = await runEstimate(frame, timestampMs, opts);
    return Comlink.transfer(result, transfersOf(result));
  },

  /**
   * Analyses the frames of a video file with presentation time in [startS, endS), decoded here in the worker.
   * Frames before `reportFromS` only warm up the ROI tracker (chunk lead-in). Results go to `onFrame` as they
   * come. Resolves to null when this browser cannot decode the file here (the caller then steps a <video>).
   */
  async analyseFile(
    file: Blob,
    range: { startS: number; endS: number; reportFromS: number },
    useRoi: boolean,
    onFrame: (frame: PoseFrame) => void,
  ): Promise<FileInfo | null> {
    if (!detector || !current) throw new PoseWorkerError('not-initialized', 'call init first');
    const decoder = await FileFrames.open(file, fileMaxWidth(current.model));
    if (!decoder) return null;
    cancelled = false;
    const tracker = useRoi ? new SubjectTracker(current.skeleton) : null;
    const { width, height } = decoder.info;
    try {
      for await (const { image, tMs } of decoder.frames(range.startS, range.endS)) {
        if (cancelled) {
          if (image instanceof ImageBitmap) image.close();
          break;
        }
        const roi = tracker?.subjectRoi();
        const result = await runEstimate(image, tMs, { sourceWidth: width, sourceHeight: height, roi });
        tracker?.update(result);
        if (tMs >= range.reportFromS * 1000 - 1e-3) onFrame(Comlink.transfer(result, transfersOf(result)));
      }
    } finally {
      decoder.dispose();
    }
    return decoder.info;
  },

  /** Stops a running analyseFile after the current frame. */
  cancel(): void {
    cancelled = true;
  },

  /**
   * The raw model loop for the bench: estimatePoses on pre-decoded frames, no pipeline around it.
   * Frames are transferred in and closed afterwards.
   */
  async benchmark(
    frames: ImageBitmap[],
    loops: number,
  ): Promise<{ frames: number; totalMs: number; fps: number }> {
    if (!detector || !current) throw new PoseWorkerError('not-initialized', 'call init first');
    const multi = modelInfo(current.model).multiPerson;
    const t0 = performance.now();
    let n = 0;
    for (let l = 0; l < loops; l++) {
      for (const f of frames) {
        await detector.estimatePoses(f, { maxPoses: multi ? 6 : 1, flipHorizontal: false }, t0 + n * 33);
        n++;
      }
    }
    const totalMs = performance.now() - t0;
    for (const f of frames) f.close();
    return { frames: n, totalMs, fps: (n * 1000) / totalMs };
  },

  /** Tensor and byte counts of TF.js memory, to prove estimate() leaks nothing. */
  memory(): { numTensors: number; numBytes: number } {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes };
  },

  async dispose(): Promise<void> {
    detector?.dispose();
    detector = null;
    current = null;
  },
};

export type PoseWorkerApi = typeof api;

Comlink.expose(api);
