// The human-readable report printed by `npm run analyze` without --json, in English or Bokmål (--lang).
import type { AnalysisV1 } from '../shared/analysis-format';
import {
  formatNumber,
  renderGuardedSummary,
  renderIndicatorName,
  renderIndicatorReference,
  renderSpineTest,
  renderUnit,
  type Lang,
} from '../shared/messages/index';

const LABELS = {
  en: {
    gait: 'Gait',
    spineTest: (t: string) => `Spine test (${t})`,
    posture: 'Standing posture',
    functional: 'Functional test',
    walk: 'Walk test',
    analysisOf: (what: string, file: string) => `${what} analysis of ${file}`,
    scale: 'Scale',
    scaleMethod: {
      height: 'height',
      reference: 'floor reference',
      world: 'world landmarks',
      pixels: 'pixels',
    },
    inPixels: ' (lengths in pixels not shown in metres)',
    frames: (used: number, total: number) => `Frames: ${used} of ${total} used`,
    steps: 'Steps',
    foot: 'foot',
    heelStrike: 'heel strike s',
    length: 'length m',
    time: 'time s',
    left: 'left',
    right: 'right',
    metrics: 'Metrics',
    stepLength: 'Step length mean / left / right',
    stepLengthCv: 'Step length CV',
    strideLength: 'Stride length',
    cadence: 'Cadence',
    speed: 'Gait speed',
    stanceSwing: 'Stance / swing',
    ofCycle: '% of cycle',
    doubleSupport: 'Double support',
    symmetry: 'Step length / time asymmetry index',
    heelVelocity: 'Foot descent before heel strike (not validated)',
    eventMethod: 'Event method',
    guarded: 'Guarded-gait indicators (screening aids, not a diagnosis)',
    ref: 'ref',
    reps: 'Repetitions',
    neutral: 'neutral °',
    endRange: 'end range °',
    rom: 'ROM °',
    ftf: 'fingertip-floor cm',
    drop: 'fingertip drop cm',
    side: 'side',
    romBest: 'Range of motion best / median',
    ftfBest: 'Fingertip-to-floor best',
    dropBest: (side: string) => `Fingertip drop along the thigh, ${side}, best / median`,
    walkTest: (t: string, m: string) => `Walk test (${t}, timed zone ${m} m)`,
    direction: 'direction',
    startS: 'start s',
    endS: 'end s',
    speedCol: 'speed m/s',
    dir: { 'left-to-right': 'left-to-right', 'right-to-left': 'right-to-left' },
    phase: (name: string) => name,
    bestTime: 'Best time',
    protocolSpeed: 'Gait speed (protocol)',
    functionalTest: (t: string) => `Functional test (${t})`,
    fTime: 'Time',
    stands: 'Full stands',
    warnings: 'Warnings',
    none: 'n/a',
  },
  nb: {
    gait: 'Gange',
    spineTest: (t: string) => `Ryggtest (${t})`,
    posture: 'Stående holdning',
    functional: 'Funksjonstest',
    walk: 'Gangtest',
    analysisOf: (what: string, file: string) => `${what}: analyse av ${file}`,
    scale: 'Skala',
    scaleMethod: {
      height: 'høyde',
      reference: 'gulvreferanse',
      world: 'verdenskoordinater',
      pixels: 'piksler',
    },
    inPixels: ' (lengder i piksler vises ikke i meter)',
    frames: (used: number, total: number) => `Bilder: ${used} av ${total} brukt`,
    steps: 'Steg',
    foot: 'fot',
    heelStrike: 'hælisett s',
    length: 'lengde m',
    time: 'tid s',
    left: 'venstre',
    right: 'høyre',
    metrics: 'Mål',
    stepLength: 'Steglengde snitt / venstre / høyre',
    stepLengthCv: 'Steglengde CV',
    strideLength: 'Skrittlengde',
    cadence: 'Kadens',
    speed: 'Ganghastighet',
    stanceSwing: 'Stå- / svingfase',
    ofCycle: '% av gangsyklus',
    doubleSupport: 'Dobbeltstøtte',
    symmetry: 'Asymmetriindeks steglengde / stegtid',
    heelVelocity: 'Fotens fall før hælisett (ikke validert)',
    eventMethod: 'Metode for gangehendelser',
    guarded: 'Tegn på forsiktig gange (til screening, ikke diagnose)',
    ref: 'ref.',
    reps: 'Repetisjoner',
    neutral: 'nøytral °',
    endRange: 'ytterstilling °',
    rom: 'bevegelse °',
    ftf: 'fingertupp-gulv cm',
    drop: 'fingertuppens fall cm',
    side: 'side',
    romBest: 'Bevegelsesutslag best / median',
    ftfBest: 'Fingertupp-gulv best',
    dropBest: (side: string) => `Fingertuppens fall langs låret, ${side}, best / median`,
    walkTest: (t: string, m: string) => `Gangtest (${t}, tidtatt sone ${m} m)`,
    direction: 'retning',
    startS: 'start s',
    endS: 'slutt s',
    speedCol: 'fart m/s',
    dir: { 'left-to-right': 'venstre-høyre', 'right-to-left': 'høyre-venstre' },
    phase: (name: string) => {
      const [base, k] = name.split(/-(?=\d+$)/);
      const nb: Record<string, string> = {
        rise: 'reise seg',
        sit: 'sette seg',
        'walk-out': 'gå ut',
        turn: 'snu',
        'walk-back': 'gå tilbake',
      };
      return `${nb[base] ?? base}${k ? ` ${k}` : ''}`;
    },
    bestTime: 'Beste tid',
    protocolSpeed: 'Ganghastighet (protokoll)',
    functionalTest: (t: string) => `Funksjonstest (${t})`,
    fTime: 'Tid',
    stands: 'Hele oppreisninger',
    warnings: 'Advarsler',
    none: '–',
  },
} as const;

