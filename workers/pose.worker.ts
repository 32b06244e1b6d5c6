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
import { inputCapPx, planCrop, remapNormRect, type NormRect, type Rect } from './crop';
import { isDirectFormat, PixelScratch, yuvMatrix } from './frame-pixels';
import { SubjectTracker, seenPerson, type SeenPerson } from '../src/analysis/tracking/subject-tracker';

export type { FileInfo };

/** Where a worker's time went, summed over the frames it analysed (ms; wall time inside the worker). */
export interface StageStats {
  frames: number;
  /** Waiting for the next decoded frame (what decoding did not overlap with the analysis of the previous one). */
  decodeWaitMs: number;
  /**
   * Cropping and scaling the decoded frame to the model's input: on the CPU backends copyTo of the crop, the
   * YUV→RGB conversion and the input tensor (frame-pixels.ts); elsewhere one createImageBitmap.
   */
  scaleMs: number;
  /** The model (estimatePoses); pixels-to-tensor included where the input is a bitmap (GPU backends). */
  inferMs: number;
  /** Mapping keypoints back to source px. */
  postMs: number;
  /** Times BlazePose ran its person detector (it tracks from the last frame's landmarks otherwise). */
  detectorRuns: number;
  /** Making the pictures shown while a file is analysed (see FilePreview), and how many were made. */
  previewMs: number;
  previews: number;
}

/**
 * Pictures of analysed frames for the screen while a file is analysed: the frame's own pixels, so the skeleton
 * drawn over it is never a frame off, and no seeking of the <video> (each seek decodes from the last keyframe:
 * measured 74 ms of CPU per analysed frame on the demo, more than the model). At most one every `everyMs`.
 */
export interface FilePreview {
  /** Width of the picture in px (height follows the frame's aspect). */
  width: number;
  everyMs: number;
}

/** What analyseFile did: the file's info, and whether decoding stopped early (a damaged or truncated file). */
export interface FileRun {
  info: FileInfo;
  /** Frames analysed in the requested range (lead-in included). */
  frames: number;
  /** Media time of the last frame analysed, ms (NaN: none). */
  lastTMs: number;
  /** Decoding failed after `frames` frames: the file is damaged there. */
  decodeError?: string;
  stages: StageStats;
  /** Whom the region showed and the tracker held in each lead-in frame (single-person models): for the seam. */
  leadIn: SeenPerson[];
}

const zeroStages = (): StageStats => ({
  frames: 0,
  decodeWaitMs: 0,
  scaleMs: 0,
  inferMs: 0,
  postMs: 0,
  detectorRuns: 0,
  previewMs: 0,
  previews: 0,
});

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
import type { Roi } from '../src/shared/pose-frame';
export type { Roi };

export interface EstimateOptions {
  /** Size of the source video; the frame may be a downscaled copy. Keypoints are returned in source px. */
  sourceWidth?: number;
  sourceHeight?: number;
  /** Crop to this region (source px) before inference; single-person models only. */
  roi?: Roi;
  /** The crop is a search (SubjectTracker.searching): a model tracking its own person region forgets it. */
  search?: boolean;
}

let detector: poseDetection.PoseDetector | null = null;
let current: InitResult | null = null;
let cancelled = false;
let stages = zeroStages();
/** The crop (source px) the model saw last: its own tracking state is normalised to it. */
let lastCrop: Rect | null = null;
/** The last crop was a search (EstimateOptions.search). */
let lastSearch = false;

/** Rotated files are decoded to a canvas (mediabunny rotates): scaled to this width, then cropped like any frame. */
function rotatedWidth(model: ModelId): number {
  return model === 'movenet-multipose' ? 512 : 960;
}

/** Forgets the model's frame-to-frame state (a new file, or the bench's raw loop). */
function resetTracking(): void {
  lastCrop = null;
  lastSearch = false;
  try {
    detector?.reset();
  } catch {
    // MoveNet MultiPose's reset() touches a smoothing filter it does not create with smoothing off.
  }
}

/** Counts BlazePose's person-detector runs (the costly part it skips while it tracks). */
function countDetectorRuns(det: poseDetection.PoseDetector): void {
  const d = det as unknown as { detectPose?: (image: unknown) => Promise<unknown> };
  const orig = d.detectPose;
  if (typeof orig !== 'function') return;
  d.detectPose = (image: unknown) => {
    stages.detectorRuns++;
    return orig.call(det, image);
  };
}

/**
 * The models track their subject from frame to frame in coordinates normalised to the image they were given. When
 * our crop around the subject moves, re-express that state for the new crop, so they keep tracking (BlazePose
 * would otherwise lose the subject and run its person detector again).
 */
