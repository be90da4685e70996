import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import layers from './scripts/lint/layers.mjs';

/** The collections cloudfunctions/database.json declares: function code names them only through common/collections. */
const collectionNames = JSON.parse(
  readFileSync(fileURLToPath(import.meta.resolve('./cloudfunctions/database.json')), 'utf8'),
)
  .collections.map((c) => c.name.replace(/[^\w]/g, ''))
  .join('|');
const zodNamespace = {
  selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
  message: "Use `import * as z from 'zod'`: the named `z` pulls every locale into the bundle.",
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.data/',
      '.test-data/',
      'tests/artifacts/',
      'coverage/',
      '**/fixtures/**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'no-restricted-syntax': ['error', zodNamespace],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'dayjs', message: "Import dayjs from types/time, which sets the town's time zone once." }],
        },
      ],
    },
  },
  {
    // Which way the imports run (DESIGN §6): scripts/lint/layers.mjs holds the table of layers.
    files: ['types/**', 'cloudfunctions/**', 'src/**', 'emulator/**'],
    plugins: { honglin: layers },
    rules: { 'honglin/layers': 'error' },
  },
  {
    files: ['cloudfunctions/**/*.ts'],
    ignores: ['cloudfunctions/common/collections.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        zodNamespace,
        ...[
          `CallExpression > Literal[value=/^(${collectionNames})$/]`,
          `Property[key.name=/^(from|collection)$/] > Literal[value=/^(${collectionNames})$/]`,
        ].map((selector) => ({ selector, message: 'Name a collection through COLLECTIONS (common/collections.ts).' })),
      ],
    },
  },
  {
    // The contract names no platform: its types reach no further than zod and dayjs.
    files: ['types/**'],
    rules: { '@typescript-eslint/triple-slash-reference': ['error', { path: 'never', types: 'never', lib: 'never' }] },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Pages call the typed API of src/api/<function>.ts, built from the contract; a string call would be unchecked.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'dayjs', message: "Import dayjs from types/time, which sets the town's time zone once." }],
          patterns: [
            {
              group: ['@/api/transport', '**/api/transport'],
              importNames: ['callCloud'],
              message: 'Call an action through its typed API (src/api/<function>.ts, built from types/contract/).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['types/time.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Command-line tools report to the terminal.
    files: ['scripts/**', 'emulator/cli.ts', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
