import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BrokerClient } from '@hamiltix/broker-client';
import { allInPrice, FixedClock } from '@hamiltix/domain';
import {
  configureApp,
  createFastifyAdapter,
  loadConfig,
  PlatformModule,
  type AppConfig,
} from '@hamiltix/platform';
import { resolveSeats } from '@hamiltix/venues';
import { acquireAdvisoryLock } from '@hamiltix/persistence';
import {
  createTestDatabase,
  listingRows,
  outboxMessages,
  performanceRows,
  tableRowCount,
  updateTestListings,
  type TestDatabase,
} from '@hamiltix/persistence/testing';
import {
  startBrokerSandbox,
  startNatsServer,
  type BrokerSandboxProcess,
  type PrivateServer,
} from '@hamiltix/platform/testing';
import { BROKER_CLIENT } from '../src/broker/broker-client.provider.js';
import { IngestionModule } from '../src/ingestion.module.js';
import { BrokerBudget } from '../src/broker/broker-budget.js';
import { IngestionMetrics } from '../src/metrics/ingestion-metrics.js';
import { OrderEventsConsumer } from '../src/orders/order-events.consumer.js';
import { PULL_LOCK_KEY } from '../src/pull/pull-lock.js';
import { PullService } from '../src/pull/pull.service.js';
import type { PullSummary } from '../src/pull/pull.types.js';

import { jest } from '@jest/globals';

jest.setTimeout(120_000);

/**
 * The test's "now", whatever the machine's clock says: a Tuesday 10:00 in New York. The
 * sandbox starts its market there (CLOCK_START_AT, frozen) and ingestion runs on a clock
 * that ticks from the same instant; `advance` moves both together.
 */
const T0 = '2026-06-02T14:00:00Z';
const clock = new FixedClock(T0, { ticking: true });
/** Ingestion's clock moves this much more as each listings request is answered (one test sets it). */
let msPerListingsRead = 0;

interface DbListing {
  id: string;
  performance_id: string;
  all_in_cents: number;
  retail_cents: number;
  quantity: number;
  active: boolean;
  view_notes: string[];
}

