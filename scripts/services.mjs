// Reachability checks for the shared servers, used by `npm start` and .ci/run's preflight.
import { connect } from 'node:net';

export const SERVICES = [
  {
    name: 'Postgres',
    env: 'DATABASE_URL',
    fallback: 'postgres://postgres@127.0.0.1:5432/hamiltix',
    start:
      'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start   (or: docker compose up -d postgres)',
  },
  {
    name: 'Redis',
    env: 'REDIS_URL',
    fallback: 'redis://127.0.0.1:6379',
    start:
      'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no   (or: docker compose up -d redis)',
  },
  {
    name: 'NATS',
    env: 'NATS_URL',
    fallback: 'nats://127.0.0.1:4222',
    start:
      'nats-server -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server &   (or: docker compose up -d nats)',
  },
];

/** Opens a TCP connection and reads the server's first bytes where the protocol sends some. */
export function probe(url, timeoutMs = 2000) {
  const u = new URL(url.split(',')[0].trim());
  const port =
    Number(u.port) ||
    { 'postgres:': 5432, 'postgresql:': 5432, 'redis:': 6379, 'rediss:': 6379, 'nats:': 4222 }[u.protocol];
  return new Promise((resolve) => {
    const socket = connect({ host: u.hostname, port, timeout: timeoutMs });
    const done = (ok, why) => {
      socket.destroy();
      resolve({ ok, why });
    };
    socket.once('connect', () => {
      if (u.protocol === 'redis:') socket.write('PING\r\n');
      else if (u.protocol === 'nats:')
        return; // NATS greets with INFO
      else return done(true);
    });
    socket.once('data', (chunk) => {
      const text = chunk.toString();
      if (u.protocol === 'nats:')
        done(
          text.startsWith('INFO') && text.includes('"jetstream":true'),
          'JetStream not enabled (start nats-server with -js)',
        );
      else
        done(
          text.startsWith('+PONG') || text.startsWith('-NOAUTH'),
          `unexpected answer ${JSON.stringify(text.slice(0, 40))}`,
        );
    });
    socket.once('timeout', () => done(false, `no answer within ${timeoutMs} ms`));
    socket.once('error', (e) => done(false, e.code || e.message));
  });
}

export async function checkServices(env = process.env) {
  const results = await Promise.all(
    SERVICES.map(async (s) => ({
      ...s,
      url: env[s.env] || s.fallback,
      ...(await probe(env[s.env] || s.fallback)),
    })),
  );
  return results;
}
