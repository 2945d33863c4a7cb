// A small stand-in for search-api and checkout, answering canned JSON in the shapes of
// docs/architecture.md "Public HTTP API", and recording what the website sent.
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { matchSection, seatSightlineView, seatMap as venueSeatMap, viewNotesFor } from '@hamiltix/venues';

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body?: unknown;
}

type Seat = { number: number; x: number; y: number };

const ROWS = 'ABCDEFGHJKLMNOPQRST'.split('');

type MapLike = {
  sections: {
    id: string;
    name: string;
    rows: { name: string; seats: { number?: number; n?: number; x: number; y: number }[] }[];
  }[];
};

/** The real theatre geometry from libs/venues (what search-api serves), else a small stand-in. */
function seatMap(venueId = 'richard-rodgers'): MapLike & Record<string, unknown> {
  return (venueSeatMap(venueId) as unknown as MapLike & Record<string, unknown>) ?? syntheticSeatMap();
}

/** Middle seats of a row, so the fixture's listings sit on seats the map really has. */
function pickSeats(
  venueId: string,
  sectionName: string,
  row: string,
  count: number,
  fallback: number[],
): number[] {
  const section = seatMap(venueId).sections.find((s) => s.name === sectionName);
  const seats = section?.rows.find((r) => r.name === row)?.seats ?? [];
  if (seats.length < count) return fallback;
  const start = Math.floor((seats.length - count) / 2);
  return seats.slice(start, start + count).map((s) => Number(s.number ?? s.n));
}

/** A small theatre: orchestra left/centre/right and a front mezzanine, gently curved. */
function syntheticSeatMap() {
  const curve = (x: number) => 0.015 * x * x;
  const section = (
    id: string,
    name: string,
    level: string,
    xs: number[],
    numbers: number[],
    y0: number,
    rows: string[],
  ) => ({
    id,
    name,
    level,
    rows: rows.map((row, r) => ({
      name: row,
      seats: xs.map((x, i): Seat => ({ number: numbers[i], x, y: +(y0 + r * 1.1 + curve(x)).toFixed(2) })),
    })),
  });
  const centreXs = Array.from({ length: 14 }, (_, i) => -6.5 + i);
  const centreNums = Array.from({ length: 14 }, (_, i) => 101 + i);
  const leftXs = Array.from({ length: 7 }, (_, i) => -15 + i);
  const leftNums = Array.from({ length: 7 }, (_, i) => 13 - 2 * i);
  const rightXs = Array.from({ length: 7 }, (_, i) => 9 + i);
  const rightNums = Array.from({ length: 7 }, (_, i) => 2 + 2 * i);
  return {
    venue: { id: 'richard-rodgers', name: 'Richard Rodgers Theatre' },
    stage: { x: -12, y: 0, width: 24, height: 3 },
    sections: [
      section('orch-left', 'Orchestra Left', 'orchestra', leftXs, leftNums, 5, ROWS),
      section('orch-center', 'Orchestra Center', 'orchestra', centreXs, centreNums, 5, ROWS),
      section('orch-right', 'Orchestra Right', 'orchestra', rightXs, rightNums, 5, ROWS),
      section(
        'front-mezz',
        'Front Mezzanine',
        'mezzanine',
        [...leftXs, ...centreXs, ...rightXs],
        [...leftNums, ...centreNums, ...rightNums],
        29,
        ['A', 'B', 'C', 'D', 'E'],
      ),
    ],
    viewNotes: [
      {
        id: 'overhang',
        kind: 'overhang',
        text: 'The mezzanine overhang cuts off the top of the stage',
        severity: 0.4,
        regions: [{ section: 'orch-center', rows: ['P', 'T'] }],
      },
      {
        id: 'rail',
        kind: 'rail',
        text: 'A safety rail crosses the view in the first mezzanine row',
        severity: 0.2,
        seats: [101, 102, 103, 104].map((number) => ({ section: 'front-mezz', row: 'A', number })),
      },
    ],
  };
}

const NY = { id: 'richard-rodgers', name: 'Richard Rodgers Theatre' };
const CHI = { id: 'cibc', name: 'CIBC Theatre' };

/** A listing item as ranking publishes it: the theatre's section name beside the broker's words. */
function listing(id: string, over: Record<string, unknown>) {
  const item = {
    id,
    performance: { id: 'p-1205-e', startsAt: '2026-12-05T20:00:00-05:00', venue: NY, city: 'New York' },
    section: 'Orchestra Center',
    row: 'F',
    seats: pickSeats('richard-rodgers', 'Orchestra Center', 'F', 2, [105, 106]),
    quantity: 2,
    splits: [2],
    allInPrice: { amount: 41200, currency: 'USD' },
    seatQuality: 91,
    viewNotes: [],
    dealScore: 94,
    explanation: 'Centre orchestra row F for 22% less than similar seats on other dates.',
    ...over,
  };
  const venueId = (item.performance as { venue: { id: string } }).venue.id;
  const sectionName =
    (over.sectionName as string | undefined) ?? matchSection(venueId, item.section as string)?.name;
  return { ...item, ...(sectionName ? { sectionName } : {}) };
}

