// A decoded frame's pixels straight to the model's input: copy the crop's YUV planes out of the VideoFrame
// (VideoFrame.copyTo with a rect, no conversion) and convert to RGB here, already scaled down to the model's input.
// createImageBitmap converts the whole crop to RGB at full size on Chromium's thread pool and scales afterwards;
// the model needs a fraction of those pixels. Pure (no DOM), unit-tested in Node.

/** The VideoFrame pixel formats converted here (the common decoder and camera outputs). */
export type DirectFormat = 'I420' | 'I420A' | 'NV12' | 'RGBA' | 'RGBX' | 'BGRA' | 'BGRX';

export function isDirectFormat(f: string | null | undefined): f is DirectFormat {
  return (
    f === 'I420' ||
    f === 'I420A' ||
    f === 'NV12' ||
    f === 'RGBA' ||
    f === 'RGBX' ||
    f === 'BGRA' ||
    f === 'BGRX'
  );
}

/** Where each plane starts in the copied buffer and its row stride, bytes (VideoFrame.copyTo's PlaneLayout). */
export interface Plane {
  offset: number;
  stride: number;
}

/** Y'CbCr → R'G'B' coefficients (ITU-R BT.601 / BT.709 / BT.2020, by the frame's colour matrix). */
export interface YuvMatrix {
  kr: number;
  kb: number;
  /** Full range (0–255) rather than studio range (Y 16–235, C 16–240). */
  full: boolean;
}

/** The frame's matrix from its VideoColorSpace fields; unspecified HD is BT.709, SD is BT.601 (as decoders assume). */
export function yuvMatrix(
  matrix: string | null | undefined,
  fullRange: boolean | null | undefined,
  height: number,
): YuvMatrix {
  const full = fullRange === true;
  if (matrix === 'bt709' || (!matrix && height >= 720)) return { kr: 0.2126, kb: 0.0722, full };
  if (matrix === 'bt2020-ncl') return { kr: 0.2627, kb: 0.0593, full };
  return { kr: 0.299, kb: 0.114, full };
}

/**
 * Reused between frames: the pixel buffers grow to the largest crop and are kept, so no per-frame allocation
 * scales with the picture (small objects remain: copyTo's plane layouts, the subarray, the tensor).
 */
export class PixelScratch {
  private xMap = new Int32Array(0);
  private cxAt = new Int32Array(0);
  private mapKey = '';
  private cols = new Float32Array(0);
  private acc = new Float32Array(0);
  /** The copied planes (sized by the caller from VideoFrame.allocationSize). */
  buffer = new Uint8Array(0);
  /** The RGB output (its first outH × outW × 3 values, 0–255). */
  private rgb = new Float32Array(0);

  private rgbaOut = new Uint8ClampedArray(0);

  /** The last scale()'s output as RGBA bytes (a picture for the screen); valid until the next call. */
  rgba(outW: number, outH: number): Uint8ClampedArray<ArrayBuffer> {
    const n = outW * outH;
    if (this.rgbaOut.length < 4 * n) this.rgbaOut = new Uint8ClampedArray(4 * n);
    const out = this.rgbaOut;
    const rgb = this.rgb;
    for (let i = 0, j = 0; i < 3 * n; i += 3, j += 4) {
      out[j] = rgb[i];
      out[j + 1] = rgb[i + 1];
      out[j + 2] = rgb[i + 2];
      out[j + 3] = 255;
    }
    return out.subarray(0, 4 * n);
  }

  ensureBuffer(bytes: number): Uint8Array {
    if (this.buffer.length < bytes) this.buffer = new Uint8Array(bytes);
    return this.buffer;
  }

  /**
   * Box-filters (area-averages) a w × h crop, whose planes are in `buffer`, down to outW × outH RGB in `rgb`
   * (out ≤ crop in each direction, as planCrop makes it). Each source pixel is read once: per output row, its
   * source rows are summed into per-output-column accumulators, then converted.
   */
  scale(
    format: DirectFormat,
    planes: readonly Plane[],
    w: number,
    h: number,
    outW: number,
    outH: number,
    m: YuvMatrix,
  ): Float32Array {
    const n = outW * outH * 3;
    // Grown, never shrunk: the crop follows the subject, so its size changes from frame to frame.
    if (this.rgb.length < n) this.rgb = new Float32Array(Math.ceil(n * 1.25));
    this.prepareMaps(w, outW);
    const yuv = format === 'I420' || format === 'I420A' || format === 'NV12';
    if (yuv) this.scaleYuv(format === 'NV12', planes, w, h, outW, outH, m);
    else this.scaleRgbx(format === 'BGRA' || format === 'BGRX', planes[0], w, h, outW, outH);
    return this.rgb.subarray(0, n);
  }