/** spine.fingertipDropCmBySide[side] (lateral flexion; an open field of ganglag.analysis/v1), or null. */
function dropBySide(v: unknown, side: 'left' | 'right'): { best: unknown; median: unknown } | null {
  if (typeof v !== 'object' || v === null) return null;
  const s = (v as Record<string, unknown>)[side];
  if (typeof s !== 'object' || s === null) return null;
  const r = s as Record<string, unknown>;
  return { best: r.best, median: r.median };
}

/**
 * The report as text. `warnings`: the result's warnings already rendered in `lang` (the caller adds the
 * command line's own); numbers through formatNumber (nb: decimal comma).
 */
export function formatTable(file: string, r: AnalysisV1, lang: Lang = 'en', warnings?: string[]): string {
  const L = LABELS[lang];
  const num = (v: unknown, digits?: number): string =>
    typeof v === 'number' && Number.isFinite(v) ? formatNumber(v, lang, digits) : L.none;
  const show = (v: unknown, unit = ''): string =>
    v === null || v === undefined
      ? L.none
      : typeof v === 'number'
        ? `${num(v)}${unit}`
        : `${String(v)}${unit}`;
  const row = (label: string, value: string): string => `  ${label.padEnd(33)} ${value}`;
  const what = r.spine
    ? L.spineTest(lang === 'en' ? r.spine.test : renderSpineTest(r.spine.test, lang))
    : r.posture
      ? L.posture
      : r.functional
        ? L.functional
        : r.walkTest
          ? L.walk
          : L.gait;
  const out: string[] = [L.analysisOf(what, file)];
  out.push(
    `${L.scale}: ${L.scaleMethod[r.scale.method]}${r.scale.metresPerPixel === null ? L.inPixels : `, ${num(r.scale.metresPerPixel)} m/px`}`,
  );
  out.push(L.frames(r.quality.framesUsed, r.quality.framesTotal));
  const g = r.gait;
  if (g) {
    out.push(
      '',
      L.steps,
      `  ${'#'.padEnd(4)}${L.foot.padEnd(9)}${L.heelStrike.padEnd(15)}${L.length.padEnd(10)}${L.time}`,
    );
    g.steps.forEach((s, i) => {
      out.push(
        `  ${String(i + 1).padEnd(4)}${L[s.foot].padEnd(9)}${num(s.tS, 3).padEnd(15)}${show(s.lengthM).padEnd(10)}${show(s.timeS)}`,
      );
    });
    out.push(
      '',
      L.metrics,
      row(
        L.stepLength,
        `${show(g.stepLengthM.mean)} / ${show(g.stepLengthM.left)} / ${show(g.stepLengthM.right)} m`,
      ),
      row(L.stepLengthCv, show(g.stepLengthM.cv, ' %')),
      row(L.strideLength, show(g.strideLengthM.mean, ' m')),
      row(L.cadence, show(g.cadenceStepsPerMin, ` ${renderUnit('steps/min', lang)}`)),
      row(L.speed, show(g.speedMps, ' m/s')),
      row(L.stanceSwing, `${show(g.stancePct)} / ${show(g.swingPct)} ${L.ofCycle}`),
      row(L.doubleSupport, show(g.doubleSupportPct, ` ${L.ofCycle}`)),
      row(L.symmetry, `${show(g.stepLengthSymmetryPct)} / ${show(g.stepTimeSymmetryPct)} %`),
      row(L.heelVelocity, show(g.heelStrikeVelocityMps.mean, ' m/s')),
      row(L.eventMethod, show(g.eventMethod)),
    );
  }
  if (r.guarded) {
    out.push('', L.guarded);
    for (const i of r.guarded.indicators) {
      const name = lang === 'en' ? i.id : renderIndicatorName(i.id, lang);
      out.push(
        `  ${i.outside ? '!' : ' '} ${name.padEnd(26)} ${show(i.value, ` ${renderUnit(i.unit, lang)}`).padEnd(26)}${L.ref} ${renderIndicatorReference(i, lang)}`,
      );
    }
    out.push(`  ${lang === 'en' ? r.guarded.summary : renderGuardedSummary(r.guarded.indicators, lang)}`);
  }
  const sp = r.spine;
  if (sp) {
    const lateral = sp.test === 'lateral-flexion';
    out.push(
      '',
      L.reps,
      `  ${'#'.padEnd(4)}${L.neutral.padEnd(11)}${L.endRange.padEnd(17)}${L.rom.padEnd(12)}${(lateral ? L.drop : L.ftf).padEnd(20)}${L.side}`,
    );
    sp.reps.forEach((rep, i) => {
      // Lateral flexion's fingertip column is its drop along the thigh (cm); the others' fingertip-to-floor.
      const tip = lateral ? rep.fingertipDropCm : rep.fingertipToFloorCm;
      out.push(
        `  ${String(i + 1).padEnd(4)}${show(rep.neutralDeg).padEnd(11)}${show(rep.endRangeDeg).padEnd(17)}${show(rep.romDeg).padEnd(12)}${show(tip).padEnd(20)}${rep.side ? L[rep.side] : ''}`,
      );
    });
    out.push('', row(L.romBest, `${show(sp.romDeg.best)} / ${show(sp.romDeg.median)} °`));
    if (lateral) {
      for (const side of ['left', 'right'] as const) {
        const d = dropBySide(sp.fingertipDropCmBySide, side);
        if (d) out.push(row(L.dropBest(L[side]), `${show(d.best)} / ${show(d.median)} cm`));
      }
    } else out.push(row(L.ftfBest, show(sp.fingertipToFloorCm.best, ' cm')));
  }
  if (r.posture) {
    out.push('', L.posture);
    for (const [k, v] of Object.entries(r.posture)) out.push(row(k, show(v)));
  }
  const w = r.walkTest;
  if (w) {
    out.push(
      '',
      L.walkTest(w.test, num(w.zoneM)),
      `  ${'#'.padEnd(4)}${L.direction.padEnd(15)}${L.startS.padEnd(10)}${L.endS.padEnd(10)}${L.time.padEnd(9)}${L.speedCol}`,
    );
    w.trials.forEach((t, i) => {
      out.push(
        `  ${String(i + 1).padEnd(4)}${L.dir[t.direction].padEnd(15)}${num(t.startS, 3).padEnd(10)}${num(t.endS, 3).padEnd(10)}${num(t.timeS, 3).padEnd(9)}${num(t.speedMps)}`,
      );
    });
    out.push(row(L.bestTime, show(w.bestTimeS, ' s')), row(L.protocolSpeed, show(w.speedMps, ' m/s')));
  }
  const f = r.functional;
  if (f) {
    out.push('', L.functionalTest(f.test), row(L.fTime, show(f.timeS, ' s')), row(L.stands, show(f.count)));
    for (const ph of f.phases)
      out.push(row(`  ${L.phase(ph.name)}`, `${num(ph.startS, 3)}-${num(ph.endS, 3)} s`));
  }
  const ws = warnings ?? r.quality.warnings;
  if (ws.length) out.push('', L.warnings, ...ws.map((x) => `  - ${x}`));
  return out.join('\n') + '\n';
}
