// One jest run over every project. ESM throughout (Nest 12 ships ESM only), compiled by
// SWC with decorator metadata. Each test file that needs Postgres, Redis or NATS gets
// its own database, key prefix or private server (see libs/platform/src/testing).
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];

const project = (name, dir) => ({
  displayName: name,
  rootDir: '.',
  roots: [`<rootDir>/${dir}`],
  testMatch: ['**/*.spec.ts'],
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@hamiltix/platform/preflight$': '<rootDir>/libs/platform/src/preflight.ts',
    // Test helpers: a private database, private NATS/Redis servers, free ports. Test code only.
    '^@hamiltix/(persistence|platform)/testing$': '<rootDir>/libs/$1/src/testing/index.ts',
    '^@hamiltix/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
});

const apps = ['ingestion', 'ranking', 'search-api', 'checkout', 'notifier', 'broker-sandbox', 'frontend'];
const libs = ['domain', 'venues', 'ranking', 'contracts', 'persistence', 'broker-client', 'platform'];

export default {
  projects: [
    ...libs.map((l) => project(`lib:${l}`, `libs/${l}`)),
    ...apps.map((a) => project(`app:${a}`, `apps/${a}`)),
    project('deploy', 'deploy'),
    project('e2e', 'e2e'),
  ],
  testTimeout: 30000,
  maxWorkers: 2,
  // Each worker holds ~1.2 GB of heap after its ~56 ESM test files, and a process that size
  // takes longer than jest's default 500 ms to exit, with no handle left open (measured):
  // jest then printed "A worker process has failed to exit gracefully" on every full run. A
  // real leak still shows: a worker that has not exited after 5 s is force-exited with it.
  workerGracefulExitTimeout: 5_000,
};