  private prepareMaps(w: number, outW: number): void {
    const key = `${w}:${outW}`;
    if (key === this.mapKey) return;
    this.mapKey = key;
    const cw = (w + 1) >> 1;
    if (this.xMap.length < w) this.xMap = new Int32Array(Math.ceil(w * 1.25));
    if (this.cols.length < outW) {
      this.cxAt = new Int32Array(Math.ceil(outW * 1.25));
      this.cols = new Float32Array(this.cxAt.length);
      // Three channels of accumulators (Y only for YUV; R, G, B for RGB formats).
      this.acc = new Float32Array(this.cxAt.length * 3);
    }
    this.cols.fill(0);
    for (let x = 0; x < w; x++) {
      const o = Math.min(outW - 1, Math.floor(((x + 0.5) * outW) / w));
      this.xMap[x] = o;
      this.cols[o]++;
    }
    // Chroma is sampled once per output pixel, at the centre of its block: pose models hardly use colour.
    for (let o = 0; o < outW; o++) this.cxAt[o] = Math.min(cw - 1, Math.floor(((o + 0.5) * w) / outW / 2));
  }

  private scaleYuv(
    nv12: boolean,
    planes: readonly Plane[],
    w: number,
    h: number,
    outW: number,
    outH: number,
    m: YuvMatrix,
  ): void {
    const src = this.buffer;
    const { xMap, cxAt, cols, acc, rgb } = this;
    const yP = planes[0];
    const uP = planes[1];
    const vP = nv12 ? planes[1] : planes[2];
    const ch = (h + 1) >> 1;
    // Studio range stretches Y by 255/219 and chroma by 255/224 around their offsets.
    const ys = m.full ? 1 : 255 / 219;
    const yo = m.full ? 0 : 16;
    const cs = m.full ? 1 : 255 / 224;
    const kg = 1 - m.kr - m.kb;
    const crR = 2 * (1 - m.kr) * cs;
    const cbB = 2 * (1 - m.kb) * cs;
    const cbG = (-2 * (1 - m.kb) * m.kb * cs) / kg;
    const crG = (-2 * (1 - m.kr) * m.kr * cs) / kg;
    let y0 = 0;
    for (let oy = 0; oy < outH; oy++) {
      const y1 = oy === outH - 1 ? h : Math.max(y0 + 1, Math.round(((oy + 1) * h) / outH));
      acc.fill(0, 0, outW);
      for (let y = y0; y < y1; y++) {
        let p = yP.offset + y * yP.stride;
        for (let x = 0; x < w; x++) acc[xMap[x]] += src[p++];
      }
      const k = 1 / (y1 - y0);
      const cy = Math.min(ch - 1, (y0 + y1) >> 2);
      const uRow = uP.offset + cy * uP.stride;
      const vRow = vP.offset + cy * vP.stride;
      let q = oy * outW * 3;
      for (let ox = 0; ox < outW; ox++) {
        const Y = ((acc[ox] * k) / cols[ox] - yo) * ys;
        const cx = cxAt[ox];
        const U = (nv12 ? src[uRow + 2 * cx] : src[uRow + cx]) - 128;
        const V = (nv12 ? src[vRow + 2 * cx + 1] : src[vRow + cx]) - 128;
        rgb[q++] = clamp255(Y + crR * V);
        rgb[q++] = clamp255(Y + cbG * U + crG * V);
        rgb[q++] = clamp255(Y + cbB * U);
      }
      y0 = y1;
    }
  }

  private scaleRgbx(bgr: boolean, plane: Plane, w: number, h: number, outW: number, outH: number): void {
    const src = this.buffer;
    const { xMap, cols, acc, rgb } = this;
    const r = bgr ? 2 : 0;
    const b = bgr ? 0 : 2;
    let y0 = 0;
    for (let oy = 0; oy < outH; oy++) {
      const y1 = oy === outH - 1 ? h : Math.max(y0 + 1, Math.round(((oy + 1) * h) / outH));
      acc.fill(0, 0, 3 * outW);
      for (let y = y0; y < y1; y++) {
        let p = plane.offset + y * plane.stride;
        for (let x = 0; x < w; x++) {
          const o = xMap[x];
          acc[o] += src[p + r];
          acc[outW + o] += src[p + 1];
          acc[2 * outW + o] += src[p + b];
          p += 4;
        }
      }
      const rows = y1 - y0;
      let q = oy * outW * 3;
      for (let ox = 0; ox < outW; ox++) {
        const k = 1 / (cols[ox] * rows);
        rgb[q++] = acc[ox] * k;
        rgb[q++] = acc[outW + ox] * k;
        rgb[q++] = acc[2 * outW + ox] * k;
      }
      y0 = y1;
    }
  }
}

function clamp255(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}
