import { connect } from 'node:net';
import { startNatsServer, startRedisServer } from './index.js';

const reachable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

describe('private test servers', () => {
  it.each([
    ['nats', startNatsServer],
    ['redis', startRedisServer],
  ])('%s starts on a free port, stops and starts again', async (_name, launch) => {
    const server = await launch();
    try {
      expect(await reachable(server.port)).toBe(true);
      await server.stop();
      expect(await reachable(server.port)).toBe(false);
      await server.start();
      expect(await reachable(server.port)).toBe(true);
    } finally {
      await server.dispose();
    }
  });
});
