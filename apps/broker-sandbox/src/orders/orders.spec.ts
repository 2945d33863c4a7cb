import { startSandbox, type Harness } from '../testing/sandbox-harness.js';

type Row = {
  id: number;
  available_quantity: number;
  splits: number[];
  retail_price: number | string;
  wholesale_price: number | string;
  signature: string;
};

function orderBody(l: Row, over: Record<string, unknown> = {}, item: Record<string, unknown> = {}) {
  return {
    orders: [
      {
        client_id: 7,
        shipped_items: [
          {
            items: [
              {
                ticket_group_id: l.id,
                price: Number(l.wholesale_price).toFixed(2),
                quantity: l.splits[0],
                ticket_group_signature: l.signature,
                seat_order: null,
                ...item,
              },
            ],
          },
        ],
        payments: [{ type: 'offline' }],
        service_fee: '0.00',
        shipping: 0,
        tax: 0,
        discount: 0,
        session_id: 'test-session',
        created_by_ip_address: '203.0.113.9',
        ...over,
      },
    ],
  };
}

describe('orders (over HTTP)', () => {
  let h: Harness;
  let eventId: number;
  beforeAll(async () => {
    h = await startSandbox();
    eventId = ((await (await h.raw('GET', '/sandbox/events')).json()) as { events: { id: number }[] })
      .events[5].id;
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.raw('POST', '/sandbox/reset');
    await h.raw('POST', '/sandbox/faults', { orderAcceptDelayMs: 50 });
  });

  const rows = async () =>
    ((await (await h.broker('GET', `/v9/listings?event_id=${eventId}`)).json()) as { ticket_groups: Row[] })
      .ticket_groups;
  const place = (body: unknown) => h.broker('POST', '/v9/orders', body);
  const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

  it('places an order: pending, then accepted; the listing loses the seats', async () => {
    const l = (await rows()).find((r) => r.available_quantity >= 4 && r.splits.includes(2))!;
    const res = await place(orderBody(l, {}, { quantity: 2 }));
    expect(res.status).toBe(201);
    const [order] = ((await res.json()) as { orders: Record<string, unknown>[] }).orders;
    expect(order).toMatchObject({ state: 'pending', items: [{ ticket_group_id: l.id, quantity: 2 }] });
    const after = (await (await h.broker('GET', `/v9/listings/${l.id}`)).json()) as Row;
    expect(after.available_quantity).toBe(l.available_quantity - 2);
    expect(after.signature).not.toBe(l.signature);
    await new Promise((r) => setTimeout(r, 80));
    const read = await h.broker('GET', `/v9/orders/${order.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      id: order.id,
      state: 'accepted',
      accepted_at: expect.any(String),
    });
    expect((await h.broker('GET', '/v9/orders/999999')).status).toBe(404);
  });

  it('a whole listing bought is gone', async () => {
    const l = (await rows()).find((r) => r.splits.includes(r.available_quantity))!;
    expect((await place(orderBody(l, {}, { quantity: l.available_quantity }))).status).toBe(201);
    expect((await h.broker('GET', `/v9/listings/${l.id}`)).status).toBe(404);
    expect((await rows()).some((r) => r.id === l.id)).toBe(false);
  });

  it('rejects a quantity outside the splits with 422', async () => {
    const l = (await rows()).find(
      (r) => r.available_quantity >= 3 && !r.splits.includes(r.available_quantity - 1),
    )!;
    const res = await place(orderBody(l, {}, { quantity: l.available_quantity - 1 }));
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toMatch(/splits/);
  });

  it('rejects a price below wholesale with 422', async () => {
    const [l] = await rows();
    const res = await place(orderBody(l, {}, { price: (Number(l.wholesale_price) - 1).toFixed(2) }));
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toMatch(/below the wholesale/);
  });

  it('rejects a stale signature with 422 (after a sale, and after a reprice)', async () => {
    const l = (await rows()).find((r) => r.available_quantity >= 4 && r.splits.includes(2))!;
    expect((await place(orderBody(l, {}, { quantity: 2 }))).status).toBe(201);
    const stale = await place(orderBody(l, {}, { quantity: 2 }));
    expect(stale.status).toBe(422);
    expect(await errorOf(stale)).toMatch(/stale/);

    // Move the clock until some listing reprices, then order it with the old signature.
    const before = new Map((await rows()).map((r) => [r.id, r]));
    h.clock.advance(6 * 3_600_000);
    const repriced = (await rows()).find(
      (r) => before.has(r.id) && before.get(r.id)!.retail_price !== r.retail_price,
    )!;
    expect(repriced).toBeDefined();
    const old = before.get(repriced.id)!;
    const res = await place(orderBody(old, {}, { price: Number(repriced.retail_price).toFixed(2) }));
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toMatch(/stale/);
  });

  it('rejects two items, two orders, or a malformed body with 422', async () => {
    const [a, b] = await rows();
    const two = orderBody(a);
    (two.orders[0].shipped_items[0].items as unknown[]).push(
      orderBody(b).orders[0].shipped_items[0].items[0],
    );
    expect((await place(two)).status).toBe(422);
    const twoShipments = orderBody(a);
    twoShipments.orders[0].shipped_items.push(orderBody(b).orders[0].shipped_items[0]);
    expect((await place(twoShipments)).status).toBe(422);
    expect((await place({ orders: [orderBody(a).orders[0], orderBody(b).orders[0]] })).status).toBe(422);
    for (const bad of [
      {},
      { orders: 'x' },
      orderBody(a, {}, { quantity: -1 }),
      orderBody(a, {}, { price: 'abc' }),
      orderBody(a, { client_id: undefined }),
    ]) {
      const res = await place(bad);
      expect(res.status).toBe(422);
      expect(await errorOf(res)).toEqual(expect.any(String));
    }
    const notJson = await h.broker('POST', '/v9/orders', '{"orders": [');
    expect(notJson.status).toBe(400);
  });

  it('returns the same order for a retried POST with the same reference', async () => {
    const l = (await rows()).find((r) => r.available_quantity >= 4 && r.splits.includes(2))!;
    const body = orderBody(l, { client_reference: 'checkout-123' }, { quantity: 2 });
    const first = ((await (await place(body)).json()) as { orders: { id: number }[] }).orders[0];
    const retry = await place(body);
    expect([200, 201]).toContain(retry.status);
    expect(((await retry.json()) as { orders: { id: number }[] }).orders[0].id).toBe(first.id);
    const after = (await (await h.broker('GET', `/v9/listings/${l.id}`)).json()) as Row;
    expect(after.available_quantity).toBe(l.available_quantity - 2); // taken once only
    const other = await place(orderBody(l, { client_reference: 'checkout-123' }, { quantity: 4 }));
    expect(other.status).toBe(422);
    const found = (await (await h.broker('GET', '/v9/orders?reference=checkout-123')).json()) as {
      total_entries: number;
      orders: { id: number }[];
    };
    expect(found.total_entries).toBe(1);
    expect(found.orders[0].id).toBe(first.id);
    // external_id works the same way.
    const m = (await rows()).find((r) => r.id !== l.id)!;
    const ext = orderBody(m, { external_id: 'ext-9' });
    const e1 = ((await (await place(ext)).json()) as { orders: { id: number }[] }).orders[0].id;
    const e2 = ((await (await place(ext)).json()) as { orders: { id: number }[] }).orders[0].id;
    expect(e2).toBe(e1);
  });

  it('seller rejection (orderRejectRate fault) puts the seats back', async () => {
    await h.raw('POST', '/sandbox/faults', { orderRejectRate: 1, orderAcceptDelayMs: 20 });
    const l = (await rows()).find((r) => r.available_quantity >= 4 && r.splits.includes(2))!;
    const [order] = (
      (await (await place(orderBody(l, {}, { quantity: 2 }))).json()) as { orders: { id: number }[] }
    ).orders;
    await new Promise((r) => setTimeout(r, 50));
    expect(await (await h.broker('GET', `/v9/orders/${order.id}`)).json()).toMatchObject({
      state: 'rejected',
      rejection_reason: expect.any(String),
    });
    const back = (await (await h.broker('GET', `/v9/listings/${l.id}`)).json()) as Row;
    expect(back.available_quantity).toBe(l.available_quantity);
  });
});
