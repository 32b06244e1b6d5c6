import { describe, expect, it } from 'vitest';
import { inputCapPx, planCrop, remapNormRect } from '../../workers/crop';

describe('one crop-and-scale step per frame', () => {
  it('scales the whole 1768×994 frame to the model cap when no subject is followed', () => {
    const p = planCrop(1768, 994, undefined, inputCapPx('movenet-lightning'));
    expect(p.crop).toEqual({ x: 0, y: 0, w: 1768, h: 994 });
    expect(p.outW).toBe(384);
    expect(p.outH).toBe(Math.round((994 * 384) / 1768));
  });

  it('crops to the ROI clipped to the frame, and never scales up', () => {
    const p = planCrop(1768, 994, { x: -100, y: 200, w: 600, h: 1000 }, 512);
    expect(p.crop).toEqual({ x: 0, y: 200, w: 500, h: 794 });
    expect(p.outH).toBe(512);
    expect(p.outW).toBe(Math.round((500 * 512) / 794));
    const small = planCrop(640, 360, { x: 100, y: 50, w: 200, h: 200 }, 512);
    expect([small.outW, small.outH]).toEqual([200, 200]);
  });

  it('puts a VideoFrame crop on even px, inside the frame', () => {
    const p = planCrop(1768, 994, { x: 301.4, y: 99.2, w: 700.3, h: 999 }, 384, 2);
    expect(p.crop).toEqual({ x: 300, y: 98, w: 702, h: 896 });
    for (const v of Object.values(p.crop)) expect(v % 2).toBe(0);
    expect(p.crop.y + p.crop.h).toBeLessThanOrEqual(994);
  });

  it('falls back to the whole frame when the ROI is off the frame', () => {
    expect(planCrop(640, 360, { x: 700, y: 0, w: 100, h: 100 }, 512).crop).toEqual({
      x: 0,
      y: 0,
      w: 640,
      h: 360,
    });
  });

  it('re-expresses a model’s tracked region for a moved crop: same place in the source frame', () => {
    const from = { x: 100, y: 50, w: 400, h: 400 };
    const to = { x: 160, y: 30, w: 500, h: 420 };
    const r = { xCenter: 0.5, yCenter: 0.25, width: 0.5, height: 0.8, rotation: 0.1 };
    const m = remapNormRect(r, from, to);
    // Centre in source px is unchanged: 100 + 0.5·400 = 300; 50 + 0.25·400 = 150.
    expect(to.x + m.xCenter * to.w).toBeCloseTo(300, 9);
    expect(to.y + m.yCenter * to.h).toBeCloseTo(150, 9);
    expect(m.width * to.w).toBeCloseTo(200, 9);
    expect(m.height * to.h).toBeCloseTo(320, 9);
    expect(m.rotation).toBe(0.1);
  });
});
