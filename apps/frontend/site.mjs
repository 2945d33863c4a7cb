// What the dev server and build.mjs share: the pages (src/pages/<name>.html, each a <head>
// with its title, description and entry script, then its <main>) put into the one layout
// (src/layout.html: the document head, the site header and footer), and esbuild's options for
// the TypeScript in src/ts (one entry per page script, shared code split into chunks).
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const srcDir = join(here, 'src');
const pagesDir = join(srcDir, 'pages');
const tsDir = join(srcDir, 'ts');

/** A page's module scripts: `/assets/js/<name>.js` is built from `src/ts/<name>.ts`. */
const SCRIPT = /<script type="module" src="\/assets\/js\/([a-z0-9-]+)\.js"><\/script>/g;

/** Page names (`index`, `search`…), from src/pages. */
export async function pageNames() {
  return (await readdir(pagesDir))
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.slice(0, -'.html'.length))
    .sort();
}

/** True when `name` is a page (a bare name: no path can be smuggled in). */
export async function isPage(name) {
  return /^[a-z0-9-]+$/.test(name) && (await pageNames()).includes(name);
}

/** The esbuild entry points: every module script a page names. */
export async function entryPoints() {
  const entries = new Set();
  for (const name of await pageNames()) {
    const page = await readFile(join(pagesDir, `${name}.html`), 'utf8');
    for (const [, entry] of page.matchAll(SCRIPT)) entries.add(join(tsDir, `${entry}.ts`));
  }
  return [...entries].sort();
}

/**
 * esbuild's options. Development: readable names; production:
 * minified, every file named by its content hash so it can be cached for a year.
 */
export async function esbuildOptions({ production, outdir }) {
  return {
    entryPoints: await entryPoints(),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: production,
    sourcemap: 'linked',
    entryNames: production ? '[name]-[hash]' : '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
    // The type-only imports (@hamiltix/contracts, @hamiltix/venues) vanish in the bundle; the
    // typecheck is tsc's job (apps/frontend/tsconfig.json), so no tsconfig file is read here.
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
  };
}

/**
 * For each entry script URL (`/assets/js/home.js`), the file esbuild wrote for it and the
 * chunks it imports, from a build's metafile. Paths are relative to `outdir`.
 */
export function scriptsOf(metafile, outdir, absWorkingDir = process.cwd()) {
  const out = new Map();
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (!output.entryPoint) continue;
    const name = output.entryPoint.replace(/^.*\/([^/]+)\.ts$/, '$1');
    const rel = (p) => relative(outdir, join(absWorkingDir, p)).split('\\').join('/');
    out.set(`/assets/js/${name}.js`, {
      file: rel(path),
      chunks: output.imports.filter((i) => i.kind === 'import-statement').map((i) => rel(i.path)),
    });
  }
  return out;
}

/**
 * One page as served: the layout with the page's head and main. `assetUrl` maps each
 * `/assets/…` URL (production: to its hashed name); `preloads` lists, per entry script URL,
 * the chunk URLs to announce with <link rel="modulepreload">.
 */
export async function renderPage(name, { assetUrl = (url) => url, preloads = new Map() } = {}) {
  const [layout, page] = await Promise.all([
    readFile(join(srcDir, 'layout.html'), 'utf8'),
    readFile(join(pagesDir, `${name}.html`), 'utf8'),
  ]);
  const parts = /^\s*<head>([\s\S]*?)<\/head>([\s\S]*)$/.exec(page);
  if (!parts) throw new Error(`src/pages/${name}.html: expected <head>…</head> then <main>…</main>`);
  const [, head, main] = parts;
  const scripts = [...head.matchAll(SCRIPT)].map(([, entry]) => `/assets/js/${entry}.js`);
  const preloadLinks = scripts
    .flatMap((script) => preloads.get(script) ?? [])
    .map((url) => `\n    <link rel="modulepreload" href="${url}" />`)
    .join('');
  const html = layout
    .replace('<!-- page:head -->', () => `${head.trim().replace(/\n {2}/g, '\n    ')}<!-- page:preloads -->`)
    .replace('<!-- page:main -->', () => main.trim().replace(/\n/g, '\n    '))
    .replace(/"(\/assets\/[^"]+)"/g, (_, url) => `"${assetUrl(url)}"`);
  return html.replace('<!-- page:preloads -->', () => preloadLinks);
}
