import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SUBJECTS, type ListingItemDto, type RankingsUpdatedV1 } from '@hamiltix/contracts';
import { FixedClock, zonedTimeToUtc } from '@hamiltix/domain';
import {
  configureApp,
  createFastifyAdapter,
  loadConfig,
  MessagingService,
  NatsConnectionService,
  PlatformModule,
} from '@hamiltix/platform';
import { upsertListingScores, upsertShow } from '@hamiltix/persistence';
import {
  createTestDatabase,
  processedMessages,
  savedSearchesOf,
  tableRowCount,
  type TestDatabase,
} from '@hamiltix/persistence/testing';
import {
  freePort,
  startMailCatcher,
  startNatsServer,
  startRedisServer,
  type CaughtMail,
  type MailCatcher,
  type PrivateServer,
} from '@hamiltix/platform/testing';
import { ALERT_LIMITS, DEFAULT_ALERT_LIMITS } from './alerts/alert-rate-limiter.js';
import { PendingSweeper } from './alerts/pending-sweeper.service.js';
import { NotifierModule } from './notifier.module.js';

const SHOW = 'hamilton';
const EMAIL = 'Buyer.One@Example.com';
const ADDRESS = EMAIL.toLowerCase();
const HOUR = 3_600_000;
const NOW = new Date('2026-06-02T18:00:00Z');
const clock = new FixedClock(NOW);
/** A Saturday evening in New York two and a half weeks after NOW. */
const CURTAIN = zonedTimeToUtc('2026-06-20', 20, 0, 'America/New_York');

let db: TestDatabase;
let nats: PrivateServer;
let redis: PrivateServer;
let catcher: MailCatcher;
let moduleRef: TestingModule;
let app: NestFastifyApplication;
let base: string;
let messaging: MessagingService;

interface Seat {
  id: string;
  section: string;
  sectionKeys: string[];
  row: string;
  quality: number;
  splits: number[];
  cents: number;
}

/** The alert's target: New York, 2 tickets, at most $200 all-in, seat quality 70+. */
const SEATS: Record<string, Seat> = {
  // Matches once it drops under $200.
  good: {
    id: '101',
    section: 'Orchestra Center',
    sectionKeys: ['orchestra', 'orchestra-center', 'orchestra center'],
    row: 'F',
    quality: 80,
    splits: [2, 4],
    cents: 30_000,
  },
  // Cheap, but below the quality floor.
  poor: {
    id: '102',
    section: 'Rear Mezz Center',
    sectionKeys: ['mezzanine', 'rear-mezzanine-center', 'rear mezz center'],
    row: 'G',
    quality: 40,
    splits: [2],
    cents: 12_000,
  },
  // Cheap and good, but sold only as 3: a buyer of 2 cannot have it.
  triple: {
    id: '103',
    section: 'Orchestra Left',
    sectionKeys: ['orchestra', 'orchestra-left', 'orchestra left'],
    row: 'C',
    quality: 85,
    splits: [3],
    cents: 14_000,
  },
  // Good, but above the price.
  dear: {
    id: '104',
    section: 'Orchestra Center',
    sectionKeys: ['orchestra', 'orchestra-center', 'orchestra center'],
    row: 'B',
    quality: 90,
    splits: [2],
    cents: 50_000,
  },
};

function item(seat: Seat): ListingItemDto {
  return {
    id: seat.id,
    performance: {
      id: '9001',
      startsAt: '2026-06-20T20:00:00-04:00',
      venue: { id: 'richard-rodgers', name: 'Richard Rodgers Theatre' },
      city: 'New York',
    },
    section: seat.section,
    row: seat.row,
    seats: [],
    quantity: 4,
    splits: seat.splits,
    allInPrice: { amount: seat.cents, currency: 'USD' },
    seatQuality: seat.quality,
    viewNotes: [],
    dealScore: 77,
    explanation: `Row ${seat.row} at a fair price for the seat`,
  };
}

