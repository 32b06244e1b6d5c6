// The layer table of docs/architecture.md is enforced by ESLint: these imports must be refused, those allowed.
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restricted(filePath: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === '@typescript-eslint/no-restricted-imports');
}

const cases: [file: string, spec: string, refused: boolean][] = [
  ['src/analysis/x.ts', '../ui/i18n/index', true],
  ['src/analysis/x.ts', '../shared/units', false],
  ['src/shared/x.ts', '../storage/index', true],
  ['src/capture/x.ts', '../storage/index', true],
  ['src/capture/x.ts', '../report/index', true],
  ['src/capture/x.ts', '../ui/dom', true],
  ['src/capture/x.ts', '../analysis/index', false],
  ['src/capture/x.ts', '../inference/pose-client', false],
  ['src/inference/x.ts', '../capture/frame-pump', true],
  ['src/storage/x.ts', '../ui/dom', true],
  ['src/storage/x.ts', '../report/index', true],
  ['src/storage/x.ts', '../analysis/index', false],
  ['src/report/x.ts', '../ui/dom', true],
  ['src/report/x.ts', '../capture/recorder', true],
  ['src/report/x.ts', '../storage/index', false],
  ['src/cli/x.ts', '../storage/index', true],
  ['src/cli/x.ts', '../ui/dom', true],
  ['src/cli/x.ts', '../analysis/index', false],
  ['src/ui/x.ts', '../cli/args', true],
  ['src/ui/x.ts', '../storage/index', false],
];

describe('architecture boundaries (lint)', () => {
  // Loading the config (typescript-eslint, the import resolver) takes seconds on a busy machine: do it once.
  beforeAll(() => eslint.calculateConfigForFile('src/ui/x.ts'), 120_000);

  it.each(cases)(
    '%s importing %s: refused=%s',
    async (file, spec, refused) => {
      expect(await restricted(file, `import { a } from '${spec}';\nexport const b = a;\n`)).toBe(refused);
    },
    30_000,
  );

  it('TF.js and idb stay out of the app layers, and the UI imports only the worker type', async () => {
    expect(
      await restricted('src/ui/x.ts', "import * as tf from '@tensorflow/tfjs';\nexport const b = tf;\n"),
    ).toBe(true);
    expect(
      await restricted('src/capture/x.ts', "import { openDB } from 'idb';\nexport const b = openDB;\n"),
    ).toBe(true);
    expect(
      await restricted(
        'src/ui/x.ts',
        "import { api } from '../../workers/pose.worker';\nexport const b = api;\n",
      ),
    ).toBe(true);
    expect(
      await restricted(
        'src/ui/x.ts',
        "import type { PoseWorkerApi } from '../../workers/pose.worker';\nexport type B = PoseWorkerApi;\n",
      ),
    ).toBe(false);
  }, 30_000);
});
