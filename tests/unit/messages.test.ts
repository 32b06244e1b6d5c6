// Messages as codes: every code renders in English and Bokmål, old texts map back to codes, the analysis gives
// codes and the same warnings as before codes existed.
import { describe, expect, it } from 'vitest';
import type { AnalysisV1, IndicatorV1 } from '../../src/shared/analysis-format';
import {
  formatNumber,
  INDICATOR_IDS,
  LANGS,
  migrateStoredAnalysis,
  pushUnique,
  renderGuardedSummary,
  renderIndicatorName,
  renderIndicatorReference,
  renderReference,
  renderSpineTest,
  renderUnit,
  renderWarning,
  sameMessage,
  UNIT_CODES,
  warningCodesFromTexts,
  warningsOf,
  type IndicatorReference,
  type ReferenceCode,
  type ReferenceOf,
  type WarningCode,
  type WarningMessage,
  type WarningOf,
} from '../../src/shared/messages';
import { OLD_WARNINGS, SCENARIOS } from './warning-scenarios';

/** One example of every warning code (the type makes a new code without an example a compile error). */
const WARNINGS: { [C in WarningCode]: WarningOf<C> } = {
  'no-scale': { code: 'no-scale' },
  'height-unusable': { code: 'height-unusable' },
  'height-scale-uncertain': { code: 'height-scale-uncertain', chain: 'ear', pct: -12 },
  'reference-height-disagree': {
    code: 'reference-height-disagree',
    pct: 12,
    referenceMpp: 0.004545,
    impliedHeightM: 1.9,
    heightM: 1.7,
    heightMpp: 0.00406,
  },
  'reference-not-used': {
    code: 'reference-not-used',
    problem: 'outside-frame',
    metres: 2,
    maxM: 30,
    minPx: 20,
    frame: { width: 640, height: 480 },
  },
  'no-walking-direction': { code: 'no-walking-direction' },
  'no-walk-across': { code: 'no-walk-across', pct: 7 },
  'body-size-changes': { code: 'body-size-changes', pct: 22 },
  'floor-tilted': { code: 'floor-tilted', deg: -11 },
  'short-recording': { code: 'short-recording', heelStrikes: 3 },
  'partly-out-of-view': { code: 'partly-out-of-view', frames: 9, total: 73 },
  'legs-swapped': { code: 'legs-swapped', frames: 4 },
  'too-few-heel-strikes': { code: 'too-few-heel-strikes', n: 1 },
  'implausible-steps': {
    code: 'implausible-steps',
    steps: [
      { reason: 'time', foot: 'right', tS: 4.9234, timeS: 0.031, minTimeS: 0.25 },
      { reason: 'length', foot: 'left', tS: 6.5, length: 0.0421, unit: 'm', minPctHeight: 8 },
    ],
  },
  'too-few-plausible-strikes': { code: 'too-few-plausible-strikes', n: 1 },
  'age-sex-not-given': { code: 'age-sex-not-given', referenceMps: 1 },
  'less-than-one-stride': { code: 'less-than-one-stride' },
  'steps-without-time': { code: 'steps-without-time', n: 2 },
  'step-lengths-unmeasured': { code: 'step-lengths-unmeasured' },
  'pass-too-short': { code: 'pass-too-short', pass: 2, startS: 4.43, endS: 7.13, steps: 3 },
  'no-measurable-pass': { code: 'no-measurable-pass', passes: 3, pass: 2, startS: 4.4, endS: 7.1 },
  'passes-pooled': { code: 'passes-pooled', passes: 3, pooled: [1, 3] },
  'passes-pooled-in-pixels': { code: 'passes-pooled-in-pixels' },
  'in-pass': { code: 'in-pass', pass: 2, warning: { code: 'legs-swapped', frames: 8 } },
  'no-trunk-frames': { code: 'no-trunk-frames' },
  'walks-across': { code: 'walks-across' },
  'test-undetected': { code: 'test-undetected' },
  'test-detected': { code: 'test-detected', test: 'lateral-flexion' },
  'height-unscalable-spine': { code: 'height-unscalable-spine' },
  'no-height-cm-null': { code: 'no-height-cm-null' },
  'no-scale-cm-null': { code: 'no-scale-cm-null' },
  'wrong-view': { code: 'wrong-view', test: 'forward-flexion', wanted: 'side', seen: 'front' },
  'turned-from-side': { code: 'turned-from-side', test: 'extension', yawDeg: 30 },
  'trunk-pelvis-twist': {
    code: 'trunk-pelvis-twist',
    test: 'forward-flexion',
    shoulderYawDeg: 2,
    hipYawDeg: 25,
  },
  'oblique-view': { code: 'oblique-view', test: 'lateral-flexion', wanted: 'front' },
  'sides-unknown': { code: 'sides-unknown' },
  'facing-unknown': { code: 'facing-unknown' },
  'opposite-movement': { code: 'opposite-movement', test: 'extension', opposite: 'forward-flexion' },
  'no-repetition': { code: 'no-repetition', test: 'extension' },
  'repetition-count': { code: 'repetition-count', test: 'forward-flexion', found: 2, asked: 3 },
  'side-repetition-count': { code: 'side-repetition-count', side: 'left', found: 2, asked: 3 },
  'fingertip-floor-null': { code: 'fingertip-floor-null' },
  'posture-facing-unknown': { code: 'posture-facing-unknown' },
  'posture-no-side-view': { code: 'posture-no-side-view' },
  'posture-no-front-view': { code: 'posture-no-front-view' },
  'posture-no-scale': { code: 'posture-no-scale' },
  'no-movement-recognised': { code: 'no-movement-recognised' },
  'reference-implausible': { code: 'reference-implausible' },
  'zone-length': { code: 'zone-length', zoneM: 5.2, expectedM: 4 },
  'trial-rejected': {
    code: 'trial-rejected',
    reason: 'stopped',
    direction: 'right-to-left',
    startS: 7.25,
    atS: 8.5,
  },
  'too-few-trials': { code: 'too-few-trials', found: 1, expected: 2 },
  'no-trial': { code: 'no-trial' },
  'no-sit-stand': { code: 'no-sit-stand', rangeLegs: 0.12 },
  'too-few-stands': { code: 'too-few-stands', found: 3, expected: 5 },
  'recording-shorter': { code: 'recording-shorter', recordedS: 21.4, neededS: 30 },
  'tug-incomplete': { code: 'tug-incomplete' },
  'fps-mismatch': { code: 'fps-mismatch', measuredFps: 24.9, declaredFps: 30 },
  'legacy-text': { code: 'legacy-text', text: 'an old warning' },
};