export const LISTINGS = [
  listing('L1', {}),
  listing('L2', {
    performance: { id: 'p-1209-m', startsAt: '2026-12-09T14:00:00-05:00', venue: NY, city: 'New York' },
    row: 'Q',
    seats: pickSeats('richard-rodgers', 'Orchestra Center', 'Q', 4, [107, 108, 109, 110]),
    quantity: 4,
    splits: [2, 4],
    allInPrice: { amount: 26950, currency: 'USD' },
    seatQuality: 68,
    viewNotes: ['The mezzanine overhang cuts off the top of the stage'],
    dealScore: 88,
    explanation: 'Under the overhang, but the cheapest orchestra pair this month.',
  }),
  listing('L3', {
    performance: { id: 'p-chi-1212', startsAt: '2026-12-12T19:30:00-06:00', venue: CHI, city: 'Chicago' },
    section: 'Dress Circle',
    row: 'B',
    seats: [],
    quantity: 3,
    splits: [1, 3],
    allInPrice: { amount: 18900, currency: 'USD' },
    seatQuality: 74,
    dealScore: 81,
    explanation: 'A good Chicago seat at a fair Saturday-night price.',
  }),
];

export const PAGE2 = [
  listing('L-moving', {
    performance: { id: 'p-1219-e', startsAt: '2026-12-19T20:00:00-05:00', venue: NY, city: 'New York' },
    row: 'J',
    seats: pickSeats('richard-rodgers', 'Orchestra Center', 'J', 2, [103, 104]),
    allInPrice: { amount: 39900, currency: 'USD' },
    dealScore: 77,
    explanation: 'Centre orchestra on a Saturday night, below the usual price.',
  }),
  listing('L-gone', {
    performance: { id: 'p-1220-m', startsAt: '2026-12-20T15:00:00-05:00', venue: NY, city: 'New York' },
    row: 'K',
    allInPrice: { amount: 35500, currency: 'USD' },
    dealScore: 70,
  }),
];

/**
 * Listings reached by link only (never in a results page): one whose performance is past
 * the sales cut-off (its detail answers 404 `performance_closed`, as search-api does) and
 * one that closes while the buyer is on the checkout page (the order answers 409).
 */
export const CLOSED_LISTING = 'L-closed';
export const CLOSING = listing('L-closing', {
  performance: { id: 'p-1206-m', startsAt: '2026-12-06T14:00:00-05:00', venue: NY, city: 'New York' },
  row: 'H',
  seats: pickSeats('richard-rodgers', 'Orchestra Center', 'H', 2, [105, 106]),
  allInPrice: { amount: 38800, currency: 'USD' },
  dealScore: 80,
});

/**
 * A listing reached by link only whose broker wrote its section as a code ("FMEZZ"): the
 * item names the theatre's section, as ranking resolves it from the seats.
 */
export const CODED_SECTION = listing('L-fmezz', {
  performance: { id: 'p-1205-e', startsAt: '2026-12-05T20:00:00-05:00', venue: NY, city: 'New York' },
  section: 'FMEZZ',
  sectionName: 'Front Mezzanine Left',
  row: 'E',
  seats: pickSeats('richard-rodgers', 'Front Mezzanine Left', 'E', 2, [5, 7]),
  allInPrice: { amount: 22400, currency: 'USD' },
  seatQuality: 70,
  dealScore: 75,
  explanation: 'Front mezzanine, a good price for the view.',
});

/**
 * Listings reached by link only, for the sightline drawing: seats deep under the Richard
 * Rodgers mezzanine overhang, and CIBC seats behind a row-U column (docs/domain.md §3).
 */
export const SIGHTLINE_LISTINGS = [
  listing('L-overhang', {
    row: 'W',
    seats: [106, 107],
    allInPrice: { amount: 19900, currency: 'USD' },
    seatQuality: 46,
    // What ingestion stores: the map's notes for these seats (computed, with their figure).
    viewNotes: viewNotesFor('richard-rodgers', 'orchestra-center', 'W', [106, 107]).map((n) => n.text),
    dealScore: 62,
    explanation: 'Back orchestra under the mezzanine, priced for it.',
  }),
  listing('L-column', {
    performance: { id: 'p-chi-1212', startsAt: '2026-12-12T19:30:00-06:00', venue: CHI, city: 'Chicago' },
    section: 'Orchestra Left',
    row: 'W',
    seats: [4],
    quantity: 1,
    splits: [1],
    allInPrice: { amount: 9900, currency: 'USD' },
    seatQuality: 32,
    dealScore: 40,
    explanation: 'Cheap, behind a column.',
  }),
];

