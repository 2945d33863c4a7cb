// Smoke test of a running Hamiltix, run by the CI/CD workflow after every deployment and by hand:
//   node scripts/smoke.mjs <site URL> [--namespace <k8s namespace> | --ready <name>=<url> ...]
//                          [--no-purchase] [--timeout <s>]
// 1. every service is ready: with --namespace, every hamiltix Deployment there has all its replicas
//    ready (their readiness probe is /health/ready); with --ready, each URL answers 200; else the
//    local stack's /health/ready (`npm start`'s ports on 127.0.0.1);
// 2. a ranked search page: GET <site>/api/v1/listings?sort=deal answers listings, best deal first;
// 3. unless --no-purchase (production): a sandbox purchase through <site>/api/v1/orders with the
//    sandbox's approved test card, confirmed. Only staging and local stacks take the sandbox card.
// Exits 0 when all pass, 1 with the reason otherwise.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { APPS } from './apps.mjs';

const log = (text) => process.stdout.write(`smoke | ${text}\n`);

async function json(url, init = {}) {
  const res = await fetch(url, {
    ...init,
    headers: {
      accept: 'application/json',
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let body;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

/** Calls `probe` until it returns a value; throws with the last reason after `timeoutMs`. */
async function until(what, probe, timeoutMs, everyMs = 2_000) {
  const deadline = performance.now() + timeoutMs;
  let reason;
  for (;;) {
    try {
      const value = await probe();
      if (value.ok) return value.value;
      reason = value.reason;
    } catch (err) {
      reason = err instanceof Error ? err.message : String(err);
    }
    if (performance.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs / 1000} s (${reason})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Deployments of the release in `namespace` whose ready replicas fall short. */
export function unreadyDeployments(list) {
  return list.items
    .filter((d) => (d.status?.readyReplicas ?? 0) < Math.max(1, d.spec?.replicas ?? 1))
    .map((d) => `${d.metadata.name} ${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`);
}

async function ready(namespace, readyUrls, timeoutMs) {
  if (namespace) {
    const names = await until(
      `every Deployment in ${namespace} ready`,
      async () => {
        const out = execFileSync(
          'kubectl',
          ['get', 'deployments', '-n', namespace, '-l', 'app.kubernetes.io/part-of=hamiltix', '-o', 'json'],
          { encoding: 'utf8' },
        );
        const list = JSON.parse(out);
        const late = unreadyDeployments(list);
        if (list.items.length === 0) return { ok: false, reason: 'no Deployments found' };
        return late.length
          ? { ok: false, reason: late.join(', ') }
          : { ok: true, value: list.items.map((d) => d.metadata.name) };
      },
      timeoutMs,
    );
    log(`ready: ${names.join(', ')}`);
    return;
  }
  const checks = readyUrls.length
    ? readyUrls.map((spec) => {
        const at = spec.indexOf('=');
        if (at < 1) throw new Error(`--ready ${spec}: expected <name>=<url>`);
        return { name: spec.slice(0, at), url: spec.slice(at + 1) };
      })
    : APPS.map((a) => ({ name: a.name, url: `http://127.0.0.1:${a.port}${a.health ?? '/health/ready'}` }));
  for (const check of checks) {
    await until(
      `${check.name} ready`,
      async () => {
        const r = await json(check.url);
        return r.status === 200 ? { ok: true } : { ok: false, reason: `answered ${r.status}` };
      },
      timeoutMs,
    );
  }
  log(`ready: ${checks.map((c) => c.name).join(', ')}`);
}

/** Problems with a ranked page (empty list when it is a good one). */
export function rankedPageProblems(page) {
  if (!page || !Array.isArray(page.items)) return ['no items array'];
  if (page.items.length === 0) return ['no listings yet'];
  const problems = [];
  page.items.forEach((item, i) => {
    if (!(item.dealScore >= 0 && item.dealScore <= 100))
      problems.push(`item ${i}: dealScore ${item.dealScore}`);
    if (!(Number.isInteger(item.allInPrice?.amount) && item.allInPrice.amount > 0))
      problems.push(`item ${i}: allInPrice ${JSON.stringify(item.allInPrice)}`);
    if (i > 0 && item.dealScore > page.items[i - 1].dealScore)
      problems.push(
        `item ${i}: not ranked (dealScore ${item.dealScore} after ${page.items[i - 1].dealScore})`,
      );
  });
  return problems;
}

async function rankedPage(site, timeoutMs) {
  const page = await until(
    'a ranked search page',
    async () => {
      const r = await json(`${site}/api/v1/listings?sort=deal&limit=20`);
      if (r.status !== 200) return { ok: false, reason: `answered ${r.status}` };
      const problems = rankedPageProblems(r.body);
      return problems.length ? { ok: false, reason: problems.join('; ') } : { ok: true, value: r.body };
    },
    timeoutMs,
  );
  log(`ranked page: ${page.items.length} listings, best deal score ${page.items[0].dealScore}`);
  return page;
}

async function purchase(site, page, timeoutMs) {
  for (const item of page.items.slice(0, 5)) {
    const quantity = Math.min(...(item.splits?.length ? item.splits : [item.quantity]));
    const created = await json(`${site}/api/v1/orders`, {
      method: 'POST',
      headers: { 'idempotency-key': `smoke-${randomUUID()}` },
      body: JSON.stringify({
        listingId: item.id,
        quantity,
        expectedAllInPrice: item.allInPrice.amount,
        buyer: { name: 'Smoke Test', email: 'smoke@hamiltix.example' },
        paymentToken: 'tok_sandbox_ok',
      }),
    });
    // 409: sold or repriced since the page was ranked; the next listing will do.
    if (created.status === 409) continue;
    if (created.status !== 201)
      throw new Error(`purchase answered ${created.status}: ${JSON.stringify(created.body)}`);
    const { id, accessToken } = created.body;
    const order = await until(
      `order ${id} confirmed`,
      async () => {
        const r = await json(`${site}/api/v1/orders/${id}`, {
          headers: { authorization: `Bearer ${accessToken}` },
        });
        if (r.status !== 200) return { ok: false, reason: `answered ${r.status}` };
        if (['failed', 'refunded'].includes(r.body.status)) throw new Error(`order ${id} ${r.body.status}`);
        return r.body.status === 'confirmed'
          ? { ok: true, value: r.body }
          : { ok: false, reason: r.body.status };
      },
      timeoutMs,
      500,
    );
    log(`purchase: order ${order.id ?? id} confirmed (${quantity} × listing ${item.id})`);
    return;
  }
  throw new Error('purchase: the first five listings all answered 409');
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      namespace: { type: 'string' },
      ready: { type: 'string', multiple: true, default: [] },
      'no-purchase': { type: 'boolean', default: false },
      timeout: { type: 'string', default: '300' },
    },
  });
  if (positionals.length !== 1) {
    process.stderr.write(
      'usage: node scripts/smoke.mjs <site URL> [--namespace <ns> | --ready <name>=<url> ...] [--no-purchase] [--timeout <s>]\n',
    );
    process.exit(2);
  }
  const site = positionals[0].replace(/\/$/, '');
  const timeoutMs = Number(values.timeout) * 1000;
  await ready(values.namespace, values.ready, timeoutMs);
  const page = await rankedPage(site, timeoutMs);
  if (values['no-purchase']) log('purchase: skipped (--no-purchase)');
  else await purchase(site, page, 60_000);
  log('passed');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    process.stderr.write(`smoke | FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