const REFERENCES: { [C in ReferenceCode]: ReferenceOf<C> } = {
  'speed-age-sex': {
    code: 'speed-age-sex',
    minMps: 0.75,
    normMps: 0.94,
    share: 0.8,
    sex: 'female',
    ageYears: 85,
  },
  'speed-adult': { code: 'speed-adult', minMps: 1 },
  'step-length-height': { code: 'step-length-height', min: 0.35, typical: 0.41 },
  'double-support': { code: 'double-support', maxPct: 30 },
  'arm-swing': { code: 'arm-swing', minPctHeight: 10 },
  'trunk-sway': { code: 'trunk-sway', minDeg: 2 },
  'heel-strike-velocity': { code: 'heel-strike-velocity', maxMps: 0.8 },
  asymmetry: { code: 'asymmetry', maxPct: 8 },
};

const all = Object.values(WARNINGS) as WarningMessage[];
// Words that give away an English sentence; none may appear in Bokmål text.
const ENGLISH =
  /\b(the|of|and|not|found|missing|frames?|view|steps?|strides?|height|null|only|reference|left|right)\b/;

describe('warning codes render in English and Bokmål', () => {
  it.each(all.map((w) => [w.code, w] as const))('%s', (code, w) => {
    const en = renderWarning(w, 'en');
    const nb = renderWarning(w, 'nb');
    for (const text of [en, nb]) {
      expect(text.length).toBeGreaterThan(5);
      expect(text).not.toBe(code);
      expect(text).not.toContain('undefined');
      expect(text).not.toContain('NaN');
    }
    if (code === 'legacy-text') expect(nb).toBe(en);
    else {
      expect(nb).not.toBe(en);
      // CLI option names and file fields stay as written; everything else is Norwegian.
      // So do test names a Norwegian clinician uses in English (Timed Up and Go).
      expect(nb.replace(/--[\w|-]+( [\w|-]+)?|subject\.heightM|Timed Up and Go/g, '')).not.toMatch(ENGLISH);
    }
  });

  it('writes numbers as each language does: decimal comma and minus sign in Bokmål', () => {
    const implausible = WARNINGS['implausible-steps'];
    expect(renderWarning(implausible, 'en')).toBe(
      '2 implausible step(s) left out as false heel strikes: right at 4.92 s: step time 0.03 s (under 0.25 s); ' +
        'left at 6.50 s: step length 0.042 m (not above 8 % of height)',
    );
    expect(renderWarning(implausible, 'nb')).toContain('høyre fot ved 4,92 s: stegtid 0,03 s (under 0,25 s)');
    expect(renderWarning(implausible, 'nb')).toContain('steglengde 0,042 m');
    expect(renderWarning(WARNINGS['floor-tilted'], 'nb')).toContain('\u221211°');
    expect(renderWarning(WARNINGS['partly-out-of-view'], 'en')).toBe(
      'partly out of view: hips, knees or ankles missing in 9 of 73 frames',
    );
    expect(renderWarning(WARNINGS['partly-out-of-view'], 'nb')).toBe(
      'delvis utenfor bildet: hofter, knær eller ankler mangler i 9 av 73 bilder',
    );
  });

  it('words a floor reference set aside or disagreeing with the height as the scale check did', () => {
    expect(renderWarning(WARNINGS['reference-height-disagree'], 'en')).toBe(
      'floor reference and height disagree by 12 %: the reference gives 0.004545 m/px (the subject 1.90 m tall), ' +
        'the height 1.7 m gives 0.004060 m/px; the reference is used: check its marks and distance',
    );
    expect(renderWarning(WARNINGS['reference-height-disagree'], 'nb')).toContain('0,004545 m/px');
    const problems = [
      'not-finite',
      'distance-zero',
      'distance-too-long',
      'coincident-points',
      'points-too-close',
    ] as const;
    const texts = problems.map((problem) =>
      renderWarning({ ...WARNINGS['reference-not-used'], problem }, 'nb'),
    );
    expect(new Set(texts).size).toBe(problems.length);
    expect(renderWarning(WARNINGS['reference-not-used'], 'en')).toBe(
      'floor reference not used: a floor reference point lies outside the 640x480 px frame',
    );
  });

  it('names the pass of a warning that only one pass has, in the same language', () => {
    expect(renderWarning(WARNINGS['in-pass'], 'en')).toBe(
      'pass 2: left/right leg labels corrected in 8 frames',
    );
    expect(renderWarning(WARNINGS['in-pass'], 'nb')).toMatch(
      /^passering 2: venstre og høyre bein var forvekslet/,
    );
  });

  it('renders every reference, indicator name, unit and spine test in both languages', () => {
    for (const r of Object.values(REFERENCES) as IndicatorReference[]) {
      const en = renderReference(r, 'en');
      const nb = renderReference(r, 'nb');
      expect(en).toMatch(/\d/);
      expect(nb).toMatch(/\d/);
      expect(nb).not.toBe(en);
    }
    expect(renderReference(REFERENCES['speed-age-sex'], 'en')).toBe(
      '>= 0.75 m/s (80% of 0.94 m/s, female aged 85; Bohannon & Andrews 2011)',
    );
    expect(renderReference(REFERENCES['speed-age-sex'], 'nb')).toBe(
      '≥ 0,75 m/s (80 % av 0,94 m/s, kvinne 85 år; Bohannon & Andrews 2011)',
    );
    for (const id of INDICATOR_IDS) {
      expect(renderIndicatorName(id, 'nb')).not.toBe(renderIndicatorName(id, 'en'));
      expect(renderIndicatorName(id, 'nb')).not.toBe(id);
    }
    for (const u of UNIT_CODES)
      for (const lang of LANGS) expect(renderUnit(u, lang).length).toBeGreaterThan(0);
    expect(renderUnit('x height', 'nb')).toBe('× høyden');
    expect(renderUnit('steps/min', 'nb')).toBe('steg/min');
    for (const test of ['forward-flexion', 'extension', 'lateral-flexion', 'posture'] as const)
      expect(renderSpineTest(test, 'nb')).not.toBe(renderSpineTest(test, 'en'));
  });

  it('summarises guarded-gait indicators in each language', () => {
    const ind = (id: string, value: number | null, unit: string, outside: boolean): IndicatorV1 => ({
      id,
      value,
      unit,
      reference: '',
      outside,
    });
    const list = [
      ind('long-double-support', 35.5, '% of gait cycle', true),
      ind('short-steps', 0.3, 'x height', true),
      ind('reduced-arm-swing', null, '% of height', false),
    ];
    expect(renderGuardedSummary(list, 'en')).toBe(
      '2 of 3 indicators outside reference: double support 35.5 % of gait cycle; step length / height 0.3 x height ' +
        '(1 not computable). Screening aid, not a diagnosis.',
    );
    expect(renderGuardedSummary(list, 'nb')).toBe(
      '2 av 3 indikatorer utenfor referansen: dobbeltstøtte 35,5 % av gangsyklus; steglengde i forhold til høyde ' +
        '0,3 × høyden (1 kan ikke beregnes). Et hjelpemiddel for screening, ikke en diagnose.',
    );
  });
});

