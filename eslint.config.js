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
  {
    files: ['src/**'],
    ignores: ['src/analysis/**', 'src/shared/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/workers/**'],
              allowTypeImports: true,
              message: 'The UI imports only the worker API type; reach the worker through src/inference.',
            },
            { group: ['@tensorflow/*', '@tensorflow-models/*'], message: 'TF.js lives only in the worker.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**', 'src/capture/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/workers/**'],
              allowTypeImports: true,
              message: 'The UI imports only the worker API type.',
            },
            { group: ['@tensorflow/*', '@tensorflow-models/*'], message: 'TF.js lives only in the worker.' },
            { group: ['idb'], message: 'Reach IndexedDB through src/storage.' },
          ],
        },
      ],
    },
  },
);
