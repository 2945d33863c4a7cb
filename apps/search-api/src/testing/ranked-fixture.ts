import {
  encodeRankedSnapshot,
  rankedKeys,
  rankScoreOf,
  RANK_SCORES,
  RANK_SORTS,
  type RankedListingDoc,
} from '@hamiltix/contracts';
import { allInPrice, localParts, MATINEE_BEFORE_HOUR, toZonedIso, WEEKDAYS } from '@hamiltix/domain';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';

/**
 * Test and benchmark data: a deterministic inventory seeded into Postgres (the tables
 * ingestion and ranking write) and the same listings written to Redis in the exact
 * layout of libs/contracts/src/ranked-index.ts, as ranking would.
 */
export interface FixtureVenue {
  id: string;
  name: string;
  city: string;
  tz: string;
  broker: number;
  sections: readonly (readonly [name: string, id: string, level: string])[];
}

export const VENUES: readonly FixtureVenue[] = [
  {
    id: 'richard-rodgers',
    name: 'Richard Rodgers Theatre',
    city: 'New York',
    tz: 'America/New_York',
    broker: 1001,
    sections: [
      ['Orchestra Center', 'orchestra-center', 'orchestra'],
      ['Front Mezz', 'front-mezzanine-center', 'mezzanine'],
      ['Rear Mezz', 'rear-mezzanine-center', 'mezzanine'],
    ],
  },
  {
    id: 'cibc',
    name: 'CIBC Theatre',
    city: 'Chicago',
    tz: 'America/Chicago',
    broker: 1002,
    sections: [
      ['ORCH', 'orchestra', 'orchestra'],
      ['MEZZ', 'mezzanine', 'mezzanine'],
    ],
  },
];

/** A third theatre, three hours behind New York (time-zone cases). */
export const PANTAGES: FixtureVenue = {
  id: 'hollywood-pantages',
  name: 'Hollywood Pantages Theatre',
  city: 'Los Angeles',
  tz: 'America/Los_Angeles',
  broker: 1003,
  sections: [
    ['ORCH', 'orchestra', 'orchestra'],
    ['MEZZ', 'mezzanine', 'mezzanine'],
  ],
};

export interface FixtureListing {
  doc: RankedListingDoc;
  retailCents: number;
  feesCents: number;
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FixturePerformance {
  id: string;
  venue: FixtureVenue;
  startsAt: Date;
}

export interface FixtureData {
  /** The instant the data describes ("now" for its price history). */
  at: Date;
  listings: FixtureListing[];
  performances: FixturePerformance[];
}

/**
 * `count` listings over `performancesPerVenue` performances per venue (14:00 and 19:30
 * Eastern-ish, alternating), from the second UTC day after `at`: dates follow the instant
 * given, never the machine's clock (tests pin it; benchmarks pass the real time).
 */
export function makeListings(count: number, performancesPerVenue: number, at: Date, seed = 7): FixtureData {
  const performances: FixturePerformance[] = [];
  const day0 = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 2);
  VENUES.forEach((venue, vi) => {
    for (let i = 0; i < performancesPerVenue; i++) {
      // Alternate 14:00 and 19:30 local-ish (UTC offsets of US zones: +5h/+6h).
      const hourUtc = i % 2 === 0 ? 19 : 24 + 0.5;
      performances.push({
        id: String(900000 + vi * 1000 + i),
        venue,
        startsAt: new Date(day0 + Math.floor(i / 2) * 86_400_000 + hourUtc * 3_600_000),
      });
    }
  });
  return listingsOf(performances, count, at, seed);
}

/** `count` listings spread round-robin over the given performances (ids from 5000000). */
export function listingsOf(
  performances: FixturePerformance[],
  count: number,
  at: Date,
  seed = 7,
): FixtureData {
  const random = rng(seed);
  const listings: FixtureListing[] = [];
  for (let n = 0; n < count; n++) {
    const perf = performances[n % performances.length];
    const [sectionName, sectionId, level] =
      perf.venue.sections[Math.floor(random() * perf.venue.sections.length)];
    const quantity = 1 + Math.floor(random() * 6);
    const splits = [
      ...new Set([quantity, ...(quantity >= 4 ? [2] : []), ...(quantity % 2 === 0 ? [quantity / 2] : [])]),
    ].sort((a, b) => a - b);
    const retailCents = 9900 + Math.floor(random() * 90000);
    const price = allInPrice(retailCents);
    const local = localParts(perf.startsAt, perf.venue.tz);
    const viewNotes = random() < 0.2 ? ['Mezzanine overhang cuts off the top of the stage'] : [];
    const seatQuality = Math.round(random() * 1000) / 10;
    const dealScore = Math.round(random() * 1000) / 10;
    const id = String(5_000_000 + n);
    const doc: RankedListingDoc = {
      item: {
        id,
        performance: {
          id: perf.id,
          startsAt: toZonedIso(perf.startsAt, perf.venue.tz),
          venue: { id: perf.venue.id, name: perf.venue.name },
          city: perf.venue.city,
        },
        section: sectionName,
        row: 'C',
        seats: [],
        quantity,
        splits,
        allInPrice: { amount: price.total, currency: 'USD' },
        seatQuality,
        viewNotes,
        dealScore,
        explanation: `Deal score ${dealScore}.`,
      },
      showId: 'hamilton',
      venueId: perf.venue.id,
      sectionId,
      startsAtMs: perf.startsAt.getTime(),
      localDate: local.date,
      weekday: local.weekday,
      matinee: local.hour < MATINEE_BEFORE_HOUR,
      allInCents: price.total,
      level,
    };
    listings.push({ doc, retailCents, feesCents: price.fees });
  }
  return { at, listings, performances };
}