function detail(id: string) {
  const base = [...LISTINGS, ...PAGE2, CLOSING, CODED_SECTION, ...SIGHTLINE_LISTINGS].find(
    (l) => l.id === id,
  );
  if (!base) return undefined;
  const venueId = (base.performance as { venue: { id: string } }).venue.id;
  const map = seatMap(venueId);
  const section = map.sections.find((s) => s.name === base.section || s.name === base.sectionName);
  const row = section?.rows.find((r) => r.name === base.row);
  const amount = (base.allInPrice as { amount: number }).amount;
  const fees = Math.round(amount * 0.24);
  return {
    ...base,
    sectionId: section?.id ?? null,
    priceHistory: [
      { at: '2026-10-01T12:00:00Z', amount: amount + 9000 },
      { at: '2026-10-20T12:00:00Z', amount: amount + 4000 },
      { at: '2026-11-02T12:00:00Z', amount: amount + 6000 },
      { at: '2026-11-20T12:00:00Z', amount },
    ],
    priceBreakdown: {
      ticket: { amount: amount - fees, currency: 'USD' },
      fees: { amount: fees, currency: 'USD' },
      total: { amount, currency: 'USD' },
    },
    seatPositions: (base.seats as number[]).flatMap((n) => {
      const seat = row?.seats.find((s) => (s.number ?? s.n) === n);
      if (!seat || !section) return [];
      const sightline = seatSightlineView(venueId, section.id, base.row, n) ?? null;
      return [{ section: section.id, row: base.row, number: n, x: seat.x, y: seat.y, sightline }];
    }),
  };
}

export interface FixtureApi {
  url: string;
  requests: Recorded[];
  /** Replace the listings answer (e.g. [] for the empty state, or 'fail' for a 503). */
  listingsMode: 'normal' | 'empty' | 'fail';
  close(): Promise<void>;
}

