// The indicator summary the app shows (issue 14 item 6): how many of 7 could be computed, what is outside,
// and what the others need, in English and Bokmål, never "all within reference" beside "5 cannot be computed".
import { describe, expect, it } from 'vitest';
import type { IndicatorV1 } from '../../src/shared/analysis-format';
import { INDICATOR_IDS, renderIndicatorSummary, type IndicatorId } from '../../src/shared/messages';

const UNITS: Record<IndicatorId, string> = {
  'slow-gait-speed': 'm/s',
  'short-steps': 'x height',
  'long-double-support': '% of gait cycle',
  'reduced-arm-swing': '% of height',
  'reduced-trunk-sway': 'deg',
  'high-heel-strike-velocity': 'm/s',
  asymmetry: '% symmetry index',
};

/** All seven indicators; `values` sets some (missing ones null), `outside` marks some outside. */
function indicators(
  values: Partial<Record<IndicatorId, number>>,
  outside: IndicatorId[] = [],
): IndicatorV1[] {
  return INDICATOR_IDS.map((id) => ({
    id,
    label: id,
    value: values[id] ?? null,
    unit: UNITS[id],
    reference: '',
    outside: outside.includes(id),
  }));
}

describe('renderIndicatorSummary', () => {
  const two = indicators({ 'long-double-support': 24.5, asymmetry: 3.2 });

  it('never counts an indicator that cannot be judged as within reference', () => {
    const judged = two.map((i) =>
      i.id === 'asymmetry'
        ? { ...i, judgement: 'cannot-judge' as const, judgementReason: 'measurement-noise' as const }
        : i,
    );
    const en = renderIndicatorSummary(judged, 'en', { scaled: true });
    expect(en).toContain('2 of 7 indicators could be computed; 1 within reference; 1 cannot be judged');
    expect(en).toContain(': step asymmetry');
    expect(en).not.toContain('both within');
    const nb = renderIndicatorSummary(judged, 'nb', { scaled: true });
    expect(nb).toContain('1 innenfor referansen; 1 kan ikke vurderes');
  });

  it('says 2 of 7 could be computed, both within reference, and what the 5 others need (no scale)', () => {
    expect(renderIndicatorSummary(two, 'en', { scaled: false })).toBe(
      '2 of 7 indicators could be computed; both within reference. 5 could not be computed: ' +
        "gait speed, step length / height and foot descent before heel strike need the subject's height " +
        '(enter it, or choose a profile with a height); arm swing and trunk sagittal sway need a walk with the ' +
        'whole body in view, side-on, for at least two strides. Screening aid, not a diagnosis.',
    );
    const nb = renderIndicatorSummary(two, 'nb', { scaled: false });
    expect(nb).toMatch(
      /^2 av 7 indikatorer kunne beregnes; begge innenfor referansen\. 5 kunne ikke beregnes: /,
    );
    expect(nb).toContain(
      'ganghastighet, steglengde i forhold til høyde og fotens fall før hælisetting krever',
    );
    expect(nb).toContain('armsving og overkroppens bevegelse fram og tilbake krever');
    expect(nb).not.toMatch(/could|need|within/);
  });

  it('with a metric scale, a missing speed needs a better view, not a height', () => {
    const s = renderIndicatorSummary(two, 'en', { scaled: true });
    expect(s).not.toContain('height (enter');
    expect(s).toContain('gait speed, step length / height, arm swing, trunk sagittal sway and foot descent');
  });

  it('names the indicators outside reference with their values, decimal comma in Bokmål', () => {
    const all = indicators(
      {
        'slow-gait-speed': 0.62,
        'short-steps': 0.41,
        'long-double-support': 35.5,
        'reduced-arm-swing': 12,
        'reduced-trunk-sway': 3,
        'high-heel-strike-velocity': 0.5,
        asymmetry: 4,
      },
      ['slow-gait-speed', 'long-double-support'],
    );
    expect(renderIndicatorSummary(all, 'en', { scaled: true })).toBe(
      'All 7 indicators could be computed; 2 outside reference: gait speed 0.62 m/s; double support 35.5 % of ' +
        'gait cycle; 5 within reference. Screening aid, not a diagnosis.',
    );
    expect(renderIndicatorSummary(all, 'nb', { scaled: true })).toContain('ganghastighet 0,62 m/s');
  });

  it('nothing computed: no claim about the reference', () => {
    const s = renderIndicatorSummary(indicators({}), 'en', { scaled: true });
    expect(s).toMatch(/^0 of 7 indicators could be computed\. 7 could not be computed: /);
    expect(s).not.toContain('within');
  });
});
