import { describe, expect, it } from 'vitest';
import { isDirectFormat, PixelScratch, yuvMatrix, type Plane } from '../../workers/frame-pixels';

/** A w × h I420 frame with padded strides, filled per pixel by fy / per chroma sample by fu, fv. */
function i420(
  w: number,
  h: number,
  fy: (x: number, y: number) => number,
  fu: (cx: number, cy: number) => number,
  fv: (cx: number, cy: number) => number,
): { bytes: Uint8Array; planes: Plane[] } {
  const cw = (w + 1) >> 1;
  const ch = (h + 1) >> 1;
  const ys = w + 3;
  const cs = cw + 5;
  const planes = [
    { offset: 0, stride: ys },
    { offset: ys * h, stride: cs },
    { offset: ys * h + cs * ch, stride: cs },
  ];
  const bytes = new Uint8Array(ys * h + 2 * cs * ch);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) bytes[y * ys + x] = fy(x, y);
  for (let y = 0; y < ch; y++)
    for (let x = 0; x < cw; x++) {
      bytes[planes[1].offset + y * cs + x] = fu(x, y);
      bytes[planes[2].offset + y * cs + x] = fv(x, y);
    }
  return { bytes, planes };
}

/** The same content as NV12 (interleaved U, V). */
function toNv12(
  w: number,
  h: number,
  src: { bytes: Uint8Array; planes: Plane[] },
): { bytes: Uint8Array; planes: Plane[] } {
  const cw = (w + 1) >> 1;
  const ch = (h + 1) >> 1;
  const planes = [
    { offset: 0, stride: w },
    { offset: w * h, stride: 2 * cw },
  ];
  const bytes = new Uint8Array(w * h + 2 * cw * ch);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      bytes[y * w + x] = src.bytes[src.planes[0].offset + y * src.planes[0].stride + x];
  for (let y = 0; y < ch; y++)
    for (let x = 0; x < cw; x++) {
      bytes[w * h + y * 2 * cw + 2 * x] = src.bytes[src.planes[1].offset + y * src.planes[1].stride + x];
      bytes[w * h + y * 2 * cw + 2 * x + 1] = src.bytes[src.planes[2].offset + y * src.planes[2].stride + x];
    }
  return { bytes, planes };
}

function load(s: PixelScratch, bytes: Uint8Array): void {
  s.ensureBuffer(bytes.length).set(bytes);
}

const BT601 = yuvMatrix('smpte170m', false, 480);

