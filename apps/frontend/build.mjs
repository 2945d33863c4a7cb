// The website's production build, to dist/frontend (or --out DIR): the TypeScript bundled by
// esbuild (one module per page, shared chunks), CSS and images copied, every asset named by
// its content hash (/assets/js/home-<hash>.js, /assets/css/site-<hash>.css) so nginx can cache
// it for a year, and each page put into the layout with its URLs rewritten to match.
//
//   node apps/frontend/build.mjs [--out dist/frontend]
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptions, here, pageNames, renderPage, scriptsOf, srcDir } from './site.mjs';

const outArg = process.argv.indexOf('--out');
const out = resolve(outArg > 0 ? process.argv[outArg + 1] : join(here, '..', '..', 'dist', 'frontend'));

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

const started = performance.now();
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

// Every /assets/… URL the pages may name → its hashed URL.
const urls = new Map();
const preloads = new Map();

const jsDir = join(out, 'assets', 'js');
const result = await build({ ...(await esbuildOptions({ production: true, outdir: jsDir })), write: true });
for (const [url, { file, chunks }] of scriptsOf(result.metafile, jsDir)) {
  urls.set(url, `/assets/js/${file}`);
  preloads.set(
    url,
    chunks.map((c) => `/assets/js/${c}`),
  );
}

// CSS and images: copied with their content hash in the name (they reference nothing).
for await (const file of walk(join(srcDir, 'assets'))) {
  const rel = relative(join(srcDir, 'assets'), file).split('\\').join('/');
  const hash = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 10);
  const ext = extname(rel);
  const hashed = join(dirname(rel), `${basename(rel, ext)}-${hash}${ext}`)
    .split('\\')
    .join('/');
  await mkdir(dirname(join(out, 'assets', hashed)), { recursive: true });
  await copyFile(file, join(out, 'assets', hashed));
  urls.set(`/assets/${rel}`, `/assets/${hashed}`);
}

const names = await pageNames();
for (const name of names) {
  const html = await renderPage(name, {
    preloads,
    assetUrl: (url) => {
      const hashed = urls.get(url);
      if (!hashed) throw new Error(`src/pages/${name}.html names ${url}, which the build did not produce`);
      return hashed;
    },
  });
  await writeFile(join(out, `${name}.html`), html);
}
// Production unless told otherwise; the container rewrites this at start from APP_ENV.
await writeFile(
  join(out, 'config.json'),
  JSON.stringify({ appEnv: process.env.APP_ENV ?? 'production' }) + '\n',
);
process.stderr.write(
  `frontend: ${names.length} page(s), ${urls.size} asset(s), in ${Math.round(performance.now() - started)} ms -> ${out}\n`,
);
