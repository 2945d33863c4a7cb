import { startSandbox, type Harness } from '../testing/sandbox-harness.js';
import { HAMILTON_PERFORMER } from './sim-venues.js';

interface Page {
  total_entries: number;
  page: number;
  current_page: number;
  per_page: number;
  events: {
    id: number;
    occurs_at: string;
    occurs_at_local: string;
    venue: { id: number };
    available_count: number;
  }[];
}

describe('catalogue: performers, venues, events (over HTTP)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startSandbox();
  });
  afterAll(() => h.close());

  const get = async <T>(path: string): Promise<T> => {
    const res = await h.broker('GET', path);
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  it('finds Hamilton among performers by name', async () => {
    const body = await get<{ total_entries: number; performers: { id: number; name: string }[] }>(
      '/v9/performers?name=hamil',
    );
    expect(body.total_entries).toBe(1);
    expect(body.performers[0]).toMatchObject({ id: HAMILTON_PERFORMER.id, name: 'Hamilton' });
    expect((await get<{ total_entries: number }>('/v9/performers?name=cats')).total_entries).toBe(0);
  });

  it('lists venues with integer ids', async () => {
    const body = await get<{
      total_entries: number;
      venues: { id: number; name: string; location: string }[];
    }>('/v9/venues');
    expect(body.total_entries).toBe(2);
    expect(body.venues.map((v) => v.name).sort()).toEqual(['Test Broadway Theatre', 'Test Touring Palace']);
    expect(Number.isInteger(body.venues[0].id)).toBe(true);
  });

  it('pages events: per_page defaults to and is capped at 100, total_entries, page 2', async () => {
    const first = await get<Page>('/v9/events');
    expect(first.per_page).toBe(100);
    expect(first.page).toBe(1);
    expect(first.total_entries).toBeGreaterThan(400);
    expect(first.events).toHaveLength(100);
    const capped = await get<Page>('/v9/events?per_page=500');
    expect(capped.per_page).toBe(100);
    expect(capped.events).toHaveLength(100);
    const second = await get<Page>('/v9/events?page=2&per_page=100');
    expect(second.page).toBe(2);
    expect(second.current_page).toBe(2);
    expect(second.events[0].id).not.toBe(first.events[0].id);
    const ids = new Set([...first.events, ...second.events].map((e) => e.id));
    expect(ids.size).toBe(200);
    const last = Math.ceil(first.total_entries / 100);
    const tail = await get<Page>(`/v9/events?page=${last + 1}`);
    expect(tail.events).toEqual([]);
  });

  it('answers event fields in the broker shape', async () => {
    const { events } = await get<Page>('/v9/events?per_page=1');
    const e = events[0] as unknown as Record<string, unknown>;
    expect(e).toMatchObject({
      name: 'Hamilton',
      state: 'shown',
      configuration: { id: expect.any(Number) },
      performances: [{ performer: { id: HAMILTON_PERFORMER.id, name: 'Hamilton' }, primary: true }],
    });
    expect(e.occurs_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(e.occurs_at_local).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/);
    expect(new Date(e.occurs_at as string).getTime()).toBe(new Date(e.occurs_at_local as string).getTime());
    expect(e.available_count).toBeGreaterThan(100);
    expect(typeof e.popularity_score).toBe('number');
    const one = await get<Record<string, unknown>>(`/v9/events/${e.id}`);
    expect(one).toEqual(e);
    expect((await h.broker('GET', '/v9/events/1')).status).toBe(404);
  });

  it('filters by occurs_at.gte / lt / lte / gt / eq, venue_id and performer_id', async () => {
    const all = await get<Page>('/v9/events?per_page=100');
    const pivot = all.events[10].occurs_at;
    const gte = await get<Page>(`/v9/events?occurs_at.gte=${pivot}`);
    expect(gte.events.every((e) => e.occurs_at >= pivot)).toBe(true);
    const lt = await get<Page>(`/v9/events?occurs_at.lt=${pivot}`);
    expect(lt.events.every((e) => e.occurs_at < pivot)).toBe(true);
    expect(gte.total_entries + lt.total_entries).toBe(all.total_entries);
    const eq = await get<Page>(`/v9/events?occurs_at.eq=${pivot}`);
    expect(eq.events.map((e) => e.occurs_at)).toEqual(eq.events.map(() => pivot));
    const gt = await get<Page>(`/v9/events?occurs_at.gt=${pivot}`);
    const lte = await get<Page>(`/v9/events?occurs_at.lte=${pivot}`);
    expect(gt.total_entries + lte.total_entries).toBe(all.total_entries);
    const window = await get<Page>(
      `/v9/events?occurs_at.gte=2026-12-01T00:00:00Z&occurs_at.lt=2026-12-08T00:00:00Z`,
    );
    expect(window.total_entries).toBe(16); // 8 a week in each of two venues
    const venueId = all.events[0].venue.id;
    const byVenue = await get<Page>(`/v9/events?venue_id=${venueId}`);
    expect(byVenue.events.every((e) => e.venue.id === venueId)).toBe(true);
    expect(byVenue.total_entries).toBeLessThan(all.total_entries);
    expect((await get<Page>(`/v9/events?performer_id=${HAMILTON_PERFORMER.id}`)).total_entries).toBe(
      all.total_entries,
    );
    expect((await get<Page>('/v9/events?performer_id=1')).total_entries).toBe(0);
  });

  it('answers 422 for bad filters and paging', async () => {
    for (const q of ['page=0', 'per_page=abc', 'occurs_at.gte=yesterday', 'venue_id=-3']) {
      const res = await h.broker('GET', `/v9/events?${q}`);
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual({ error: expect.any(String) });
    }
  });
});
