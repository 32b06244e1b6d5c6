// The self-report form's parsing, pure (no DOM) so it is unit-tested in Node: the typed text of each field in,
// a SelfReport (or nothing) and one problem per bad field out. Every field may be left empty.
// The same text rule as storage: what the form accepts, the database stores.
import { unsafeTextReason } from '../../storage/backup';
import { SELF_REPORT_LIMITS, WALKING_AIDS, type SelfReport, type WalkingAid } from '../../storage/types';

/** What the form's fields hold, as typed. */
export interface SelfReportFields {
  painNow: string;
  painDuring: string;
  /** Minutes. */
  morningStiffness: string;
  /** Hours, decimals allowed ("1,5" or "1.5"); stored as whole minutes. */
  sinceGettingUpH: string;
  /** '' or a WalkingAid. */
  walkingAid: string;
  note: string;
}

export type SelfReportField = keyof SelfReportFields;

export const EMPTY_FIELDS: SelfReportFields = {
  painNow: '',
  painDuring: '',
  morningStiffness: '',
  sinceGettingUpH: '',
  walkingAid: '',
  note: '',
};

/**
 * not-number: not a number; range: outside min..max (in the field's own unit); whole: the NRS takes whole numbers;
 * too-long, unsafe-text: the note; choice: not one of the offered walking aids.
 */
export type SelfReportProblem =
  | { field: SelfReportField; code: 'not-number' }
  | { field: SelfReportField; code: 'range'; min: number; max: number }
  | { field: SelfReportField; code: 'whole' }
  | { field: SelfReportField; code: 'too-long'; max: number }
  | { field: SelfReportField; code: 'unsafe-text' }
  | { field: SelfReportField; code: 'choice' };

export const SINCE_GETTING_UP_MAX_H = SELF_REPORT_LIMITS.sinceGettingUpMaxMin / 60;

/**
 * A decimal number as a Norwegian or English reader types it: "1,5", "1.5", " 2 ", "-0". Digits, one decimal
 * mark (comma or point), an optional leading minus; no thousands separators, no exponent. '' (or spaces) gives
 * null; anything else that is not such a number gives NaN.
 */
export function parseDecimal(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  if (!/^-?(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) return NaN;
  return Number(s.replace(',', '.'));
}

/** Parses the typed fields. `value` holds the valid answers only; undefined when none was given. */
export function parseSelfReport(fields: SelfReportFields): {
  value: SelfReport | undefined;
  problems: SelfReportProblem[];
} {
  const out: SelfReport = {};
  const problems: SelfReportProblem[] = [];

  const nrs = (field: 'painNow' | 'painDuring'): number | undefined => {
    const n = parseDecimal(fields[field]);
    if (n === null) return undefined;
    if (Number.isNaN(n)) problems.push({ field, code: 'not-number' });
    else if (n < 0 || n > SELF_REPORT_LIMITS.nrsMax)
      problems.push({ field, code: 'range', min: 0, max: SELF_REPORT_LIMITS.nrsMax });
    else if (!Number.isInteger(n)) problems.push({ field, code: 'whole' });
    else return n;
    return undefined;
  };
  /** A duration typed in `unitMin` minutes per unit, kept as whole minutes. */
  const minutes = (field: 'morningStiffness' | 'sinceGettingUpH', maxMin: number, unitMin: number) => {
    const n = parseDecimal(fields[field]);
    if (n === null) return undefined;
    const max = maxMin / unitMin;
    if (Number.isNaN(n)) problems.push({ field, code: 'not-number' });
    else if (n < 0 || n > max) problems.push({ field, code: 'range', min: 0, max });
    // Whole minutes: nobody reports stiffness to the second; rounding stays inside 0..max.
    else return Math.round(n * unitMin);
    return undefined;
  };

  const painNow = nrs('painNow');
  if (painNow !== undefined) out.painNowNrs = painNow;
  const painDuring = nrs('painDuring');
  if (painDuring !== undefined) out.painDuringNrs = painDuring;
  const stiff = minutes('morningStiffness', SELF_REPORT_LIMITS.morningStiffnessMaxMin, 1);
  if (stiff !== undefined) out.morningStiffnessMin = stiff;
  const since = minutes('sinceGettingUpH', SELF_REPORT_LIMITS.sinceGettingUpMaxMin, 60);
  if (since !== undefined) out.sinceGettingUpMin = since;

  const aid = fields.walkingAid;
  if (aid !== '') {
    if ((WALKING_AIDS as readonly string[]).includes(aid)) out.walkingAid = aid as WalkingAid;
    else problems.push({ field: 'walkingAid', code: 'choice' });
  }

  const note = fields.note.trim();
  if (note !== '') {
    if (note.length > SELF_REPORT_LIMITS.noteMaxChars)
      problems.push({ field: 'note', code: 'too-long', max: SELF_REPORT_LIMITS.noteMaxChars });
    else if (unsafeTextReason(note) !== null) problems.push({ field: 'note', code: 'unsafe-text' });
    else out.note = note;
  }
  return { value: Object.keys(out).length > 0 ? out : undefined, problems };
}
