// The website's development server: serves apps/frontend/src as-is and proxies the API
// the way the ingress does (docs/architecture.md "Environments and deployment"): /api/v1/orders* to checkout,
// /api/v1/alerts* to the notifier, the rest of /api/* to search-api. Outside production, /dev/mail shows
// what the local mail catcher (scripts/mail-catcher.mjs) received. Only node:http and node:fs, so it
// starts in milliseconds.
//
//   PORT=8080 HOST=127.0.0.1 SEARCH_API_URL=http://127.0.0.1:3001 CHECKOUT_URL=http://127.0.0.1:3002 \
//   NOTIFIER_URL=http://127.0.0.1:3005 MAIL_CATCHER_URL=http://127.0.0.1:1080 APP_ENV=development \
//   node apps/frontend/dev-server.mjs
import { createServer, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

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

async function serveStatic(req, res, { root, runtimeConfig }) {
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

  // Clean URLs, as nginx's try_files: /search -> search.html, / -> index.html.
  const base = fileFor(root, pathname);
  const candidates =
    base === undefined ? [] : pathname.endsWith('/') ? [join(base, 'index.html')] : [base, `${base}.html`];
  let file;
  for (const candidate of candidates) {
    if (await isFile(candidate)) {
      file = candidate;
      break;
    }
  }
  if (!file) {
    const notFound = join(root, '404.html');
    res.writeHead(404, {
      'content-type': CONTENT_TYPES['.html'],
      'cache-control': 'no-cache',
      'content-security-policy': CSP,
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(notFound)
      .on('error', () => res.end('Not found'))
      .pipe(res);
    return;
  }
  const info = await stat(file);
  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  // Source files are not fingerprinted in development, so the browser revalidates every
  // time (a cheap 304); the container build fingerprints /assets/ and caches it for a year.
  const headers = {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    etag,
    'last-modified': info.mtime.toUTCString(),
    'x-content-type-options': 'nosniff',
    ...(extname(file) === '.html'
      ? { 'content-security-policy': CSP, 'referrer-policy': 'same-origin' }
      : {}),
  };
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
    root: resolve(options.root ?? join(here, 'src')),
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
  return createServer((req, res) => {
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
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  const server = createDevServer();
  server.listen(port, host, () => {
    process.stdout.write(`frontend dev server on http://${host}:${port}\n`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
