import fc from 'fast-check';
import { startSandbox, type Harness } from '../testing/sandbox-harness.js';

/** docs/architecture.md "Public HTTP API": no input, however malformed, gets a 500 (faults off). */
describe('malformed input never gets a 500', () => {
  let h: Harness;
  let eventId: number;
  beforeAll(async () => {
    h = await startSandbox();
    eventId = ((await (await h.raw('GET', '/sandbox/events')).json()) as { events: { id: number }[] })
      .events[0].id;
  });
  afterAll(() => h.close());

  const key = fc.constantFrom(
    'page',
    'per_page',
    'event_id',
    'quantity',
    'section',
    'row',
    'order_by',
    'occurs_at.gte',
    'occurs_at.lt',
    'venue_id',
    'performer_id',
    'name',
    'x[]',
    '',
  );
  const value = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.integer().map(String),
    fc.constant('EVENT'),
    fc.constant('%ZZ'),
    fc.constant('1e309'),
  );
  const query = fc
    .array(fc.tuple(key, value), { maxLength: 5 })
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));

  it('on signed GETs with random queries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/v9/events',
          '/v9/listings',
          '/v9/venues',
          '/v9/performers',
          '/v9/orders',
          '/v9/events/abc',
          '/v9/listings/-1',
        ),
        query,
        async (path, q) => {
          const res = await h.broker('GET', q ? `${path}?${q.replaceAll('EVENT', String(eventId))}` : path);
          expect(res.status).toBeLessThan(500);
          const body = (await res.json()) as { error?: unknown; message?: unknown };
          if (res.status >= 400)
            expect(typeof body.error === 'string' || typeof body.message === 'string').toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('on signed order POSTs with random bodies', async () => {
    const item = fc.record({
      ticket_group_id: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
      price: fc.oneof(fc.double(), fc.string(), fc.constant('12.50')),
      quantity: fc.oneof(fc.integer({ min: -3, max: 10 }), fc.string()),
      ticket_group_signature: fc.oneof(fc.string(), fc.constant(undefined)),
    });
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({
        orders: fc.array(
          fc.record({
            client_id: fc.oneof(fc.integer(), fc.string()),
            shipped_items: fc.array(fc.record({ items: fc.array(item, { maxLength: 2 }) }), { maxLength: 2 }),
          }),
          { maxLength: 2 },
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await h.broker('POST', '/v9/orders', JSON.stringify(b) ?? 'null');
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });

  it('on sandbox admin POSTs with random bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/sandbox/listings', '/sandbox/faults', '/sandbox/clock'),
        fc.jsonValue(),
        async (path, b) => {
          const res = await h.raw('POST', path, JSON.stringify(b) ?? 'null');
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
    await h.raw('POST', '/sandbox/reset');
  });
});
