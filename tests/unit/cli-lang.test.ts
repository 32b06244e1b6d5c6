// `npm run analyze --lang en|nb`: the readable table and its warnings in Bokmål; JSON unchanged.
import { describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/cli-run';
import type { AnalysisV1 } from '../../src/shared/analysis-format';
import { serializePoses } from '../../src/shared/poses-format';
import { generateWalk } from '../fixtures/gait-generator';
import { generateZoneWalk } from '../fixtures/walk-zone-generator';

const run = runCli;

const files = { 'w.json': serializePoses(generateWalk({ skeleton: 'coco17', seed: 8 }).file) };

describe('npm run analyze --lang', () => {
  it('nb: labels, numbers with a decimal comma, warnings and the indicator summary in Bokmål', () => {
    const { code, out, err } = run(['w.json', '--lang', 'nb'], files);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/^Gange: analyse av w\.json/);
    expect(out).toMatch(/Kadens\s+\d+,\d steg\/min|Kadens\s+\d+,\d /);
    expect(out).toMatch(/Ganghastighet\s+\d,\d+ m\/s/);
    expect(out).toContain('alder eller kjønn er ikke oppgitt');
    expect(out).toMatch(/\d av 6 indikatorer utenfor referansen/);
    expect(out).not.toContain('Cadence');
    expect(out).not.toMatch(/\d\.\d+ m\/s/);
  });

  it('en is the default and matches --lang en', () => {
    const a = run(['w.json'], files).out;
    expect(run(['w.json', '--lang', 'en'], files).out).toBe(a);
    expect(a).toContain('age or sex not given');
  });

  it('JSON does not depend on --lang', () => {
    expect(run(['w.json', '--json', '--lang', 'nb'], files).out).toBe(run(['w.json', '--json'], files).out);
  });

  it('a walk test with a rejected trial: table and warning in Bokmål', () => {
    const z = generateZoneWalk({
      skeleton: 'coco17',
      seed: 12,
      trials: [
        { direction: 1, speedMps: 1.2 },
        { direction: -1, speedMps: 1.0, kind: 'stop' },
      ],
    });
    const r = z.reference;
    const ref = `${r.x1},${r.y1},${r.x2},${r.y2},${r.metres}`;
    const { code, out } = run(['z.json', '--test', 'walk-4m', '--ref', ref, '--lang', 'nb'], {
      'z.json': serializePoses(z.file),
    });
    expect(code).toBe(0);
    expect(out).toContain('Gangtest (walk-4m, tidtatt sone 4 m)');
    expect(out).toMatch(/1 {3}venstre-høyre {2}\d+,\d{3}/);
    expect(out).toMatch(
      /forsøket fra høyre mot venstre fra \d+,\d\d s er ikke tatt tid på: personen stoppet i sonen/,
    );
    expect(out).toMatch(/1 forsøk tatt tid på; protokollen ber om 2/);
  });

  it('floor-reference, chair-test and frame-rate warnings in Bokmål too, English in the JSON', () => {
    const z = generateZoneWalk({ skeleton: 'coco17', seed: 12, trials: [{ direction: 1, speedMps: 1.2 }] });
    const r = z.reference;
    const ref = `${r.x1},${r.y1},${r.x2},${r.y2},${r.metres}`;
    const slow = { ...z.file, fps: 60 };
    const zf = { 'z.json': serializePoses(slow) };
    const nb = run(['z.json', '--ref', ref, '--height', '2.3', '--lang', 'nb'], zf);
    expect(nb.code).toBe(0);
    expect(nb.out).toMatch(/tidsstemplene gir \d+,\d bilder\/s, men fila oppgir 60/);
    expect(nb.out).toMatch(/avstanden merket på gulvet og høyden gir ulik skala, med \d+ % forskjell/);
    expect(nb.out).not.toMatch(/floor reference|timestamps give/);
    const json = JSON.parse(run(['z.json', '--ref', ref, '--height', '2.3', '--json'], zf).out) as AnalysisV1;
    expect(json.quality.warnings[0]).toMatch(
      /^the timestamps give \d+\.\d frames\/s but the file declares 60:/,
    );
    expect(json.quality.warnings.join('\n')).toMatch(/floor reference and height disagree by \d+ %/);
    expect(json.quality.warningCodes?.[0]).toMatchObject({ code: 'fps-mismatch', declaredFps: 60 });
    expect(JSON.stringify(json.quality.warningCodes)).not.toContain('legacy-text');
  });

  it('rejects an unknown language with exit 2 and one line', () => {
    const r = run(['w.json', '--lang', 'de'], files);
    expect(r.code).toBe(2);
    expect(r.err).toBe('analyze: --lang needs one of en, nb, got de (see --help)\n');
  });
});