/** What ranking writes for a listing (the columns the notifier reads). */
async function rank(seat: Seat): Promise<void> {
  await upsertListingScores(
    db.dataSource,
    SHOW,
    {
      listingId: [seat.id],
      seatQuality: [seat.quality],
      qualityConfidence: [1],
      expectedCents: [seat.cents],
      dealScore: [77],
      explanation: ['x'],
      performanceId: ['9001'],
      venueId: ['richard-rodgers'],
      cityKey: ['new york'],
      startsAt: [CURTAIN.toISOString()],
      localDate: ['2026-06-20'],
      weekday: [6],
      matinee: [false],
      allInCents: [seat.cents],
      splits: [`{${seat.splits.join(',')}}`],
      hasViewNotes: [false],
      sectionKeys: [`{${seat.sectionKeys.map((k) => `"${k}"`).join(',')}}`],
      rankDeal: [0],
      rankPrice: [seat.cents],
      rankQuality: [0],
      rankDate: [CURTAIN.getTime()],
      item: [JSON.stringify(item(seat))],
    },
    clock.now(),
  );
}

/** Ranking's announcement, through JetStream; resolves once the notifier has processed it. */
async function announceRanking(): Promise<void> {
  const messageId = randomUUID();
  const event: RankingsUpdatedV1 = {
    showId: SHOW,
    version: messageId.slice(0, 8),
    listings: 4,
    at: clock.now().toISOString(),
  };
  await messaging.publishDurable(SUBJECTS.rankingsUpdated(SHOW), event, messageId);
  const deadline = performance.now() + 15_000;
  for (;;) {
    const rows = (await processedMessages(db.dataSource)).filter(
      (m) => m.consumer === 'notifier' && m.messageId === messageId,
    );
    if (rows.length) return;
    if (performance.now() > deadline) throw new Error('the notifier did not process the ranking');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function call(
  method: string,
  path: string,
  init: { body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = { ...init.headers };
  let body = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { raw: text };
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

function fragment(mail: CaughtMail, action: string): URLSearchParams {
  const url = mail.text.split(/\s+/).find((w) => w.includes(`#action=${action}`));
  if (!url) throw new Error(`no ${action} link in the mail`);
  return new URLSearchParams(url.slice(url.indexOf('#') + 1));
}

const signup = {
  email: EMAIL,
  show: SHOW,
  filters: { city: 'New York', quantity: 2 },
  target: { maxPrice: 200, minQuality: 70 },
};

beforeAll(async () => {
  db = await createTestDatabase('notifier');
  nats = await startNatsServer();
  redis = await startRedisServer();
  catcher = await startMailCatcher();
  const port = await freePort();
  const config = loadConfig('notifier', {
    PORT: String(port),
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    NATS_URL: nats.url,
    SMTP_URL: catcher.smtpUrl,
    LOG_LEVEL: 'silent',
  });
  moduleRef = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({ service: 'notifier', postgres: true, redis: true, nats: true, config, clock }),
      NotifierModule,
    ],
  })
    .overrideProvider(ALERT_LIMITS)
    .useValue({
      ...DEFAULT_ALERT_LIMITS,
      prefix: `hx:test:${randomUUID()}:`,
      signupsPerClientPerMinute: 40,
      requestsPerClientPerMinute: 1000,
      signupsPerAddressPerHour: 15,
    })
    .compile();
  // One trusted proxy, as behind the ingress: X-Forwarded-For's last entry is the client.
  app = configureApp(
    moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(1), { logger: false }),
  );
  await app.listen(port, '127.0.0.1');
  base = `http://127.0.0.1:${port}`;
  messaging = app.get(MessagingService);
  const connection = app.get(NatsConnectionService);
  const deadline = performance.now() + 15_000;
  while (!connection.isHealthy()) {
    if (performance.now() > deadline) throw new Error('NATS not ready');
    await new Promise((r) => setTimeout(r, 50));
  }
  await upsertShow(db.dataSource, { id: SHOW, title: 'Hamilton', brokerPerformerId: 1 });
  for (const seat of Object.values(SEATS)) await rank(seat);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await moduleRef?.close();
  await catcher?.stop();
  await db?.drop();
  await nats?.dispose();
  await redis?.dispose();
});

