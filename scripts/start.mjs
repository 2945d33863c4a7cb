// `npm start`: the whole stack on this machine, in one command.
//   1. checks Postgres, Redis and NATS answer (fails within seconds, naming which and how to start it);
//   2. builds (SWC, incremental) and migrates;
//   3. runs the six services, a local SMTP catcher (the notifier's mail, shown at
//      http://127.0.0.1:8080/dev/mail) and the website dev server with prefixed, readable logs;
//   4. runs Prometheus on http://127.0.0.1:9090 with the alert rules when it is installed
//      (scripts/prometheus-local.mjs), and says so when it is not;
//   5. Ctrl-C (or SIGTERM) stops everything cleanly.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APPS } from './apps.mjs';
import { chartNodeOptions, NODE_ARGS, RUNTIME_ENV } from './runtime-env.mjs';
import { PROMETHEUS_ADDRESS, startPrometheus } from './prometheus-local.mjs';
import { checkServices } from './services.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);

const width = Math.max(...APPS.map((a) => a.name.length));

function say(text) {
  process.stdout.write(`${paint(1, 'hamiltix'.padEnd(width))} | ${text}\n`);
}

function run(cmd, args) {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) =>
      code === 0 ? res() : rej(new Error(`${cmd} ${args.join(' ')} exited ${code}`)),
    );
  });
}

const LEVEL_COLOUR = { fatal: 41, error: 31, warn: 33, info: 0, debug: 90, trace: 90 };

/** Turns a JSON log line into `12:00:01 info  [Context] message key=value`. */
function pretty(line) {
  if (!line.startsWith('{')) return line;
  try {
    const { level, time, message, context, service: _s, correlationId, err, ...rest } = JSON.parse(line);
    const t = typeof time === 'string' ? time.slice(11, 19) : '';
    const extras = Object.entries(rest)
      .filter(([k]) => k !== 'pid' && k !== 'hostname')
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    const lvl = paint(LEVEL_COLOUR[level] ?? 0, String(level).padEnd(5));
    const cid = correlationId ? paint(90, ` (${String(correlationId).slice(0, 8)})`) : '';
    const error = err ? `\n${err.stack ?? err.message ?? JSON.stringify(err)}` : '';
    return `${t} ${lvl} ${context ? paint(90, `[${context}] `) : ''}${message ?? ''}${extras ? ' ' + paint(90, extras) : ''}${cid}${error}`;
  } catch {
    return line;
  }
}

function pipe(stream, app) {
  let buffer = '';
  stream.on('data', (chunk) => {
    buffer += chunk;
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      process.stdout.write(`${paint(app.colour, app.name.padEnd(width))} | ${pretty(line)}\n`);
    }
  });
}

async function waitReady(app, deadline) {
  const path = app.health ?? '/health/ready';
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`http://127.0.0.1:${app.port}${path}`, { signal: AbortSignal.timeout(1000) });
      if (r.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const started = Date.now();
const services = await checkServices();
const down = services.filter((s) => !s.ok);
if (down.length) {
  for (const s of down) {
    process.stderr.write(
      `\n${s.name} is not reachable at ${s.url.replace(/\/\/[^@/]*@/, '//')} (${s.why}).\n  Start it: ${s.start}\n  or point ${s.env} at a running server.\n`,
    );
  }
  process.exit(1);
}
say('Postgres, Redis and NATS (JetStream) answer');
await run(process.execPath, ['scripts/build.mjs']);
await run(process.execPath, ['dist/libs/persistence/src/cli/migrate.js']);

// A demo pinned in time (CLOCK_START_AT): one anchor, so every service reads the same "now".
if (process.env.CLOCK_START_AT && !process.env.CLOCK_START_AT.includes('@'))
  process.env.CLOCK_START_AT += `@${Date.now()}`;

// PAYMENT_PROVIDER=stripe without Stripe keys: pay against the local Stripe stand-in (test mode,
// no network), so the Stripe card path can be tried locally. Real keys are used as given.
const env = {
  ...RUNTIME_ENV,
  ...process.env,
  LOG_LEVEL: process.env.LOG_LEVEL || 'info',
  FORCE_COLOR: '0',
  // The notifier's mail goes to the local catcher unless told otherwise.
  SMTP_URL: process.env.SMTP_URL || 'smtp://127.0.0.1:1025',
};
let stripeStandIn;
if (env.PAYMENT_PROVIDER === 'stripe' && !env.STRIPE_SECRET_KEY) {
  const { StripeStandIn, STRIPE_TEST_ENV } =
    await import('../dist/libs/platform/src/testing/stripe-stand-in.js');
  stripeStandIn = await new StripeStandIn().start();
  Object.assign(env, STRIPE_TEST_ENV, { STRIPE_API_URL: stripeStandIn.url });
  say(`PAYMENT_PROVIDER=stripe without STRIPE_SECRET_KEY: the local Stripe stand-in at ${stripeStandIn.url}`);
}

const children = new Map();
let stopping = false;
for (const app of APPS) {
  // The service's own Node flags from the chart (ranking's young-generation cap), as deployed.
  const options = [env.NODE_OPTIONS, chartNodeOptions(app.name, { heap: false })].filter(Boolean).join(' ');
  const child = spawn(process.execPath, [...NODE_ARGS, ...app.cmd], {
    cwd: root,
    env: options ? { ...env, NODE_OPTIONS: options } : env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  pipe(child.stdout, app);
  pipe(child.stderr, app);
  children.set(app.name, child);
  child.on('exit', (code, signal) => {
    children.delete(app.name);
    if (!stopping) {
      say(paint(31, `${app.name} exited (${signal ?? code}); stopping the stack`));
      void stop(1);
    } else if (children.size === 0) {
      void stripeStandIn?.stop();
      say('stopped');
      process.exit(process.exitCode ?? 0);
    }
  });
}

// Prometheus watches the stack but is not part of it: its exit never stops the services.
const prometheus = startPrometheus({ root, apps: APPS });
const monitor = { name: 'prometheus', colour: 31 };
if (prometheus.child) {
  prometheus.child.stdout.setEncoding('utf8');
  prometheus.child.stderr.setEncoding('utf8');
  pipe(prometheus.child.stdout, monitor);
  pipe(prometheus.child.stderr, monitor);
  prometheus.child.on('exit', (code, signal) => {
    if (!stopping) say(paint(33, `prometheus exited (${signal ?? code}); the stack runs on without it`));
  });
} else {
  say(paint(33, prometheus.skipped));
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  say('stopping…');
  prometheus.child?.kill('SIGTERM');
  for (const child of children.values()) child.kill('SIGTERM');
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(code || 1);
  }, 15_000).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const deadline = Date.now() + 60_000;
const ready = await Promise.all(APPS.map((a) => waitReady(a, deadline)));
if (!stopping) {
  const late = APPS.filter((_, i) => !ready[i]).map((a) => a.name);
  if (late.length) say(paint(33, `not ready after 60 s: ${late.join(', ')}`));
  else
    say(
      paint(32, `ready in ${((Date.now() - started) / 1000).toFixed(1)} s`) +
        ` — website http://127.0.0.1:8080 · search-api :3001 · checkout :3002 · ingestion :3003 · ranking :3004 · notifier :3005 · broker-sandbox :4010 · mail http://127.0.0.1:8080/dev/mail` +
        (prometheus.child ? ` · Prometheus http://${PROMETHEUS_ADDRESS} (alerts)` : '') +
        ' (Ctrl-C stops)',
    );
}