describe('ingestion against the sandbox, Postgres and NATS', () => {
  let db: TestDatabase;
  let nats: PrivateServer;
  let sandbox: BrokerSandboxProcess;
  let app: NestFastifyApplication;
  let url: string;
  let config: Readonly<AppConfig>;
  let truthClient: BrokerClient;
  let nc: NatsConnection;
  const alerts: { kind: string; title: string }[] = [];

  beforeAll(async () => {
    [db, nats, sandbox] = await Promise.all([
      createTestDatabase('ingestion_it'),
      startNatsServer(),
      // A frozen sandbox clock: inventory moves only when a test moves it.
      startBrokerSandbox({
        SANDBOX_SCALE: '0.15',
        SANDBOX_CLOCK_SPEED: '0',
        SANDBOX_SEED: '7',
        CLOCK_START_AT: T0,
      }),
    ]);
    config = loadConfig('ingestion', {
      DATABASE_URL: db.url,
      NATS_URL: nats.url,
      BROKER_BASE_URL: sandbox.url,
      INGESTION_WINDOW_DAYS: '3',
      INGESTION_CONCURRENCY: '4',
      BROKER_TIMEOUT_MS: '500',
      LOG_LEVEL: 'silent',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        PlatformModule.forRoot({
          service: 'ingestion',
          postgres: true,
          redis: false,
          nats: true,
          config,
          clock,
        }),
        IngestionModule.forRoot({ schedule: false }),
      ],
    })
      .overrideProvider(BROKER_CLIENT)
      .useFactory({
        inject: [IngestionMetrics],
        // Production retry/breaker shape, with shorter waits so the fault tests stay quick.
        factory: (metrics: IngestionMetrics) => {
          const hooks = metrics.brokerHooks();
          return new BrokerClient({
            baseUrl: config.broker.baseUrl,
            token: config.broker.token.reveal(),
            secret: config.broker.secret.reveal(),
            timeoutMs: config.broker.timeoutMs,
            retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 },
            breaker: { resetTimeoutMs: 300, volumeThreshold: 10 },
            hooks: {
              ...hooks,
              onRequest: (i) => {
                hooks.onRequest?.(i);
                if (i.resource === 'listings') clock.advance(msPerListingsRead);
              },
            },
          });
        },
      })
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false });
    configureApp(app);
    await app.init();
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    truthClient = new BrokerClient({
      baseUrl: sandbox.url,
      token: config.broker.token.reveal(),
      secret: config.broker.secret.reveal(),
      retry: { maxAttempts: 1 },
    });
    nc = await connect({ servers: nats.url });
    const sub = nc.subscribe('ops.alerts.v1');
    void (async () => {
      for await (const m of sub) alerts.push(m.json());
    })();
  });

  afterAll(async () => {
    truthClient?.close();
    await nc?.close();
    await app?.close();
    await Promise.all([sandbox?.stop(), nats?.stop()]);
    await db?.drop();
  });

  afterEach(async () => {
    await sandbox.admin('POST', '/sandbox/faults', {});
  });

  /** Moves the broker's market and ingestion's clock forward together. */
  async function advance(minutes: number): Promise<void> {
    await sandbox.admin('POST', '/sandbox/clock', { advanceMinutes: minutes });
    clock.advance(minutes * 60_000);
  }

  /** Start instants of the stored performances, by id. */
  async function startsAt(): Promise<Map<string, number>> {
    const rows = await performanceRows(db.dataSource);
    return new Map(rows.map((r) => [r.id, r.starts_at.getTime()]));
  }

  async function refresh(): Promise<PullSummary> {
    const res = await fetch(`${url}/admin/refresh`, { method: 'POST' });
    expect(res.status).toBe(200);
    return (await res.json()) as PullSummary;
  }

  async function dbListings(): Promise<Map<string, DbListing>> {
    const rows = await listingRows(db.dataSource);
    return new Map(
      rows.map((r): [string, DbListing] => [
        r.id,
        {
          id: r.id,
          performance_id: r.performance_id,
          all_in_cents: r.all_in_cents,
          retail_cents: r.retail_cents,
          quantity: r.quantity,
          active: r.active,
          view_notes: r.view_notes,
        },
      ]),
    );
  }

  /** What the broker lists now (faults off), for the same window. */
  async function truth(): Promise<
    Map<string, { performanceId: string; retailCents: number; quantity: number }>
  > {
    const [performer] = await truthClient.listPerformers({ name: 'Hamilton' });
    const now = clock.now();
    const { events } = await truthClient.listEvents({
      performerId: performer.id,
      occursAtGte: now,
      occursAtLt: new Date(now.getTime() + 3 * 86_400_000),
    });
    const out = new Map<string, { performanceId: string; retailCents: number; quantity: number }>();
    for (const e of events) {
      const { listings } = await truthClient.listListings(e.id);
      for (const l of listings)
        out.set(String(l.id), {
          performanceId: String(e.id),
          retailCents: l.retailCents,
          quantity: l.availableQuantity,
        });
    }
    return out;
  }

  /** Postgres holds exactly the broker's listings: same ids active, same prices and quantities. */
  async function expectDbMatchesBroker(): Promise<void> {
    const [t, d] = await Promise.all([truth(), dbListings()]);
    const perfs = new Set([...t.values()].map((x) => x.performanceId));
    const active = [...d.values()].filter((r) => r.active && perfs.has(r.performance_id));
    expect(active.map((r) => r.id).sort()).toEqual([...t.keys()].sort());
    for (const r of active) {
      const b = t.get(r.id)!;
      expect({ id: r.id, retail: r.retail_cents, allIn: r.all_in_cents, q: r.quantity }).toEqual({
        id: r.id,
        retail: b.retailCents,
        allIn: allInPrice(b.retailCents, config.fees).total,
        q: b.quantity,
      });
    }
  }

  const snapshot = async () =>
    JSON.stringify([...(await dbListings()).values()].sort((a, b) => a.id.localeCompare(b.id)));

  it('first pull: stores every listing with its all-in price, performances, and publishes', async () => {
    const s = await refresh();
    expect(s.outcome).toBe('ok');
    expect(s.fetched).toBeGreaterThan(50);
    expect(s.added).toBe(s.fetched);
    expect(s.upserted).toBe(s.fetched);
    expect(s.removed).toBe(0);
    expect(s.messages).toHaveLength(1);
    expect(s.published).toBe(true);
    await expectDbMatchesBroker();
    expect(await tableRowCount(db.dataSource, 'performances')).toBe(s.events);
    expect(await tableRowCount(db.dataSource, 'price_history')).toBe(s.fetched);
    const out = await outboxMessages<{ added: number }>(db.dataSource);
    expect(out).toEqual([
      { subject: 'inventory.changed.v1.hamilton', payload: expect.objectContaining({ added: s.fetched }) },
    ]);
  });

  it('a repeat pull with nothing new writes nothing and publishes nothing', async () => {
    const s = await refresh();
    expect(s).toMatchObject({ outcome: 'ok', upserted: 0, removed: 0, messages: [] });
    // The broker's updated_at did not move: no event's listings were read again.
    expect(s.eventsUnchanged).toBe(s.events);
    expect(s.fetched).toBe(0);
  });

  /** A Richard Rodgers performance between 12 and 48 hours after the pinned now (on sale, not started). */
  async function richardRodgersSoon(): Promise<{ id: number; occursAt: string }> {
    const { events } = await sandbox.admin<{
      events: { id: number; occursAt: string; venue: { slug: string } }[];
    }>('GET', '/sandbox/events');
    const now = clock.now().getTime();
    const soon = events.find(
      (e) =>
        e.venue.slug === 'richard-rodgers' &&
        Date.parse(e.occursAt) > now + 12 * 3_600_000 &&
        Date.parse(e.occursAt) < now + 2 * 86_400_000,
    );
    if (!soon) throw new Error('no Richard Rodgers performance 12–48 h after the pinned now');
    return soon;
  }

  it('new listing: appears with all-in price and view notes', async () => {
    const soon = await richardRodgersSoon();
    const added = await sandbox.admin<{ id: number }>('POST', '/sandbox/listings', {
      eventId: soon.id,
      section: 'Orchestra',
      row: 'W',
      lowSeat: 101,
      highSeat: 102,
      quantity: 2,
      splits: [2],
      price: 199.5,
      notes: 'Partial view',
    });
    // A note denying an obstruction adds no view note (it once read as "Obstructed view").
    const denied = await sandbox.admin<{ id: number }>('POST', '/sandbox/listings', {
      eventId: soon.id,
      section: 'Orchestra',
      row: 'F',
      lowSeat: 101,
      highSeat: 102,
      quantity: 2,
      splits: [2],
      price: 350,
      notes: 'No obstruction, aisle seats. Not obstructed in any way',
    });
    const s = await refresh();
    expect(s).toMatchObject({ outcome: 'ok', added: 2, removed: 0 });
    const clear = resolveSeats('richard-rodgers', {
      section: 'Orchestra',
      row: 'F',
      lowSeat: 101,
      highSeat: 102,
      quantity: 2,
    });
    expect((await dbListings()).get(String(denied.id))!.view_notes).toEqual(
      clear.ok ? clear.viewNotes.map((n) => n.text) : [],
    );
    const row = (await dbListings()).get(String(added.id))!;
    expect(row.all_in_cents).toBe(allInPrice(19950, config.fees).total);
    const r = resolveSeats('richard-rodgers', {
      section: 'Orchestra',
      row: 'W',
      lowSeat: 101,
      highSeat: 102,
      quantity: 2,
    });
    const venueNotes = r.ok ? r.viewNotes.map((n) => n.text) : [];
    expect(row.view_notes).toEqual(['Partial view', ...venueNotes.filter((n) => n !== 'Partial view')]);
    await expectDbMatchesBroker();
  });

  it('broker text with NUL: cleaned and stored, or the row skipped and counted; the pull never fails', async () => {
    const soon = await richardRodgersSoon();
    const dirty = await sandbox.admin<{ id: number }>('POST', '/sandbox/listings', {
      eventId: soon.id,
      section: 'Orch\u0000estra',
      row: 'G\u0000',
      lowSeat: 101,
      highSeat: 102,
      quantity: 2,
      splits: [2],
      price: 180,
      notes: 'Partial\u0000 view',
    });
    const hopeless = await sandbox.admin<{ id: number }>('POST', '/sandbox/listings', {
      eventId: soon.id,
      section: '\u0000',
      row: 'H',
      quantity: 2,
      price: 170,
    });
    const s = await refresh();
    expect(s).toMatchObject({ outcome: 'ok', added: 1 });
    expect(s.skipped).toBeGreaterThanOrEqual(1);
    const [row] = await listingRows(db.dataSource, { ids: [String(dirty.id)] });
    expect(row).toMatchObject({ section: 'Orchestra', row: 'G', public_notes: 'Partial view' });
    expect(row.section_id).not.toBeNull();
    expect(row.view_notes).toContain('Partial view');
    expect((await dbListings()).has(String(hopeless.id))).toBe(false);
    // Gone from the broker again, so the checks that follow compare like with like.
    await sandbox.admin('DELETE', `/sandbox/listings/${dirty.id}`);
    await sandbox.admin('DELETE', `/sandbox/listings/${hopeless.id}`);
    expect((await refresh()).outcome).toBe('ok');
    await expectDbMatchesBroker();
  });

  it('changes pull: reads only the events whose updated_at moved, with the broker calls to match', async () => {
    const pulls = app.get(PullService);
    const budget = app.get(BrokerBudget);
    // An event touched several times in a second (the sandbox moves updated_at a second per
    // change, even frozen) reads as changed until our clock passes it: let it settle.
    let quiet = await pulls.pull('changes');
    for (let i = 0; i < 40 && quiet.eventsUnchanged < quiet.events; i++) {
      await new Promise((r) => setTimeout(r, 250));
      quiet = await pulls.pull('changes');
    }
    expect(quiet).toMatchObject({ outcome: 'ok', fetched: 0, upserted: 0, eventsDeferred: 0, messages: [] });
    expect(quiet.eventsUnchanged).toBe(quiet.events);
    const target = await richardRodgersSoon();
    const added = await sandbox.admin<{ id: number }>('POST', '/sandbox/listings', {
      eventId: target.id,
      section: 'Orchestra',
      row: 'K',
      lowSeat: 1,
      highSeat: 2,
      quantity: 2,
      price: 222,
    });
    const spent = budget.spent();
    const s = await pulls.pull('changes');
    expect(s).toMatchObject({ outcome: 'ok', added: 1, removed: 0, eventsDeferred: 0 });
    expect(s.events - s.eventsUnchanged).toBe(1);
    expect((await dbListings()).get(String(added.id))?.active).toBe(true);
    // The event pages (one for this small window) and the one event's listings.
    expect(budget.spent() - spent).toBeLessThanOrEqual(3);
    expect(s.messages).toHaveLength(1);
    await expectDbMatchesBroker();
  });

  it('changes pull: a spent broker budget defers the later performances to the next changes pull', async () => {
    const pulls = app.get(PullService);
    const budget = app.get(BrokerBudget);
    await advance(5); // the market moves: every event's updated_at
    const left = jest.spyOn(budget, 'left').mockReturnValue(2);
    let first: PullSummary;
    try {
      first = await pulls.pull('changes');
    } finally {
      left.mockRestore();
    }
    expect(first.outcome).toBe('ok');
    expect(first.events - first.eventsUnchanged - first.eventsDeferred).toBe(2);
    expect(first.eventsDeferred).toBe(first.events - 2);
    // The two read are the soonest performances.
    const performances = await performanceRows(db.dataSource);
    const pulled = performances
      .filter((p) => (p.last_pulled_at?.getTime() ?? 0) >= Date.parse(first.startedAt))
      .map((p) => ({ id: p.id }));
    const soonest = performances
      .filter((p) => p.starts_at.getTime() > clock.now().getTime())
      .slice(0, 2)
      .map((p) => ({ id: p.id }));
    expect(pulled).toEqual(soonest);
    const second = await pulls.pull('changes');
    expect(second.eventsDeferred).toBe(0);
    expect(second.events - second.eventsUnchanged).toBe(first.eventsDeferred);
    await expectDbMatchesBroker();
  });

  it('changes pull begun within the second of the market step: the events read after that second are not read again', async () => {
    const pulls = app.get(PullService);
    await advance(5); // every event's updated_at moves to the step's start
    const [performer] = await truthClient.listPerformers({ name: 'Hamilton' });
    const { events } = await truthClient.listEvents({
      performerId: performer.id,
      occursAtGte: clock.now(),
      occursAtLt: new Date(clock.now().getTime() + 3 * 86_400_000),
    });
    const stepAt = Math.max(...events.map((e) => e.updatedAt!.getTime()));
    // Ingestion's clock is put 200 ms into the step's second (the broker's updated_at has
    // whole seconds: a change later in that second would carry the same one), and moves
    // 300 ms per listings answer, so from the seventh on events are asked for after it ends.
    const offset = clock.now().getTime() - performance.now();
    clock.set(stepAt + 200);
    msPerListingsRead = 300;
    let first: PullSummary;
    try {
      first = await pulls.pull('changes');
    } finally {
      msPerListingsRead = 0;
      clock.set(performance.now() + offset);
    }
    const read = first.events - first.eventsUnchanged;
    expect(read).toBe(first.events);
    const ids = new Set(events.map((e) => String(e.id)));
    const withinTheSecond = (await performanceRows(db.dataSource)).filter(
      (p) => ids.has(p.id) && p.last_pulled_at!.getTime() < stepAt + 1_000,
    );
    // The first four (INGESTION_CONCURRENCY) were asked for at once, within the second.
    expect(withinTheSecond.length).toBeGreaterThanOrEqual(4);
    expect(withinTheSecond.length).toBeLessThan(read);
    // Only those could have missed a change made later in the step's second.
    const again = await pulls.pull('changes');
    expect(again.events - again.eventsUnchanged).toBe(withinTheSecond.length);
    const third = await pulls.pull('changes');
    expect(third.eventsUnchanged).toBe(third.events);
    await expectDbMatchesBroker();
  });

  it('changes pull: an event read with garbled rows is not re-read until it changes; the full pull re-reads it', async () => {
    const pulls = app.get(PullService);
    await sandbox.admin('POST', '/sandbox/faults', { malformedRate: 0.3 });
    await advance(5);
    const first = await pulls.pull('changes');
    expect(first.outcome).not.toBe('failed');
    expect(first.skipped).toBeGreaterThan(0);
    const again = await pulls.pull('changes');
    expect(again.eventsUnchanged).toBe(again.events);
    await sandbox.admin('POST', '/sandbox/faults', {});
    // Those reads were not clean: the full pull reads those events again, and all is true.
    const full = await refresh();
    expect(full.outcome).toBe('ok');
    expect(full.events - full.eventsUnchanged).toBeGreaterThan(0);
    await expectDbMatchesBroker();
  });

  it('sell-out and reprice: gone listings are marked removed, price changes get history', async () => {
    const before = await dbListings();
    const starts = await startsAt();
    // A listing whose performance is still to come after the clock moves (not merely "the first").
    const later = clock.now().getTime() + 6 * 3_600_000;
    const victim = [...before.values()].find((r) => r.active && starts.get(r.performance_id)! > later)!;
    await sandbox.admin('DELETE', `/sandbox/listings/${victim.id}`);
    await advance(180);
    const s = await refresh();
    expect(s.outcome).toBe('ok');
    expect(s.removed).toBeGreaterThanOrEqual(1);
    expect(s.priceChanges).toBeGreaterThan(0);
    const after = await dbListings();
    expect(after.get(victim.id)!.active).toBe(false);
    await expectDbMatchesBroker();
    // Every active listing's newest history row is its current all-in price.
    const stale = (await listingRows(db.dataSource, { activeOnly: true }))
      .filter((l) => l.last_price !== null && l.last_price !== l.all_in_cents)
      .map((l) => l.id);
    expect(stale).toEqual([]);
  });

  it('broker 500s on every request: nothing changes, and an alert is raised', async () => {
    const before = await snapshot();
    await sandbox.admin('POST', '/sandbox/faults', { errorRate: 1 });
    const s = await refresh();
    expect(s.outcome).toBe('failed');
    expect(await snapshot()).toBe(before);
    await waitFor(() => alerts.some((a) => a.title === 'ingestion pull failed'));
    await new Promise((r) => setTimeout(r, 350)); // let the breaker half-open
  });

  it('some events failing (30% 500s): those keep their listings, the rest are updated', async () => {
    await advance(120);
    await sandbox.admin('POST', '/sandbox/faults', { errorRate: 0.3 });
    const before = await dbListings();
    const s = await refresh();
    await sandbox.admin('POST', '/sandbox/faults', {});
    if (s.outcome === 'failed') return; // the events list itself failed thrice: covered above
    const failed = new Set(s.failures.map((f) => String(f.eventId)));
    const after = await dbListings();
    for (const [id, row] of before) {
      if (failed.has(row.performance_id)) expect(after.get(id)).toEqual(row);
    }
    await new Promise((r) => setTimeout(r, 350));
    const again = await refresh();
    expect(again.outcome).toBe('ok');
    await expectDbMatchesBroker();
  });

  it('timeouts: a pull that times out changes nothing', async () => {
    const before = await snapshot();
    await sandbox.admin('POST', '/sandbox/faults', { latencyMs: 800 });
    const s = await refresh();
    expect(s.outcome).toBe('failed');
    expect(s.reason).toMatch(/timed out|unavailable/);
    expect(await snapshot()).toBe(before);
    await sandbox.admin('POST', '/sandbox/faults', {});
    await new Promise((r) => setTimeout(r, 350));
  });

  it('429s with Retry-After: the pull waits and completes', async () => {
    await advance(60);
    await sandbox.admin('POST', '/sandbox/faults', { rateLimit: 8 });
    const s = await refresh();
    await sandbox.admin('POST', '/sandbox/faults', {});
    expect(s.outcome).toBe('ok');
    const seen = (await app.get(IngestionMetrics).brokerRequests.get()).values;
    expect(seen.some((v) => v.labels.outcome === '429' && v.value > 0)).toBe(true);
    await expectDbMatchesBroker();
  });

  it('30% garbled rows: valid rows update, garbled ones are kept as they were, nothing is lost', async () => {
    await advance(60);
    const before = await dbListings();
    await sandbox.admin('POST', '/sandbox/faults', { malformedRate: 0.3 });
    const s = await refresh();
    await sandbox.admin('POST', '/sandbox/faults', {});
    expect(['ok', 'partial']).toContain(s.outcome);
    expect(s.skipped).toBeGreaterThan(0);
    const after = await dbListings();
    const activeBefore = [...before.values()].filter((r) => r.active).length;
    const t = await truth();
    // Nothing that is still on sale was lost.
    for (const id of t.keys()) if (before.get(id)?.active) expect(after.get(id)?.active).toBe(true);
    expect([...after.values()].filter((r) => r.active).length).toBeGreaterThanOrEqual(
      Math.min(activeBefore, t.size) - s.removed,
    );
    const clean = await refresh();
    expect(clean.outcome).toBe('ok');
    await expectDbMatchesBroker();
  });

  it('a confirmed order takes the sold tickets off at once', async () => {
    const listing = [...(await dbListings()).values()].find((r) => r.active && r.quantity >= 2)!;
    const consumer = app.get(OrderEventsConsumer);
    await db.dataSource.transaction((m) =>
      consumer.onConfirmed(
        {
          orderId: '00000000-0000-4000-8000-000000000001',
          status: 'confirmed',
          listingId: listing.id,
          performanceId: listing.performance_id,
          quantity: listing.quantity,
          totalCents: 1,
          at: clock.now().toISOString(),
        },
        { manager: m, messageId: 'm-1' },
      ),
    );
    expect((await dbListings()).get(listing.id)!.active).toBe(false);
    const msgs = (await outboxMessages<{ pullId?: string }>(db.dataSource)).filter((m) =>
      m.payload.pullId?.startsWith('order-'),
    );
    expect(msgs).toHaveLength(1);
  });

  it('a sale that leaves seats fitting no split takes the listing off; one that leaves a fitting split keeps it', async () => {
    await refresh();
    const active = [...(await dbListings()).values()].filter((r) => r.active);
    const [a, b] = active;
    // Four seats sold only as 3 or 4: after 3 are sold, the 1 left fits no split.
    await updateTestListings(db.dataSource, [a.id, b.id], { quantity: 4, splits: [3, 4] });
    await updateTestListings(db.dataSource, [b.id], { splits: [1, 2, 4] });
    const consumer = app.get(OrderEventsConsumer);
    for (const [listing, n] of [
      [a, 'a'],
      [b, 'b'],
    ] as const) {
      await db.dataSource.transaction((m) =>
        consumer.onConfirmed(
          {
            orderId: `00000000-0000-4000-8000-00000000010${n === 'a' ? 1 : 2}`,
            status: 'confirmed',
            listingId: listing.id,
            performanceId: listing.performance_id,
            quantity: 3,
            totalCents: 1,
            at: clock.now().toISOString(),
          },
          { manager: m, messageId: `m-split-${n}` },
        ),
      );
    }
    const after = await dbListings();
    expect(after.get(a.id)!.active).toBe(false);
    expect(after.get(b.id)!.active).toBe(true);
    const [row] = await listingRows(db.dataSource, { ids: [b.id] });
    expect({ quantity: row.quantity, splits: row.splits }).toEqual({ quantity: 1, splits: [1] });
  });

  it('curtain time: a performance is pulled until it starts, then its listings go and their history stays', async () => {
    await refresh();
    const starts = await startsAt();
    const active = [...(await dbListings()).values()].filter((r) => r.active);
    // The next performance to start that has listings.
    const next = Math.min(
      ...active.map((r) => starts.get(r.performance_id)!).filter((t) => t > clock.now().getTime()),
    );
    const perf = [...starts].find(([, t]) => t === next)![0];

    // Five minutes before curtain (past the sales cut-off, not over): still pulled, and
    // Postgres holds exactly what the broker lists for it.
    await advance((next - clock.now().getTime()) / 60_000 - 5);
    await refresh();
    await expectDbMatchesBroker();
    const own = [...(await dbListings()).values()]
      .filter((r) => r.active && r.performance_id === perf)
      .map((r) => r.id);
    expect(own.length).toBeGreaterThan(0);

    // The minute after it starts: over. Its listings are marked gone, not deleted.
    await advance(6);
    const s = await refresh();
    expect(s.outcome).toBe('ok');
    expect(s.removed).toBeGreaterThanOrEqual(own.length);
    const after = await dbListings();
    for (const id of own) expect(after.get(id)!.active).toBe(false);
    const history = (await listingRows(db.dataSource, { ids: own })).filter((l) => l.history > 0).length;
    expect(history).toBe(own.length);
    const msg = (await outboxMessages<{ pullId?: string; performanceIds: string[] }>(db.dataSource)).filter(
      (m) => m.payload.pullId === s.pullId,
    );
    expect(msg[0].payload.performanceIds).toContain(perf);
    await expectDbMatchesBroker();
  });

  it('empty-pull guard: a broker that suddenly lists nothing is held back, not applied', async () => {
    await refresh();
    const before = await snapshot();
    const t = await truth();
    for (const id of t.keys()) await sandbox.admin('DELETE', `/sandbox/listings/${id}`);
    const s = await refresh();
    expect(s.outcome).toBe('held-back');
    expect(await snapshot()).toBe(before);
    await waitFor(() => alerts.some((a) => a.title.includes('held back')));
    await sandbox.admin('POST', '/sandbox/reset');
  });

  it('advisory lock: another holder makes a refresh answer 409 and a scheduled pull skip', async () => {
    // Another holder: a session of its own on the test's pool (not the app's).
    const other = await acquireAdvisoryLock(db.dataSource, PULL_LOCK_KEY);
    try {
      const pulls = app.get(PullService);
      await expect(pulls.pull('refresh', { lockWaitMs: 300 })).rejects.toMatchObject({ statusCode: 409 });
      await expect(pulls.pull('schedule')).resolves.toMatchObject({ outcome: 'skipped' });
      await other!.release();
      // Two refreshes at once in one process: serialised, both answered.
      const [a, b] = await Promise.all([refresh(), refresh()]);
      expect([a.outcome, b.outcome]).toEqual(['ok', 'ok']);
      expect(Date.parse(b.startedAt)).toBeGreaterThanOrEqual(Date.parse(a.startedAt) + a.durationMs - 5);
    } finally {
      await other!.release();
    }
  });
});

async function waitFor(cond: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
