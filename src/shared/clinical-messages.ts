// Typed messages of the floor reference, the walk tests and the chair tests, rendered in English and Bokmål.
// Kept apart from messages/codes.ts (owned elsewhere) until its WarningMessage union takes these codes.
import type { Lang } from './messages/number';
import { formatNumber } from './messages/number';
import { MAX_REFERENCE_M, MIN_REFERENCE_PX, type ReferenceProblem } from './reference';
import type { TrialRejection, WalkDirection } from './clinical-tests';

export type ClinicalMessage =
  | { code: 'reference-set-aside'; problem: ReferenceProblem; metres: number; width: number; height: number }
  | {
      code: 'reference-height-disagree';
      pct: number;
      referenceMpp: number;
      heightMpp: number;
      impliedHeightM: number;
      heightM: number;
    }
  | { code: 'reference-implausible' }
  | { code: 'zone-length'; zoneM: number; expectedM: number }
  | { code: 'trial-rejected'; reason: TrialRejection; direction: WalkDirection; startS: number; atS: number }
  | { code: 'too-few-trials'; found: number; expected: number }
  | { code: 'no-trial' }
  | { code: 'no-sit-stand'; rangeLegs: number }
  | { code: 'too-few-stands'; found: number; expected: number }
  | { code: 'recording-shorter'; recordedS: number; neededS: number }
  | { code: 'tug-incomplete' }
  | { code: 'fps-mismatch'; measuredFps: number; declaredFps: number };

/** A reference problem as one sentence. */
export function renderReferenceProblem(
  p: ReferenceProblem,
  ref: { metres: number },
  frame: { width: number; height: number } | undefined,
  lang: Lang,
): string {
  const n = (x: number, d?: number): string => formatNumber(x, lang, d);
  const size = frame ? `${frame.width}x${frame.height}` : '?';
  if (lang === 'nb') {
    switch (p) {
      case 'not-finite':
        return 'gulvreferansen trenger fem tall';
      case 'distance-zero':
        return `avstanden i gulvreferansen må være over 0 m, fikk ${n(ref.metres)}`;
      case 'distance-too-long':
        return `avstanden i gulvreferansen, ${n(ref.metres)} m, er over ${MAX_REFERENCE_M} m (centimeter skrevet som meter?)`;
      case 'coincident-points':
        return 'de to punktene i gulvreferansen er samme punkt';
      case 'points-too-close':
        return `de to punktene i gulvreferansen ligger under ${MIN_REFERENCE_PX} px fra hverandre: marker punkter lenger fra hverandre`;
      case 'outside-frame':
        return `et punkt i gulvreferansen ligger utenfor bildet på ${size} px`;
    }
  }
  switch (p) {
    case 'not-finite':
      return 'the floor reference needs five numbers';
    case 'distance-zero':
      return `the floor reference distance must be above 0 m, got ${n(ref.metres)}`;
    case 'distance-too-long':
      return `the floor reference distance ${n(ref.metres)} m is over ${MAX_REFERENCE_M} m (centimetres typed as metres?)`;
    case 'coincident-points':
      return 'the two floor reference points are the same point';
    case 'points-too-close':
      return `the two floor reference points are under ${MIN_REFERENCE_PX} px apart: mark points further apart`;
    case 'outside-frame':
      return `a floor reference point lies outside the ${size} px frame`;
  }
}

const DIRECTION: Record<Lang, Record<WalkDirection, string>> = {
  en: { 'left-to-right': 'left to right', 'right-to-left': 'right to left' },
  nb: { 'left-to-right': 'fra venstre mot høyre', 'right-to-left': 'fra høyre mot venstre' },
};
const REJECTION: Record<Lang, Record<TrialRejection, string>> = {
  en: {
    'left-view': 'the person left the view or was lost',
    stopped: 'the person stopped',
    turned: 'the person turned back',
  },
  nb: {
    'left-view': 'personen gikk ut av bildet eller ble borte',
    stopped: 'personen stoppet',
    turned: 'personen snudde',
  },
};

