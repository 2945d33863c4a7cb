// The website's "build": a copy of src/ to dist/frontend (or --out DIR) with the assets
// fingerprinted, so nginx can cache them for a year. Every file under /assets/ moves to
// /assets/<hash>/ (one hash of all of them) and the HTML is rewritten to match; the ES
// modules import each other by relative path, so they need no rewriting. No dependencies.
//
//   node apps/frontend/build.mjs [--out dist/frontend]
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, 'src');
const outArg = process.argv.indexOf('--out');
const out = resolve(outArg > 0 ? process.argv[outArg + 1] : join(here, '..', '..', 'dist', 'frontend'));

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

const started = Date.now();
const hash = createHash('sha256');
const assets = [];
for await (const file of walk(join(src, 'assets'))) assets.push(file);
assets.sort();
for (const file of assets) {
  hash.update(relative(src, file));
  hash.update(await readFile(file));
}
const version = hash.digest('hex').slice(0, 12);

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await cp(join(src, 'assets'), join(out, 'assets', version), { recursive: true });
let pages = 0;
for (const name of await readdir(src)) {
  if (name === 'assets') continue;
  const from = join(src, name);
  if (name.endsWith('.html')) {
    const html = (await readFile(from, 'utf8')).replaceAll('"/assets/', `"/assets/${version}/`);
    await writeFile(join(out, name), html);
    pages++;
  } else {
    await cp(from, join(out, name), { recursive: true });
  }
}
// Production unless told otherwise; the container rewrites this at start from APP_ENV.
await writeFile(
  join(out, 'config.json'),
  JSON.stringify({ appEnv: process.env.APP_ENV ?? 'production' }) + '\n',
);
process.stderr.write(
  `frontend: ${pages} page(s), assets ${version}, in ${Date.now() - started} ms -> ${out}\n`,
);
