// Lint rules, including the module boundaries of ARCHITECTURE.md:
// - apps never import other apps (only libs, through @hamiltix/<lib>);
// - pure libs (domain, venues, ranking, contracts) never import Nest or anything doing I/O;
// - libs never import apps.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const apps = ['ingestion', 'ranking', 'search-api', 'checkout', 'broker-sandbox', 'frontend'];
const ioModules = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'ioredis',
  '@nats-io/*',
  'fastify',
  'node:fs',
  'node:fs/*',
  'node:net',
  'node:http',
  'node:https',
  'fs',
  'http',
  'https',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.nx/**', 'coverage/**', '.tools/**', 'helm/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  ...apps.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: apps.filter((a) => a !== app).map((a) => `**/apps/${a}/**`),
              message: 'Apps never import other apps; share code through a lib.',
            },
            { group: ['**/libs/*/src/**', '../../libs/**'], message: 'Import libs as @hamiltix/<lib>.' },
          ],
        },
      ],
    },
  })),
  {
    files: ['libs/{domain,venues,ranking,contracts}/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ioModules, message: 'Pure libs never import Nest or anything doing I/O.' },
            { group: ['**/apps/**'], message: 'Libs never import apps.' },
            {
              group: ['@hamiltix/persistence', '@hamiltix/platform', '@hamiltix/broker-client'],
              message: 'Pure libs only depend on other pure libs.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/{persistence,broker-client,platform}/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/apps/**'], message: 'Libs never import apps.' }] },
      ],
    },
  },
  {
    // Time is an input: "now" comes from the injected Clock (@hamiltix/domain, CLOCK in
    // @hamiltix/platform) so every rule can be pinned in a test; durations use performance.now().
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: [
      '**/*.spec.ts',
      '**/testing/**',
      '**/*.test-kit.ts',
      'libs/persistence/src/cli/**',
      'libs/domain/src/clock.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: 'Take "now" from the injected Clock (CLOCK); measure durations with performance.now().',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Take "now" from the injected Clock (CLOCK), not new Date().',
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'bench/**', 'scripts/**', '**/test/**'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['apps/frontend/src/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