/** One clinical-test message as one sentence in `lang`. */
export function renderClinicalMessage(m: ClinicalMessage, lang: Lang): string {
  const n = (x: number, d?: number): string => formatNumber(x, lang, d);
  const nb = lang === 'nb';
  switch (m.code) {
    case 'reference-set-aside':
      return nb
        ? `gulvreferansen er ikke brukt: ${renderReferenceProblem(m.problem, m, m, lang)}`
        : `floor reference not used: ${renderReferenceProblem(m.problem, m, m, lang)}`;
    case 'reference-height-disagree':
      return nb
        ? `gulvreferansen og høyden spriker med ${n(m.pct, 0)} %: referansen gir ${n(m.referenceMpp, 6)} m/px (personen ${n(m.impliedHeightM, 2)} m høy), høyden ${n(m.heightM)} m gir ${n(m.heightMpp, 6)} m/px; referansen er brukt: kontroller merkene og avstanden`
        : `floor reference and height disagree by ${n(m.pct, 0)} %: the reference gives ${n(m.referenceMpp, 6)} m/px (the subject ${n(m.impliedHeightM, 2)} m tall), the height ${n(m.heightM)} m gives ${n(m.heightMpp, 6)} m/px; the reference is used: check its marks and distance`;
    case 'reference-implausible':
      return nb
        ? 'gulvreferansen passer ikke til dette opptaket: ingen gangtest er tatt tid på'
        : 'the floor reference is not plausible for this recording: no walk test timed';
    case 'zone-length':
      return nb
        ? `den tidtatte sonen er ${n(m.zoneM)} m; protokollen tar tiden over ${n(m.expectedM)} m: farten regnes over ${n(m.zoneM)} m`
        : `the timed zone is ${n(m.zoneM)} m; the protocol times ${n(m.expectedM)} m: speeds use ${n(m.zoneM)} m`;
    case 'trial-rejected':
      return nb
        ? `forsøket ${DIRECTION.nb[m.direction]} fra ${n(m.startS, 2)} s er ikke tatt tid på: ${REJECTION.nb[m.reason]} i sonen (ved ${n(m.atS, 2)} s)`
        : `trial ${DIRECTION.en[m.direction]} from ${n(m.startS, 2)} s not timed: ${REJECTION.en[m.reason]} in the zone (at ${n(m.atS, 2)} s)`;
    case 'too-few-trials':
      return nb
        ? `${m.found} forsøk tatt tid på; protokollen ber om ${m.expected}`
        : `${m.found} trial(s) timed; the protocol asks for ${m.expected}`;
    case 'no-trial':
      return nb
        ? 'ingen forsøk krysset begge endene av den tidtatte sonen: ikke noe resultat'
        : 'no trial crossed both ends of the timed zone: no walk test result';
    case 'no-sit-stand':
      return nb
        ? `fant ikke sitte og reise seg (hofta beveget seg ${n(m.rangeLegs, 2)} beinlengder opp og ned): film fra siden med stolen og føttene i bildet`
        : `no sitting and standing found (the hip moved ${n(m.rangeLegs, 2)} leg lengths up and down): film side-on with the chair and feet in view`;
    case 'too-few-stands':
      return nb
        ? `${m.found} hele oppreisninger funnet; testen trenger ${m.expected}: ingen tid`
        : `${m.found} full stand(s) found; the test needs ${m.expected}: no time`;
    case 'recording-shorter':
      return nb
        ? `opptaket slutter ${n(m.recordedS, 1)} s etter første oppreisning, før ${m.neededS} s: oppreisninger talt så langt`
        : `the recording ends ${n(m.recordedS, 1)} s after the first rise, before ${m.neededS} s: stands counted so far`;
    case 'fps-mismatch':
      return nb
        ? `tidsstemplene gir ${n(m.measuredFps, 1)} bilder/s, men fila oppgir ${n(m.declaredFps)}: tidene følger tidsstemplene`
        : `the timestamps give ${n(m.measuredFps, 1)} frames/s but the file declares ${n(m.declaredFps)}: times follow the timestamps`;
    case 'tug-incomplete':
      return nb
        ? 'fant ingen fullstendig Timed Up and Go (reise seg, gå, snu, gå tilbake og sette seg): ingen tid'
        : 'no complete Timed Up and Go (rise, walk, turn, walk back and sit) found: no time';
  }
}
