import { Logger } from '@nestjs/common';
import { loadConfig } from '../config/config.js';
import { startNatsServer, type PrivateServer } from '../testing/index.js';
import { NatsConnectionService } from './nats-connection.service.js';

// NATS with a password (as in compose and production): the credentials of NATS_URL reach
// the server although nats.js itself ignores a server URL's user info.
describe('NATS_URL credentials (private nats-server with --user/--pass)', () => {
  let nats: PrivateServer;
  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    nats = await startNatsServer({ args: ['--user', 'hamiltix', '--pass', 'nats-s3cret'] });
  });
  afterAll(async () => {
    await nats?.dispose();
  });

  const connect = (url: string) =>
    new NatsConnectionService(loadConfig('ranking', { NATS_URL: url, SHUTDOWN_TIMEOUT_MS: '1000' }));

  it('connects with the user and password of the URL', async () => {
    const connection = connect(`nats://hamiltix:nats-s3cret@127.0.0.1:${nats.port}`);
    connection.start();
    await connection.waitUntilReady();
    await expect(connection.check()).resolves.toBeUndefined();
    await connection.onApplicationShutdown();
  });

  it('stays unready without them, and never names the password', async () => {
    const connection = connect(`nats://127.0.0.1:${nats.port}`);
    connection.start();
    await new Promise((r) => setTimeout(r, 500));
    const error = await connection.check().catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).not.toContain('nats-s3cret');
    await connection.onApplicationShutdown();
  });
});
