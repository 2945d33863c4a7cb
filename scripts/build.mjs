// Compiles apps/*/src and libs/*/src (TypeScript, ESM) to dist/ with SWC, keeping the
// decorator metadata Nest needs and rewriting the @hamiltix/* path aliases to relative
// imports. Type checking is separate (`npm run typecheck`); this is the fast path that
// `npm start`, `npm run migrate` and the benchmarks use. Only changed files are rebuilt.
import { transformFile } from '@swc/core';
import { copyFile, mkdir, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
const swcrc = JSON.parse(await readFile(join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
swcrc.jsc.baseUrl = root;
swcrc.swcrc = false;

async function* walk(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

async function newer(src, dest) {
  try {
    return (await stat(src)).mtimeMs > (await stat(dest)).mtimeMs;
  } catch {
    return true;
  }
}

// Several builds may run at once (test files each make sure dist/ is current before they start
// a service from it): every file appears whole, by rename, so no process reads one half-written.
async function put(dest, data) {
  const tmp = `${dest}.${process.pid}.tmp`;
  await (typeof data === 'string' ? writeFile(tmp, data) : copyFile(data.from, tmp));
  await rename(tmp, dest);
}

const started = Date.now();
let compiled = 0;
for (const group of ['apps', 'libs']) {
  for (const project of await readdir(join(root, group))) {
    if (project === 'frontend') continue;
    for await (const file of walk(join(root, group, project, 'src'))) {
      const rel = relative(root, file);
      if (file.endsWith('.spec.ts') || file.endsWith('.d.ts')) continue;
      if (file.endsWith('.ts')) {
        const dest = join(out, rel.replace(/\.ts$/, '.js'));
        if (!(await newer(file, dest))) continue;
        const { code, map } = await transformFile(file, { ...swcrc, filename: file, sourceFileName: file });
        await mkdir(dirname(dest), { recursive: true });
        if (map) await put(dest + '.map', map);
        await put(dest, code + `\n//# sourceMappingURL=${dest.split('/').pop()}.map\n`);
        compiled++;
      } else if (file.endsWith('.json') || file.endsWith('.sql')) {
        const dest = join(out, rel);
        if (!(await newer(file, dest))) continue;
        await mkdir(dirname(dest), { recursive: true });
        await put(dest, { from: file });
      }
    }
  }
}
await put(join(out, 'package.json'), JSON.stringify({ type: 'module' }));
process.stderr.write(`build: ${compiled} file(s) compiled in ${Date.now() - started} ms\n`);
