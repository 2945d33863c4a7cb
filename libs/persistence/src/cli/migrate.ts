/* `npm run migrate`: create the hamiltix database if missing, then migrate it. */
import { migrate } from '../migrate.js';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/hamiltix';
// A CLI entry point, not a service: it reads only DATABASE_URL, with the contract's default.
const url = process.env.DATABASE_URL || DEFAULT_URL;
const started = Date.now();
try {
  const result = await migrate(url);
  const where = new URL(url);
  process.stdout.write(
    `migrate: ${where.host}${where.pathname}${result.createdDatabase ? ' (created)' : ''}: ` +
      (result.applied.length ? `applied ${result.applied.join(', ')}` : 'up to date') +
      ` in ${Date.now() - started} ms\n`,
  );
} catch (error) {
  const err = error as Error & { code?: string };
  const hint =
    err.code === 'ECONNREFUSED'
      ? ' Postgres is not reachable: start it (see README, "Local services") or set DATABASE_URL.'
      : '';
  process.stderr.write(`migrate: failed: ${err.message}.${hint}\n`);
  process.exitCode = 1;
}
