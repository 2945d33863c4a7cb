// build.mjs: the production site, every asset named by its content hash, every page in the
// one layout with its URLs rewritten, nothing left pointing at a file that is not there.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let out: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'hamiltix-frontend-'));
  const run = spawnSync(process.execPath, [join(here, '..', 'build.mjs'), '--out', out], {
    encoding: 'utf8',
  });
  expect(run.stderr).toMatch(/frontend: 7 page\(s\)/);
  expect(run.status).toBe(0);
}, 60_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('build.mjs', () => {
  it('writes every page in the layout, its assets by hashed name, all of them present', () => {
    const pages = readdirSync(out).filter((f) => f.endsWith('.html'));
    expect(pages.sort()).toEqual([
      '404.html',
      'alerts.html',
      'checkout.html',
      'index.html',
      'listing.html',
      'order.html',
      'search.html',
    ]);
    for (const page of pages) {
      const html = readFileSync(join(out, page), 'utf8');
      expect(html.match(/<header class="site-header">/g)).toHaveLength(1);
      expect(html.match(/<footer class="site-footer">/g)).toHaveLength(1);
      const urls = [...html.matchAll(/"(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
      expect(urls.length).toBeGreaterThan(1);
      for (const url of urls) {
        expect(url).toMatch(/-[A-Za-z0-9]{8,}\.(js|css|svg)$/);
        expect(existsSync(join(out, url))).toBe(true);
      }
    }
    // The entry's shared chunks are announced up front.
    expect(readFileSync(join(out, 'checkout.html'), 'utf8')).toMatch(
      /<link rel="modulepreload" href="\/assets\/js\/chunks\/chunk-[A-Z0-9]+\.js" \/>/,
    );
  });

  it('bundles and minifies the TypeScript, and writes the run-time config', () => {
    const scripts = readdirSync(join(out, 'assets', 'js')).filter((f) => f.endsWith('.js'));
    expect(scripts.map((f) => f.replace(/-[A-Z0-9]+\.js$/, '')).sort()).toEqual([
      'alerts',
      'checkout',
      'index',
      'listing',
      'order',
      'search',
    ]);
    const checkout = readFileSync(
      join(
        out,
        'assets',
        'js',
        scripts.find((f) => f.startsWith('checkout-'))!,
      ),
      'utf8',
    );
    expect(checkout).not.toMatch(/\n {2}/); // minified
    expect(checkout).not.toContain('.ts"');
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'))).toEqual({ appEnv: 'production' });
  });
});
