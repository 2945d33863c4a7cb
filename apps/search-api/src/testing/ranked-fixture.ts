import {
  encodeRankedSnapshot,
  rankedKeys,
  rankScoreOf,
  RANK_SCORES,
  RANK_SORTS,
  type RankedListingDoc,
} from '@hamiltix/contracts';
import {
  allInPrice,
  localParts,
  MATINEE_BEFORE_HOUR,
  mulberry32,
  toZonedIso,
  WEEKDAYS,
} from '@hamiltix/domain';
import type { Redis } from 'ioredis';
import { upsertPerformances, upsertShow, upsertVenues, type ListingWrite } from '@hamiltix/persistence';
import {
  analyzeDatabase,
  seedListingScores,
  seedListingsThroughPulls,
  seedPerformanceListingStats,
} from '@hamiltix/persistence/testing';
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
  const random = mulberry32(seed);
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

/**
 * What two replicas must answer alike: every endpoint, filters of each kind, one listing's
 * detail (`detailId`) and a refused query; the first seven are the listings endpoints' (ETag checks).
 */
export function replicaQueries(detailId: string): string[] {
  return [
    '/api/v1/listings',
    '/api/v1/listings?sort=price&limit=10',
    '/api/v1/listings?sort=quality&quantity=2&limit=7',
    '/api/v1/listings?sort=date&time=evening&clearView=true',
    '/api/v1/listings?sort=deal&city=chicago&days=sat,sun',
    '/api/v1/listings?show=hamilton&maxPrice=650&section=mezzanine',
    `/api/v1/listings/${detailId}`,
    '/api/v1/performances?show=hamilton',
    '/api/v1/shows',
    '/api/v1/listings?sort=bogus',
  ];
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

/**
 * Seeds shows, venues, performances, listings, scores and price history: the catalogue and
 * the listings through ingestion's own queries (two pulls, a day apart, so each listing has
 * two prices), the scores and per-performance stats as ranking writes them.
 */
export async function seedPostgres(db: DataSource, data: FixtureData): Promise<void> {
  await upsertShow(db, { id: 'hamilton', title: 'Hamilton', brokerPerformerId: 77 });
  await upsertVenues(
    db,
    [...new Set([...VENUES, ...data.performances.map((p) => p.venue)])].map((v) => ({
      id: v.id,
      brokerVenueId: v.broker,
      name: v.name,
      city: v.city,
      timeZone: v.tz,
    })),
  );
  await upsertPerformances(
    db,
    data.performances.map((p) => ({
      id: p.id,
      showId: 'hamilton',
      venueId: p.venue.id,
      startsAt: p.startsAt,
      name: 'Hamilton',
      state: 'shown',
    })),
    data.at,
  );
  const listing = (l: FixtureListing, retailCents: number, feesCents: number): ListingWrite => ({
    id: l.doc.item.id,
    performanceId: l.doc.item.performance.id,
    showId: 'hamilton',
    venueId: l.doc.venueId,
    section: l.doc.item.section,
    sectionId: l.doc.sectionId,
    row: l.doc.item.row,
    seats: [],
    quantity: l.doc.item.quantity,
    splits: l.doc.item.splits,
    retailCents,
    wholesaleCents: retailCents,
    feesCents,
    allInCents: retailCents + feesCents,
    viewNotes: l.doc.item.viewNotes,
    publicNotes: null,
    format: null,
    inHand: false,
    signature: null,
    contentHash: 'h',
  });
  await seedListingsThroughPulls(db, [
    {
      at: new Date(data.at.getTime() - 86_400_000),
      listings: data.listings.map((l) => listing(l, l.retailCents + 870, l.feesCents + 130)),
    },
    { at: data.at, listings: data.listings.map((l) => listing(l, l.retailCents, l.feesCents)) },
  ]);
  // The scores with the search fields ranking stores beside them (apps/ranking search-columns.ts).
  await seedListingScores(
    db,
    data.listings.map(({ doc: d }) => {
      const s = {
        dealScore: d.item.dealScore,
        allInCents: d.allInCents,
        seatQuality: d.item.seatQuality,
        startsAtMs: d.startsAtMs,
      };
      return {
        listingId: d.item.id,
        showId: 'hamilton',
        seatQuality: d.item.seatQuality,
        qualityConfidence: 1,
        expectedCents: d.allInCents,
        dealScore: d.item.dealScore,
        explanation: d.item.explanation,
        performanceId: d.item.performance.id,
        venueId: d.venueId,
        cityKey: d.item.performance.city.toLowerCase(),
        startsAt: new Date(d.startsAtMs),
        localDate: d.localDate,
        weekday: WEEKDAYS.indexOf(d.weekday),
        matinee: d.matinee,
        allInCents: d.allInCents,
        splits: d.item.splits,
        hasViewNotes: d.item.viewNotes.length > 0,
        sectionKeys: [...new Set([d.level, d.sectionId?.toLowerCase(), d.item.section.toLowerCase()])].filter(
          (k): k is string => Boolean(k),
        ),
        rankDeal: RANK_SCORES.deal(s),
        rankPrice: RANK_SCORES.price(s),
        rankQuality: RANK_SCORES.quality(s),
        rankDate: RANK_SCORES.date(s),
        listingKey: d.item.id,
        item: d.item,
      };
    }),
  );
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
  await seedPerformanceListingStats(
    db,
    [...stats].map(([id, s]) => ({
      performanceId: id,
      showId: 'hamilton',
      startsAt: new Date(s.d.startsAtMs),
      localDate: s.d.localDate,
      listingCount: s.n,
      lowestAllInCents: s.lo,
      bestDealScore: s.best,
    })),
  );
  await analyzeDatabase(db);
}
