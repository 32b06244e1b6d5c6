// Messages as typed codes, rendered in English or Norwegian Bokmål. Pure: the CLI, the report and the UI all
// render through these functions (shared imports no UI).
//
//   import { renderWarnings, warningsOf, formatNumber } from '../shared/messages';
//   renderWarnings(warningsOf(analysis.quality), 'nb')          // string[]: every warning in Bokmål
//   renderWarning({ code: 'partly-out-of-view', frames: 9, total: 73 }, 'en')
//   renderIndicatorReference(indicator, lang)                   // the reference an indicator is judged by
//   renderIndicatorName(id, lang), renderUnit(unit, lang), renderSpineTest(test, lang)
//   renderGuardedSummary(indicators, lang)                      // "2 of 6 indicators outside reference: …"
//   renderIndicatorSummary(indicators, lang, { scaled })         // "2 of 6 indicators could be computed; …"
//   formatNumber(1.65, 'nb', 2) === '1,65'                      // every number shown to a reader
//
// ganglag.analysis/v1 carries the codes in quality.warningCodes (and IndicatorV1.referenceCode) beside the
// English texts; warningsOf() reads them, deriving codes from the texts of results stored before codes existed.
// Adding a code: add it to the union in codes.ts; the compiler then asks for its text in en.ts and nb.ts.
import type { IndicatorV1, SpineTestId } from '../analysis-format';
import type { IndicatorId, IndicatorReference, UnitCode, WarningMessage, WarningOf } from './codes';
import { INDICATOR_IDS, UNIT_CODES } from './codes';
import { en } from './en';
import { nb } from './nb';
import { formatNumber, type Lang } from './number';
import type { MessageTable } from './table';
import { warningCodesFromTexts } from './legacy';

export * from './codes';
export { formatNumber, LANGS, LOCALES, type Lang } from './number';
export { migrateStoredAnalysis, warningCodesFromTexts } from './legacy';

const TABLES: Record<Lang, MessageTable> = { en, nb };

/** One warning as text in `lang`. */
export function renderWarning(w: WarningMessage, lang: Lang): string {
  const table = TABLES[lang];
  const render = (x: WarningMessage): string => {
    const fn = table.warning[x.code] as (m: WarningMessage, r: typeof render) => string;
    return fn(x, render);
  };
  return render(w);
}

/** Why a floor reference is not plausible, as one clause in `lang` ("the two floor reference points are …"). */
export function renderReferenceProblem(m: WarningOf<'reference-not-used'>, lang: Lang): string {
  return TABLES[lang].referenceProblem(m);
}

export function renderWarnings(ws: readonly WarningMessage[], lang: Lang): string[] {
  return ws.map((w) => renderWarning(w, lang));
}

/** The warnings of a result as codes: quality.warningCodes, else derived from the English texts (older data). */
export function warningsOf(quality: {
  warnings: string[];
  warningCodes?: WarningMessage[];
}): WarningMessage[] {
  return quality.warningCodes ?? warningCodesFromTexts(quality.warnings);
}

export function renderReference(r: IndicatorReference, lang: Lang): string {
  return (TABLES[lang].reference[r.code] as (x: IndicatorReference) => string)(r);
}

/** An indicator's reference in `lang`; the stored English text when the result predates reference codes. */
export function renderIndicatorReference(i: IndicatorV1, lang: Lang): string {
  return i.referenceCode ? renderReference(i.referenceCode, lang) : i.reference;
}

export function isIndicatorId(id: string): id is IndicatorId {
  return (INDICATOR_IDS as readonly string[]).includes(id);
}

export function isUnitCode(u: string): u is UnitCode {
  return (UNIT_CODES as readonly string[]).includes(u);
}

/** The indicator's name inside a sentence (lower case); an unknown id as it is. */
export function renderIndicatorName(id: string, lang: Lang): string {
  return isIndicatorId(id) ? TABLES[lang].indicator[id] : id;
}

/** A unit after a number; an unknown unit as it is. */
export function renderUnit(u: string, lang: Lang): string {
  return isUnitCode(u) ? TABLES[lang].unit[u] : u;
}

export function renderSpineTest(test: SpineTestId, lang: Lang): string {
  return TABLES[lang].test[test];
}

/** "n of N indicators outside reference: name value unit; …". Screening aid, not a diagnosis. */
export function renderGuardedSummary(indicators: readonly IndicatorV1[], lang: Lang): string {
  const outside = indicators
    .filter((i) => i.outside)
    .map(
      (i) => `${renderIndicatorName(i.id, lang)} ${formatNumber(i.value, lang)} ${renderUnit(i.unit, lang)}`,
    );
  const notComputable = indicators.filter((i) => i.value === null).length;
  return TABLES[lang].guardedSummary({ outside, total: indicators.length, notComputable });
}

/** Indicators that need a metric scale (the subject's height): speeds and lengths. */
const NEEDS_SCALE: ReadonlySet<string> = new Set<IndicatorId>([
  'slow-gait-speed',
  'short-steps',
  'high-heel-strike-velocity',
]);

/**
 * What the app shows above the indicator table: how many of them could be computed, which are outside their
 * reference, and for the others what is missing and how to get it (`scaled`: the result is in metres). Screening
 * aid, not a diagnosis. renderGuardedSummary stays the stored summary of ganglag.analysis/v1.
 */
export function renderIndicatorSummary(
  indicators: readonly IndicatorV1[],
  lang: Lang,
  opts: { scaled: boolean },
): string {
  const computed = indicators.filter((i) => i.value !== null);
  const missing = indicators.filter((i) => i.value === null);
  const heightHelps = (i: IndicatorV1): boolean => !opts.scaled && NEEDS_SCALE.has(i.id);
  return TABLES[lang].indicatorSummary({
    total: indicators.length,
    computed: computed.length,
    outside: computed
      .filter((i) => i.outside)
      .map(
        (i) =>
          `${renderIndicatorName(i.id, lang)} ${formatNumber(i.value, lang)} ${renderUnit(i.unit, lang)}`,
      ),
    cannotJudge: computed
      .filter((i) => !i.outside && i.judgement === 'cannot-judge')
      .map((i) => renderIndicatorName(i.id, lang)),
    needHeight: missing.filter(heightHelps).map((i) => renderIndicatorName(i.id, lang)),
    needView: missing.filter((i) => !heightHelps(i)).map((i) => renderIndicatorName(i.id, lang)),
  });
}

/**
 * The two warning fields of ganglag.analysis/v1's quality, from codes: the English texts (compatibility) and
 * the codes themselves. Spread it into a quality object: `{ framesTotal, framesUsed, ...warningFields(ws) }`.
 */
export function warningFields(ws: readonly WarningMessage[]): {
  warnings: string[];
  warningCodes: WarningMessage[];
} {
  return { warnings: renderWarnings(ws, 'en'), warningCodes: [...ws] };
}
