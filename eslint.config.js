// Lint rules, including the module boundaries of docs/architecture.md ("Module boundaries"):
// - apps never import other apps (only libs, through @hamiltix/<lib>), in tests neither;
// - pure libs (domain, venues, ranking, contracts) never import Nest or anything doing I/O;
// - libs, e2e and deploy tests never import apps; nothing imports a lib by path.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const apps = ['ingestion', 'ranking', 'search-api', 'checkout', 'notifier', 'broker-sandbox', 'frontend'];
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

const libs = ['domain', 'venues', 'ranking', 'contracts', 'persistence', 'broker-client', 'platform'];
const appSource = (names) => `(^|/)(apps/)?(${names.join('|')})/(src|test)(/|$)`;
const otherApps = (app) => ({
  regex: appSource(apps.filter((a) => a !== app)),
  message:
    'Apps never import other apps (tests neither); share code through a lib, or run the app as a process.',
});
const noApps = {
  regex: appSource(apps),
  message: 'Libs and tests outside apps never import apps; run them as processes.',
};
const crossLib = [
  {
    regex: `^(\\.\\./)+(libs/)?(${libs.join('|')})/src(/|$)`,
    message: 'Import libs as @hamiltix/<lib> (or @hamiltix/<lib>/testing), never by path.',
  },
  { group: ['**/libs/*/src/**'], message: 'Import libs as @hamiltix/<lib>.' },
];

// Dynamic `import('…')` of an app's source is caught too (no-restricted-imports sees only
// static imports). Part of every no-restricted-syntax list below: a later list replaces an
// earlier one for the files both match.
const noDynamicAppImport = {
  selector: `ImportExpression[source.value=/${appSource(apps).replace(/\//g, '\\/')}/]`,
  message:
    'Never import an app by a dynamic import() either; share code through a lib, or run the app as a process.',
};

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
  { files: ['**/*.ts'], rules: { 'no-restricted-syntax': ['error', noDynamicAppImport] } },
  // Boundaries hold for test code too: a test that imports another app's source ties the
  // two apps together as surely as production code would (start it as a process instead:
  // `startBrokerSandbox` in @hamiltix/platform/testing). Relative paths are caught as well
  // as `apps/...` ones.
  ...apps.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [otherApps(app), ...crossLib] }],
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
            noApps,
            ...crossLib,
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
    files: [
      'libs/{persistence,broker-client,platform}/**/*.ts',
      'libs/*/src/**/*.spec.ts',
      'libs/*/test/**/*.ts',
    ],
    rules: { 'no-restricted-imports': ['error', { patterns: [noApps, ...crossLib] }] },
  },
  {
    files: ['e2e/**/*.ts', 'deploy/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noApps, ...crossLib] }] },
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
        noDynamicAppImport,
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
