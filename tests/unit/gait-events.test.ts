import { describe, expect, it } from 'vitest';
import { alternate, type FootEvents } from '../../src/analysis/gait/events';

const feet = (hs: number[], strength = 1): FootEvents => ({ hs: hs.map((tS) => ({ tS, strength })), to: [] });

describe('alternate', () => {
  it('puts back a missed strike halfway between two strikes of the other foot a stride apart', () => {
    const hs = alternate(feet([0, 1.2, 2.4]), feet([0.6, 3.0]));
    expect(hs.map((e) => e.foot)).toEqual(['left', 'right', 'left', 'right', 'left', 'right']);
    expect(hs[3].tS).toBeCloseTo(1.8, 9);
  });

  it('keeps the stronger of two close strikes of the same foot', () => {
    const left: FootEvents = {
      hs: [
        { tS: 0, strength: 1 },
        { tS: 1.2, strength: 1 },
        { tS: 1.35, strength: 3 },
      ],
      to: [],
    };
    const hs = alternate(left, feet([0.6, 1.9]));
    expect(hs.map((e) => `${e.foot[0]}${e.tS}`)).toEqual(['l0', 'r0.6', 'l1.35', 'r1.9']);
  });

  it('invents nothing across a gap of several steps', () => {
    const hs = alternate(feet([0, 1.2, 2.4, 6.0, 7.2]), feet([0.6, 1.8, 6.6, 7.8]));
    expect(hs.map((e) => e.tS)).toEqual([0, 0.6, 1.2, 1.8, 2.4, 6.0, 6.6, 7.2, 7.8]);
  });
});
