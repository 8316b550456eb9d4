import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', '.build/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**/generate/**', '.demo-out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', Buffer: 'readonly', TextDecoder: 'readonly', structuredClone: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The engine is pure (STYLE §1): no I/O, no process, no @actions/*.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@actions/*', '@octokit/*'], message: 'src/engine is pure: adapters belong in src/sources, src/targets or src/github.' },
            { group: ['node:*', 'fs', 'fs/*', 'child_process', 'http', 'https', 'net', 'path', 'os'], message: 'src/engine is pure: no I/O; pass data in.' },
            { group: ['../sources/*', '../targets/*', '../github/*', '../actions/*'], message: 'imports point toward the engine, never out of it.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/engine is pure: read the environment at the edge.' }, { name: 'fetch', message: 'src/engine is pure: no I/O.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/engine takes `now` as an argument.' }, { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'src/engine takes `now` as an argument.' }],
    },
  },
);
