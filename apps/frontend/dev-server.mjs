// The website's development server: serves the pages (layout + page, site.mjs), the
// TypeScript bundled by esbuild on request (in memory), CSS and images, and proxies the API
// the way the ingress does (docs/architecture.md "Environments and deployment"): /api/v1/orders* to checkout,
// /api/v1/alerts* to the notifier, the rest of /api/* to search-api. Outside production, /dev/mail shows
// what the local mail catcher (scripts/mail-catcher.mjs) received. node:http, node:fs and
// esbuild, so it starts in milliseconds and works offline.
//
//   PORT=8080 HOST=127.0.0.1 SEARCH_API_URL=http://127.0.0.1:3001 CHECKOUT_URL=http://127.0.0.1:3002 \
//   NOTIFIER_URL=http://127.0.0.1:3005 MAIL_CATCHER_URL=http://127.0.0.1:1080 APP_ENV=development \
//   node apps/frontend/dev-server.mjs
import { createServer, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { context as esbuildContext } from 'esbuild';
import { esbuildOptions, here, isPage, renderPage, srcDir } from './site.mjs';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

// Hop-by-hop headers are about one connection and must not be forwarded (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

// The same Content-Security-Policy as nginx.conf, so a page that breaks it fails in tests.
// Stripe.js (checkout with PAYMENT_PROVIDER=stripe) is the only outside origin: its script,
// its card-form frames and its API.
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self' https://js.stripe.com; frame-src https://js.stripe.com https://hooks.stripe.com; connect-src 'self' https://api.stripe.com; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/** Which upstream answers a path, exactly as the ingress routes it. */
export function upstreamFor(pathname, { searchApiUrl, checkoutUrl, notifierUrl }) {
  if (pathname === '/api/v1/orders' || pathname.startsWith('/api/v1/orders/')) return checkoutUrl;
  if (pathname === '/api/v1/alerts' || pathname.startsWith('/api/v1/alerts/')) return notifierUrl;
  if (pathname === '/api/v1/payments' || pathname.startsWith('/api/v1/payments/')) return checkoutUrl;
  if (pathname === '/api' || pathname.startsWith('/api/')) return searchApiUrl;
  return undefined;
}

function sendJson(res, statusCode, body, extraHeaders = {}) {
  const text = JSON.stringify(body);
  res.writeHead(statusCode, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...extraHeaders,
  });
  res.end(text);
}

function filterHeaders(headers) {
  const out = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name.toLowerCase())) continue;
    out[name] = value;
  }
  return out;
}

function proxy(req, res, upstream, log) {
  const target = new URL(req.url, upstream);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = filterHeaders(req.headers);
  headers.host = target.host;
  const forwardedFor = req.headers['x-forwarded-for'];
  const clientIp = req.socket.remoteAddress ?? '';
  headers['x-forwarded-for'] = forwardedFor ? `${forwardedFor}, ${clientIp}` : clientIp;
  headers['x-forwarded-host'] = req.headers.host ?? '';
  headers['x-forwarded-proto'] = 'http';

  const upstreamReq = send(target, { method: req.method, headers, timeout: 30_000 }, (upstreamRes) => {
    res.writeHead(upstreamRes.statusCode ?? 502, filterHeaders(upstreamRes.headers));
    // Bodies stream both ways: nothing is buffered, large answers start at once.
    upstreamRes.pipe(res);
  });
  upstreamReq.on('timeout', () => upstreamReq.destroy(new Error('upstream timed out')));
  upstreamReq.on('error', (err) => {
    log(`proxy ${req.method} ${req.url} -> ${upstream}: ${err.message}`);
    if (res.headersSent) {
      res.destroy(err);
      return;
    }
    sendJson(res, 502, {
      statusCode: 502,
      error: 'Bad Gateway',
      message: 'The ticket service is not answering right now. Please try again in a moment.',
    });
  });
  req.pipe(upstreamReq);
}

/** Maps a URL path to a file under root, or undefined when it escapes root. */
function fileFor(root, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const full = normalize(join(root, decoded));
  if (full !== root && !full.startsWith(root + sep)) return undefined;
  return full;
}