function send(res: import('node:http').ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export async function startFixtureApi(): Promise<FixtureApi> {
  const state: FixtureApi = { url: '', requests: [], listingsMode: 'normal', close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fixture');
      let body: unknown;
      if (chunks.length) {
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          body = Buffer.concat(chunks).toString('utf8');
        }
      }
      state.requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
      });
      route(req.method ?? 'GET', url, body, req.headers, res);
    });
  });

  function route(
    method: string,
    url: URL,
    body: unknown,
    headers: IncomingMessage['headers'],
    res: import('node:http').ServerResponse,
  ) {
    const p = url.pathname;
    if (p === '/api/v1/shows') {
      return send(res, 200, [
        { id: 'hamilton-nyc', title: 'Hamilton', venue: NY, city: 'New York', timeZone: 'America/New_York' },
        { id: 'hamilton-chi', title: 'Hamilton', venue: CHI, city: 'Chicago', timeZone: 'America/Chicago' },
      ]);
    }
    if (p === '/api/v1/performances') {
      return send(res, 200, [
        {
          id: 'p-1205-e',
          startsAt: '2026-12-05T20:00:00-05:00',
          listingCount: 12,
          lowestAllInPrice: { amount: 41200, currency: 'USD' },
          bestDealScore: 94,
        },
        {
          id: 'p-1209-m',
          startsAt: '2026-12-09T14:00:00-05:00',
          listingCount: 8,
          lowestAllInPrice: { amount: 26950, currency: 'USD' },
          bestDealScore: 88,
        },
      ]);
    }
    if (p === '/api/v1/listings') {
      if (state.listingsMode === 'fail')
        return send(res, 503, {
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'Rankings are being rebuilt. Try again in a minute.',
        });
      if (state.listingsMode === 'empty') return send(res, 200, { items: [], nextCursor: null });
      if (url.searchParams.get('cursor') === 'page2')
        return send(res, 200, { items: PAGE2, nextCursor: null });
      return send(res, 200, { items: LISTINGS, nextCursor: 'page2' });
    }
    const m = /^\/api\/v1\/listings\/([^/]+)$/.exec(p);
    if (m) {
      if (decodeURIComponent(m[1]) === CLOSED_LISTING)
        return send(res, 404, {
          statusCode: 404,
          error: 'Not Found',
          message: 'Sales for this performance have closed.',
          reason: 'performance_closed',
        });
      const d = detail(decodeURIComponent(m[1]));
      return d
        ? send(res, 200, d)
        : send(res, 404, {
            statusCode: 404,
            error: 'Not Found',
            message: 'This listing is no longer on sale.',
          });
    }
    const v = /^\/api\/v1\/venues\/([^/]+)\/seatmap$/.exec(p);
    if (v) return send(res, 200, seatMap(decodeURIComponent(v[1])));
    if (p === '/api/v1/orders' && method === 'POST')
      return order(body as Record<string, unknown>, headers, res);
    const o = /^\/api\/v1\/orders\/([^/]+)$/.exec(p);
    if (o) {
      if (headers.authorization !== 'Bearer tok-access-1')
        return send(res, 401, {
          statusCode: 401,
          error: 'Unauthorized',
          message: 'A valid order access token is required.',
        });
      return send(res, 200, { id: o[1], status: 'confirmed', quantity: 2, listingId: 'L1' });
    }
    const alertAnswer = alert(method, p, body, headers);
    if (alertAnswer?.[0] === 204) return void res.writeHead(204).end();
    if (alertAnswer) return send(res, alertAnswer[0], alertAnswer[1]);
    return send(res, 404, { statusCode: 404, error: 'Not Found', message: `No route ${p}` });
  }

  /** The notifier's alert API, as far as the pages use it: alert A1, confirm token c1, access a1, unsubscribe u1. */
  function alert(
    method: string,
    p: string,
    body: unknown,
    headers: IncomingMessage['headers'],
  ): [number, unknown] | undefined {
    const b = (body ?? {}) as Record<string, unknown>;
    const notFound: [number, unknown] = [
      404,
      { statusCode: 404, error: 'Not Found', message: 'No such alert, or the link is not valid.' },
    ];
    if (p === '/api/v1/alerts' && method === 'POST') {
      if (typeof b.email !== 'string' || !b.email.includes('@'))
        return [
          400,
          { statusCode: 400, error: 'Bad Request', message: 'email: expected a valid email address' },
        ];
      return [
        201,
        {
          id: 'A1',
          status: 'pending',
          message: 'Check your inbox: follow the link in the email we just sent.',
        },
      ];
    }
    if (p === '/api/v1/alerts/A1/confirm' && method === 'POST')
      return b.token === 'c1' ? [200, { id: 'A1', status: 'active' }] : notFound;
    if (p === '/api/v1/alerts/A1/unsubscribe' && method === 'POST')
      return b.token === 'u1' ? [200, { id: 'A1', status: 'unsubscribed' }] : notFound;
    if (p === '/api/v1/alerts/A1') {
      if (headers.authorization !== 'Bearer a1') return notFound;
      if (method === 'DELETE') return [204, undefined];
      return [
        200,
        {
          id: 'A1',
          status: 'active',
          email: 'eliza@example.com',
          show: 'hamilton-nyc',
          filters: { quantity: 2 },
          target: { maxPrice: 300, minQuality: 75 },
        },
      ];
    }
    return undefined;
  }

  function order(
    body: Record<string, unknown>,
    headers: IncomingMessage['headers'],
    res: import('node:http').ServerResponse,
  ) {
    if (!headers['idempotency-key'])
      return send(res, 400, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Idempotency-Key header is required.',
      });
    const buyer = (body?.buyer ?? {}) as Record<string, string>;
    if (buyer.email === 'taken@example.invalid') {
      return send(res, 400, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid order: buyer.email this address cannot receive tickets.',
        fields: ['buyer.email this address cannot receive tickets'],
      });
    }
    if (body.listingId === CLOSING.id)
      return send(res, 409, {
        statusCode: 409,
        error: 'Conflict',
        message: 'Sales for this performance have closed.',
        reason: 'performance_closed',
      });
    if (body.listingId === 'L-gone')
      return send(res, 409, {
        statusCode: 409,
        error: 'Conflict',
        message: 'These seats have sold out.',
        reason: 'sold_out',
      });
    if (body.listingId === 'L-moving' && body.expectedAllInPrice !== 45600) {
      return send(res, 409, {
        statusCode: 409,
        error: 'Conflict',
        message: 'The price of these tickets has changed.',
        reason: 'price_changed',
        currentAllInPrice: 45600,
      });
    }
    if (body.paymentToken === 'tok_sandbox_declined')
      return send(res, 402, {
        statusCode: 402,
        error: 'Payment Required',
        message: 'The card was declined.',
      });
    if (body.paymentToken === 'tok_sandbox_error')
      return send(res, 502, {
        statusCode: 502,
        error: 'Bad Gateway',
        message: 'The payment provider did not answer.',
      });
    const quantity = Number(body.quantity);
    const price = Number(body.expectedAllInPrice);
    // checkout's shape: the order view, flat, plus the accessToken.
    return send(res, 201, {
      id: 'ord_1',
      status: 'confirmed',
      listingId: body.listingId,
      quantity,
      unitAllInPrice: { amount: price, currency: 'USD' },
      total: { amount: price * quantity, currency: 'USD' },
      buyer,
      accessToken: 'tok-access-1',
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
