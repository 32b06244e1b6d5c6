// Lint enforces the architecture: capture → worker inference → analysis (pure) → storage → report → ui.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const pureBans = [
  {
    group: ['**/ui/**', '**/capture/**', '**/inference/**', '**/storage/**', '**/report/**', '**/cli/**'],
    message: 'analysis and shared are pure: no app layers.',
  },
  { group: ['**/workers/**'], message: 'analysis and shared never import the worker.' },
  {
    group: [
      '@tensorflow/*',
      '@tensorflow-models/*',
      'chart.js',
      'chart.js/*',
      'idb',
      'jspdf',
      'comlink',
      'node:*',
    ],
    message: 'analysis and shared are pure TypeScript: no TF.js, charts, storage, RPC or Node APIs.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'public/**', 'bench/results.json', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js', '.mjs'] })],
    },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'import-x/no-cycle': ['error', { maxDepth: 20 }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        ...['describe', 'it', 'test'].flatMap((object) =>
          ['only', 'skip', 'todo'].map((property) => ({
            object,
            property,
            message: 'No focused, skipped or todo tests.',
          })),
        ),
      ],
    },
  },
  {
    files: ['src/analysis/**', 'src/shared/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: pureBans }] },
  },
  // One block per layer: docs/architecture.md's "may import" column, enforced.
  ...layerRules(),
);

/** Restricted imports per layer; a file gets exactly one block (ESLint does not merge `patterns` arrays). */
function layerRules() {
  const worker = {
    group: ['**/workers/**'],
    allowTypeImports: true,
    message: 'Only the worker API type may be imported; reach the worker through src/inference.',
  };
  const tf = { group: ['@tensorflow/*', '@tensorflow-models/*'], message: 'TF.js lives only in the worker.' };
  const idb = { group: ['idb'], message: 'Reach IndexedDB through src/storage.' };
  const layer = (names, message) => ({ group: names.map((n) => `**/${n}/**`), message });
  const ban = (files, patterns) => ({
    files,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  });
  return [
    ban(
      ['src/inference/**'],
      [
        worker,
        tf,
        idb,
        layer(
          ['capture', 'storage', 'report', 'ui', 'cli'],
          'inference sits below capture: it imports shared and the worker type only.',
        ),
      ],
    ),
    ban(
      ['src/capture/**'],
      [
        worker,
        tf,
        idb,
        layer(
          ['storage', 'report', 'ui', 'cli'],
          'capture feeds analysis; storage, reports and views sit above it.',
        ),
      ],
    ),
    ban(
      ['src/storage/**'],
      [
        worker,
        tf,
        layer(['capture', 'inference', 'report', 'ui', 'cli'], 'storage imports shared and analysis only.'),
      ],
    ),
    ban(
      ['src/report/**'],
      [
        worker,
        tf,
        idb,
        layer(
          ['capture', 'inference', 'ui', 'cli'],
          'report builds on shared, analysis and storage types only.',
        ),
      ],
    ),
    ban(
      ['src/cli/**'],
      [
        worker,
        tf,
        idb,
        layer(
          ['capture', 'inference', 'storage', 'report', 'ui'],
          'the CLI runs the pure analysis in Node only.',
        ),
      ],
    ),
    ban(
      ['src/ui/**', 'src/main.ts'],
      [worker, tf, idb, layer(['cli'], 'the app never imports the Node CLI.')],
    ),
  ];
}