async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The TypeScript, bundled by esbuild in memory on request: each request for /assets/js/…
 * rebuilds (incrementally, a few milliseconds; requests arriving meanwhile share the build),
 * so an edit shows on the next reload. Nothing is written to disk.
 */
function scriptBuilder(outdir) {
  let context;
  let building;
  let files = new Map();
  async function rebuild() {
    context ??= await esbuildContext({
      ...(await esbuildOptions({ production: false, outdir })),
      write: false,
    });
    const result = await context.rebuild();
    files = new Map(
      result.outputFiles.map((f) => [
        relative(outdir, f.path).split(sep).join('/'),
        { contents: f.contents, etag: `W/"${f.hash}"` },
      ]),
    );
  }
  return {
    /** The built file at a path under /assets/js/, or undefined. */
    async get(path) {
      building ??= rebuild().finally(() => {
        building = undefined;
      });
      await building;
      return files.get(path);
    },
    async dispose() {
      await context?.dispose();
    },
  };
}

/** Response headers shared by every page and file (pages add the CSP). */
function fileHeaders(ext, etag) {
  return {
    'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    // Nothing is fingerprinted in development, so the browser revalidates every time (a cheap
    // 304); the production build names assets by their hash and nginx caches them for a year.
    'cache-control': 'no-cache',
    ...(etag ? { etag } : {}),
    'x-content-type-options': 'nosniff',
    ...(ext === '.html' ? { 'content-security-policy': CSP, 'referrer-policy': 'same-origin' } : {}),
  };
}

