// Writes deploy/grafana/dashboards/*.json: `node deploy/grafana/build-dashboards.mjs`.
// deploy/test/ops-dashboards.spec.ts fails when the JSON and this source disagree, and
// `npm run format:check` when the files are not as Prettier writes them.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { overview } from './dashboards-src/overview.mjs';
import { pipeline } from './dashboards-src/pipeline.mjs';
import { sales } from './dashboards-src/sales.mjs';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'dashboards');

export const DASHBOARDS = {
  'hamiltix-overview.json': overview,
  'hamiltix-pipeline.json': pipeline,
  'hamiltix-sales.json': sales,
};

/**
 * The file's text, formatted as the repository's Prettier would. Prettier is loaded here
 * only: importing it opens process.stdin, which in a jest worker (stdin a pipe) is a handle
 * that keeps the worker from exiting.
 */
async function render(file, dashboard) {
  const { default: prettier } = await import('prettier');
  const path = join(OUT, file);
  const options = (await prettier.resolveConfig(path)) ?? {};
  return prettier.format(JSON.stringify(dashboard), { ...options, filepath: path });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [file, dashboard] of Object.entries(DASHBOARDS)) {
    writeFileSync(join(OUT, file), await render(file, dashboard));
    process.stdout.write(`wrote ${join(OUT, file)} (${dashboard.panels.length} panels)\n`);
  }
}
