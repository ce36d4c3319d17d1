import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'var/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The core is pure: no I/O, no forge or broker clients (DESIGN.md "Shape").
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'fs',
                'node:fs',
                'fs/*',
                'node:fs/*',
                'net',
                'node:net',
                'child_process',
                'node:child_process',
                'http',
                'node:http',
                'https',
                'node:https',
                'amqplib',
                'stompit',
                'forgejo-js',
                '@gitbeaker/*',
                '@octokit/*',
                'better-sqlite3',
              ],
              message: 'packages/core stays pure: no I/O (DESIGN.md).',
            },
          ],
        },
      ],
    },
  },
);
