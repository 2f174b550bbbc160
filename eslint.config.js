import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

// The model (src/sim, src/scenarios) must be deterministic and headless:
// no wall clock, no unseeded randomness, no timers, no DOM, no UI imports.
const modelGlobals = [
  'Date',
  'performance',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'requestAnimationFrame',
  'queueMicrotask',
  'window',
  'document',
  'navigator',
  'localStorage',
  'fetch',
].map((name) => ({ name, message: `${name} is not allowed in the model: it breaks replay.` }));

export default ts.config(
  {
    ignores: [
      'dist/',
      'dist-single/',
      'node_modules/',
      'tests/browser/screenshots/',
      'reports/',
      '.stryker-tmp/',
      'stryker.config.json',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommendedTypeChecked,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } },
  },
  {
    files: ['src/sim/**/*.ts', 'src/scenarios/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-globals': ['error', ...modelGlobals],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: "Use the run's seeded generator (src/sim/rng.ts).",
        },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: ['svelte', 'svelte/*', '**/views/**', 'd3-*', 'node:*', 'fs', 'path'] },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: 'No wall clock in the model.' },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'tests/**/*.mjs', '*.config.*', 'eslint.config.js'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['**/*.mjs', '**/*.js'], ...ts.configs.disableTypeChecked },
);
