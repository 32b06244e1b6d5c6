// The report's own words (PDF and CSV) in English and Norwegian Bokmål. Warnings, indicator names and references
// are not here: they render through src/shared/messages. Report may not import src/ui, so these tables stand alone.
// Glossary (nb): steg / steglengde = step, skritt / skrittlengde = stride (two steps).
import type { ScaleMethod } from '../../shared/analysis-format';
import { formatNumber, type Lang } from '../../shared/messages';
import type { FunctionalTestId, WalkTestId } from '../../shared/clinical-tests';
import type { SessionKind, Sex, TimeOfDay, WalkingAid } from '../../storage/types';
import type { MetricId } from '../metrics';

export type { Lang } from '../../shared/messages';

export interface MetricWords {
  /** Full name, as in the summary and chart titles. */
  label: string;
  /** Short name for a narrow table column. */
  short: string;
  /** Unit as a reader writes it after a number. */
  unit: string;
}

export type SummaryVerdict = 'better' | 'worse' | 'no-meaningful-change' | 'unclear';

export interface SummaryWords {
  metric: string;
  /** What the compared sessions share: time of day and protocol, e.g. "morning, 4m-walk". */
  context: string;
  first: string;
  firstDate: string;
  latest: string;
  latestDate: string;
  /** Signed change with its unit, e.g. "+0.15 m/s". */
  change: string;
  /** Smallest meaningful change with its unit; null where none is known. */
  threshold: string | null;
  verdict: SummaryVerdict;
}

export interface ReportStrings {
  title: string;
  docTitle: (pseudonym: string) => string;
  profile: (pseudonym: string) => string;
  period: (from: string, to: string, n: number) => string;
  generated: (when: string) => string;
  notDiagnostic: string;
  footer: (pseudonym: string, page: number, pages: number) => string;
  summaryHeading: string;
  summaryNone: string;
  summaryLine: (w: SummaryWords) => string;
  sessionsHeading: string;
  columns: { date: string; timeOfDay: string; kind: string; protocol: string };
  chartsHeading: string;
  chartMissing: string;
  notesHeading: string;
  notesIntro: string;
  methodHeading: string;
  methodNotes: readonly string[];
  metric: Record<MetricId, MetricWords>;
  timeOfDay: Record<TimeOfDay, string>;
  kind: Record<SessionKind, string>;
  scale: Record<ScaleMethod, string>;
  /** Known protocol ids; any other id is printed as it is. */
  protocol: Readonly<Record<string, string>>;
  /** CSV header per column id (docs/exports.md names the English ids). */
  csv: Readonly<Record<string, string>>;
  walkingAid: Record<WalkingAid, string>;
  /** Standard clinical tests by id. */
  test: Record<WalkTestId | FunctionalTestId, string>;
  selfReportHeading: string;
  selfReportIntro: string;
  /** One session's answers, each already formatted; absent ones are left out. */
  selfReportLine: (a: {
    painNow?: string;
    painDuring?: string;
    stiffnessMin?: string;
    sinceUpH?: string;
    aid?: string;
    note?: string;
  }) => string;
  testsHeading: string;
  walkTestLine: (a: { test: string; zoneM: string; trials: string; best: string; speed: string }) => string;
  functionalLine: (a: { test: string; time: string; count: string | null }) => string;
  /** Words of the progress charts. */
  chart: {
    series: Record<TimeOfDay, string>;
    baseline: string;
    norm: string;
    normSource: (sex: Sex, fromAge: number, toAge: number) => string;
    smcKind: Record<'small' | 'substantial' | 'mdc', string>;
    events: string;
    dateAxis: string;
    selfReportTitle: string;
    selfReport: Record<'pain-now' | 'pain-during' | 'morning-stiffness', string>;
    painAxis: string;
    stiffnessAxis: string;
  };
}

/** The CSV columns that are not metrics (the metrics' columns come from METRICS). */
type CsvFixed =
  | 'session_id'
  | 'profile_pseudonym'
  | 'started_at_utc'
  | 'time_of_day'
  | 'kind'
  | 'protocol'
  | 'scale_method'
  | 'metres_per_pixel'
  | 'frames_used'
  | 'frames_total'
  | 'warnings'
  | 'notes';