describe('formatNumber', () => {
  it('uses the language’s decimal separator and minus sign, fixed or shortest digits', () => {
    expect(formatNumber(1.65, 'nb', 2)).toBe('1,65');
    expect(formatNumber(1.65, 'en', 2)).toBe('1.65');
    expect(formatNumber(1.5, 'nb', 3)).toBe('1,500');
    expect(formatNumber(0.125, 'en')).toBe('0.125');
    expect(formatNumber(-3.25, 'nb', 1)).toBe('\u22123,3');
    expect(formatNumber(-3.25, 'en', 1)).toBe('-3.3');
    expect(formatNumber(12345.6, 'nb', 1)).toBe('12345,6');
    expect(formatNumber(-0.0001, 'en', 0)).toBe('-0');
    expect(formatNumber(-0, 'en', 0)).toBe('0');
    for (const v of [null, undefined, NaN, Infinity]) expect(formatNumber(v, 'nb', 1)).toBe('–');
  });
});

describe('de-duplication compares code and parameters', () => {
  it('treats equal parameters in any key order as the same warning, any difference as another', () => {
    const a: WarningMessage = { code: 'partly-out-of-view', frames: 9, total: 73 };
    const b = JSON.parse('{"total":73,"frames":9,"code":"partly-out-of-view"}') as WarningMessage;
    expect(sameMessage(a, b)).toBe(true);
    expect(sameMessage(a, { code: 'partly-out-of-view', frames: 9, total: 74 })).toBe(false);
    expect(
      sameMessage(WARNINGS['in-pass'], {
        ...WARNINGS['in-pass'],
        warning: { code: 'legs-swapped', frames: 9 },
      }),
    ).toBe(false);
    const list: WarningMessage[] = [a];
    pushUnique(list, b, { code: 'legs-swapped', frames: 2 }, { code: 'legs-swapped', frames: 2 });
    expect(list).toEqual([a, { code: 'legs-swapped', frames: 2 }]);
  });
});

