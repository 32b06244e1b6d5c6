// The shape of one language's message table: a renderer for every code, so a code missing a translation in
// either language is a compile error.
import type { SpineTestId } from '../analysis-format';
import type {
  IndicatorId,
  ReferenceCode,
  ReferenceOf,
  UnitCode,
  WarningCode,
  WarningMessage,
  WarningOf,
} from './codes';

export interface MessageTable {
  /** Why a floor reference is not plausible, as one clause (also the CLI's `--ref` error). */
  referenceProblem: (m: WarningOf<'reference-not-used'>) => string;
  warning: { [C in WarningCode]: (m: WarningOf<C>, render: (w: WarningMessage) => string) => string };
  reference: { [C in ReferenceCode]: (r: ReferenceOf<C>) => string };
  /** The indicator as named inside a sentence (lower case). */
  indicator: Record<IndicatorId, string>;
  /** A unit as shown after a number. */
  unit: Record<UnitCode, string>;
  /** A spine test as named inside a sentence. */
  test: Record<SpineTestId, string>;
  /** The guarded-gait summary; `outside` is the list of "name value unit" already rendered. */
  guardedSummary: (s: { outside: string[]; total: number; notComputable: number }) => string;
  /**
   * The summary the app shows: how many indicators could be computed, how they compare with their reference
   * (`outside`: "name value unit" already rendered) and what the others need (`needHeight`, `needView`: names).
   */
  indicatorSummary: (s: {
    total: number;
    computed: number;
    outside: string[];
    /** Computed, but the walk's own spread (or a one-sided view) is too large to judge them: names. */
    cannotJudge: string[];
    needHeight: string[];
    needView: string[];
  }) => string;
}