function sendBody(req, res, status, headers, body) {
  if (status === 200 && headers.etag && req.headers['if-none-match'] === headers.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(status, { ...headers, 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** A page from src/pages in the layout, as the build writes it (URLs not fingerprinted). */
async function sendPage(req, res, name, status = 200) {
  const body = Buffer.from(await renderPage(name));
  const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
  sendBody(req, res, status, fileHeaders('.html', status === 200 ? etag : undefined), body);
}

async function serveStatic(req, res, { root, runtimeConfig, scripts }) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(
      res,
      405,
      { statusCode: 405, error: 'Method Not Allowed', message: 'Use GET.' },
      { allow: 'GET, HEAD' },
    );
    return;
  }
  const { pathname } = new URL(req.url, 'http://localhost');

  // The page's run-time settings (sandbox cards or not), as the container writes them.
  if (pathname === '/config.json') {
    sendJson(res, 200, runtimeConfig);
    return;
  }

  // The bundled TypeScript.
  if (pathname.startsWith('/assets/js/')) {
    const built = await scripts.get(pathname.slice('/assets/js/'.length));
    if (built) {
      sendBody(req, res, 200, fileHeaders(extname(pathname), built.etag), Buffer.from(built.contents));
      return;
    }
  }

  // Clean URLs, as nginx's try_files: /search and /search.html -> the search page, / -> index.
  const page = pathname === '/' ? 'index' : pathname.slice(1).replace(/\.html$/, '');
  if (await isPage(page)) {
    await sendPage(req, res, page);
    return;
  }

  // CSS and images, as they are.
  const file = pathname.startsWith('/assets/') ? fileFor(root, pathname) : undefined;
  if (!file || !(await isFile(file))) {
    await sendPage(req, res, '404', 404);
    return;
  }
  const info = await stat(file);
  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const headers = { ...fileHeaders(extname(file), etag), 'last-modified': info.mtime.toUTCString() };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': info.size });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

const escapeHtml = (s) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

/** Plain text with its URLs made into links (escaped first, so a message cannot inject markup). */
const linkify = (text) =>
  escapeHtml(text).replace(/https?:\/\/[^\s<>"]+/g, (url) => `<a href="${url}">${url}</a>`);

/** /dev/mail: what the local mail catcher received, newest first (development only). */
async function mailbox(res, config) {
  let messages = [];
  let problem = '';
  try {
    const answer = await fetch(`${config.mailCatcherUrl}/messages`, { signal: AbortSignal.timeout(2000) });
    messages = await answer.json();
  } catch (err) {
    problem = `The mail catcher at ${config.mailCatcherUrl} did not answer (${err.message}); \`npm start\` runs it.`;
  }
  const items = messages
    .map(
      (m) => `<article class="mail" data-testid="mail">
  <h2>${escapeHtml(m.subject)}</h2>
  <p class="muted">To ${escapeHtml(m.to.join(', '))} · ${escapeHtml(m.receivedAt)}</p>
  <p class="muted">List-Unsubscribe: ${escapeHtml(m.headers['list-unsubscribe'] ?? '—')}</p>
  <pre class="mail-body">${linkify(m.text)}</pre>
</article>`,
    )
    .join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Local mailbox — Hamiltix (development)</title><link rel="stylesheet" href="/assets/css/site.css" /></head>
<body><main id="main" class="wrap"><h1 class="page-title">Local mailbox</h1>
<p class="muted">Mail the notifier sent in development, caught by scripts/mail-catcher.mjs. Newest first.</p>
${problem ? `<p role="alert">${escapeHtml(problem)}</p>` : ''}${items || (problem ? '' : '<p>No mail yet.</p>')}
</main></body></html>`;
  res.writeHead(200, {
    'content-type': CONTENT_TYPES['.html'],
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
  });
  res.end(html);
}

/**
 * Creates (does not start) the dev server. Options default from the environment so the
 * tests can point it at fixture servers.
 */
export function createDevServer(options = {}) {
  const config = {
    root: resolve(options.root ?? srcDir),
    searchApiUrl: options.searchApiUrl ?? process.env.SEARCH_API_URL ?? 'http://127.0.0.1:3001',
    checkoutUrl: options.checkoutUrl ?? process.env.CHECKOUT_URL ?? 'http://127.0.0.1:3002',
    notifierUrl: options.notifierUrl ?? process.env.NOTIFIER_URL ?? 'http://127.0.0.1:3005',
    mailCatcherUrl: options.mailCatcherUrl ?? process.env.MAIL_CATCHER_URL ?? 'http://127.0.0.1:1080',
    appEnv: options.appEnv ?? process.env.APP_ENV ?? 'development',
    paymentProvider: options.paymentProvider ?? process.env.PAYMENT_PROVIDER,
    stripePublishableKey: options.stripePublishableKey ?? process.env.STRIPE_PUBLISHABLE_KEY ?? '',
    log: options.log ?? ((line) => process.stderr.write(`${line}\n`)),
  };
  // The page's run-time settings, as the container writes them (docker/40-hamiltix-config.sh):
  // the sandbox cards outside production, Stripe's card form with provider stripe and a key.
  config.runtimeConfig = {
    appEnv: config.appEnv,
    paymentProvider: config.paymentProvider ?? (config.appEnv === 'production' ? 'stripe' : 'sandbox'),
    ...(config.stripePublishableKey ? { stripePublishableKey: config.stripePublishableKey } : {}),
  };
  config.scripts = scriptBuilder(join(here, '.dev-build', 'assets', 'js'));
  const server = createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname === '/health/live') {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    if (pathname === '/dev/mail' && config.appEnv !== 'production') {
      mailbox(res, config).catch((err) => {
        config.log(`mailbox: ${err.message}`);
        if (!res.headersSent)
          sendJson(res, 502, { statusCode: 502, error: 'Bad Gateway', message: err.message });
      });
      return;
    }
    const upstream = upstreamFor(pathname, config);
    if (upstream) {
      proxy(req, res, upstream, config.log);
      return;
    }
    serveStatic(req, res, config).catch((err) => {
      config.log(`static ${req.url}: ${err.message}`);
      if (!res.headersSent)
        sendJson(res, 500, {
          statusCode: 500,
          error: 'Internal Server Error',
          message: 'Could not read the file.',
        });
      else res.destroy(err);
    });
  });
  server.on('close', () => void config.scripts.dispose());
  // The first bundle takes esbuild a second or more on a busy machine; warm() builds it
  // before the first page asks, so a page load never waits for it.
  server.warm = async () => {
    await config.scripts.get('index.js');
  };
  return server;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  const server = createDevServer();
  server.listen(port, host, () => {
    process.stdout.write(`frontend dev server on http://${host}:${port}\n`);
    server.warm().catch((err) => process.stderr.write(`first build failed: ${err.message}\n`));
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