describe('results stored before codes existed', () => {
  it('maps every old English warning text back to its code', () => {
    for (const w of all) {
      // Floor-reference warnings arrive together with their codes: no stored text of them predates codes.
      const noOldText = [
        'implausible-steps',
        'legacy-text',
        'reference-height-disagree',
        'reference-not-used',
      ];
      if (noOldText.includes(w.code)) continue;
      expect(warningCodesFromTexts([renderWarning(w, 'en')])).toEqual([w]);
    }
  });

  it('keeps an unrecognised text as a legacy-text warning that renders as it was', () => {
    const text = renderWarning(WARNINGS['implausible-steps'], 'en');
    const [w] = warningCodesFromTexts([text, 'pass 3: something else']);
    expect(w).toEqual({ code: 'legacy-text', text });
    expect(warningCodesFromTexts(['pass 3: something else'])).toEqual([
      { code: 'legacy-text', text: 'pass 3: something else' },
    ]);
  });

  it('adds warning and reference codes to a stored analysis without changing the input', () => {
    const stored: AnalysisV1 = {
      format: 'ganglag.analysis/v1',
      scale: { method: 'pixels', metresPerPixel: null },
      guarded: {
        summary: '',
        indicators: [
          {
            id: 'slow-gait-speed',
            value: 0.6,
            unit: 'm/s',
            outside: true,
            reference: renderReference(REFERENCES['speed-adult'], 'en'),
          },
          { id: 'asymmetry', value: 3, unit: '% symmetry index', outside: false, reference: 'made up' },
        ],
      },
      quality: { framesTotal: 10, framesUsed: 8, warnings: OLD_WARNINGS['turn and a short way back'] },
    };
    const copy = structuredClone(stored);
    const m = migrateStoredAnalysis(stored);
    expect(stored).toEqual(copy);
    expect(m.quality.warningCodes?.map((w) => w.code)).toEqual([
      'passes-pooled',
      'pass-too-short',
      'legs-swapped',
      'age-sex-not-given',
      'steps-without-time',
    ]);
    expect(m.quality.warningCodes?.[1]).toEqual({
      code: 'pass-too-short',
      pass: 2,
      startS: 4.43,
      endS: 7.13,
      steps: 3,
    });
    expect(m.guarded?.indicators[0].referenceCode).toEqual(REFERENCES['speed-adult']);
    expect(m.guarded?.indicators[1].referenceCode).toBeUndefined();
    expect(renderIndicatorReference(m.guarded!.indicators[0], 'nb')).toMatch(
      /^≥ 1,00 m\/s \(referanse for voksne/,
    );
    expect(renderIndicatorReference(m.guarded!.indicators[1], 'nb')).toBe('made up');
    expect(migrateStoredAnalysis(m)).toEqual(m);
    expect(warningsOf(stored.quality)).toEqual(m.quality.warningCodes);
  });
});

describe('the analysis reports codes', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))(
    '%s: codes, and the same warnings as before',
    (name, s) => {
      const { warnings, codes } = s.run();
      expect(warnings).toEqual(OLD_WARNINGS[name]);
      expect(codes).toHaveLength(warnings.length);
      for (const c of codes) expect(typeof (c as WarningMessage).code).toBe('string');
      const typed = codes as WarningMessage[];
      expect(typed.map((w) => renderWarning(w, 'en'))).toEqual(warnings);
      expect(typed.some((w) => w.code === 'legacy-text')).toBe(false);
      for (const w of typed) expect(renderWarning(w, 'nb')).not.toBe(renderWarning(w, 'en'));
    },
  );
});
