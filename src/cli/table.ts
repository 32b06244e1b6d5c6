// The human-readable report printed by `npm run analyze` without --json.
import type { AnalysisWithTestsV1 } from '../shared/clinical-tests';

const show = (v: unknown, unit = ''): string =>
  v === null || v === undefined ? 'n/a' : `${String(v)}${unit}`;
const row = (label: string, value: string): string => `  ${label.padEnd(34)}${value}`;

export function formatTable(file: string, r: AnalysisWithTestsV1): string {
  const out: string[] = [
    `${r.spine ? `Spine test (${r.spine.test})` : r.posture ? 'Standing posture' : r.functional ? 'Functional test' : r.walkTest ? 'Walk test' : 'Gait'} analysis of ${file}`,
  ];
  out.push(
    `Scale: ${r.scale.method}${r.scale.metresPerPixel === null ? ' (lengths in pixels not shown in metres)' : `, ${r.scale.metresPerPixel} m/px`}`,
  );
  out.push(`Frames: ${r.quality.framesUsed} of ${r.quality.framesTotal} used`);
  const g = r.gait;
  if (g) {
    out.push(
      '',
      'Steps',
      `  ${'#'.padEnd(4)}${'foot'.padEnd(7)}${'heel strike s'.padEnd(15)}${'length m'.padEnd(10)}time s`,
    );
    g.steps.forEach((s, i) => {
      out.push(
        `  ${String(i + 1).padEnd(4)}${s.foot.padEnd(7)}${s.tS.toFixed(3).padEnd(15)}${show(s.lengthM).padEnd(10)}${show(s.timeS)}`,
      );
    });
    out.push(
      '',
      'Metrics',
      row(
        'Step length mean / left / right',
        `${show(g.stepLengthM.mean)} / ${show(g.stepLengthM.left)} / ${show(g.stepLengthM.right)} m`,
      ),
      row('Step length CV', show(g.stepLengthM.cv, ' %')),
      row('Stride length', show(g.strideLengthM.mean, ' m')),
      row('Cadence', show(g.cadenceStepsPerMin, ' steps/min')),
      row('Gait speed', show(g.speedMps, ' m/s')),
      row('Stance / swing', `${show(g.stancePct)} / ${show(g.swingPct)} % of cycle`),
      row('Double support', show(g.doubleSupportPct, ' % of cycle')),
      row(
        'Step length / time symmetry index',
        `${show(g.stepLengthSymmetryPct)} / ${show(g.stepTimeSymmetryPct)} %`,
      ),
      row('Foot descent before heel strike', show(g.heelStrikeVelocityMps.mean, ' m/s')),
      row('Event method', show(g.eventMethod)),
    );
  }
  if (r.guarded) {
    out.push('', 'Guarded-gait indicators (screening aids, not a diagnosis)');
    for (const i of r.guarded.indicators) {
      out.push(
        `  ${i.outside ? '!' : ' '} ${i.id.padEnd(27)}${show(i.value, ` ${i.unit}`).padEnd(26)}ref ${i.reference}`,
      );
    }
    out.push(`  ${r.guarded.summary}`);
  }
  const sp = r.spine;
  if (sp) {
    out.push(
      '',
      'Repetitions',
      `  ${'#'.padEnd(4)}${'neutral °'.padEnd(11)}${'end range °'.padEnd(13)}${'ROM °'.padEnd(8)}${'fingertip-floor cm'.padEnd(20)}side`,
    );
    sp.reps.forEach((rep, i) => {
      out.push(
        `  ${String(i + 1).padEnd(4)}${show(rep.neutralDeg).padEnd(11)}${show(rep.endRangeDeg).padEnd(13)}${show(rep.romDeg).padEnd(8)}${show(rep.fingertipToFloorCm).padEnd(20)}${rep.side ?? ''}`,
      );
    });
    out.push(
      '',
      row('Range of motion best / median', `${show(sp.romDeg.best)} / ${show(sp.romDeg.median)} °`),
      row('Fingertip-to-floor best', show(sp.fingertipToFloorCm.best, ' cm')),
    );
  }
  if (r.posture) {
    out.push('', 'Posture');
    for (const [k, v] of Object.entries(r.posture)) out.push(row(k, show(v)));
  }
  const w = r.walkTest;
  if (w) {
    out.push(
      '',
      `Walk test (${w.test}, timed zone ${w.zoneM} m)`,
      `  ${'#'.padEnd(4)}${'direction'.padEnd(15)}${'start s'.padEnd(10)}${'end s'.padEnd(10)}${'time s'.padEnd(9)}speed m/s`,
    );
    w.trials.forEach((t, i) => {
      out.push(
        `  ${String(i + 1).padEnd(4)}${t.direction.padEnd(15)}${t.startS.toFixed(3).padEnd(10)}${t.endS.toFixed(3).padEnd(10)}${t.timeS.toFixed(3).padEnd(9)}${t.speedMps}`,
      );
    });
    out.push(
      row('Best time', show(w.bestTimeS, ' s')),
      row('Gait speed (protocol)', show(w.speedMps, ' m/s')),
    );
  }
  const f = r.functional;
  if (f) {
    out.push(
      '',
      `Functional test (${f.test})`,
      row('Time', show(f.timeS, ' s')),
      row('Full stands', show(f.count)),
    );
    for (const ph of f.phases)
      out.push(row(`  ${ph.name}`, `${ph.startS.toFixed(3)}-${ph.endS.toFixed(3)} s`));
  }
  if (r.quality.warnings.length) out.push('', 'Warnings', ...r.quality.warnings.map((w) => `  - ${w}`));
  return out.join('\n') + '\n';
}