/** The docs of a new ranking in which listing `id` got `cents` cheaper (all-in). */
export function cheaperBy(docs: readonly RankedListingDoc[], id: string, cents: number): RankedListingDoc[] {
  return docs.map((d) =>
    d.item.id === id
      ? {
          ...d,
          allInCents: d.allInCents - cents,
          item: { ...d.item, allInPrice: { ...d.item.allInPrice, amount: d.item.allInPrice.amount - cents } },
        }
      : d,
  );
}

/**
 * Writes a version for `scope` and points `current` at it (as ranking does): zsets, docs
 * hash and, unless `snapshot: false` (an index from before snapshots), the columnar snapshot.
 */
export async function writeRankedIndex(
  redis: Redis,
  scope: string,
  version: string,
  docs: RankedListingDoc[],
  { snapshot = true, builtAt = new Date(0) }: { snapshot?: boolean; builtAt?: Date } = {},
): Promise<void> {
  if (snapshot) {
    const bytes = encodeRankedSnapshot(docs);
    await redis.set(
      rankedKeys.snapshot(scope, version),
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    );
  }
  for (let i = 0; i < docs.length; i += 5000) {
    const chunk = docs.slice(i, i + 5000);
    const m = redis.multi();
    m.hset(
      rankedKeys.docs(scope, version),
      Object.fromEntries(chunk.map((d) => [d.item.id, JSON.stringify(d)])),
    );
    for (const sort of RANK_SORTS) {
      const args: (string | number)[] = [];
      for (const d of chunk) args.push(rankScoreOf(d, sort), d.item.id);
      m.zadd(rankedKeys.sorted(scope, version, sort), ...args);
    }
    await m.exec();
  }
  await redis.set(
    rankedKeys.meta(scope, version),
    JSON.stringify({ showIds: ['hamilton'], listings: docs.length, builtAt: builtAt.toISOString() }),
  );
  await redis.set(rankedKeys.current(scope), version);
}

