import { signRequest } from '@hamiltix/broker-client';
import {
  SANDBOX_BROKER_SECRET,
  SANDBOX_BROKER_TOKEN,
  startSandbox,
  type Harness,
} from '../testing/sandbox-harness.js';

describe('broker API signatures (over HTTP)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startSandbox();
  });
  afterAll(() => h.close());

  it('accepts a correctly signed request', async () => {
    const res = await h.broker('GET', '/v9/events?per_page=5&page=1');
    expect(res.status).toBe(200);
  });

  it('rejects a missing token or signature with 401 { error }', async () => {
    const none = await h.raw('GET', '/v9/events');
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: expect.stringMatching(/X-Token/) });
    const noSig = await h.raw('GET', '/v9/events', undefined, { 'X-Token': SANDBOX_BROKER_TOKEN });
    expect(noSig.status).toBe(401);
  });

  it('rejects a wrong token, a wrong secret and a tampered query', async () => {
    const sig = signRequest(SANDBOX_BROKER_SECRET, {
      method: 'GET',
      host: '127.0.0.1',
      path: '/v9/events',
      query: 'page=1',
    });
    expect(
      (await h.raw('GET', '/v9/events?page=1', undefined, { 'X-Token': 'x'.repeat(32), 'X-Signature': sig }))
        .status,
    ).toBe(401);
    const wrong = signRequest('y'.repeat(40), {
      method: 'GET',
      host: '127.0.0.1',
      path: '/v9/events',
      query: 'page=1',
    });
    expect(
      (
        await h.raw('GET', '/v9/events?page=1', undefined, {
          'X-Token': SANDBOX_BROKER_TOKEN,
          'X-Signature': wrong,
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await h.raw('GET', '/v9/events?page=2', undefined, {
          'X-Token': SANDBOX_BROKER_TOKEN,
          'X-Signature': sig,
        })
      ).status,
    ).toBe(401);
  });

  it('rejects a signature over the unsorted query', async () => {
    // The client must sort the keys before signing; signing them as sent is a 401.
    const { createHmac } = await import('node:crypto');
    const unsorted = createHmac('sha256', SANDBOX_BROKER_SECRET)
      .update('GET 127.0.0.1/v9/events?per_page=5&page=1')
      .digest('base64');
    const res = await h.raw('GET', '/v9/events?per_page=5&page=1', undefined, {
      'X-Token': SANDBOX_BROKER_TOKEN,
      'X-Signature': unsorted,
    });
    expect(res.status).toBe(401);
  });

  it('signs POST bodies byte for byte', async () => {
    const body = '{"orders":[]}';
    const ok = await h.broker('POST', '/v9/orders', body);
    expect(ok.status).toBe(422); // signed fine, then invalid
    const sig = signRequest(SANDBOX_BROKER_SECRET, {
      method: 'POST',
      host: '127.0.0.1',
      path: '/v9/orders',
      body,
    });
    const tampered = await h.raw('POST', '/v9/orders', '{"orders": []}', {
      'X-Token': SANDBOX_BROKER_TOKEN,
      'X-Signature': sig,
    });
    expect(tampered.status).toBe(401);
  });

  it('leaves /sandbox/* and health unsigned', async () => {
    expect((await h.raw('GET', '/sandbox/events')).status).toBe(200);
    expect((await h.raw('GET', '/health/live')).status).toBe(200);
  });
});
