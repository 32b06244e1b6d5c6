// The analysis layer's exported functions take and return units as branded types (shared/units.ts), not as
// plain numbers with the unit only in the name: a ratchet. Every older function is branded now, so the list below
// is empty; a new exported function with a plain-number unit parameter or result fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../src/analysis', import.meta.url));
/** A name that says its unit: tS, durationMs, angleDeg, heightM, widthPx, cutoffHz, fingertipCm, speedMps. */
const UNIT_NAME = /(Ms|S|Deg|M|Px|Hz|Cm|Mps|Pct)$/;

/** Unbranded unit parameters and results in place before the ratchet: none left (file function(param) or function()). */
const BEFORE: readonly string[] = [];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** One source's exported functions whose parameter or result names a unit but is typed plain `number`. */
function unbrandedIn(file: string, text: string): string[] {
  const out: string[] = [];
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
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
    if (UNIT_NAME.test(name) && st.type?.kind === ts.SyntaxKind.NumberKeyword) out.push(`${file} ${name}()`);
  }
  return out;
}

/** Every exported analysis function's parameter or result that names a unit but is typed plain `number`. */
function unbrandedUnits(): string[] {
  return sources(ROOT)
    .flatMap((path) => unbrandedIn(relative(ROOT, path).split('\\').join('/'), readFileSync(path, 'utf8')))
    .sort();
}

describe('branded units in the analysis layer’s exported signatures', () => {
  const found = unbrandedUnits();

  it('adds no exported function with a plain-number unit parameter or result', () => {
    expect(found.filter((x) => !BEFORE.includes(x))).toEqual([]);
  });

  it('keeps the list of older ones exact: a branded one leaves the list', () => {
    expect(BEFORE.filter((x) => !found.includes(x))).toEqual([]);
  });

  it('sees a plain-number unit parameter or result, and passes a branded one (the scan itself works)', () => {
    const src = [
      'export function findTrials(tS: Float64Array, zoneM: number, forward: boolean): number { return 0; }',
      'export function speedMps(d: number): number { return d; }',
      'export function branded(zoneM: Meters, windowS: Seconds): Px { return 0 as Px; }',
      'function inner(zoneM: number): number { return zoneM; }',
    ].join('\n');
    expect(unbrandedIn('x.ts', src)).toEqual(['x.ts findTrials(zoneM)', 'x.ts speedMps()']);
    expect(found.some((x) => x.startsWith('geometry/view.ts'))).toBe(false);
    expect(found.some((x) => x.startsWith('walk-test/'))).toBe(false);
  });
});