const en: ReportStrings = {
  title: 'Ganglag progress report',
  docTitle: (p) => `Ganglag report ${p}`,
  profile: (p) => `Profile: ${p}`,
  period: (from, to, n) => `Period: ${from} to ${to} (${n} ${n === 1 ? 'session' : 'sessions'})`,
  generated: (when) => `Generated: ${when} UTC`,
  notDiagnostic:
    'Ganglag is not a diagnostic device. Its measurements support, and do not replace, assessment by a qualified clinician.',
  footer: (p, i, n) => `${p} · page ${i} of ${n} · Not a diagnostic device`,
  summaryHeading: 'Summary for you',
  summaryNone:
    'There are not yet two sessions of the same test at the same time of day in this period to compare.',
  summaryLine: (w) => {
    const head = `${w.metric} (${w.context}): ${w.first} on ${w.firstDate}, ${w.latest} on ${w.latestDate} (${w.change}).`;
    if (w.verdict === 'unclear' || w.threshold === null)
      return `${head} There is no agreed size of a meaningful change for this measure; talk it through with your clinician.`;
    if (w.verdict === 'no-meaningful-change')
      return `${head} This is less than ${w.threshold}, so it may be normal day-to-day variation.`;
    return `${head} This is at least ${w.threshold}, a change large enough to matter, and it is ${w.verdict === 'better' ? 'an improvement' : 'a decline'}.`;
  },
  sessionsHeading: 'Sessions',
  columns: { date: 'Date', timeOfDay: 'Time of day', kind: 'Kind', protocol: 'Protocol' },
  chartsHeading: 'Progress charts',
  chartMissing: '(This chart could not be included.)',
  notesHeading: 'Notes on the recordings',
  notesIntro: 'What the analysis noticed about each recording; read the values above with these in mind.',
  methodHeading: 'Method notes',
  methodNotes: [
    'Recordings are analysed on this device from a single video camera. A pose-estimation model finds body ' +
      'keypoints in every frame; gait events, distances and angles are computed from them.',
    'Distances are scaled from the subject height, a reference object, or 3-D model output, as noted per session. ' +
      'Values from one camera are less accurate than a gait laboratory; compare sessions recorded the same way.',
    'Spine ranges are the trunk inclination: the angle of the line from hip to shoulder, not the movement of ' +
      'single vertebrae.',
    'Reference bands: gait speed norms by age and sex from Bohannon & Andrews (2011). Smallest meaningful change: ' +
      '0.05 and 0.10 m/s for gait speed (Perera et al. 2006); 4.5 cm (minimal detectable change) for ' +
      'fingertip-to-floor (Ekedahl et al. 2012).',
    'Morning, afternoon and evening sessions are shown apart because stiffness often varies over the day.',
  ],
  metric: {
    'gait-speed': { label: 'Gait speed', short: 'Gait speed', unit: 'm/s' },
    'step-length': { label: 'Step length', short: 'Step length', unit: 'm' },
    'stride-length': { label: 'Stride length', short: 'Stride length', unit: 'm' },
    cadence: { label: 'Cadence', short: 'Cadence', unit: 'steps/min' },
    'double-support': { label: 'Double support', short: 'Double support', unit: '% of gait cycle' },
    'step-length-symmetry': { label: 'Step length asymmetry', short: 'Step length asymmetry', unit: '%' },
    'step-time-symmetry': { label: 'Step time asymmetry', short: 'Step time asymmetry', unit: '%' },
    'guarded-outside': {
      label: 'Guarded-gait flags raised (count, not a score)',
      short: 'Guarded-gait flags',
      unit: 'flags',
    },
    'forward-flexion-rom': {
      label: 'Trunk inclination range, forward flexion',
      short: 'Trunk incl. forward',
      unit: '°',
    },
    'fingertip-to-floor': { label: 'Fingertip-to-floor distance', short: 'Fingertip to floor', unit: 'cm' },
    'lateral-flexion-left': {
      label: 'Lateral trunk inclination, left',
      short: 'Trunk incl. left',
      unit: '°',
    },
    'lateral-flexion-right': {
      label: 'Lateral trunk inclination, right',
      short: 'Trunk incl. right',
      unit: '°',
    },
    'lateral-drop-left': { label: 'Lateral fingertip drop, left', short: 'Fingertip drop left', unit: 'cm' },
    'lateral-drop-right': {
      label: 'Lateral fingertip drop, right',
      short: 'Fingertip drop right',
      unit: 'cm',
    },
    'extension-rom': {
      label: 'Trunk inclination range, extension',
      short: 'Trunk incl. extension',
      unit: '°',
    },
    'forward-head': { label: 'Forward head posture', short: 'Forward head', unit: 'cm' },
    'standing-trunk-lean': { label: 'Standing trunk inclination', short: 'Trunk lean', unit: '°' },
    'shoulder-obliquity': { label: 'Shoulder obliquity', short: 'Shoulders', unit: '°' },
    'pelvic-obliquity': { label: 'Pelvic obliquity', short: 'Pelvis', unit: '°' },
  },
  timeOfDay: { morning: 'morning', afternoon: 'afternoon', evening: 'evening' },
  kind: { gait: 'gait', spine: 'spine', posture: 'posture' },
  scale: { height: 'height', reference: 'reference', world: 'world', pixels: 'pixels' },
  protocol: {},
  csv: {},
  walkingAid: { none: 'none', cane: 'cane', crutches: 'crutches', walker: 'walker', other: 'other' },
  test: {
    'walk-4m': '4-metre walk test',
    'walk-10m': '10-metre walk test',
    'sit-to-stand-5': 'five-times sit-to-stand',
    'chair-stand-30s': '30-second chair stand',
    tug: 'Timed Up and Go',
  },
  selfReportHeading: "The patient's own report",
  selfReportIntro:
    'Pain on a scale from 0 (no pain) to 10 (worst pain imaginable), as the patient reported it.',
  selfReportLine: (a) =>
    [
      a.painNow && `pain now ${a.painNow}/10`,
      a.painDuring && `pain during the test ${a.painDuring}/10`,
      a.stiffnessMin && `morning stiffness ${a.stiffnessMin} min`,
      a.sinceUpH && `${a.sinceUpH} h after getting up`,
      a.aid && `walking aid: ${a.aid}`,
      a.note && `note: "${a.note}"`,
    ]
      .filter(Boolean)
      .join(', ') + '.',
  testsHeading: 'Clinical tests',
  walkTestLine: (a) =>
    `${a.test} over ${a.zoneM} m: trials ${a.trials}; best ${a.best}; gait speed ${a.speed}.`,
  functionalLine: (a) => `${a.test}: ${a.time}${a.count === null ? '' : `, ${a.count} full stands`}.`,
  chart: {
    series: { morning: 'Morning', afternoon: 'Afternoon', evening: 'Evening' },
    baseline: 'Baseline',
    norm: 'Norm',
    normSource: (sex, from, to) =>
      `Bohannon & Andrews 2011, ${sex === 'male' ? 'men' : 'women'} ${from}–${to} y`,
    smcKind: {
      small: 'small meaningful change',
      substantial: 'substantial change',
      mdc: 'minimal detectable change',
    },
    events: 'Clinician events',
    dateAxis: 'Date',
    selfReportTitle: "The patient's own report",
    selfReport: {
      'pain-now': 'Pain now',
      'pain-during': 'Pain during the test',
      'morning-stiffness': 'Morning stiffness',
    },
    painAxis: 'Pain (0-10)',
    stiffnessAxis: 'Morning stiffness (min)',
  },
};

