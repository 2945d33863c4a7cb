// What the dev server and build.mjs share: each page (src/pages/<name>.html: its <title> and
// <meta> tags, then what goes in its <main>) put into the one layout (src/layout.html: the
// document head, the site header, <main>, the footer), with its script (src/ts/<name>.ts,
// served as /assets/js/<name>.js) and the partials it includes (src/partials); and esbuild's
// options for the TypeScript (one entry per page script, shared code split into chunks).
//
// In a page or partial:
//   <!-- include:NAME key=value … -->   src/partials/NAME.html, with {{key}} replaced by value
//   <!-- numbers:1-8 selected=2 -->    <option>1</option> … <option>8</option>, 2 selected
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const srcDir = join(here, 'src');
const pagesDir = join(srcDir, 'pages');
const partialsDir = join(srcDir, 'partials');
const tsDir = join(srcDir, 'ts');

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

/** A page's own script, `src/ts/<page>.ts`, when it has one. */
const scriptOf = (name) => (existsSync(join(tsDir, `${name}.ts`)) ? join(tsDir, `${name}.ts`) : undefined);

/** The esbuild entry points: every page's script. */
export async function entryPoints() {
  return (await pageNames()).map(scriptOf).filter(Boolean);
}

/**
 * esbuild's options. Development: readable names; production: minified, every file named
 * by its content hash so it can be cached for a year.
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
 * For each entry script URL (`/assets/js/index.js`), the file esbuild wrote for it and the
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

/** Moves every line but the first `by` spaces right (to sit at its place in the layout). */
const indent = (text, by) => text.trim().replace(/\n(?=.)/g, `\n${' '.repeat(by)}`);

/** `<!-- include:… -->` and `<!-- numbers:… -->` expanded (includes may include, 5 deep). */
async function expand(html, depth = 0) {
  if (depth > 5) throw new Error('src/partials: includes nested more than 5 deep');
  const includes = [...html.matchAll(/^( *)<!-- include:([a-z0-9-]+)((?: [a-z]+=[^ ]*)*) -->$/gm)];
  for (const [directive, pad, name, args] of includes) {
    const values = Object.fromEntries(
      args
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map((a) => a.split('=')),
    );
    const partial = (await readFile(join(partialsDir, `${name}.html`), 'utf8')).replace(
      /\{\{([a-z]+)\}\}/g,
      (_, key) => values[key] ?? '',
    );
    html = html.replace(directive, () => pad + indent(partial, pad.length));
  }
  html = html.replace(/^( *)<!-- numbers:(\d+)-(\d+) selected=(\d*) -->$/gm, (_, pad, from, to, selected) =>
    Array.from({ length: Number(to) - Number(from) + 1 }, (__, i) => Number(from) + i)
      .map((n) => `${pad}<option${String(n) === selected ? ' selected' : ''}>${n}</option>`)
      .join('\n'),
  );
  return includes.length ? expand(html, depth + 1) : html;
}

/**
 * One page as served: the layout with the page's head tags, its script and its content.
 * `assetUrl` maps each `/assets/…` URL (production: to its hashed name); `preloads` lists, per
 * entry script URL, the chunk URLs to announce with <link rel="modulepreload">.
 */
export async function renderPage(name, { assetUrl = (url) => url, preloads = new Map() } = {}) {
  const [layout, page] = await Promise.all([
    readFile(join(srcDir, 'layout.html'), 'utf8'),
    readFile(join(pagesDir, `${name}.html`), 'utf8'),
  ]);
  const [head] = /^\s*(?:(?:<title>[\s\S]*?<\/title>|<meta\b[^>]*\/>)\s*)*/.exec(page);
  if (!head.includes('<title>')) throw new Error(`src/pages/${name}.html: expected <title> first`);
  const script = scriptOf(name) ? `/assets/js/${name}.js` : undefined;
  const headTags = [
    indent(head, 4),
    ...(script ? [`<script type="module" src="${script}"></script>`] : []),
    '<!-- page:preloads -->',
  ].join('\n    ');
  const html = layout
    .replace('<!-- page:head -->', () => headTags)
    .replace('<!-- page:main -->', () => indent(page.slice(head.length), 6));
  // Preloads are added last: their URLs are already the built files' (not to be mapped again).
  const preloadTags = (preloads.get(script) ?? []).map((url) => `<link rel="modulepreload" href="${url}" />`);
  return (await expand(html))
    .replace(/"(\/assets\/[^"]+)"/g, (_, url) => `"${assetUrl(url)}"`)
    .replace(/\n *<!-- page:preloads -->/, () => preloadTags.map((tag) => `\n    ${tag}`).join(''));
}
