import { startSandbox, type Harness } from '../testing/sandbox-harness.js';

type Row = Record<string, unknown> & {
  id: number;
  available_quantity: number;
  splits: number[];
  retail_price: number | string;
  section: string;
  row: string;
};

describe('listings (over HTTP)', () => {
  let h: Harness;
  let eventId: number;
  beforeAll(async () => {
    h = await startSandbox();
    const res = await h.raw('GET', '/sandbox/events');
    eventId = ((await res.json()) as { events: { id: number }[] }).events[3].id;
  });
  afterAll(() => h.close());

  const listings = async (query: string) => {
    const res = await h.broker('GET', `/v9/listings?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as { total_entries: number; ticket_groups: Row[] };
  };

  it('answers every listing of an event, unpaged, in the broker shape', async () => {
    const body = await listings(`event_id=${eventId}`);
    expect(body.total_entries).toBe(body.ticket_groups.length);
    expect(body.ticket_groups.length).toBeGreaterThan(30);
    const seats = body.ticket_groups.reduce((n, l) => n + l.available_quantity, 0);
    expect(seats).toBeGreaterThanOrEqual(120);
    const l = body.ticket_groups.find((g) => g.seats !== null)!;
    expect(l).toMatchObject({
      id: expect.any(Number),
      event: { id: eventId },
      section: expect.any(String),
      row: expect.any(String),
      seats: { low_seat: expect.any(Number), high_seat: expect.any(Number) },
      available_quantity: expect.any(Number),
      splits: expect.any(Array),
      format: expect.any(String),
      in_hand: expect.any(Boolean),
      instant_delivery: expect.any(Boolean),
      wheelchair: expect.any(Boolean),
      signature: expect.any(String),
    });
    for (const g of body.ticket_groups) {
      const retail = Number(g.retail_price);
      const wholesale = Number(g.wholesale_price);
      expect(retail).toBeGreaterThan(0);
      expect(wholesale).toBeLessThan(retail);
      expect(g.splits).toContain(g.available_quantity);
    }
  });

  it('sends money as strings on a fixed share of rows', async () => {
    const all = (
      await Promise.all(
        ((await (await h.raw('GET', '/sandbox/events')).json()) as { events: { id: number }[] }).events
          .slice(0, 8)
          .map((e) => listings(`event_id=${e.id}`)),
      )
    ).flatMap((b) => b.ticket_groups);
    const strings = all.filter((g) => typeof g.retail_price === 'string');
    expect(strings.length / all.length).toBeGreaterThan(0.03);
    expect(strings.length / all.length).toBeLessThan(0.2);
    expect(strings[0].retail_price).toMatch(/^\d+\.\d\d$/);
  });

  it('filters by quantity (at least), section and row; orders by price', async () => {
    const all = (await listings(`event_id=${eventId}`)).ticket_groups;
    const four = (await listings(`event_id=${eventId}&quantity=4`)).ticket_groups;
    expect(four.length).toBe(all.filter((l) => l.available_quantity >= 4).length);
    const section = all[0].section;
    const bySection = (await listings(`event_id=${eventId}&section=${encodeURIComponent(section)}`))
      .ticket_groups;
    expect(bySection.length).toBeGreaterThan(0);
    expect(bySection.every((l) => l.section === section)).toBe(true);
    const row = all[0].row;
    const byRow = (await listings(`event_id=${eventId}&row=${row}`)).ticket_groups;
    expect(byRow.every((l) => l.row === row)).toBe(true);
    const cheap = (await listings(`event_id=${eventId}&order_by=retail_price`)).ticket_groups.map((l) =>
      Number(l.retail_price),
    );
    expect(cheap).toEqual([...cheap].sort((a, b) => a - b));
    const dear = (
      await listings(`event_id=${eventId}&order_by=${encodeURIComponent('retail_price desc')}`)
    ).ticket_groups.map((l) => Number(l.retail_price));
    expect(dear).toEqual([...dear].sort((a, b) => b - a));
    expect((await h.broker('GET', `/v9/listings?event_id=${eventId}&order_by=colour`)).status).toBe(422);
  });

  it('answers one listing, and 404 for an unknown one or an unknown event', async () => {
    const [first] = (await listings(`event_id=${eventId}`)).ticket_groups;
    const one = await h.broker('GET', `/v9/listings/${first.id}`);
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual(first);
    const missing = await h.broker('GET', `/v9/listings/${first.id + 999}`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: expect.stringMatching(/not found/) });
    expect((await h.broker('GET', '/v9/listings/abc')).status).toBe(404);
    expect((await h.broker('GET', '/v9/listings?event_id=12345')).status).toBe(404);
    expect((await h.broker('GET', '/v9/listings')).status).toBe(422);
  });

  it('answers an unfiltered read from its cache with the same bytes, until the event changes', async () => {
    const get = async (query: string) => {
      const res = await h.broker('GET', `/v9/listings?${query}`);
      expect(res.status).toBe(200);
      return { type: res.headers.get('content-type'), text: await res.text() };
    };
    const cached = await get(`event_id=${eventId}`);
    // quantity=1 keeps every row but takes the uncached path (serialised per request).
    const fresh = await get(`event_id=${eventId}&quantity=1`);
    expect(cached.type).toBe(fresh.type);
    expect(cached.text).toBe(fresh.text);
    expect((await get(`event_id=${eventId}`)).text).toBe(cached.text);

    const before = JSON.parse(cached.text) as { total_entries: number; ticket_groups: Row[] };
    const gone = before.ticket_groups[0].id;
    expect((await h.raw('DELETE', `/sandbox/listings/${gone}`)).status).toBeLessThan(300);
    const after = JSON.parse((await get(`event_id=${eventId}`)).text) as typeof before;
    expect(after.total_entries).toBe(before.total_entries - 1);
    expect(after.ticket_groups.map((g) => g.id)).not.toContain(gone);

    // Garbled rows are decided per request, never cached.
    expect((await h.raw('POST', '/sandbox/faults', { malformedRate: 1 })).status).toBeLessThan(300);
    const garbled = JSON.parse((await get(`event_id=${eventId}`)).text) as typeof before;
    expect(garbled.ticket_groups).not.toEqual(after.ticket_groups);
    expect((await h.raw('POST', '/sandbox/faults', {})).status).toBeLessThan(300);
    expect((await get(`event_id=${eventId}`)).text).toBe(JSON.stringify(after));
  });
});
