// What a session holds beside the tracked metrics: the patient's self-report and the standard clinical tests
// (timed walk tests, chair tests). One table of items each, shared by the PDF, the CSV and FHIR.
import type { FunctionalTestId, FunctionalV1, WalkTestId, WalkTestV1 } from '../shared/clinical-tests';
import type { SelfReport, SessionRecord } from '../storage/types';

/** The project code system of self-reported items (docs/exports.md). */
export const GANGLAG_SELF_REPORT_SYSTEM = 'urn:ganglag:self-report';
export const GANGLAG_WALKING_AID_SYSTEM = 'urn:ganglag:walking-aid';
/** The project code system of clinical-test results: `${test}-speed`, `${test}-time`, `${test}-count`. */
export const GANGLAG_CLINICAL_TEST_SYSTEM = 'urn:ganglag:clinical-test';

export const SELF_REPORT_ITEMS = [
  'pain-now',
  'pain-during-test',
  'morning-stiffness',
  'since-getting-up',
  'walking-aid',
  'note',
] as const;
export type SelfReportItem = (typeof SELF_REPORT_ITEMS)[number];

export interface SelfReportItemDef {
  id: SelfReportItem;
  field: keyof SelfReport;
  csvColumn: string;
  /** English name, the FHIR code's display. */
  label: string;
  /** UCUM code of a numeric answer; null for a coded or text answer. */
  ucum: string | null;
}

export const SELF_REPORT_DEFS: Readonly<Record<SelfReportItem, SelfReportItemDef>> = {
  'pain-now': {
    id: 'pain-now',
    field: 'painNowNrs',
    csvColumn: 'pain_now_nrs',
    label: 'Pain now, numeric rating scale 0-10 (patient-reported)',
    ucum: '{score}',
  },
  'pain-during-test': {
    id: 'pain-during-test',
    field: 'painDuringNrs',
    csvColumn: 'pain_during_test_nrs',
    label: 'Pain during the test, numeric rating scale 0-10 (patient-reported)',
    ucum: '{score}',
  },
  'morning-stiffness': {
    id: 'morning-stiffness',
    field: 'morningStiffnessMin',
    csvColumn: 'morning_stiffness_min',
    label: 'Duration of morning stiffness today (patient-reported)',
    ucum: 'min',
  },
  'since-getting-up': {
    id: 'since-getting-up',
    field: 'sinceGettingUpMin',
    csvColumn: 'time_since_getting_up_min',
    label: 'Time since getting up (patient-reported)',
    ucum: 'min',
  },
  'walking-aid': {
    id: 'walking-aid',
    field: 'walkingAid',
    csvColumn: 'walking_aid',
    label: 'Walking aid used (patient-reported)',
    ucum: null,
  },
  note: {
    id: 'note',
    field: 'note',
    csvColumn: 'self_report_note',
    label: "Patient's note",
    ucum: null,
  },
};

/**
 * LOINC 72514-3 "Pain severity - 0-10 verbal numeric rating [Score] - Reported": a patient-reported 0-10 rating
 * (0 no pain, 10 worst imaginable) at a point in time, which is "pain now". Pain during the test is the same
 * scale tied to an activity the code does not name, so it keeps the project code only.
 */
export const LOINC_PAIN_NOW = {
  code: '72514-3',
  display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported',
};

/** The answered items of a session's self-report, in table order. */
export function selfReportAnswers(
  r: SelfReport | undefined,
): { def: SelfReportItemDef; value: number | string }[] {
  if (!r) return [];
  return SELF_REPORT_ITEMS.map((id) => SELF_REPORT_DEFS[id])
    .map((def) => ({ def, value: r[def.field] }))
    .filter((a): a is { def: SelfReportItemDef; value: number | string } => a.value !== undefined);
}

/** One numeric result of a clinical test, as exported. */
export interface TestResult {
  /** Project code, e.g. "walk-4m-speed". */
  code: string;
  test: WalkTestId | FunctionalTestId;
  kind: 'speed' | 'time' | 'count';
  value: number;
  /** UCUM: m/s, s or {count}. */
  ucum: string;
  unit: string;
  decimals: number;
}

const speed = (test: WalkTestId, value: number): TestResult => ({
  code: `${test}-speed`,
  test,
  kind: 'speed',
  value,
  ucum: 'm/s',
  unit: 'm/s',
  decimals: 2,
});
const time = (test: WalkTestId | FunctionalTestId, value: number): TestResult => ({
  code: `${test}-time`,
  test,
  kind: 'time',
  value,
  ucum: 's',
  unit: 's',
  decimals: 2,
});

/**
 * The protocol results of a walk or chair test (per-trial and per-phase detail stays in the stored analysis):
 * walk tests the protocol's speed and the best trial's time; sit-to-stand-5 time and stands; 30-second chair
 * stand the stands (its time is the fixed 30 s); Timed Up and Go the time.
 */
export function testResults(s: Pick<SessionRecord, 'analysis'>): TestResult[] {
  const out: TestResult[] = [];
  const w: WalkTestV1 | undefined = s.analysis.walkTest;
  if (w) {
    if (w.speedMps !== null) out.push(speed(w.test, w.speedMps));
    if (w.bestTimeS !== null) out.push(time(w.test, w.bestTimeS));
  }
  const f: FunctionalV1 | undefined = s.analysis.functional;
  if (f) {
    if (f.timeS !== null && f.test !== 'chair-stand-30s') out.push(time(f.test, f.timeS));
    if (f.count !== null && f.test !== 'tug') {
      out.push({
        code: `${f.test}-count`,
        test: f.test,
        kind: 'count',
        value: f.count,
        ucum: '{count}',
        unit: '',
        decimals: 0,
      });
    }
  }
  return out;
}
