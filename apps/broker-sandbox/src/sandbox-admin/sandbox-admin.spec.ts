import { SandboxClock } from '../inventory/sandbox-clock.js';
import { HARNESS_START, startSandbox, type Harness } from '../testing/sandbox-harness.js';

type Row = Record<string, unknown> & {
  id: number;
  available_quantity: number;
  splits: unknown;
  retail_price: unknown;
  section: string;
  row: string;
};

describe('/sandbox admin and faults (over HTTP)', () => {
  let h: Harness;
  let eventId: number;
  beforeAll(async () => {
    h = await startSandbox();
    eventId = ((await (await h.raw('GET', '/sandbox/events')).json()) as { events: { id: number }[] })
      .events[2].id;
  });
  afterAll(() => h.close());
  afterEach(async () => {
    await h.raw('POST', '/sandbox/reset');
  });

  const rows = async () => {
    const res = await h.broker('GET', `/v9/listings?event_id=${eventId}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { ticket_groups: Row[] }).ticket_groups;
  };

  it('lists the simulated events with ids, venue and times', async () => {
    const body = (await (await h.raw('GET', '/sandbox/events')).json()) as {
      now: string;
      events: Record<string, unknown>[];
    };
    expect(body.now).toBe('2026-11-26T18:00:00Z');
    expect(body.events[0]).toMatchObject({
      id: expect.any(Number),
      occursAt: expect.stringMatching(/Z$/),
      occursAtLocal: expect.stringMatching(/[-+]\d\d:\d\d$/),
      venue: { id: expect.any(Number), slug: expect.any(String), timeZone: expect.any(String) },
    });
  });

  it('adds a listing (201, broker shape, orderable) and deletes it', async () => {
    const res = await h.raw('POST', '/sandbox/listings', {
      eventId,
      section: 'Rear Mezz',
      row: 'C',
      lowSeat: 101,
      highSeat: 104,
      quantity: 4,
      splits: [2, 4],
      price: 199.5,
      notes: 'Partial view',
    });
    expect(res.status).toBe(201);
    const added = (await res.json()) as Row;
    expect(added).toMatchObject({
      id: expect.any(Number),
      event: { id: eventId },
      section: 'Rear Mezz',
      row: 'C',
      seats: { low_seat: 101, high_seat: 104 },
      available_quantity: 4,
      splits: [2, 4],
      retail_price: 199.5,
      public_notes: 'Partial view',
      view_type: 'Partially Obstructed',
    });
    expect((await rows()).find((r) => r.id === added.id)).toEqual(added);
    const one = await h.broker('GET', `/v9/listings/${added.id}`);
    expect(one.status).toBe(200);
    const order = await h.broker('POST', '/v9/orders', {
      orders: [
        {
          client_id: 1,
          shipped_items: [
            {
              items: [
                {
                  ticket_group_id: added.id,
                  price: added.wholesale_price,
                  quantity: 2,
                  ticket_group_signature: added.signature,
                },
              ],
            },
          ],
        },
      ],
    });
    expect(order.status).toBe(201);
    expect(
      ((await (await h.broker('GET', `/v9/listings/${added.id}`)).json()) as Row).available_quantity,
    ).toBe(2);

    expect((await h.raw('DELETE', `/sandbox/listings/${added.id}`)).status).toBe(204);
    expect((await h.broker('GET', `/v9/listings/${added.id}`)).status).toBe(404);
    expect((await h.raw('DELETE', `/sandbox/listings/${added.id}`)).status).toBe(404);

    const seeded = (await rows())[0];
    expect((await h.raw('DELETE', `/sandbox/listings/${seeded.id}`)).status).toBe(204);
    expect((await rows()).some((r) => r.id === seeded.id)).toBe(false);
  });

  it('validates admin bodies with 400/422 and a clear message, never 500', async () => {
    const bad: unknown[] = [
      {},
      { eventId, section: '', row: 'A', quantity: 2, price: 100 },
      { eventId, section: 'ORCH', row: 'A', quantity: 0, price: 100 },
      { eventId, section: 'ORCH', row: 'A', quantity: 2, price: -5 },
      { eventId, section: 'ORCH', row: 'A', quantity: 2, price: 0.001 },
      { eventId, section: 'ORCH', row: 'A', quantity: 2, price: 100, splits: 'x' },
      { eventId, section: 'ORCH', row: 'A', quantity: 2, price: 100, splits: [3] },
      { eventId, section: 'ORCH', row: 'A', quantity: 2, price: 100, lowSeat: 5, highSeat: 1 },
      { eventId: 'x', section: 'ORCH', row: 'A', quantity: 2, price: 100 },
      'not json',
      [],
    ];
    for (const body of bad) {
      const res = await h.raw('POST', '/sandbox/listings', body);
      expect([400, 422]).toContain(res.status);
      const json = (await res.json()) as { statusCode: number; message: string };
      expect(json.message).toEqual(expect.any(String));
    }
    const unknownEvent = await h.raw('POST', '/sandbox/listings', {
      eventId: 42,
      section: 'ORCH',
      row: 'A',
      quantity: 2,
      price: 100,
    });
    expect(unknownEvent.status).toBe(422);
    for (const body of [
      { errorRate: 2 },
      { latencyMs: -1 },
      { rateLimit: 1.5 },
      { colour: 'red' },
      { malformedRate: 'x' },
    ]) {
      expect((await h.raw('POST', '/sandbox/faults', body)).status).toBe(400);
    }
    expect((await h.raw('DELETE', '/sandbox/listings/abc')).status).toBe(404);
    expect((await h.raw('POST', '/sandbox/clock', { advanceMinutes: -5 })).status).toBe(400);
  });

  it('errorRate 1 answers 500 { error } to every broker request', async () => {
    expect((await h.raw('POST', '/sandbox/faults', { errorRate: 1 })).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const res = await h.broker('GET', '/v9/events?per_page=1');
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: expect.stringMatching(/simulated/) });
    }
    expect((await h.raw('GET', '/sandbox/events')).status).toBe(200); // admin is never faulted
    const metrics = await (await h.raw('GET', '/metrics')).text();
    expect(metrics).toMatch(/hamiltix_sandbox_faults_injected_total\{[^}]*kind="error"[^}]*\} 3/);
  });

  it('rateLimit answers 429 with Retry-After beyond the limit', async () => {
    await h.raw('POST', '/sandbox/faults', { rateLimit: 3 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const res = await h.broker('GET', '/v9/performers');
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it('latencyMs delays broker answers', async () => {
    await h.raw('POST', '/sandbox/faults', { latencyMs: 150 });
    const t = Date.now();
    expect((await h.broker('GET', '/v9/performers')).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
  });

  it('malformedRate breaks that share of listing rows', async () => {
    const clean = await rows();
    await h.raw('POST', '/sandbox/faults', { malformedRate: 0.5 });
    const dirty = await rows();
    const broken = dirty.filter(
      (r) =>
        !('retail_price' in r) ||
        r.retail_price === 'abc' ||
        r.available_quantity < 0 ||
        !Array.isArray(r.splits) ||
        r.section === null,
    );
    expect(broken.length / dirty.length).toBeGreaterThan(0.3);
    expect(broken.length / dirty.length).toBeLessThan(0.7);
    expect(dirty.length).toBe(clean.length);
    // The same rows stay broken on a retry within the same step.
    const again = await rows();
    expect(again).toEqual(dirty);
  });

  it('reset puts back the seeded inventory and clears faults', async () => {
    const seeded = await rows();
    await h.raw('DELETE', `/sandbox/listings/${seeded[0].id}`);
    await h.raw('POST', '/sandbox/listings', { eventId, section: 'ORCH', row: 'A', quantity: 2, price: 500 });
    await h.raw('POST', '/sandbox/faults', { malformedRate: 1 });
    await h.raw('POST', '/sandbox/clock', { advanceMinutes: 600 });
    const reset = await h.raw('POST', '/sandbox/reset');
    expect(reset.status).toBe(200);
    expect(await (await h.raw('GET', '/sandbox/faults')).json()).toMatchObject({
      errorRate: 0,
      malformedRate: 0,
      rateLimit: 0,
      latencyMs: 0,
    });
    expect(await rows()).toEqual(seeded);
  });

  it('moves the market as the clock advances: reprices, sales, new listings', async () => {
    const before = new Map((await rows()).map((r) => [r.id, r]));
    const clock = await h.raw('POST', '/sandbox/clock', { advanceMinutes: 240 });
    expect(((await clock.json()) as { now: string }).now).toBe('2026-11-26T22:00:00Z');
    const after = new Map((await rows()).map((r) => [r.id, r]));
    expect([...before.keys()].some((id) => !after.has(id))).toBe(true);
    expect([...after.keys()].some((id) => !before.has(id))).toBe(true);
    expect(
      [...after.values()].some((r) => before.has(r.id) && before.get(r.id)!.retail_price !== r.retail_price),
    ).toBe(true);
  });

  it('is deterministic: the same seed and time give the same answers', async () => {
    const other = await startSandbox({ clock: new SandboxClock(0, HARNESS_START) });
    const different = await startSandbox({
      env: { SANDBOX_SEED: '7' },
      clock: new SandboxClock(0, HARNESS_START),
    });
    try {
      const get = async (x: Harness) => (await x.broker('GET', `/v9/listings?event_id=${eventId}`)).json();
      const events = async (x: Harness) => (await x.broker('GET', '/v9/events?per_page=20')).json();
      expect(await get(other)).toEqual(await get(h));
      expect(await events(other)).toEqual(await events(h));
      expect(await get(different)).not.toEqual(await get(h));
    } finally {
      await other.close();
      await different.close();
    }
  });

  it('SANDBOX_SCALE lists proportionally more', async () => {
    const double = await startSandbox({
      env: { SANDBOX_SCALE: '2' },
      clock: new SandboxClock(0, HARNESS_START),
    });
    try {
      const count = async (x: Harness) => {
        const body = (await (await x.broker('GET', '/v9/events?per_page=10')).json()) as {
          events: { available_count: number }[];
        };
        return body.events.reduce((n, e) => n + e.available_count, 0);
      };
      const ratio = (await count(double)) / (await count(h));
      expect(ratio).toBeGreaterThan(1.6);
      expect(ratio).toBeLessThan(2.4);
    } finally {
      await double.close();
    }
  });
});