describe('a VideoFrame crop straight to the model input (frame-pixels)', () => {
  it('converts studio-range BT.601 primaries to RGB (Y 81, Cb 90, Cr 240 is red)', () => {
    const s = new PixelScratch();
    const f = i420(
      8,
      6,
      () => 81,
      () => 90,
      () => 240,
    );
    load(s, f.bytes);
    const rgb = s.scale('I420', f.planes, 8, 6, 4, 3, BT601);
    expect(rgb.length).toBe(4 * 3 * 3);
    for (let i = 0; i < rgb.length; i += 3) {
      expect(rgb[i]).toBeGreaterThan(253);
      expect(rgb[i + 1]).toBeLessThan(2);
      expect(rgb[i + 2]).toBeLessThan(2);
    }
    // Studio black and white map to 0 and 255.
    const g = i420(
      4,
      4,
      (x) => (x < 2 ? 16 : 235),
      () => 128,
      () => 128,
    );
    load(s, g.bytes);
    const bw = s.scale('I420', g.planes, 4, 4, 2, 2, BT601);
    expect(Array.from(bw.subarray(0, 6)).map(Math.round)).toEqual([0, 0, 0, 255, 255, 255]);
  });

  it('averages each output pixel over its source block (box filter), not a sample of it', () => {
    const s = new PixelScratch();
    // A 1-px checkerboard of Y 50 / 150: any point sample reads 50 or 150, the area average is 100.
    const f = i420(
      12,
      12,
      (x, y) => ((x + y) % 2 ? 150 : 50),
      () => 128,
      () => 128,
    );
    load(s, f.bytes);
    const full = yuvMatrix('bt709', true, 720);
    const rgb = s.scale('I420', f.planes, 12, 12, 3, 3, full);
    for (const v of rgb) expect(v).toBeCloseTo(100, 4);
    // A left/right split keeps its edge where the output column boundary is.
    const e = i420(
      12,
      4,
      (x) => (x < 6 ? 20 : 220),
      () => 128,
      () => 128,
    );
    load(s, e.bytes);
    const edge = s.scale('I420', e.planes, 12, 4, 2, 2, full);
    expect([edge[0], edge[3], edge[6], edge[9]]).toEqual([20, 220, 20, 220]);
  });

  it('reads NV12 exactly as the same I420 content, with odd sizes and padded strides', () => {
    const w = 13;
    const h = 9;
    const a = i420(
      w,
      h,
      (x, y) => 16 + ((x * 17 + y * 29) % 200),
      (x, y) => 60 + ((x * 31 + y * 7) % 120),
      (x, y) => 70 + ((x * 11 + y * 13) % 110),
    );
    const b = toNv12(w, h, a);
    const s = new PixelScratch();
    load(s, a.bytes);
    const fromI420 = Array.from(s.scale('I420', a.planes, w, h, 5, 4, BT601));
    load(s, b.bytes);
    const fromNv12 = Array.from(s.scale('NV12', b.planes, w, h, 5, 4, BT601));
    expect(fromNv12).toEqual(fromI420);
    for (const v of fromI420) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(255);
    }
  });

  it('keeps channel order for RGBA and BGRA, and gives RGBA bytes for the screen', () => {
    const s = new PixelScratch();
    const w = 4;
    const h = 2;
    const px = (r: number, g: number, b: number, bgr: boolean): number[] =>
      bgr ? [b, g, r, 255] : [r, g, b, 255];
    for (const bgr of [false, true]) {
      const bytes = new Uint8Array(w * h * 4);
      for (let i = 0; i < w * h; i++) bytes.set(px(200, 100, 10, bgr), 4 * i);
      load(s, bytes);
      const rgb = s.scale(bgr ? 'BGRA' : 'RGBA', [{ offset: 0, stride: 4 * w }], w, h, 2, 1, BT601);
      expect(Array.from(rgb)).toEqual([200, 100, 10, 200, 100, 10]);
      expect(Array.from(s.rgba(2, 1))).toEqual([200, 100, 10, 255, 200, 100, 10, 255]);
    }
  });

  it('reuses its buffers when the crop size changes from frame to frame (no NaN from stale maps)', () => {
    const s = new PixelScratch();
    for (const [w, h, ow, oh] of [
      [40, 60, 20, 30],
      [38, 62, 19, 31],
      [40, 60, 40, 60],
      [10, 10, 3, 3],
    ]) {
      const f = i420(
        w,
        h,
        () => 126,
        () => 128,
        () => 128,
      );
      load(s, f.bytes);
      const rgb = s.scale('I420', f.planes, w, h, ow, oh, BT601);
      expect(rgb.length).toBe(ow * oh * 3);
      for (const v of rgb) expect(v).toBeCloseTo(((126 - 16) * 255) / 219, 3);
    }
  });

  it('knows which formats it converts and picks the frame matrix (unspecified HD is BT.709)', () => {
    expect(['I420', 'NV12', 'BGRX'].every(isDirectFormat)).toBe(true);
    expect(isDirectFormat('I422')).toBe(false);
    expect(isDirectFormat(null)).toBe(false);
    expect(yuvMatrix(null, null, 994).kr).toBe(0.2126);
    expect(yuvMatrix(null, null, 360).kr).toBe(0.299);
    expect(yuvMatrix('bt2020-ncl', true, 2160)).toEqual({ kr: 0.2627, kb: 0.0593, full: true });
  });
});