/** Seeds shows, venues, performances, listings, scores and price history. */
export async function seedPostgres(db: DataSource, data: FixtureData): Promise<void> {
  await db.query(
    `INSERT INTO shows (id, title, broker_performer_id) VALUES ('hamilton', 'Hamilton', 77) ON CONFLICT DO NOTHING`,
  );
  for (const v of new Set([...VENUES, ...data.performances.map((p) => p.venue)])) {
    await db.query(
      `INSERT INTO venues (id, broker_venue_id, name, city, time_zone) VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING`,
      [v.id, v.broker, v.name, v.city, v.tz],
    );
  }
  for (const p of data.performances) {
    await db.query(
      `INSERT INTO performances (id, show_id, venue_id, starts_at, name) VALUES ($1,'hamilton',$2,$3,'Hamilton') ON CONFLICT DO NOTHING`,
      [p.id, p.venue.id, p.startsAt],
    );
  }
  for (let i = 0; i < data.listings.length; i += 2000) {
    const chunk = data.listings.slice(i, i + 2000);
    await db.query(
      `INSERT INTO listings (id, performance_id, show_id, venue_id, section, section_id, row, seats, quantity, splits, retail_cents, wholesale_cents, fees_cents, all_in_cents, view_notes, content_hash)
       SELECT x.id, x.performance_id, 'hamilton', x.venue_id, x.section, x.section_id, x.row, '{}', x.quantity, x.splits, x.retail, x.retail, x.fees, x.all_in, x.notes, 'h'
       FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, performance_id bigint, venue_id text, section text, section_id text, row text, quantity int, splits int[], retail int, fees int, all_in int, notes text[])`,
      [
        JSON.stringify(
          chunk.map((l) => ({
            id: l.doc.item.id,
            performance_id: l.doc.item.performance.id,
            venue_id: l.doc.venueId,
            section: l.doc.item.section,
            section_id: l.doc.sectionId,
            row: l.doc.item.row,
            quantity: l.doc.item.quantity,
            splits: l.doc.item.splits,
            retail: l.retailCents,
            fees: l.feesCents,
            all_in: l.doc.allInCents,
            notes: l.doc.item.viewNotes,
          })),
        ),
      ],
    );
    // The scores with the search fields ranking stores beside them (apps/ranking search-columns.ts).
    await db.query(
      `INSERT INTO listing_scores (listing_id, show_id, seat_quality, quality_confidence, expected_cents, deal_score, explanation,
              performance_id, venue_id, city_key, starts_at, local_date, weekday, matinee, all_in_cents, splits,
              has_view_notes, section_keys, rank_deal, rank_price, rank_quality, rank_date, listing_key, item)
       SELECT x.id, 'hamilton', x.q, 1, x.e, x.d, x.x, x.pid, x.vid, x.city, x.st, x.ld, x.wd, x.mat, x.e, x.sp,
              x.hvn, x.sk, x.rd, x.rp, x.rq, x.rdt, x.id::text, x.item
         FROM json_to_recordset($1::json) AS x(id bigint, q real, e int, d real, x text, pid bigint, vid text, city text,
              st timestamptz, ld date, wd smallint, mat boolean, sp int[], hvn boolean, sk text[], rd float8, rp float8,
              rq float8, rdt float8, item json)`,
      [
        JSON.stringify(
          chunk.map(({ doc: d }) => {
            const s = {
              dealScore: d.item.dealScore,
              allInCents: d.allInCents,
              seatQuality: d.item.seatQuality,
              startsAtMs: d.startsAtMs,
            };
            return {
              id: d.item.id,
              q: d.item.seatQuality,
              e: d.allInCents,
              d: d.item.dealScore,
              x: d.item.explanation,
              pid: d.item.performance.id,
              vid: d.venueId,
              city: d.item.performance.city.toLowerCase(),
              st: new Date(d.startsAtMs).toISOString(),
              ld: d.localDate,
              wd: WEEKDAYS.indexOf(d.weekday),
              mat: d.matinee,
              sp: d.item.splits,
              hvn: d.item.viewNotes.length > 0,
              sk: [...new Set([d.level, d.sectionId?.toLowerCase(), d.item.section.toLowerCase()])].filter(
                Boolean,
              ),
              rd: RANK_SCORES.deal(s),
              rp: RANK_SCORES.price(s),
              rq: RANK_SCORES.quality(s),
              rdt: RANK_SCORES.date(s),
              item: d.item,
            };
          }),
        ),
      ],
    );
    await db.query(
      `INSERT INTO price_history (listing_id, at, all_in_cents, retail_cents)
       SELECT x.id, $2::timestamptz - interval '1 day', x.a + 1000, x.r + 870 FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, a int, r int)
       UNION ALL SELECT x.id, $2::timestamptz, x.a, x.r FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, a int, r int)`,
      [
        JSON.stringify(chunk.map((l) => ({ id: l.doc.item.id, a: l.doc.allInCents, r: l.retailCents }))),
        data.at,
      ],
    );
  }
  // The per-performance summary ranking writes with the scores.
  const stats = new Map<string, { d: RankedListingDoc; n: number; lo: number; best: number }>();
  for (const { doc: d } of data.listings) {
    const s = stats.get(d.item.performance.id);
    if (!s) stats.set(d.item.performance.id, { d, n: 1, lo: d.allInCents, best: d.item.dealScore });
    else {
      s.n++;
      s.lo = Math.min(s.lo, d.allInCents);
      s.best = Math.max(s.best, d.item.dealScore);
    }
  }
  await db.query(
    `INSERT INTO performance_listing_stats (performance_id, show_id, starts_at, local_date, listing_count, lowest_all_in_cents, best_deal_score)
     SELECT x.id, 'hamilton', x.st, x.ld, x.n, x.lo, x.best
       FROM json_to_recordset($1::json) AS x(id bigint, st timestamptz, ld date, n int, lo int, best float8)`,
    [
      JSON.stringify(
        [...stats].map(([id, s]) => ({
          id,
          st: new Date(s.d.startsAtMs).toISOString(),
          ld: s.d.localDate,
          n: s.n,
          lo: s.lo,
          best: s.best,
        })),
      ),
    ],
  );
  await db.query('ANALYZE');
}
