// `npm test`'s first step: checks, within a few seconds, everything the test suite needs from
// the machine, and says in one line per missing thing what it is and the command that gets it.
// Exits 1 when anything is missing, so a fresh machine learns what to do before any test runs
// (instead of the same stack trace from every browser test).
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { probe } from './services.mjs';

const POSTGRES = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The command's path on PATH (or as given, when it has a slash), else undefined. */
function which(command) {
  if (command.includes('/')) return executable(command) ? command : undefined;
  for (const dir of (process.env.PATH ?? '').split(delimiter))
    if (dir && executable(join(dir, command))) return join(dir, command);
  return undefined;
}

export async function preflight(env = process.env) {
  const missing = [];
  const pg = await probe(POSTGRES, 2_000);
  if (!pg.ok)
    missing.push(
      `Postgres does not answer at ${new URL(POSTGRES).host} (${pg.why}): start it with ` +
        `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start ` +
        `(install: apt-get install -y postgresql), or set TEST_DATABASE_URL`,
    );
  // Tests that need Redis or NATS start private servers on free ports: they need the binaries.
  const redis = env.REDIS_SERVER_BIN || 'redis-server';
  if (!which(redis))
    missing.push(
      `redis-server not found (${redis}): apt-get install -y redis-server, or set REDIS_SERVER_BIN`,
    );
  const nats = env.NATS_SERVER_BIN || 'nats-server';
  if (!which(nats))
    missing.push(
      `nats-server (with JetStream) not found (${nats}): apt-get install -y nats-server, or set NATS_SERVER_BIN`,
    );
  const promtool = env.PROMTOOL_BIN || 'promtool';
  if (!which(promtool))
    missing.push(
      `promtool not found (${promtool}; it checks and unit-tests the alert rules): apt-get install -y prometheus, or set PROMTOOL_BIN`,
    );
  const chromium = env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!which(chromium))
    missing.push(
      `Chromium not found at ${chromium} (the website's browser tests drive it): apt-get install -y chromium, or set CHROMIUM_PATH`,
    );
  return missing;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const missing = await preflight();
  if (missing.length) {
    for (const line of missing) process.stderr.write(`npm test: missing: ${line}\n`);
    process.exit(1);
  }
}