function carryTracking(from: Rect, to: Rect): void {
  if (!detector || (from.x === to.x && from.y === to.y && from.w === to.w && from.h === to.h)) return;
  const d = detector as unknown as {
    regionOfInterest?: NormRect | null;
    cropRegion?: { xMin: number; yMin: number; xMax: number; yMax: number; width: number; height: number };
  };
  if (d.regionOfInterest) d.regionOfInterest = remapNormRect(d.regionOfInterest, from, to);
  const c = d.cropRegion;
  if (c) {
    const r = remapNormRect(
      { xCenter: (c.xMin + c.xMax) / 2, yCenter: (c.yMin + c.yMax) / 2, width: c.width, height: c.height },
      from,
      to,
    );
    d.cropRegion = {
      xMin: r.xCenter - r.width / 2,
      xMax: r.xCenter + r.width / 2,
      yMin: r.yCenter - r.height / 2,
      yMax: r.yCenter + r.height / 2,
      width: r.width,
      height: r.height,
    };
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

type FrameSource = ImageBitmap | OffscreenCanvas | VideoFrame;

const scratch = new PixelScratch();

/**
 * The crop of a VideoFrame as the model's input tensor, converted here at the input's size (see frame-pixels.ts).
 * Only for the CPU backends: their tensors live in CPU memory anyway, whereas a GPU backend uploads an ImageBitmap
 * without reading it back. null: this frame's format is not one converted here.
 */
async function directInput(
  frame: VideoFrame,
  crop: Rect,
  outW: number,
  outH: number,
): Promise<tf.Tensor3D | null> {
  const rgb = await convertCrop(frame, crop, outW, outH);
  return rgb && tf.tensor3d(rgb, [outH, outW, 3], 'float32');
}

/** Copies the crop's planes out of the frame and scales them to outW × outH RGB (scratch's buffers). */
async function convertCrop(
  frame: VideoFrame,
  crop: Rect,
  outW: number,
  outH: number,
): Promise<Float32Array | null> {
  const format = frame.format;
  const vis = frame.visibleRect;
  if (!isDirectFormat(format) || !vis) return null;
  const rect = { x: vis.x + crop.x, y: vis.y + crop.y, width: crop.w, height: crop.h };
  const buffer = scratch.ensureBuffer(frame.allocationSize({ rect }));
  const planes = await frame.copyTo(buffer, { rect });
  const cs = frame.colorSpace;
  return scratch.scale(
    format,
    planes,
    crop.w,
    crop.h,
    outW,
    outH,
    yuvMatrix(cs.matrix, cs.fullRange, vis.height),
  );
}

/** Set when copyTo or the conversion failed once: the frames go through createImageBitmap from then on. */
let directFailed = false;

/** Whether frames are converted here (directInput) rather than by createImageBitmap. */
function convertsDirectly(): boolean {
  return current?.backend === 'wasm' || current?.backend === 'cpu';
}

/**
 * Runs the model on a frame: crops (to the ROI) and scales (to the model's input) in one step, straight from the
 * frame as it came. A transferred bitmap or VideoFrame is closed by the caller; the crop made here is closed here.
 */
async function runEstimate(
  frame: FrameSource,
  timestampMs: number,
  opts: EstimateOptions,
): Promise<PoseFrame> {
  if (!detector || !current) {
    throw new PoseWorkerError('not-initialized', 'The pose worker has no model loaded: call init first.');
  }
  const t0 = performance.now();
  const fw = frame instanceof VideoFrame ? frame.displayWidth : frame.width;
  const fh = frame instanceof VideoFrame ? frame.displayHeight : frame.height;
  const srcW = opts.sourceWidth ?? fw;
  const srcH = opts.sourceHeight ?? fh;
  // The frame may be a scaled copy of the source: k maps its px to source px.
  const kx = srcW / fw;
  const ky = srcH / fh;
  const multi = modelInfo(current.model).multiPerson;
  const roi =
    opts.roi && !multi
      ? { x: opts.roi.x / kx, y: opts.roi.y / ky, w: opts.roi.w / kx, h: opts.roi.h / ky }
      : undefined;
  // A VideoFrame is cropped as a view of itself (no copy), so only the crop's pixels are converted to RGB.
  const vf =
    frame instanceof VideoFrame && frame.visibleRect?.width === fw && frame.visibleRect.height === fh;
  const plan = planCrop(fw, fh, roi, inputCapPx(current.model), vf ? 2 : 1);
  const { crop, outW, outH } = plan;
  const whole = crop.w === fw && crop.h === fh && outW === fw && outH === fh;
  const resize = { resizeWidth: outW, resizeHeight: outH, resizeQuality: 'medium' } as const;
  let input: ImageBitmap | OffscreenCanvas | tf.Tensor3D | null = null;
  if (vf && convertsDirectly() && !directFailed)
    input = await directInput(frame, crop, outW, outH).catch(() => {
      // A browser whose copyTo refuses these frames refuses them all: stop trying, use createImageBitmap.
      directFailed = true;
      return null;
    });
  if (!input) {
    if (whole && !(frame instanceof VideoFrame)) input = frame;
    else if (vf && frame.visibleRect && (crop.w !== fw || crop.h !== fh)) {
      const r = frame.visibleRect;
      const view = new VideoFrame(frame, {
        visibleRect: { x: r.x + crop.x, y: r.y + crop.y, width: crop.w, height: crop.h },
      });
      try {
        input = await createImageBitmap(view, resize);
      } finally {
        view.close();
      }
    } else input = await createImageBitmap(frame, crop.x, crop.y, crop.w, crop.h, resize);
  }
  const cropSrc = { x: crop.x * kx, y: crop.y * ky, w: crop.w * kx, h: crop.h * ky };
  if (modelInfo(current.model).family === 'movenet' && !multi) {
    // Our ROI replaces MoveNet's own crop tracking: kept, it keeps cropping where it last saw someone, so a
    // whole-frame search never finds a newcomer (measured on walk-two-passes: walker in 89 → 259 of 313 frames).
    detector.reset();
  } else if ((opts.search || lastSearch) && !multi) {
    // BlazePose runs its person detector only once its carried landmark region fails; kept through a search, that
    // region holds whoever it had (the man on the box), even outside the searched crop. After a search, the region
    // is whoever the search found, not who the next crop is around: detect afresh there too.
    detector.reset();
  } else if (lastCrop) carryTracking(lastCrop, cropSrc);
  lastCrop = cropSrc;
  lastSearch = !!opts.search;
  const t1 = performance.now();
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
    if (input instanceof tf.Tensor) input.dispose();
    else if (input !== frame && input instanceof ImageBitmap) input.close();
  }
  const t2 = performance.now();
  const n = keypointCount(current.skeleton);
  const sx = cropSrc.w / outW;
  const sy = cropSrc.h / outH;
  const result: PoseFrame = {
    skeleton: current.skeleton,
    tMs: ms(timestampMs),
    inferenceMs: ms(t2 - t1),
    width: srcW,
    height: srcH,
    poses: poses.map((p) => toDetected(p, n, sx, sy, cropSrc.x, cropSrc.y)),
  };
  stages.frames++;
  stages.scaleMs += t1 - t0;
  stages.inferMs += t2 - t1;
  stages.postMs += performance.now() - t2;
  return result;
}

/**
 * The frame scaled to `width` px wide for the screen, made here rather than on the main thread: converted like the
 * model's input where the backend allows (createImageBitmap of a whole VideoFrame converts it at full size on
 * Chromium's thread pool), else one createImageBitmap.
 */
async function pictureOf(image: VideoFrame | OffscreenCanvas, width: number): Promise<ImageBitmap> {
  const w = image instanceof VideoFrame ? image.displayWidth : image.width;
  const h = image instanceof VideoFrame ? image.displayHeight : image.height;
  const k = Math.min(1, width / w);
  const outW = Math.max(1, Math.round(w * k));
  const outH = Math.max(1, Math.round(h * k));
  if (image instanceof VideoFrame && convertsDirectly() && image.visibleRect) {
    const vis = image.visibleRect;
    try {
      if (vis.width === w && vis.height === h && (await convertCrop(image, { x: 0, y: 0, w, h }, outW, outH)))
        return await createImageBitmap(new ImageData(scratch.rgba(outW, outH), outW, outH));
    } catch {
      // an odd-sized frame copyTo refuses: convert it the general way below
    }
  }
  return createImageBitmap(image, { resizeWidth: outW, resizeHeight: outH, resizeQuality: 'low' });
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
    countDetectorRuns(detector);
    lastCrop = null;
    current = { model: opts.model, skeleton: modelInfo(opts.model).skeleton, backend, probe, loadMs: 0 };
    current.loadMs = performance.now() - t0;
    return current;
  },

  /** Runs the model on one frame; the bitmap or VideoFrame is transferred in and closed here. */
  async estimate(
    frame: ImageBitmap | VideoFrame,
    timestampMs: number,
    opts: EstimateOptions = {},
  ): Promise<PoseFrame> {
    try {
      const result = await runEstimate(frame, timestampMs, opts);
      return Comlink.transfer(result, transfersOf(result));
    } finally {
      frame.close();
    }
  },

  /**
   * Analyses the frames of a video file with presentation time in [startS, endS), decoded here in the worker;
   * the next frame is decoded while the current one is analysed. Frames before `reportFromS` only warm up the
   * ROI tracker (chunk lead-in). Results go to `onFrame` as they come. Resolves to null when this browser cannot
   * decode the file here (the caller then steps a <video>). A decoding error part-way ends the run with
   * `decodeError` set: the frames before it are kept. With `preview`, some reported frames come with a picture of
   * themselves (transferred; the receiver closes it). With `warm`, the subject tracker first sees those frames
   * (the analysis before this range), so it follows whom they followed.
   */
  async analyseFile(
    file: Blob,
    range: { startS: number; endS: number; reportFromS: number },
    useRoi: boolean,
    onFrame: (frame: PoseFrame, picture?: ImageBitmap) => void,
    preview?: FilePreview,
    warm?: readonly PoseFrame[],
  ): Promise<FileRun | null> {
    if (!detector || !current) throw new PoseWorkerError('not-initialized', 'call init first');
    const decoder = await FileFrames.open(file, rotatedWidth(current.model));
    if (!decoder) return null;
    cancelled = false;
    stages = zeroStages();
    resetTracking();
    const tracker = useRoi ? new SubjectTracker(current.skeleton) : null;
    if (tracker && warm) for (const f of warm) tracker.update(f);
    const leadIn: SeenPerson[] = [];
    const { width, height } = decoder.info;
    const frames = decoder.frames(range.startS, range.endS);
    let frameCount = 0;
    let lastTMs = NaN;
    let decodeError: string | undefined;
    let tw = performance.now();
    let lastPreview = -Infinity;
    let next = frames.next();
    try {
      for (;;) {
        let r: Awaited<typeof next>;
        try {
          r = await next;
        } catch (err) {
          decodeError = String(err);
          break;
        }
        stages.decodeWaitMs += performance.now() - tw;
        if (r.done) break;
        const { image, tMs, release } = r.value;
        if (cancelled) {
          release();
          break;
        }
        next = frames.next(); // decode the next frame while this one is analysed
        next.catch(() => undefined); // a decoding error is taken when awaited above
        const reported = tMs >= range.reportFromS * 1000 - 1e-3;
        let result: PoseFrame;
        let picture: ImageBitmap | undefined;
        try {
          const roi = tracker?.subjectRoi();
          const search = tracker?.searching() ?? false;
          result = await runEstimate(image, tMs, { sourceWidth: width, sourceHeight: height, roi, search });
          if (preview && reported && performance.now() - lastPreview >= preview.everyMs) {
            lastPreview = performance.now();
            picture = await pictureOf(image, preview.width);
            stages.previewMs += performance.now() - lastPreview;
            stages.previews++;
          }
        } finally {
          release();
        }
        if (tracker) {
          result.tracked = tracker.update(result);
          if (!reported) leadIn.push(seenPerson(result));
        }
        frameCount++;
        lastTMs = tMs;
        if (reported)
          onFrame(
            Comlink.transfer(result, transfersOf(result)),
            picture && Comlink.transfer(picture, [picture]),
          );
        tw = performance.now();
      }
    } finally {
      // A frame decoded ahead and never used is released.
      void next.then((r) => r.done || r.value.release()).catch(() => undefined);
      void frames.return(undefined).catch(() => undefined);
      decoder.dispose();
    }
    return { info: decoder.info, frames: frameCount, lastTMs, decodeError, stages: { ...stages }, leadIn };
  },

  /** Demuxing and decoding alone, for the bench: ms per frame over the first `maxFrames` frames. */
  async profileDecode(file: Blob, maxFrames: number): Promise<{ frames: number; msPerFrame: number } | null> {
    const decoder = await FileFrames.open(file, 960);
    if (!decoder) return null;
    const t0 = performance.now();
    let n = 0;
    try {
      for await (const { release } of decoder.frames(0, Infinity)) {
        release();
        if (++n >= maxFrames) break;
      }
    } finally {
      decoder.dispose();
    }
    return { frames: n, msPerFrame: (performance.now() - t0) / Math.max(1, n) };
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
    resetTracking();
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

  /** Tensor and byte counts of TF.js memory, to prove estimate() leaks nothing; and the stage times so far. */
  memory(): { numTensors: number; numBytes: number; stages: StageStats } {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes, stages: { ...stages } };
  },

  /** Zeroes the stage times (the bench measures a window). */
  resetStages(): void {
    stages = zeroStages();
  },

  async dispose(): Promise<void> {
    detector?.dispose();
    detector = null;
    current = null;
  },
};

export type PoseWorkerApi = typeof api;

Comlink.expose(api);
