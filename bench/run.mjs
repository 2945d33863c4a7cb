// `npm run bench -- <name>`: runs bench/<name>.mjs (compiled code is in dist/ already:
// the npm script builds first). `npm run bench` alone lists the benchmarks.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && !f.startsWith('_'))
  .map((f) => f.replace(/\.mjs$/, ''));
const names = process.argv.slice(2);
if (!names.length) {
  process.stdout.write(`usage: npm run bench -- <${available.join('|')}>\n`);
  process.exit(2);
}
for (const name of names) {
  if (!available.includes(name)) {
    process.stderr.write(`unknown benchmark "${name}"; available: ${available.join(', ')}\n`);
    process.exit(2);
  }
  process.stdout.write(`\n== bench ${name} ==\n`);
  const result = spawnSync(process.execPath, ['--enable-source-maps', join(here, `${name}.mjs`)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
