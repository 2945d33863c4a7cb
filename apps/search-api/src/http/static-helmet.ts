import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';

/** Helmet's options for search-api: the docs page is our own static HTML with one inline script. */
export const HELMET_OPTIONS: FastifyHelmetOptions = {
  contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"] } },
};

/** Headers every Fastify reply has anyway, so not helmet's. */
const NOT_HELMET = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

/**
 * The headers @fastify/helmet sets with these options, found once by asking the plugin
 * itself on a throwaway instance. The plugin builds helmet's middleware again on every
 * request (re-parsing the CSP directives: a measurable share of a cached answer's cost);
 * our options are global and without nonces, so the headers are the same every time.
 */
export async function helmetHeaders(
  options: FastifyHelmetOptions = HELMET_OPTIONS,
): Promise<Record<string, string>> {
  const probe = Fastify();
  try {
    await probe.register(helmet, options);
    probe.get('/', (_req, reply) => reply.send('probe'));
    // A real request on a loopback port (light-my-request's inject does not load under jest ESM).
    const url = await probe.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(url);
    await res.arrayBuffer();
    const out: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      if (!NOT_HELMET.has(k)) out[k] = v;
    });
    return out;
  } finally {
    await probe.close();
  }
}

/** Sets helmet's headers on every reply (an onRequest hook on the root instance, like the plugin's). */
export const staticHelmet: FastifyPluginAsync = async (fastify: FastifyInstance) => {
  const headers = await helmetHeaders();
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
};
// Not encapsulated (what fastify-plugin does): the hook applies to every route of the app.
(staticHelmet as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
