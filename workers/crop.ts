// What one frame costs the model: the region it looks at and the size it is scaled to, in one step from the decoded
// frame. Converting pixels to a tensor costs in proportion to the area handed over, so hand over no more than the
// model can use. Pure (no DOM), unit-tested in Node.
import type { ModelId } from '../src/shared/models';
import type { Roi } from '../src/shared/pose-frame';

/** A rectangle in source px: the shared Roi. */
export type Rect = Roi;

export interface CropPlan {
  /** Region of the source frame, px (integers, inside the frame). */
  crop: Rect;
  /** Size it is scaled to, px. */
  outW: number;
  outH: number;
}

/**
 * Longest side handed to the model, px: twice its own input, so its internal person crop keeps full detail (MoveNet
 * Lightning crops the person to 192 px, Thunder and BlazePose's landmark model to 256 px; MultiPose sees the whole
 * frame at 256 px).
 */
export function inputCapPx(model: ModelId): number {
  return model === 'movenet-lightning' ? 384 : 512;
}

/**
 * The ROI (or the whole frame) clipped to the frame and scaled so its longest side is at most capPx. `align` 2 puts
 * the crop on even px (a 4:2:0 VideoFrame can only be viewed, without a copy, at even offsets and sizes).
 */
export function planCrop(
  srcW: number,
  srcH: number,
  roi: Rect | undefined,
  capPx: number,
  align: 1 | 2 = 1,
): CropPlan {
  let x = 0;
  let y = 0;
  let w = srcW;
  let h = srcH;
  if (roi) {
    const x0 = Math.max(0, Math.floor(roi.x));
    const y0 = Math.max(0, Math.floor(roi.y));
    const x1 = Math.min(srcW, Math.ceil(roi.x + roi.w));
    const y1 = Math.min(srcH, Math.ceil(roi.y + roi.h));
    // A degenerate ROI (subject off the frame) falls back to the whole frame.
    if (x1 - x0 > 8 && y1 - y0 > 8) {
      x = x0;
      y = y0;
      w = x1 - x0;
      h = y1 - y0;
    }
  }
  if (align === 2) {
    // Widen to even edges where the frame allows, else narrow by one px.
    const even = (start: number, size: number, total: number): [number, number] => {
      const s0 = start - (start % 2);
      let n = start + size - s0;
      if (n % 2) n += s0 + n + 1 <= total ? 1 : -1;
      return [s0, n];
    };
    [x, w] = even(x, w, srcW);
    [y, h] = even(y, h, srcH);
  }
  const k = Math.min(1, capPx / Math.max(w, h));
  return {
    crop: { x, y, w, h },
    outW: Math.max(1, Math.round(w * k)),
    outH: Math.max(1, Math.round(h * k)),
  };
}

/** BlazePose's cached landmark region: normalised to the last input image. */
export interface NormRect {
  xCenter: number;
  yCenter: number;
  width: number;
  height: number;
}

/**
 * Re-expresses a region normalised to crop `from` as normalised to crop `to` (both in source px), so a model that
 * tracks its subject from the previous frame keeps tracking when the crop around it moves, instead of losing it
 * and running its person detector again.
 */
export function remapNormRect<R extends NormRect>(r: R, from: Rect, to: Rect): R {
  return {
    ...r,
    xCenter: (from.x + r.xCenter * from.w - to.x) / to.w,
    yCenter: (from.y + r.yCenter * from.h - to.y) / to.h,
    width: (r.width * from.w) / to.w,
    height: (r.height * from.h) / to.h,
  };
}