const nb: ReportStrings = {
  title: 'Ganglag fremdriftsrapport',
  docTitle: (p) => `Ganglag-rapport ${p}`,
  profile: (p) => `Profil: ${p}`,
  period: (from, to, n) => `Periode: ${from} til ${to} (${n} ${n === 1 ? 'økt' : 'økter'})`,
  generated: (when) => `Laget: ${when} UTC`,
  notDiagnostic:
    'Ganglag er ikke diagnostisk utstyr. Målingene er en støtte til, og ikke en erstatning for, vurdering av kvalifisert helsepersonell.',
  footer: (p, i, n) => `${p} · side ${i} av ${n} · Ikke diagnostisk utstyr`,
  summaryHeading: 'Oppsummering for deg',
  summaryNone:
    'Det er ennå ikke to økter med samme test på samme tid av døgnet i denne perioden å sammenligne.',
  summaryLine: (w) => {
    const head = `${w.metric} (${w.context}): ${w.first} den ${w.firstDate}, ${w.latest} den ${w.latestDate} (${w.change}).`;
    if (w.verdict === 'unclear' || w.threshold === null)
      return `${head} Det finnes ingen avtalt grense for hvor stor en endring må være for å bety noe for dette målet; snakk med behandleren din om det.`;
    if (w.verdict === 'no-meaningful-change')
      return `${head} Det er mindre enn ${w.threshold}, så det kan være vanlig variasjon fra dag til dag.`;
    return `${head} Det er minst ${w.threshold}, en endring stor nok til å bety noe, og det er ${w.verdict === 'better' ? 'en bedring' : 'en forverring'}.`;
  },
  sessionsHeading: 'Økter',
  columns: { date: 'Dato', timeOfDay: 'Tid på døgnet', kind: 'Type', protocol: 'Protokoll' },
  chartsHeading: 'Utvikling over tid',
  chartMissing: '(Denne grafen kunne ikke tas med.)',
  notesHeading: 'Merknader til opptakene',
  notesIntro: 'Det analysen la merke til ved hvert opptak; les verdiene over med dette i tankene.',
  methodHeading: 'Om metoden',
  methodNotes: [
    'Opptakene analyseres på denne enheten fra ett videokamera. En modell for positurgjenkjenning finner ' +
      'kroppspunkter i hvert bilde; gangmønster, avstander og vinkler regnes ut fra dem.',
    'Avstander skaleres etter personens høyde, en kjent avstand merket på gulvet eller 3D-punkter fra modellen, ' +
      'som angitt for hver økt. Målinger fra ett kamera er mindre nøyaktige enn i et ganglaboratorium; ' +
      'sammenlign økter som er tatt opp på samme måte.',
    'Bevegelsesutslag i ryggen måles som trunkusinklinasjon: vinkelen til linjen hofte–skulder, ikke ' +
      'bevegelsen i enkeltvirvler.',
    'Referanseområder: normer for ganghastighet etter alder og kjønn fra Bohannon & Andrews (2011). Minste ' +
      'betydningsfulle endring: 0,05 og 0,10 m/s for ganghastighet (Perera et al. 2006); 4,5 cm (minste ' +
      'påviselige endring) for fingertupp–gulv-avstand (Ekedahl et al. 2012).',
    'Økter om morgenen, ettermiddagen og kvelden vises hver for seg fordi stivhet ofte varierer gjennom dagen.',
  ],
  metric: {
    'gait-speed': { label: 'Ganghastighet', short: 'Ganghastighet', unit: 'm/s' },
    'step-length': { label: 'Steglengde', short: 'Steglengde', unit: 'm' },
    'stride-length': { label: 'Skrittlengde', short: 'Skrittlengde', unit: 'm' },
    cadence: { label: 'Kadens', short: 'Kadens', unit: 'steg/min' },
    'double-support': { label: 'Dobbeltstøtte', short: 'Dobbeltstøtte', unit: '% av gangsyklusen' },
    'step-length-symmetry': { label: 'Asymmetri i steglengde', short: 'Asymmetri steglengde', unit: '%' },
    'step-time-symmetry': { label: 'Asymmetri i stegtid', short: 'Asymmetri stegtid', unit: '%' },
    'guarded-outside': {
      label: 'Tegn på forsiktig gange utenfor grensen (antall, ikke en skår)',
      short: 'Tegn på forsiktig gange',
      unit: 'tegn',
    },
    'forward-flexion-rom': {
      label: 'Trunkusinklinasjon, utslag i foroverbøyning',
      short: 'Trunkusinkl. forover',
      unit: '°',
    },
    'fingertip-to-floor': { label: 'Fingertupp–gulv-avstand', short: 'Fingertupp til gulv', unit: 'cm' },
    'lateral-flexion-left': {
      label: 'Trunkusinklinasjon i sidebøyning, venstre',
      short: 'Trunkusinkl. venstre',
      unit: '°',
    },
    'lateral-flexion-right': {
      label: 'Trunkusinklinasjon i sidebøyning, høyre',
      short: 'Trunkusinkl. høyre',
      unit: '°',
    },
    'lateral-drop-left': {
      label: 'Fingertuppens fall langs låret, venstre',
      short: 'Fingerfall venstre',
      unit: 'cm',
    },
    'lateral-drop-right': {
      label: 'Fingertuppens fall langs låret, høyre',
      short: 'Fingerfall høyre',
      unit: 'cm',
    },
    'extension-rom': {
      label: 'Trunkusinklinasjon, utslag i bakoverbøyning',
      short: 'Trunkusinkl. bakover',
      unit: '°',
    },
    'forward-head': { label: 'Fremskutt hode', short: 'Fremskutt hode', unit: 'cm' },
    'standing-trunk-lean': { label: 'Trunkusinklinasjon i stående', short: 'Trunkushelling', unit: '°' },
    'shoulder-obliquity': { label: 'Skjevstilling av skuldrene', short: 'Skuldre', unit: '°' },
    'pelvic-obliquity': { label: 'Skjevstilling av bekkenet', short: 'Bekken', unit: '°' },
  },
  timeOfDay: { morning: 'morgen', afternoon: 'ettermiddag', evening: 'kveld' },
  kind: { gait: 'gange', spine: 'rygg', posture: 'holdning' },
  scale: {
    height: 'kroppshøyde',
    reference: 'gulvmarkering',
    world: '3D-punkter',
    pixels: 'piksler',
  },
  protocol: {
    'guided-gait': 'veiledet gangtest',
    'free-walk': 'fri gange',
    'nih-toolbox-4m-walk': '4 meter gangtest (NIH Toolbox)',
    '4m-walk': '4 meter gangtest',
    'forward-flexion': 'foroverbøyning',
    extension: 'bakoverbøyning',
    'lateral-flexion': 'sidebøyning',
    posture: 'stående holdning',
    camera: 'kamera',
    file: 'videofil',
    'walk-4m-comfortable': '4 meter gangtest, vanlig tempo',
    'walk-4m-fast': '4 meter gangtest, raskt tempo',
    'walk-10m-comfortable': '10 meter gangtest, vanlig tempo',
    'walk-10m-fast': '10 meter gangtest, raskt tempo',
    'sit-to-stand-5': 'reise seg fra stol fem ganger',
    'chair-stand-30s': '30 sekunders sitte til stående-test',
    tug: 'Timed Up and Go',
  },
  csv: {
    session_id: 'okt_id',
    profile_pseudonym: 'pseudonym',
    started_at_utc: 'startet_utc',
    time_of_day: 'tid_pa_dognet',
    kind: 'type',
    protocol: 'protokoll',
    gait_speed_m_per_s: 'ganghastighet_m_per_s',
    step_length_m: 'steglengde_m',
    stride_length_m: 'skrittlengde_m',
    cadence_steps_per_min: 'kadens_steg_per_min',
    double_support_pct: 'dobbeltstotte_prosent',
    step_length_asymmetry_pct: 'asymmetri_steglengde_prosent',
    step_time_asymmetry_pct: 'asymmetri_stegtid_prosent',
    guarded_flags_count: 'tegn_forsiktig_gange_antall',
    forward_head_cm: 'fremskutt_hode_cm',
    standing_trunk_inclination_deg: 'trunkusinklinasjon_staende_grader',
    shoulder_obliquity_deg: 'skjevstilling_skuldre_grader',
    pelvic_obliquity_deg: 'skjevstilling_bekken_grader',
    trunk_inclination_forward_flexion_rom_deg: 'trunkusinklinasjon_foroverboyning_grader',
    fingertip_to_floor_cm: 'fingertupp_gulv_cm',
    trunk_inclination_lateral_left_deg: 'trunkusinklinasjon_sideboyning_venstre_grader',
    trunk_inclination_lateral_right_deg: 'trunkusinklinasjon_sideboyning_hoyre_grader',
    lateral_fingertip_drop_left_cm: 'fingertupp_fall_venstre_cm',
    lateral_fingertip_drop_right_cm: 'fingertupp_fall_hoyre_cm',
    trunk_inclination_extension_rom_deg: 'trunkusinklinasjon_bakoverboyning_grader',
    scale_method: 'skalering',
    metres_per_pixel: 'meter_per_piksel',
    frames_used: 'bilder_brukt',
    frames_total: 'bilder_totalt',
    warnings: 'advarsler',
    notes: 'notater',
    pain_now_nrs: 'smerte_na_nrs',
    pain_during_test_nrs: 'smerte_under_testen_nrs',
    morning_stiffness_min: 'morgenstivhet_min',
    time_since_getting_up_min: 'tid_siden_oppstaing_min',
    walking_aid: 'ganghjelpemiddel',
    self_report_note: 'pasientens_merknad',
    clinical_test: 'klinisk_test',
    walk_test_zone_m: 'gangtest_sone_m',
    walk_test_trial_times_s: 'gangtest_forsokstider_s',
    walk_test_best_time_s: 'gangtest_beste_tid_s',
    walk_test_speed_m_per_s: 'gangtest_hastighet_m_per_s',
    functional_time_s: 'funksjonstest_tid_s',
    functional_count: 'funksjonstest_antall',
  } satisfies Record<CsvFixed, string> & Record<string, string>,
  walkingAid: { none: 'ingen', cane: 'stokk', crutches: 'krykker', walker: 'rullator', other: 'annet' },
  test: {
    'walk-4m': '4 meter gangtest',
    'walk-10m': '10 meter gangtest',
    'sit-to-stand-5': 'reise seg fra stol fem ganger',
    'chair-stand-30s': '30 sekunders sitte til stående-test',
    tug: 'Timed Up and Go',
  },
  selfReportHeading: 'Pasientens egen vurdering',
  selfReportIntro:
    'Smerte på en skala fra 0 (ingen smerte) til 10 (verst tenkelige smerte), slik pasienten selv oppga den.',
  selfReportLine: (a) =>
    [
      a.painNow && `smerte nå ${a.painNow}/10`,
      a.painDuring && `smerte under testen ${a.painDuring}/10`,
      a.stiffnessMin && `morgenstivhet ${a.stiffnessMin} min`,
      a.sinceUpH && `${a.sinceUpH} t etter at pasienten sto opp`,
      a.aid && `ganghjelpemiddel: ${a.aid}`,
      a.note && `merknad: «${a.note}»`,
    ]
      .filter(Boolean)
      .join(', ') + '.',
  testsHeading: 'Kliniske tester',
  walkTestLine: (a) =>
    `${a.test} over ${a.zoneM} m: forsøk ${a.trials}; beste ${a.best}; ganghastighet ${a.speed}.`,
  functionalLine: (a) => `${a.test}: ${a.time}${a.count === null ? '' : `, ${a.count} hele oppreisninger`}.`,
  chart: {
    series: { morning: 'Morgen', afternoon: 'Ettermiddag', evening: 'Kveld' },
    baseline: 'Utgangspunkt',
    norm: 'Norm',
    normSource: (sex, from, to) =>
      `Bohannon & Andrews 2011, ${sex === 'male' ? 'menn' : 'kvinner'} ${from}–${to} år`,
    smcKind: {
      small: 'liten betydningsfull endring',
      substantial: 'betydelig endring',
      mdc: 'minste påviselige endring',
    },
    events: 'Klinikerhendelser',
    dateAxis: 'Dato',
    selfReportTitle: 'Pasientens egen vurdering',
    selfReport: {
      'pain-now': 'Smerte nå',
      'pain-during': 'Smerte under testen',
      'morning-stiffness': 'Morgenstivhet',
    },
    painAxis: 'Smerte (0-10)',
    stiffnessAxis: 'Morgenstivhet (min)',
  },
};

