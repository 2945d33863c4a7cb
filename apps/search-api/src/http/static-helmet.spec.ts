import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { HELMET_OPTIONS, helmetHeaders, staticHelmet } from './static-helmet.js';

describe('staticHelmet', () => {
  it('sets exactly the headers @fastify/helmet sets, on every route', async () => {
    const withPlugin = Fastify();
    await withPlugin.register(helmet, HELMET_OPTIONS);
    withPlugin.get('/a', (_q, r) => r.send({ ok: 1 }));
    const withStatic = Fastify();
    await withStatic.register(staticHelmet);
    withStatic.get('/a', (_q, r) => r.send({ ok: 1 }));
    const headersOf = async (app: typeof withPlugin) => {
      const res = await fetch(`${await app.listen({ port: 0, host: '127.0.0.1' })}/a`);
      await res.arrayBuffer();
      const h = Object.fromEntries(res.headers);
      delete h.date;
      return h;
    };
    const a = await headersOf(withPlugin);
    const b = await headersOf(withStatic);
    expect(b).toEqual(a);
    expect(b['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    expect(Object.keys(await helmetHeaders())).toContain('strict-transport-security');
    await Promise.all([withPlugin.close(), withStatic.close()]);
  });
});
