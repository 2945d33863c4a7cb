// CPU per request of search-api's warm answer (issue 12), beside bare Fastify's for the same
// bytes, each in a process of its own: `npm run bench -- search-cpu`.
//
// bench/search.mjs compares requests per second at saturation, with autocannon, bare Fastify
// and search-api sharing one process and the machine's two cores: on a shared machine that
// ratio moves by ±15 % from run to run. Here both servers run as the services do (search-api
// as deployed: spawnService), and autocannon, in this process, holds each at a fixed rate
// below saturation, so the CPU time each server's process used (/proc/<pid>/stat, utime +
// stime) per request says what one answer costs, whatever else the machine is doing. Then one
// saturation run each, as a cross-check. Three cases of search-api, each against bare:
//   - as production runs it: the rate limit on (counted, never reached by the one client);
//   - the same, with a browser's Accept-Encoding (its br copy, compressed once);
//   - the rate limit off, as bench/search.mjs ran until issue 12.
// BENCH_LISTINGS (50,000), BENCH_RATE (3,000 requests/s), BENCH_SECONDS (5 per measure),
// BENCH_ROUNDS (3: median of the rounds).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { deployedNote, load, log, searchEnv, spawnService } from './_common.mjs';

const dist = new URL('../dist/', import.meta.url);
const { createTestDatabase } = await import(new URL('libs/persistence/src/testing/index.js', dist));
const { startRedisServer, startNatsServer, freePort, waitForPort } = await import(
  new URL('libs/platform/src/testing/index.js', dist)
);
const fixture = await import(new URL('apps/search-api/src/testing/ranked-fixture.js', dist));

const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 50_000);
const RATE = Number(process.env.BENCH_RATE ?? 3_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const QUERY = '/api/v1/listings?show=hamilton&quantity=2&maxPrice=600&days=fri,sat&sort=deal&limit=25';
const BROWSER = { 'accept-encoding': 'gzip, deflate, br, zstd' };

/** CPU milliseconds a process has used (user + system). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
}

const cannon = (url, opts) =>
  new Promise((resolve, reject) =>
    autocannon({ url: url + QUERY, connections: 50, ...opts }, (err, r) => (err ? reject(err) : resolve(r))),
  );

/** µs of the server's CPU per request, at RATE requests/s for SECONDS. */
async function cpuPerRequest(url, pid, headers) {
  const before = cpuMs(pid);
  const r = await cannon(url, { duration: SECONDS, overallRate: RATE, headers });
  if (r.non2xx + r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return ((cpuMs(pid) - before) * 1000) / r.requests.total;
}

const stopped = (child) =>
  new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));

const [db, redisServer, natsServer] = await Promise.all([
  createTestDatabase('bench_search_cpu'),
  startRedisServer(),
  startNatsServer(),
]);
const children = [];
try {
  const data = fixture.makeListings(LISTINGS, 120, new Date());
  await fixture.seedPostgres(db.dataSource, data);
  const writer = new Redis(redisServer.url);
  const docs = data.listings.map((l) => l.doc);
  await fixture.writeRankedIndex(writer, '_all', 'b1', docs);
  await fixture.writeRankedIndex(writer, 'hamilton', 'b1', docs);
  writer.disconnect();

  /** search-api as deployed, warm: its snapshot loaded and the query answered from the fast path. */
  async function startSearch(rateLimit) {
    const port = await freePort();
    const child = spawnService('search-api', {
      env: searchEnv({ db, redis: redisServer, nats: natsServer, rateLimit }),
      port,
    });
    children.push(child);
    await waitForPort(port, 60_000);
    const url = `http://127.0.0.1:${port}`;
    for (const t0 = Date.now(); ;) {
      const metrics = await (await fetch(`${url}/metrics`)).text();
      if (/^hamiltix_search_snapshot_load_seconds_count\{[^}]*hamilton[^}]*\} [1-9]/m.test(metrics)) break;
      if (Date.now() - t0 > 120_000) throw new Error('search-api did not load the snapshot in 120 s');
      await fetch(url + QUERY);
      await new Promise((r) => setTimeout(r, 200));
    }
    await cannon(url, { duration: 2 });
    return { url, child };
  }

  const limited = await startSearch('1000000');
  const body = await (
    await fetch(limited.url + QUERY, { headers: { 'accept-encoding': 'identity' } })
  ).text();
  const barePort = await freePort();
  // Bare Fastify in its own process, as plain as it gets: the same bytes, one header.
  const bare = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import Fastify from 'fastify';
       const body = ${JSON.stringify(body)};
       const f = Fastify();
       f.get('/api/v1/listings', (_q, r) => r.header('content-type', 'application/json; charset=utf-8').send(body));
       await f.listen({ port: ${barePort}, host: '127.0.0.1' });`,
    ],
    { cwd: new URL('..', import.meta.url).pathname, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  children.push(bare);
  await waitForPort(barePort, 10_000);
  const bareUrl = `http://127.0.0.1:${barePort}`;
  await cannon(bareUrl, { duration: 2 });
  const unlimited = await startSearch('0');
  log(
    `${LISTINGS} listings; a ${body.length}-byte answer; ${RATE} requests/s for ${SECONDS} s, ${ROUNDS} rounds; ` +
      `search-api ${deployedNote()}; load ${load()} (2 cores)`,
  );

  const cases = [
    ['bare Fastify, same bytes', bareUrl, bare.pid, {}],
    ['search-api, rate limit on', limited.url, limited.child.pid, {}],
    ['search-api, rate limit on, br', limited.url, limited.child.pid, BROWSER],
    ['search-api, rate limit off', unlimited.url, unlimited.child.pid, {}],
  ];
  const us = cases.map(() => []);
  for (let round = 0; round < ROUNDS; round++)
    for (const [i, [, url, pid, headers]] of cases.entries())
      us[i].push(await cpuPerRequest(url, pid, headers));
  const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const bareUs = med(us[0]);
  for (const [i, [title]] of cases.entries()) {
    const m = med(us[i]);
    log(
      `${title.padEnd(32)} ${m.toFixed(1).padStart(6)} µs of CPU per request (rounds ${us[i].map((x) => x.toFixed(0)).join(' ')})` +
        (i === 0 ? '' : `  ${((bareUs / m) * 100).toFixed(0)} % of bare's requests per CPU second`),
    );
  }
  // Cross-check at saturation (autocannon shares the two cores with the server measured).
  const sat = [];
  for (const [title, url, , headers] of cases) {
    const r = await cannon(url, { duration: SECONDS, headers });
    sat.push(r.requests.average);
    log(
      `saturated: ${title.padEnd(32)} ${r.requests.average.toFixed(0).padStart(6)} rps, p99 ${r.latency.p99} ms`,
    );
  }
  log(
    `saturated, against bare: ${sat
      .slice(1)
      .map((x, i) => `${cases[i + 1][0]} ${((x / sat[0]) * 100).toFixed(0)} %`)
      .join('; ')} (load ${load()})`,
  );
} finally {
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map(stopped));
  await Promise.all([db.drop(), redisServer.dispose(), natsServer.dispose()]);
}
