// The analysis layer's exported functions take and return units as branded types (shared/units.ts), not as
// plain numbers with the unit only in the name: a ratchet. The functions listed below predate it and keep the
// unit in their names; a new exported function with a plain-number unit parameter or result fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../src/analysis', import.meta.url));
/** A name that says its unit: tS, durationMs, angleDeg, heightM, widthPx, cutoffHz, fingertipCm, speedMps. */
const UNIT_NAME = /(Ms|S|Deg|M|Px|Hz|Cm|Mps|Pct)$/;

/** Unbranded unit parameters and results in place before the ratchet (file function(param) or function()). */
const BEFORE: readonly string[] = [
  'guarded/norms.ts normalGaitSpeedMps()',
  'scale/scale.ts frameHeightPx()',
  'spine/frame.ts fromVerticalDeg()',
  'spine/frame.ts fingertipY(handPx)',
  'spine/frame.ts floorY(ankleToFloorPx)',
  'spine/scale.ts ankleToFloorPx()',
  'spine/scale.ts handPx()',
  'walk-test/walk-test.ts findTrials(zoneM)',
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every exported function's parameter or result that names a unit but is typed plain `number`. */
function unbrandedUnits(): string[] {
  const out: string[] = [];
  for (const path of sources(ROOT)) {
    const file = relative(ROOT, path).split('\\').join('/');
    const sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const st of sf.statements) {
      if (!ts.isFunctionDeclaration(st) || !st.name) continue;
      if (!st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      const name = st.name.text;
      for (const p of st.parameters) {
        const param = p.name.getText(sf);
        if (UNIT_NAME.test(param) && p.type?.kind === ts.SyntaxKind.NumberKeyword) {
          out.push(`${file} ${name}(${param})`);
        }
      }
      if (UNIT_NAME.test(name) && st.type?.kind === ts.SyntaxKind.NumberKeyword)
        out.push(`${file} ${name}()`);
    }
  }
  return out.sort();
}

describe('branded units in the analysis layer’s exported signatures', () => {
  const found = unbrandedUnits();

  it('adds no exported function with a plain-number unit parameter or result', () => {
    expect(found.filter((x) => !BEFORE.includes(x))).toEqual([]);
  });

  it('keeps the list of older ones exact: a branded one leaves the list', () => {
    expect(BEFORE.filter((x) => !found.includes(x))).toEqual([]);
  });

  it('sees a plain-number unit parameter (the scan itself works)', () => {
    expect(found).toContain('walk-test/walk-test.ts findTrials(zoneM)');
    expect(found.some((x) => x.startsWith('geometry/view.ts'))).toBe(false);
  });
});
