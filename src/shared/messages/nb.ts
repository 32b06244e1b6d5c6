// Norwegian Bokmål text of every message code, as a Norwegian clinician writes it.
// Glossary: steg / steglengde = step, skritt / skrittlengde = stride (two steps); hælisetting = heel strike.
import { formatNumber as num } from './number';
import type { MessageTable } from './table';
import type { RejectedStepMessage, WarningOf } from './codes';

const n = (v: number, digits?: number): string => num(v, 'nb', digits);

/** "a", "a og b", "a, b og c". */
function listNb(xs: readonly string[]): string {
  return xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} og ${xs[xs.length - 1]}`;
}
const side = (f: 'left' | 'right'): string => (f === 'left' ? 'venstre' : 'høyre');

function rejected(r: RejectedStepMessage): string {
  const at = `${side(r.foot)} fot ved ${n(r.tS, 2)} s`;
  if (r.reason === 'time') return `${at}: stegtid ${n(r.timeS, 2)} s (under ${n(r.minTimeS)} s)`;
  const len = r.unit === 'm' ? `${n(r.length, 3)} m` : `${n(r.length, 1)} px`;
  const min = r.minPctHeight === null ? 'null' : `${n(r.minPctHeight)} % av kroppshøyden`;
  return `${at}: steglengde ${len} (ikke over ${min})`;
}

function referenceProblem(m: WarningOf<'reference-not-used'>): string {
  switch (m.problem) {
    case 'not-finite':
      return 'gulvmarkeringen trenger fem tall';
    case 'distance-zero':
      return `avstanden mellom merkene må være over 0 m, men er ${n(m.metres)}`;
    case 'distance-too-long':
      return `avstanden ${n(m.metres)} m er over ${n(m.maxM)} m (centimeter skrevet som meter?)`;
    case 'coincident-points':
      return 'de to merkene på gulvet er samme punkt';
    case 'points-too-close':
      return `de to merkene på gulvet ligger under ${n(m.minPx)} px fra hverandre: merk punkter lenger fra hverandre`;
    case 'outside-frame':
      return `et merke på gulvet ligger utenfor bildet på ${m.frame ? n(m.frame.width) : '?'} × ${m.frame ? n(m.frame.height) : '?'} px`;
  }
}

const DIRECTION = {
  'left-to-right': 'fra venstre mot høyre',
  'right-to-left': 'fra høyre mot venstre',
} as const;
const REJECTION = {
  'left-view': 'personen gikk ut av bildet eller ble borte',
  stopped: 'personen stoppet',
  turned: 'personen snudde',
} as const;

const pass = (k: number, startS: number, endS: number): string =>
  `passering ${k} (${n(startS, 2)}–${n(endS, 2)} s)`;

const TEST = {
  'forward-flexion': 'foroverbøyning',
  extension: 'bakoverbøyning',
  'lateral-flexion': 'sidebøyning',
  posture: 'stående holdning',
} as const;

const VIEW = { side: 'fra siden', front: 'forfra', oblique: 'på skrå' } as const;

export const nb: MessageTable = {
  referenceProblem,
  warning: {
    'no-scale': () =>
      'ingen høyde, avstand merket på gulvet eller 3D-punkter å skalere etter: lengder og fart er i piksler (ikke i meter)',
    'height-unusable': () =>
      'høyden er oppgitt, men kroppssegmentene ble ikke funnet: lengder og fart er i piksler (ikke i meter)',
    'height-scale-uncertain': (m) =>
      `høydeskalaen er usikker: beregningen via ${m.chain === 'eye' ? 'øynene' : m.chain === 'ear' ? 'ørene' : 'skuldrene'} og via skuldrene avviker med ${n(m.pct)} % (uvanlige proporsjoner eller usikre punkter); en avstand merket på gulvet er tryggere`,
    'reference-height-disagree': (m) =>
      `avstanden merket på gulvet og høyden gir ulik skala, med ${n(m.pct, 0)} % forskjell: gulvmarkeringen gir ${n(m.referenceMpp, 6)} m/px ` +
      `(personen ville vært ${n(m.impliedHeightM, 2)} m høy), høyden ${n(m.heightM)} m gir ${n(m.heightMpp, 6)} m/px; ` +
      'gulvmarkeringen brukes: kontroller merkene og avstanden',
    'reference-not-used': (m) => `avstanden merket på gulvet er ikke brukt: ${referenceProblem(m)}`,
    'no-walking-direction': () => 'hoftene er sett i færre enn to bilder: gangretningen kan ikke bestemmes',
    'no-walk-across': (m) =>
      `ingen gange på tvers av bildet (personen står, eller går mot eller fra kameraet i stedet for forbi det): bekkenet flyttet seg ${n(m.pct)} % av kroppshøyden (krever 50 %); ingen gange målt`,
    'body-size-changes': (m) =>
      `kroppen endrer størrelse med ${n(m.pct)} % under gangen: ikke filmet fra siden (personen går mot eller fra kameraet)`,
    'floor-tilted': (m) => `gulvet heller ${n(m.deg)}° i bildet: rett opp kameraet`,
    'short-recording': (m) => `kortere enn to skritt (${n(m.heelStrikes)} hælisettinger): målene er usikre`,
    'partly-out-of-view': (m) =>
      `delvis utenfor bildet: hofter, knær eller ankler mangler i ${n(m.frames)} av ${n(m.total)} bilder`,
    'legs-swapped': (m) => `venstre og høyre bein var forvekslet og ble rettet i ${n(m.frames)} bilder`,
    'too-few-heel-strikes': (m) => `bare ${n(m.n)} hælisetting(er) funnet: ingen steg å måle`,
    'implausible-steps': (m) =>
      `${n(m.steps.length)} usannsynlige steg er utelatt som falske hælisettinger: ${m.steps.map(rejected).join('; ')}`,
    'too-few-plausible-strikes': (m) => `bare ${n(m.n)} troverdige hælisetting(er): ingen steg å måle`,
    'age-sex-not-given': (m) =>
      `alder eller kjønn er ikke oppgitt: ganghastigheten er vurdert mot en referanse for voksne (${n(m.referenceMps, 1)} m/s)`,
    'less-than-one-stride': () => 'mindre enn ett helt skritt: skrittlengde, kadens og ganghastighet mangler',
    'steps-without-time': (m) =>
      `${n(m.n)} steg uten stegtid: ingen tidligere hælisetting med den andre foten (første steg eller en hælisetting som ble oversett)`,
    'step-lengths-unmeasured': () =>
      'noen steglengder kunne ikke måles (foten ble ikke fulgt rundt hælisettingen) og mangler',
    'pass-too-short': (m) =>
      `${pass(m.pass, m.startS, m.endS)} er for kort til å måles (${n(m.steps)} steg, mindre enn ett helt skritt): holdt utenfor samlet resultat`,
    'no-measurable-pass': (m) =>
      `${n(m.passes)} passeringer gjennom bildet funnet, ingen med et helt skritt; den lengste er analysert, ${pass(m.pass, m.startS, m.endS)}`,
    'passes-pooled': (m) =>
      `${n(m.passes)} passeringer gjennom bildet funnet; samlet resultat bygger på ${m.pooled.length === m.passes ? 'alle' : n(m.pooled.length)} (${m.pooled.map((k) => `passering ${k}`).join(', ')})`,
    'passes-pooled-in-pixels': () =>
      'noen passeringer kunne ikke skaleres: alle passeringer er slått sammen i piksler',
    'in-pass': (m, render) => `passering ${m.pass}: ${render(m.warning)}`,
    'no-trunk-frames': () => 'ingen bilder viser både skuldre og hofter; ingenting å måle',
    'walks-across': () =>
      'personen går på tvers av bildet: dette ser ut som et gangopptak, ikke en rygg- eller holdningstest',
    'test-undetected': () =>
      'kunne ikke avgjøre ut fra bevegelsen hvilken test dette er; velg testen (--test på kommandolinjen)',
    'test-detected': (m) => `testen er gjenkjent ut fra bevegelsen: ${TEST[m.test]}`,
    'height-unscalable-spine': () =>
      'høyden er oppgitt, men ingen bilder der personen står oppreist viser bein og hode eller skuldre å skalere etter',
    'no-height-cm-null': () =>
      'ingen høyde (--height eller subject.heightM) og ingen 3D-punkter: avstander i cm mangler',
    'no-scale-cm-null': () => 'ingenting å skalere etter: avstander i cm mangler',
    'wrong-view': (m) =>
      `${TEST[m.test]} må filmes ${VIEW[m.wanted]} (${m.wanted === 'side' ? 'med siden mot kameraet' : 'med ansiktet mot kameraet'}), ` +
      `men opptaket viser ${m.seen === null ? 'ingen tydelig vinkel' : `personen ${VIEW[m.seen]}`}; ingen bevegelsesutslag målt`,
    'turned-from-side': (m) =>
      `${TEST[m.test]}: personen står vridd omtrent ${n(m.yawDeg)}° bort fra ren sidestilling; vinklene er korrigert for det, ` +
      'men er mindre nøyaktige enn rett fra siden',
    'trunk-pelvis-twist': (m) =>
      `${TEST[m.test]}: skuldrene er vridd omtrent ${n(m.shoulderYawDeg)}° og hoftene omtrent ${n(m.hipYawDeg)}° fra ren sidestilling; ` +
      'det er en rotasjon i kroppen, ikke en vridd stilling, så vinklene er ikke korrigert for vridning',
    'oblique-view': (m) =>
      `${TEST[m.test]}: kameraet ser personen på skrå, ikke rett ${VIEW[m.wanted]}; vinklene kan bli for små`,
    'sides-unknown': () => 'kunne ikke skille personens venstre og høyre side; sidene kan være byttet om',
    'facing-unknown': () =>
      'kunne ikke avgjøre hvilken vei personen vender; det største utslaget er tatt som testens retning',
    'opposite-movement': (m) =>
      `bevegelsen ser ut som ${TEST[m.opposite]}, ikke ${TEST[m.test]}; ingen repetisjon telt`,
    'no-repetition': (m) => `${TEST[m.test]}: ingen repetisjon funnet`,
    'repetition-count': (m) =>
      `${TEST[m.test]}: fant ${n(m.found)} repetisjoner; protokollen ber om ${n(m.asked)}`,
    'side-repetition-count': (m) =>
      `sidebøyning: fant ${n(m.found)} repetisjoner mot ${side(m.side)}; protokollen ber om ${n(m.asked)}`,
    'fingertip-floor-null': () =>
      'fingertupp–gulv-avstanden mangler der skala, håndledd eller føtter mangler',
    'posture-facing-unknown': () =>
      'holdning: kunne ikke avgjøre hvilken vei personen vender i opptaket fra siden; målene fra siden mangler',
    'posture-no-side-view': () =>
      'holdning: ingen rolige bilder fra siden; framskutt hode, foroverlent overkropp og overstrekte knær mangler',
    'posture-no-front-view': () =>
      'holdning: ingen rolige bilder forfra; skjevhet i skuldre og bekken mangler',
    'posture-no-scale': () =>
      'holdning: ingen høyde eller 3D-punkter å skalere etter; framskutt hode i cm mangler',
    'reference-implausible': () =>
      'avstanden merket på gulvet passer ikke til dette opptaket: ingen gangtest er tatt tid på',
    'zone-length': (m) =>
      `den tidtatte sonen er ${n(m.zoneM)} m; protokollen tar tiden over ${n(m.expectedM)} m: farten regnes over ${n(m.zoneM)} m`,
    'trial-rejected': (m) =>
      `forsøket ${DIRECTION[m.direction]} fra ${n(m.startS, 2)} s er ikke tatt tid på: ${REJECTION[m.reason]} i sonen (ved ${n(m.atS, 2)} s)`,
    'too-few-trials': (m) => `${n(m.found)} forsøk tatt tid på; protokollen ber om ${n(m.expected)}`,
    'no-trial': () => 'ingen forsøk krysset begge endene av den tidtatte sonen: ikke noe resultat',
    'no-sit-stand': (m) =>
      `fant ikke sitte og reise seg (hofta beveget seg ${n(m.rangeLegs, 2)} beinlengder opp og ned): film fra siden med stolen og føttene i bildet`,
    'too-few-stands': (m) =>
      `${n(m.found)} hele oppreisninger funnet; testen trenger ${n(m.expected)}: ingen tid`,
    'recording-shorter': (m) =>
      `opptaket slutter ${n(m.recordedS, 1)} s etter første oppreisning, før ${n(m.neededS)} s: oppreisninger talt så langt`,
    'tug-incomplete': () =>
      'fant ingen fullstendig Timed Up and Go (reise seg, gå, snu, gå tilbake og sette seg): ingen tid',
    'fps-mismatch': (m) =>
      `tidsstemplene gir ${n(m.measuredFps, 1)} bilder/s, men fila oppgir ${n(m.declaredFps)}: tidene følger tidsstemplene`,
    'no-movement-recognised': () =>
      'ingen steg og ingen ryggtest gjenkjent ut fra bevegelsen; bruk --test forward-flexion|extension|lateral-flexion|posture for en ryggtest',
    'legacy-text': (m) => m.text,
  },
  reference: {
    'speed-age-sex': (r) =>
      `≥ ${n(r.minMps, 2)} m/s (${n(r.share * 100)} % av ${n(r.normMps, 2)} m/s, ${r.sex === 'female' ? 'kvinne' : 'mann'} ${n(r.ageYears)} år; Bohannon & Andrews 2011)`,
    'speed-adult': (r) =>
      `≥ ${n(r.minMps, 2)} m/s (referanse for voksne, alder og kjønn ikke oppgitt; Fritz & Lusardi 2009)`,
    'step-length-height': (r) =>
      `≥ ${n(r.min)} × høyden (screeninggrense uten publisert norm; friske voksne omtrent ${n(r.typical)}, Grieve & Gear 1966; ikke justert for alder; sammenlign med personens egne tidligere målinger)`,
    'double-support': (r) =>
      `≤ ${n(r.maxPct)} % (screeninggrense uten publisert norm; friske voksne omtrent 20–24 %, Perry & Burnfield 2010; ikke justert for alder; sammenlign med personens egne tidligere målinger)`,
    'arm-swing': (r) =>
      `≥ ${n(r.minPctHeight)} % av høyden (screeninggrense uten publisert norm; sammenlign med personens egne tidligere målinger)`,
    'trunk-sway': (r) =>
      `≥ ${n(r.minDeg)}° (screeninggrense uten publisert norm; friske omtrent 3–6°, Thorstensson mfl. 1984; sammenlign med personens egne tidligere målinger)`,
    'heel-strike-velocity': (r) =>
      `≤ ${n(r.maxMps)} m/s (screeninggrense uten publisert norm; sammenlign med personens egne tidligere målinger)`,
    asymmetry: (r) =>
      `≤ ${n(r.maxPct)} % asymmetri (den største av steglengde og stegtid; screeninggrense uten publisert norm for denne metoden, jf. forholdstall ${n(1 + r.maxPct / 100, 2)} etter hjerneslag, Patterson mfl. 2010; sammenlign med personens egne tidligere målinger)`,
  },
  indicator: {
    'slow-gait-speed': 'ganghastighet',
    'short-steps': 'steglengde i forhold til høyde',
    'long-double-support': 'dobbeltstøtte',
    'reduced-arm-swing': 'armsving',
    'reduced-trunk-sway': 'overkroppens bevegelse fram og tilbake',
    'high-heel-strike-velocity': 'fotens fall før hælisetting',
    asymmetry: 'stegasymmetri',
  },
  unit: {
    'm/s': 'm/s',
    'x height': '× høyden',
    '% of gait cycle': '% av gangsyklus',
    '% of height': '% av høyden',
    deg: '°',
    '% asymmetry index': '% asymmetriindeks',
    '% symmetry index': '% asymmetriindeks',
    m: 'm',
    cm: 'cm',
    px: 'px',
    s: 's',
    '%': '%',
    'steps/min': 'steg/min',
  },
  test: TEST,
  guardedSummary: (s) =>
    `${s.outside.length} av ${s.total} indikatorer utenfor referansen${s.outside.length ? `: ${s.outside.join('; ')}` : ''}` +
    `${s.notComputable ? ` (${s.notComputable} kan ikke beregnes)` : ''}. Et hjelpemiddel for screening, ikke en diagnose.`,
  indicatorSummary: (s) => {
    const within = s.computed - s.outside.length - s.cannotJudge.length;
    let out =
      s.computed === s.total
        ? `Alle ${s.total} indikatorene kunne beregnes`
        : `${s.computed} av ${s.total} indikatorer kunne beregnes`;
    if (s.outside.length) {
      out += `; ${s.outside.length} utenfor referansen: ${s.outside.join('; ')}`;
      if (within) out += `; ${within} innenfor referansen`;
    } else if (within && !s.cannotJudge.length) {
      out +=
        s.computed === 1
          ? '; den er innenfor referansen'
          : s.computed === 2
            ? '; begge innenfor referansen'
            : `; alle ${s.computed} innenfor referansen`;
    } else if (within) {
      out += `; ${within} innenfor referansen`;
    }
    if (s.cannotJudge.length)
      out += `; ${s.cannotJudge.length} kan ikke vurderes ut fra denne gangen (for få steg for variasjonen, eller sett fra bare én side): ${s.cannotJudge.join(', ')}`;
    out += '.';
    const missing = s.needHeight.length + s.needView.length;
    if (missing) {
      const needs: string[] = [];
      if (s.needHeight.length)
        needs.push(
          `${listNb(s.needHeight)} krever pasientens høyde (skriv den inn, eller velg en profil med høyde)`,
        );
      if (s.needView.length)
        needs.push(
          `${listNb(s.needView)} krever en gange der hele kroppen er synlig fra siden, i minst to skritt`,
        );
      out += ` ${missing} kunne ikke beregnes: ${needs.join('; ')}.`;
    }
    return `${out} Et hjelpemiddel for screening, ikke en diagnose.`;
  },
};
