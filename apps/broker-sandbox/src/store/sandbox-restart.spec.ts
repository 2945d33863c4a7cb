import { signRequest } from '@hamiltix/broker-client';
import { createTestDatabase, type TestDatabase } from '@hamiltix/persistence/testing';
import { SANDBOX_BROKER_SECRET, SANDBOX_BROKER_TOKEN } from '@hamiltix/platform';
import { startBrokerSandbox, type BrokerSandboxProcess } from '@hamiltix/platform/testing';

/**
 * SANDBOX_STORE=postgres: the sandbox as its own process, stopped and started again on the
 * same store, keeps its orders and inventory changes (issue 10 §2b: a redeployed staging had a
 * broker that forgot its sales while checkout's database remembered them).
 */
describe('broker sandbox across a restart (SANDBOX_STORE=postgres)', () => {
  let db: TestDatabase;
  let sandbox: BrokerSandboxProcess | undefined;
  beforeAll(async () => {
    db = await createTestDatabase('sandbox_store', { migrate: false });
  });
  afterAll(async () => {
    await sandbox?.stop();
    await db.drop();
  });

  const start = () =>
    startBrokerSandbox({
      SANDBOX_SCALE: '0.02',
      SANDBOX_CLOCK_SPEED: '0',
      SANDBOX_STORE: 'postgres',
      SANDBOX_DATABASE_URL: db.url,
    });
  const signed = async (method: 'GET' | 'POST', path: string, query = '', body?: unknown) => {
    const raw = body === undefined ? undefined : JSON.stringify(body);
    const sig = signRequest(SANDBOX_BROKER_SECRET, { method, host: '127.0.0.1', path, query, body: raw });
    const res = await fetch(`${sandbox!.url}${path}${query ? `?${query}` : ''}`, {
      method,
      headers: {
        'x-token': SANDBOX_BROKER_TOKEN,
        'x-signature': sig,
        ...(raw ? { 'content-type': 'application/json' } : {}),
      },
      body: raw,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const listing = async (id: number) => {
    const res = await signed('GET', `/v9/listings/${id}`);
    return res.status === 200 ? ((res.body.listing ?? res.body) as Record<string, unknown>) : undefined;
  };
  const order = async (ticketGroupId: number, reference: string) => {
    const l = (await listing(ticketGroupId))!;
    return signed('POST', '/v9/orders', '', {
      orders: [
        {
          client_id: 1,
          client_reference: reference,
          shipped_items: [
            {
              items: [
                {
                  ticket_group_id: ticketGroupId,
                  quantity: 2,
                  price: String(l.retail_price),
                  ticket_group_signature: l.signature,
                },
              ],
            },
          ],
        },
      ],
    });
  };

  it('keeps orders, held seats, added and withdrawn listings; a new listing or order gets a new id', async () => {
    sandbox = await start();
    await sandbox.admin('POST', '/sandbox/faults', { orderAcceptDelayMs: 0 });
    const { events } = await sandbox.admin<{ events: { id: number }[] }>('GET', '/sandbox/events');
    const eventId = events[0].id;
    const added = await sandbox.admin<{ id: number }>('POST', '/sandbox/listings', {
      eventId,
      section: 'Center Orchestra',
      row: 'G',
      quantity: 4,
      splits: [2, 4],
      price: 200,
    });
    const placed = await order(added.id, 'ref-restart-1');
    expect(placed.status).toBe(201);
    const orderId = (placed.body.orders as { id: number }[])[0].id;
    const seeded = (await signed('GET', '/v9/listings', `event_id=${eventId}`)).body.ticket_groups as {
      id: number;
    }[];
    const withdrawn = seeded.find((l) => l.id !== added.id)!.id;
    await sandbox.admin('DELETE', `/sandbox/listings/${withdrawn}`);
    await sandbox.admin('POST', '/sandbox/clock', { advanceMinutes: 30 });
    const clockBefore = await sandbox.admin<{ now: string }>('GET', '/sandbox/clock');

    await sandbox.stop();
    sandbox = await start();

    expect((await listing(added.id))?.available_quantity).toBe(2);
    expect(await listing(withdrawn)).toBeUndefined();
    const found = await signed('GET', '/v9/orders', 'reference=ref-restart-1');
    expect(found.status).toBe(200);
    expect(JSON.stringify(found.body)).toContain(`"id":${orderId}`);
    const clockAfter = await sandbox.admin<{ now: string }>('GET', '/sandbox/clock');
    expect(Date.parse(clockAfter.now)).toBeGreaterThanOrEqual(Date.parse(clockBefore.now));
    // The same reference is still the same order; the last two seats still sell.
    const again = await order(added.id, 'ref-restart-1');
    expect((again.body.orders as { id: number }[])[0].id).toBe(orderId);
    const second = await order(added.id, 'ref-restart-2');
    expect(second.status).toBe(201);
    expect((second.body.orders as { id: number }[])[0].id).toBeGreaterThan(orderId);
    expect(await listing(added.id)).toBeUndefined(); // sold out now
    const next = await sandbox.admin<{ id: number }>('POST', '/sandbox/listings', {
      eventId,
      section: 'Center Orchestra',
      row: 'H',
      quantity: 2,
      price: 150,
    });
    expect(next.id).toBeGreaterThan(added.id);

    // A reset forgets everything, in the store too.
    await sandbox.admin('POST', '/sandbox/reset');
    await sandbox.stop();
    sandbox = await start();
    expect(await listing(added.id)).toBeUndefined();
    expect(await listing(withdrawn)).toBeDefined();
  }, 120_000);
});
