// Every guarded-gait threshold has a source or is a screening threshold judged against the patient's baseline.
import { describe, expect, it } from 'vitest';
import { guardedIndicators } from '../../src/analysis/guarded/indicators';
import { judgeAgainstBaseline, THRESHOLD_SOURCES } from '../../src/analysis/guarded/thresholds';
import { JUDGED_INDICATOR_IDS, renderReference } from '../../src/shared/messages';
import { referenceCodeFromText } from '../../src/shared/messages/legacy';

const inputs = {
  speedMps: 1.2,
  stepLengthM: 0.68,
  heightM: 1.75,
  doubleSupportPct: 24,
  armSwingPctHeight: 14,
  trunkSwayDeg: 4,
  heelStrikeVelocityMps: 0.5,
  stepLengthSymmetryPct: 2,
  stepTimeSymmetryPct: 2,
};

describe('guarded-gait thresholds', () => {
  it('every indicator has a source; screening ones say so and have a baseline margin', () => {
    for (const id of JUDGED_INDICATOR_IDS) {
      const s = THRESHOLD_SOURCES[id];
      expect(s.source.length).toBeGreaterThan(20);
      if (s.basis === 'screening') {
        expect(s.source).toMatch(/^Screening threshold, no published norm/);
        expect((s.baselineChange ?? 0) + (s.baselineChangeUnits ?? 0)).toBeGreaterThan(0);
      }
    }
    // Asymmetry has no published norm for this method: a screening threshold, judged by 5 units of change.
    expect(THRESHOLD_SOURCES.asymmetry).toMatchObject({ basis: 'screening', baselineChangeUnits: 5 });
    // Step length and double support are not age-adjusted, and say so.
    expect(THRESHOLD_SOURCES['short-steps'].ageAdjusted).toBe(false);
    expect(THRESHOLD_SOURCES['short-steps'].source).toMatch(/not adjusted for age/);
    expect(THRESHOLD_SOURCES['long-double-support'].source).toMatch(/not adjusted for age/);
    expect(THRESHOLD_SOURCES['slow-gait-speed'].source).toMatch(/adverse health outcomes/);
  });

  it('without a baseline, screening indicators keep their screening flag and say there is no baseline', () => {
    const now = guardedIndicators({ ...inputs, armSwingPctHeight: 8 }).indicators;
    const j = judgeAgainstBaseline(now, null);
    const arm = j.find((x) => x.id === 'reduced-arm-swing')!;
    expect(arm).toMatchObject({ judgedBy: 'no-baseline', outside: true, baseline: null });
    expect(j.find((x) => x.id === 'slow-gait-speed')!.judgedBy).toBe('threshold');
  });

  it('with a baseline, a screening indicator is judged by its change in the worse direction', () => {
    const base = guardedIndicators({ ...inputs, armSwingPctHeight: 8 }).indicators;
    // This patient's arm swing has always been 8 % of height: not a worsening, though under the 10 % screen.
    const same = judgeAgainstBaseline(
      guardedIndicators({ ...inputs, armSwingPctHeight: 8 }).indicators,
      base,
    );
    expect(same.find((x) => x.id === 'reduced-arm-swing')).toMatchObject({
      judgedBy: 'baseline',
      outside: false,
    });
    // Down to 5 %: 37.5 % less than baseline, more than the 25 % margin.
    const worse = judgeAgainstBaseline(
      guardedIndicators({ ...inputs, armSwingPctHeight: 5 }).indicators,
      base,
    );
    const arm = worse.find((x) => x.id === 'reduced-arm-swing')!;
    expect(arm.change).toBeCloseTo(-0.375, 3);
    expect(arm.outside).toBe(true);
    // More double support is worse: 24 -> 29 % is +21 %, past its 15 % margin; 24 -> 20 % is better.
    const ds = (v: number) =>
      judgeAgainstBaseline(
        guardedIndicators({ ...inputs, doubleSupportPct: v }).indicators,
        guardedIndicators(inputs).indicators,
      ).find((x) => x.id === 'long-double-support')!.outside;
    expect(ds(29)).toBe(true);
    expect(ds(20)).toBe(false);
    // Published thresholds stay as they are.
    const slow = judgeAgainstBaseline(guardedIndicators({ ...inputs, speedMps: 0.9 }).indicators, base);
    expect(slow.find((x) => x.id === 'slow-gait-speed')).toMatchObject({
      judgedBy: 'threshold',
      outside: true,
    });
  });

  it('computes six indicators; heel-strike velocity is neither an indicator nor judged', () => {
    const { indicators, summary } = guardedIndicators(inputs);
    expect(indicators.map((i) => i.id)).toEqual([...JUDGED_INDICATOR_IDS]);
    expect(indicators).toHaveLength(6);
    expect(summary).toMatch(/^0 of 6 indicators outside reference/);
    // A result stored before issue 10 with a heel-strike flag: never outside, said to be not judged.
    const legacy = {
      id: 'high-heel-strike-velocity',
      label: 'foot descent before heel strike',
      value: 1.2,
      unit: 'm/s',
      reference: 'old',
      outside: true,
    };
    const j = judgeAgainstBaseline([...indicators, legacy], null);
    expect(j.at(-1)).toMatchObject({ judgedBy: 'not-judged', outside: false });
  });

  it('judges asymmetry against the baseline by 5 units of its index, whatever its share', () => {
    const at = (pct: number) => guardedIndicators({ ...inputs, stepLengthSymmetryPct: pct }).indicators;
    const asym = (now: number, base: number) =>
      judgeAgainstBaseline(at(now), at(base)).find((x) => x.id === 'asymmetry')!;
    // 2 -> 6.5 %: +225 % of the baseline but only 4.5 units: not worse (a share would have flagged it).
    expect(asym(6.5, 2)).toMatchObject({ judgedBy: 'baseline', changeIn: 'units', outside: false });
    expect(asym(6.5, 2).change).toBeCloseTo(4.5, 6);
    // 2 -> 7.5 %: 5.5 units, worse; 12 -> 9 % is better although above the 8 % screen.
    expect(asym(7.5, 2).outside).toBe(true);
    expect(asym(9, 12)).toMatchObject({ outside: false, change: -3 });
    // Without a baseline the 8 % screen stands, and the unit names asymmetry.
    const alone = judgeAgainstBaseline(at(12), null).find((x) => x.id === 'asymmetry')!;
    expect(alone).toMatchObject({ judgedBy: 'no-baseline', outside: true });
    expect(at(12).find((i) => i.id === 'asymmetry')!.unit).toBe('% asymmetry index');
  });

  it('every reference the app shows says "screening threshold, no published norm" unless its basis is published', () => {
    const all = [
      ...guardedIndicators(inputs).indicators,
      ...guardedIndicators({ ...inputs, ageYears: 70, sex: 'female' }).indicators,
    ];
    for (const i of all) {
      const src = THRESHOLD_SOURCES[i.id as keyof typeof THRESHOLD_SOURCES];
      for (const lang of ['en', 'nb'] as const) {
        const text = renderReference(i.referenceCode!, lang);
        const screening =
          lang === 'en' ? /screening threshold, no published norm/ : /screeninggrense uten publisert norm/;
        if (src.basis === 'screening') expect(text, `${i.id} ${lang}`).toMatch(screening);
        else expect(text, `${i.id} ${lang}`).not.toMatch(screening);
      }
      // The stored English text reads back to the same code (results written without codes stay readable).
      expect(referenceCodeFromText(i.reference), i.id).toEqual(i.referenceCode);
    }
  });
});