describe('price alerts, end to end through the notifier', () => {
  let id: string;
  let access: string;
  let confirmation: CaughtMail;

  it('a sign-up mails only the confirmation (double opt-in), with one-click unsubscribe headers', async () => {
    const created = await call('POST', '/api/v1/alerts', { body: signup });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending' });
    expect(created.body).not.toHaveProperty('accessToken');
    id = created.body.id as string;
    [confirmation] = await catcher.waitFor(ADDRESS, 1);
    expect(confirmation!.subject).toMatch(/confirm/i);
    expect(confirmation!.headers['list-unsubscribe']).toMatch(
      /^<http:\/\/127\.0\.0\.1:8080\/api\/v1\/alerts\/[0-9a-f-]+\/unsubscribe\?token=/,
    );
    expect(confirmation!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(confirmation!.html).not.toMatch(/<img/i);
    access = fragment(confirmation!, 'confirm').get('access')!;

    // A matching drop before the link is followed: no mail.
    SEATS.good!.cents = 18_000;
    await rank(SEATS.good!);
    await announceRanking();
    expect(catcher.to(ADDRESS)).toHaveLength(1);

    const read = await call('GET', `/api/v1/alerts/${id}`, {
      headers: { authorization: `Bearer ${access}` },
    });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      status: 'pending',
      email: ADDRESS,
      show: SHOW,
      filters: { city: 'new york', quantity: 2 },
      target: { maxPrice: 200, minQuality: 70 },
    });
  });

  it('once confirmed, a ranking with the price drop mails once, naming only the listing that qualifies', async () => {
    const token = fragment(confirmation, 'confirm').get('token')!;
    const confirmed = await call('POST', `/api/v1/alerts/${id}/confirm`, { body: { token } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ id, status: 'active' });

    await announceRanking();
    const mails = catcher.to(ADDRESS);
    expect(mails).toHaveLength(2);
    const alert = mails[1]!;
    expect(alert.subject).toContain('$180');
    // Date in the theatre's zone, section, row, all-in price, deal score, explanation, link.
    expect(alert.text).toContain('Sat, Jun 20, 2026, 8:00 PM EDT');
    expect(alert.text).toContain('Orchestra Center, row F');
    expect(alert.text).toContain('$180 per ticket all-in');
    expect(alert.text).toContain('deal score 77');
    expect(alert.text).toContain('Row F at a fair price for the seat');
    expect(alert.text).toContain('http://127.0.0.1:8080/listing?id=101&quantity=2');
    for (const other of ['102', '103', '104']) expect(alert.text).not.toContain(`id=${other}`);
    expect(alert.html).toContain('Orchestra Center, row F');
    expect(alert.html).not.toMatch(/<img|src=/i);
    expect(alert.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  });

  it('the same drop again mails nothing, even after the interval', async () => {
    await announceRanking();
    expect(catcher.to(ADDRESS)).toHaveLength(2);
    clock.advance(7 * HOUR);
    await announceRanking();
    expect(catcher.to(ADDRESS)).toHaveLength(2);
  });

  it('a further drop mails again, but not before ALERT_MIN_INTERVAL_MINUTES since the last mail', async () => {
    // The last mail went out 7 h ago (interval 6 h): a further drop now mails at once.
    SEATS.good!.cents = 17_000;
    await rank(SEATS.good!);
    await announceRanking();
    expect(catcher.to(ADDRESS)).toHaveLength(3);
    expect(catcher.to(ADDRESS)[2]!.text).toContain('$170 per ticket all-in');

    // Another drop an hour later waits for the interval...
    clock.advance(HOUR);
    SEATS.good!.cents = 16_000;
    await rank(SEATS.good!);
    await announceRanking();
    expect(catcher.to(ADDRESS)).toHaveLength(3);
    // ...and goes out with the first ranking after it.
    clock.advance(5 * HOUR + 1000);
    await announceRanking();
    expect(catcher.to(ADDRESS)).toHaveLength(4);
    expect(catcher.to(ADDRESS)[3]!.text).toContain('$160 per ticket all-in');
  });

  it('one-click unsubscribe (RFC 8058 POST) stops the mail and deletes the address', async () => {
    const last = catcher.to(ADDRESS).at(-1)!;
    const oneClick = /^<([^>]+)>/.exec(last.headers['list-unsubscribe']!)![1]!;
    const path = oneClick.replace('http://127.0.0.1:8080', '');
    const answer = await call('POST', path, {
      raw: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'unsubscribed' });
    const left = [
      {
        searches: (await savedSearchesOf(db.dataSource, ADDRESS)).length,
        notified: await tableRowCount(db.dataSource, 'saved_search_notifications'),
      },
    ];
    expect(left[0]).toEqual({ searches: 0, notified: 0 });

    clock.advance(7 * HOUR);
    SEATS.good!.cents = 15_000;
    await rank(SEATS.good!);
    await announceRanking();
    expect(catcher.to(ADDRESS)).toHaveLength(4);
    // The manage link is dead too.
    expect(
      (await call('GET', `/api/v1/alerts/${id}`, { headers: { authorization: `Bearer ${access}` } })).status,
    ).toBe(404);
  });

  it('an unconfirmed sign-up is deleted, address and all, after 7 days', async () => {
    const created = await call('POST', '/api/v1/alerts', { body: { ...signup, email: 'later@example.com' } });
    expect(created.status).toBe(201);
    const sweeper = app.get(PendingSweeper);
    clock.advance(6 * 24 * HOUR);
    expect(await sweeper.sweep()).toBe(0);
    clock.advance(24 * HOUR + 1000);
    expect(await sweeper.sweep()).toBe(1);
    const rows = await savedSearchesOf(db.dataSource, 'later@example.com');
    expect(rows).toHaveLength(0);
  });

  it('at most 10 searches per address, and sign-ups rate-limited per address and per client', async () => {
    const from = (k: number) => ({ 'x-forwarded-for': `198.51.100.${k}` });
    const many = { body: { ...signup, email: 'many@example.com' } };
    for (let k = 0; k < 10; k++) {
      expect((await call('POST', '/api/v1/alerts', { ...many, headers: from(k) })).status).toBe(201);
    }
    for (let k = 10; k < 15; k++) {
      const refused = await call('POST', '/api/v1/alerts', { ...many, headers: from(k) });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toMatch(/already has 10 alerts/);
    }
    // The 16th sign-up for one address within the hour (limit 15 here): 429, whatever the client.
    const limited = await call('POST', '/api/v1/alerts', { ...many, headers: from(99) });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(catcher.to('many@example.com')).toHaveLength(10);

    // One client, 40 sign-ups a minute here: the 41st is refused before anything is read.
    const client = { 'x-forwarded-for': '203.0.113.7' };
    for (let k = 0; k < 40; k++)
      expect((await call('POST', '/api/v1/alerts', { body: {}, headers: client })).status).toBe(400);
    const tooMany = await call('POST', '/api/v1/alerts', { body: signup, headers: client });
    expect(tooMany.status).toBe(429);
    expect(tooMany.body.message).toMatch(/Too many alert requests/);
  });

  it('answers hostile input on every endpoint with a clear 4xx, never a 5xx', async () => {
    const uuid = randomUUID();
    const json = (body: unknown) => ({ body });
    const cases: [string, string, Parameters<typeof call>[2]][] = [
      ['POST', '/api/v1/alerts', { raw: '{not json', headers: { 'content-type': 'application/json' } }],
      ['POST', '/api/v1/alerts', { raw: 'email=a@b.c', headers: { 'content-type': 'text/plain' } }],
      [
        'POST',
        '/api/v1/alerts',
        { raw: 'x'.repeat(70_000), headers: { 'content-type': 'application/json' } },
      ],
      ['POST', '/api/v1/alerts', json(null)],
      ['POST', '/api/v1/alerts', json([signup])],
      ['POST', '/api/v1/alerts', json('hamilton')],
      ['POST', '/api/v1/alerts', json({})],
      ['POST', '/api/v1/alerts', json({ ...signup, email: 'not-an-address' })],
      ['POST', '/api/v1/alerts', json({ ...signup, email: 'a@b.c\r\nBcc: victim@example.com' })],
      ['POST', '/api/v1/alerts', json({ ...signup, email: `${'a'.repeat(300)}@example.com` })],
      ['POST', '/api/v1/alerts', json({ ...signup, email: 42 })],
      ['POST', '/api/v1/alerts', json({ ...signup, show: "hamilton'; DROP TABLE saved_searches;--" })],
      ['POST', '/api/v1/alerts', json({ ...signup, show: 'no-such-show' })],
      ['POST', '/api/v1/alerts', json({ ...signup, target: {} })],
      ['POST', '/api/v1/alerts', json({ ...signup, target: { maxPrice: -5 } })],
      ['POST', '/api/v1/alerts', json({ ...signup, target: { maxPrice: 'NaN' } })],
      ['POST', '/api/v1/alerts', json({ ...signup, target: { maxPrice: 1e308 } })],
      ['POST', '/api/v1/alerts', json({ ...signup, target: { maxPrice: 10.005 } })],
      ['POST', '/api/v1/alerts', json({ ...signup, target: { minQuality: 101 } })],
      ['POST', '/api/v1/alerts', json({ ...signup, filters: { quantity: 0 } })],
      ['POST', '/api/v1/alerts', json({ ...signup, filters: { quantity: 2.5 } })],
      ['POST', '/api/v1/alerts', json({ ...signup, filters: { from: '2026-02-30' } })],
      ['POST', '/api/v1/alerts', json({ ...signup, filters: { from: '2026-07-01', to: '2026-06-01' } })],
      ['POST', '/api/v1/alerts', json({ ...signup, filters: { days: ['fri', 'someday'] } })],
      ['POST', '/api/v1/alerts', json({ ...signup, filters: { section: '<script>' } })],
      ['POST', '/api/v1/alerts', json({ ...signup, filters: { clearView: 'yes' } })],
      ['POST', '/api/v1/alerts', json({ ...signup, filters: { colour: 'red' } })],
      [
        'POST',
        '/api/v1/alerts',
        {
          raw: `{"email":"x@example.com","show":"hamilton","target":{"maxPrice":100},"__proto__":{"admin":true}}`,
          headers: { 'content-type': 'application/json' },
        },
      ],
      ['GET', `/api/v1/alerts/${uuid}`, {}],
      ['GET', `/api/v1/alerts/${uuid}`, { headers: { authorization: 'Bearer nope' } }],
      ['GET', '/api/v1/alerts/not-a-uuid', { headers: { authorization: 'Bearer nope' } }],
      ['GET', "/api/v1/alerts/1'%20OR%201=1", { headers: { authorization: 'Bearer x' } }],
      ['GET', `/api/v1/alerts/${uuid}`, { headers: { authorization: 'Basic Zm9vOmJhcg==' } }],
      ['DELETE', `/api/v1/alerts/${uuid}`, { headers: { authorization: `Bearer ${'z'.repeat(500)}` } }],
      ['DELETE', '/api/v1/alerts/%00', { headers: { authorization: 'Bearer x' } }],
      ['POST', `/api/v1/alerts/${uuid}/confirm`, json({ token: 'wrong' })],
      ['POST', `/api/v1/alerts/${uuid}/confirm`, json({ token: { $ne: null } })],
      ['POST', '/api/v1/alerts/not-a-uuid/confirm', json({ token: 'x' })],
      [
        'POST',
        `/api/v1/alerts/${uuid}/confirm`,
        { raw: '[', headers: { 'content-type': 'application/json' } },
      ],
      [
        'POST',
        `/api/v1/alerts/${uuid}/unsubscribe`,
        {
          raw: 'List-Unsubscribe=One-Click',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
      ],
      [
        'POST',
        `/api/v1/alerts/${uuid}/unsubscribe?token=forged`,
        {
          raw: 'List-Unsubscribe=One-Click',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
      ],
      ['POST', `/api/v1/alerts/${uuid}/unsubscribe?token=a&token=b`, {}],
      ['POST', '/api/v1/alerts/../../etc/passwd/unsubscribe', {}],
    ];
    for (const [method, path, init] of cases) {
      const answer = await call(method, path, init);
      const label = `${method} ${path.slice(0, 60)} ${JSON.stringify(init?.body ?? init?.raw ?? '').slice(0, 80)}`;
      // 4xx for the input itself, not the rate limit standing in for validation.
      expect([label, answer.status >= 400 && answer.status < 500 && answer.status !== 429]).toEqual([
        label,
        true,
      ]);
      expect([label, typeof answer.body.message]).toEqual([label, 'string']);
    }
    // Nothing hostile became a search, and nothing was mailed for it.
    const rows = [{ n: (await savedSearchesOf(db.dataSource, 'x@example.com')).length }];
    expect(rows[0]!.n).toBe(0);
  });
});