const TABLES: Record<Lang, ReportStrings> = { en, nb };

export function reportStrings(lang: Lang = 'en'): ReportStrings {
  return TABLES[lang];
}

/** A CSV column id (the English name in docs/exports.md) in `lang`; English ids are the column names. */
export function csvHeader(column: string, lang: Lang = 'en'): string {
  return TABLES[lang].csv[column] ?? column;
}

export function protocolName(id: string, lang: Lang = 'en'): string {
  return TABLES[lang].protocol[id] ?? id;
}

/** A metric value with its unit as `lang` writes it: "0,82 m/s"; "–" when missing. */
export function metricText(value: number | null, decimals: number, unit: string, lang: Lang): string {
  const v = formatNumber(value, lang, decimals);
  return unit === '°' ? `${v}°` : `${v} ${unit}`;
}

/** A calendar day (YYYY-MM-DD) as `lang` writes it: en keeps ISO 8601, nb "dd.mm.åååå". */
export function formatDay(isoDay: string, lang: Lang = 'en'): string {
  if (lang === 'en') return isoDay;
  const [y, m, d] = isoDay.split('-');
  return `${d}.${m}.${y}`;
}

/** "YYYY-MM-DDTHH:MM..." as day and minute in `lang` ("2026-01-19 08:00", "19.01.2026 kl. 08:00"). */
export function formatDayTime(iso: string, lang: Lang = 'en'): string {
  const day = formatDay(iso.slice(0, 10), lang);
  const hm = iso.slice(11, 16);
  return lang === 'en' ? `${day} ${hm}` : `${day} kl. ${hm}`;
}
