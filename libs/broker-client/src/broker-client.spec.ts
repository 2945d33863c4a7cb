import { BrokerClient } from './broker-client.js';
import {
  BrokerHttpError,
  BrokerMalformedResponseError,
  BrokerTimeoutError,
  BrokerUnavailableError,
} from './errors.js';
import type { BreakerState, RequestInfo } from './options.js';
import { eventRow, FakeBroker, json, listingRow } from '../test/fake-broker.js';

const TOKEN = 'hamiltixsandboxtoken000000000000';
const SECRET = 'hamiltix-sandbox-secret-0000000000000000';

describe('BrokerClient against a local HTTP broker', () => {
  let broker: FakeBroker;
  const clients: BrokerClient[] = [];
  let sleeps: number[];

  const client = (over: Partial<ConstructorParameters<typeof BrokerClient>[0]> = {}) => {
    const c = new BrokerClient({
      baseUrl: broker.url,
      token: TOKEN,
      secret: SECRET,
      timeoutMs: 1_000,
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...over,
    });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    broker = await new FakeBroker(SECRET).start();
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await broker.stop();
  });
  beforeEach(() => {
    broker.requests.length = 0;
    sleeps = [];
  });

  it('signs requests so the broker accepts them (host without port)', async () => {
    broker.handler = (_req, res) => json(res, 200, { listings: [listingRow(1)] });
    const { listings } = await client().listListings(1001);
    expect(listings).toHaveLength(1);
    expect(broker.requests[0].signatureOk).toBe(true);
    expect(broker.requests[0].rawQuery).toBe('event_id=1001');
  });

  it('retries a read on 503 with capped full-jitter backoff, then succeeds', async () => {
    let n = 0;
    broker.handler = (_req, res) =>
      ++n < 3 ? json(res, 503, { error: 'busy' }) : json(res, 200, { listings: [] });
    const retries: number[] = [];
    const c = client({
      retry: { baseDelayMs: 100, maxDelayMs: 150 },
      hooks: { onRetry: (i) => retries.push(i.attempt) },
    });
    await expect(c.listListings(1001)).resolves.toEqual({ listings: [], skipped: [] });
    expect(broker.count()).toBe(3);
    expect(retries).toEqual([1, 2]);
    // random() = 0.5: min(150, 100·2^0)·0.5 = 50, then min(150, 200)·0.5 = 75 (capped).
    expect(sleeps).toEqual([50, 75]);
  });

  it('honours Retry-After on 429 (never retrying earlier than asked)', async () => {
    let n = 0;
    broker.handler = (_req, res) =>
      ++n === 1
        ? json(res, 429, { error: 'slow down' }, { 'retry-after': '2' })
        : json(res, 200, { listings: [] });
    await client().listListings(1001);
    expect(broker.count()).toBe(2);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(2_000);
    expect(sleeps[0]).toBeLessThan(3_000);
  });

  it('really waits for Retry-After with the default sleep', async () => {
    let n = 0;
    broker.handler = (_req, res) =>
      ++n === 1 ? json(res, 429, {}, { 'retry-after': '1' }) : json(res, 200, { listings: [] });
    const started = Date.now();
    await client({ sleep: undefined }).listListings(1001);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(broker.count()).toBe(2);
  });

  it('gives up after maxAttempts and throws the last BrokerHttpError', async () => {
    broker.handler = (_req, res) => json(res, 500, { error: 'boom' });
    const err = await client({ retry: { maxAttempts: 3 } })
      .getEvent(5)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BrokerHttpError);
    expect((err as BrokerHttpError).status).toBe(500);
    expect((err as BrokerHttpError).body).toContain('boom');
    expect(broker.count()).toBe(3);
  });

  it('does not retry 4xx other than 429', async () => {
    broker.handler = (_req, res) => json(res, 404, { error: 'no such event' });
    await expect(client().getEvent(5)).rejects.toMatchObject({ status: 404 });
    expect(broker.count()).toBe(1);
  });

  it('never retries POST /v9/orders', async () => {
    broker.handler = (_req, res) => json(res, 503, { error: 'busy' });
    const c = client();
    await expect(
      c.createOrder({ ticketGroupId: 1, quantity: 2, priceCents: 25000, ticketGroupSignature: 'sig-1' }),
    ).rejects.toMatchObject({ status: 503 });
    expect(broker.count('/v9/orders')).toBe(1);
    expect(sleeps).toEqual([]);
    const sent = JSON.parse(broker.requests[0].body);
    expect(sent.orders[0].shipped_items[0].items[0]).toMatchObject({
      ticket_group_id: 1,
      price: '250.00',
      quantity: 2,
    });
  });

  it('places and reads an order', async () => {
    broker.handler = (req, res) =>
      req.method === 'POST'
        ? json(res, 201, {
            orders: [
              { id: 55, state: 'pending', total: '500.00', items: [{ ticket_group_id: 1, quantity: 2 }] },
            ],
          })
        : json(res, 200, { id: 55, state: 'accepted', total: 500 });
    const c = client();
    const placed = await c.createOrder({
      ticketGroupId: 1,
      quantity: 2,
      priceCents: 25000,
      ticketGroupSignature: 's',
    });
    expect(placed).toMatchObject({
      id: 55,
      state: 'pending',
      totalCents: 50000,
      ticketGroupId: 1,
      quantity: 2,
    });
    await expect(c.getOrder(55)).resolves.toMatchObject({ state: 'accepted', totalCents: 50000 });
  });

  it('finds an order by our reference (signed GET, retried like reads); none is null, a 404 throws', async () => {
    let n = 0;
    broker.handler = (_req, res) =>
      ++n === 1
        ? json(res, 503, { error: 'busy' })
        : json(res, 200, {
            orders: [
              { id: 54, state: 'accepted', client_reference: 'ord-10' },
              {
                id: 55,
                state: 'pending',
                total: '500.00',
                client_reference: 'ord-1',
                items: [{ ticket_group_id: 1, quantity: 2 }],
              },
            ],
          });
    const c = client();
    await expect(c.findOrderByReference('ord-1')).resolves.toMatchObject({
      id: 55,
      state: 'pending',
      totalCents: 50000,
      reference: 'ord-1',
      ticketGroupId: 1,
      quantity: 2,
    });
    expect(broker.count('/v9/orders')).toBe(2);
    expect(broker.requests[1]).toMatchObject({
      method: 'GET',
      rawQuery: 'reference=ord-1',
      signatureOk: true,
    });

    broker.handler = (_req, res) =>
      json(res, 200, { orders: [{ id: 54, state: 'accepted', reference: 'ord-10' }] });
    await expect(c.findOrderByReference('ord-1')).resolves.toBeNull();
    broker.handler = (_req, res) => json(res, 200, { orders: [] });
    await expect(c.findOrderByReference('ord-1')).resolves.toBeNull();
    // No list at all is not "no order": the caller would void a payment the broker may have taken.
    broker.handler = (_req, res) => json(res, 404, { error: 'no such route' });
    await expect(c.findOrderByReference('ord-1')).rejects.toMatchObject({ status: 404 });
    broker.handler = (_req, res) => json(res, 200, { orders: [{ client_reference: 'ord-1', state: 7 }] });
    await expect(c.findOrderByReference('ord-1')).rejects.toBeInstanceOf(BrokerMalformedResponseError);
    broker.handler = (_req, res) => json(res, 200, { nothing: true });
    await expect(c.findOrderByReference('ord-1')).rejects.toBeInstanceOf(BrokerMalformedResponseError);
  });

  it('times out a slow answer (per attempt) and retries reads', async () => {
    broker.handler = (_req, res) => void setTimeout(() => json(res, 200, { listings: [] }), 400);
    const outcomes: RequestInfo['outcome'][] = [];
    const c = client({
      timeoutMs: 100,
      retry: { maxAttempts: 2 },
      hooks: { onRequest: (i) => outcomes.push(i.outcome) },
    });
    await expect(c.listListings(1001)).rejects.toBeInstanceOf(BrokerTimeoutError);
    expect(broker.count()).toBe(2);
    expect(outcomes).toEqual(['timeout', 'timeout']);
  });

  it('opens the breaker after repeated failures, fails fast, then half-opens and closes', async () => {
    let healthy = false;
    broker.handler = (_req, res) => (healthy ? json(res, 200, { listings: [] }) : json(res, 500, {}));
    const states: BreakerState[] = [];
    const c = client({
      retry: { maxAttempts: 1 },
      breaker: { volumeThreshold: 3, resetTimeoutMs: 200, errorThresholdPercentage: 50 },
      hooks: { onBreakerStateChange: (s) => states.push(s) },
    });
    for (let i = 0; i < 3; i++) await expect(c.listListings(1)).rejects.toBeInstanceOf(BrokerHttpError);
    expect(c.breakerState).toBe('open');
    await expect(c.listListings(1)).rejects.toBeInstanceOf(BrokerUnavailableError);
    expect(broker.count()).toBe(3); // the fast failure never reached the broker
    await new Promise((r) => setTimeout(r, 260));
    expect(c.breakerState).toBe('halfOpen');
    healthy = true;
    await expect(c.listListings(1)).resolves.toEqual({ listings: [], skipped: [] });
    expect(c.breakerState).toBe('closed');
    expect(states).toEqual(['open', 'halfOpen', 'closed']);
  });

  it('a failed trial in half-open opens the breaker again', async () => {
    broker.handler = (_req, res) => json(res, 502, {});
    const c = client({ retry: { maxAttempts: 1 }, breaker: { volumeThreshold: 2, resetTimeoutMs: 100 } });
    for (let i = 0; i < 2; i++) await c.listListings(1).catch(() => undefined);
    expect(c.breakerState).toBe('open');
    await new Promise((r) => setTimeout(r, 150));
    await expect(c.listListings(1)).rejects.toBeInstanceOf(BrokerHttpError);
    expect(c.breakerState).toBe('open');
  });

  it('4xx answers do not open the breaker', async () => {
    broker.handler = (_req, res) => json(res, 422, { error: 'bad' });
    const c = client({ retry: { maxAttempts: 1 }, breaker: { volumeThreshold: 2 } });
    for (let i = 0; i < 5; i++) await c.getEvent(1).catch(() => undefined);
    expect(c.breakerState).toBe('closed');
  });

  it('skips and reports malformed listing rows, never failing the page', async () => {
    broker.handler = (_req, res) =>
      json(res, 200, {
        listings: [
          listingRow(1),
          listingRow(2, { retail_price: 'abc' }),
          listingRow(3, { section: '' }),
          { garbage: true },
          listingRow(4, { available_quantity: -2 }),
          listingRow(5, { retail_price: 99.99, seats: [7, 9, 11] }),
          listingRow(5),
          listingRow(6, { event: { id: 999 } }),
        ],
      });
    const { listings, skipped } = await client().listListings(1001);
    expect(listings.map((l) => l.id)).toEqual([1, 5]);
    expect(skipped.map((s) => s.id)).toEqual([2, 3, undefined, 4, 5, 6]);
    expect(skipped[0].reason).toMatch(/retail_price/);
    expect(skipped[1].reason).toMatch(/section/);
    expect(listings[1]).toMatchObject({ retailCents: 9999, seatList: [7, 9, 11] });
  });

  it('parses money from numbers and strings into integer cents', async () => {
    broker.handler = (_req, res) =>
      json(res, 200, {
        listings: [
          listingRow(1, { retail_price: '189.50', wholesale_price: '150' }),
          listingRow(2, { retail_price: 0.29, wholesale_price: null }),
          listingRow(3, {
            retail_price: 1600,
            wholesale_price: '12.345',
            seats: { low_seat: 7, high_seat: 9 },
          }),
        ],
      });
    const { listings } = await client().listListings(1001);
    expect(listings.map((l) => [l.retailCents, l.wholesaleCents])).toEqual([
      [18950, 15000],
      [29, 29],
      [160000, 1235],
    ]);
    expect(listings[0]).toMatchObject({
      lowSeat: 101,
      highSeat: 104,
      splits: [2, 4],
      inHand: true,
      format: 'Eticket',
    });
  });

  it('pages events with per_page=100 until total_entries', async () => {
    const all = Array.from({ length: 250 }, (_, i) => eventRow(i + 1));
    broker.handler = (req, res) => {
      const page = Number(req.query.get('page'));
      const per = Number(req.query.get('per_page'));
      json(res, 200, {
        total_entries: all.length,
        current_page: page,
        per_page: per,
        events: all.slice((page - 1) * per, page * per),
      });
    };
    const { events, skipped } = await client().listEvents({
      performerId: 9,
      occursAtGte: new Date('2026-12-01T00:00:00Z'),
      occursAtLt: new Date('2027-06-01T00:00:00Z'),
    });
    expect(events).toHaveLength(250);
    expect(skipped).toEqual([]);
    expect(events.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(broker.count('/v9/events')).toBe(3);
    const first = broker.requests[0];
    expect(first.query.get('per_page')).toBe('100');
    expect(first.query.get('occurs_at.gte')).toBe('2026-12-01T00:00:00.000Z');
    expect(first.rawQuery.split('&').map((kv) => kv.split('=')[0])).toEqual([
      'occurs_at.gte',
      'occurs_at.lt',
      'page',
      'per_page',
      'performer_id',
    ]);
    expect(events[0]).toMatchObject({
      venue: { id: 77, name: 'Richard Rodgers Theatre' },
      occursAt: new Date('2026-12-06T01:00:00Z'),
    });
  });

  it('finds performers by name', async () => {
    broker.handler = (req, res) =>
      json(res, 200, {
        total_entries: 1,
        page: 1,
        per_page: 100,
        performers: [{ id: 9, name: req.query.get('name') }],
      });
    await expect(client().listPerformers({ name: 'Hamilton' })).resolves.toEqual([
      { id: 9, name: 'Hamilton' },
    ]);
  });

  it('retries network errors on reads', async () => {
    let n = 0;
    broker.handler = (_req, res) => {
      if (++n === 1) res.socket?.destroy();
      else json(res, 200, { listings: [] });
    };
    await expect(client().listListings(1)).resolves.toEqual({ listings: [], skipped: [] });
    expect(broker.count()).toBe(2);
  });
});
