import { allowsQuantity } from '@hamiltix/domain';

/**
 * One show's ranked listings as columns (what ranking stored in `listing_scores`), indexed
 * once per ranking so that 100,000 saved searches can be matched against it in well under
 * a second: every search walks only the prefix of the price order under its price cap, or
 * of the quality order above its quality floor, whichever is shorter.
 */
export interface ListingRow {
  listingId: string;
  /** All-in per ticket, cents. */
  allInCents: number;
  seatQuality: number;
  /** YYYY-MM-DD in the venue's zone. */
  localDate: string;
  /** 0 = Sunday, in the venue's zone. */
  weekday: number;
  matinee: boolean;
  hasViewNotes: boolean;
  splits: number[];
  /** Lower-cased: the seat-map level, the section id and the broker's section name. */
  sectionKeys: string[];
  /** Lower-cased. */
  cityKey: string;
  startsAtMs: number;
}

export interface ListingColumns {
  readonly size: number;
  readonly ids: readonly string[];
  readonly allInCents: Int32Array;
  readonly seatQuality: Float64Array;
  /** yyyymmdd as a number, so date windows compare as integers. */
  readonly localDate: Int32Array;
  /** Bit `weekday` (0 = Sunday) set, plus MATINEE or EVENING, plus VIEW_NOTES when it has one. */
  readonly flags: Uint16Array;
  readonly startsAtMs: Float64Array;
  readonly splits: readonly (readonly number[])[];
  /** Bit q set when libs/domain's `allowsQuantity(splits, q)` holds, for q = 1..31 (larger: ask it). */
  readonly splitsMask: Uint32Array;
  /** Listing i's section keys are sectionKeys[sectionStart[i] .. sectionStart[i+1]), as dictionary ids. */
  readonly sectionStart: Int32Array;
  readonly sectionKeys: Int32Array;
  readonly sectionDictionary: ReadonlyMap<string, number>;
  readonly city: Int32Array;
  readonly cityDictionary: ReadonlyMap<string, number>;
  /**
   * The listings of each (city, section key) pair in price and in quality order, keyed by
   * `partitionKey(cityId, sectionId)` with -1 for "any": a search naming a city and/or a
   * section walks only those listings. `partitionKey(-1, -1)` holds every listing.
   */
  readonly partitions: ReadonlyMap<number, ListingOrders>;
}

/** One number per (city, section) pair; -1 = any. */
export function partitionKey(cityId: number, sectionId: number): number {
  return (cityId + 1) * 1_000_003 + (sectionId + 1);
}

export interface ListingOrders {
  /** Listing indexes by all-in price ascending (ties by id), and the prices in that order. */
  readonly byPrice: Uint32Array;
  readonly priceSorted: Int32Array;
  /** Listing indexes by seat quality descending (ties cheapest first), and the qualities in that order. */
  readonly byQuality: Uint32Array;
  readonly qualitySorted: Float64Array;
  /**
   * Zone maps over blocks of BLOCK entries: the best quality in each block of the price order,
   * the lowest price in each block of the quality order. A search with both a price and a
   * quality target skips whole blocks that cannot reach the other target.
   */
  readonly priceBlockMaxQuality: Float64Array;
  readonly qualityBlockMinPrice: Int32Array;
  /** Listing indexes by local date ascending, and the dates in that order (date-window searches). */
  readonly byDate: Uint32Array;
  readonly dateSorted: Int32Array;
}

export const MATINEE = 1 << 7;
export const EVENING = 1 << 8;
export const VIEW_NOTES = 1 << 9;

/** Entries per zone-map block (a power of two: block = position >> BLOCK_SHIFT). */
export const BLOCK_SHIFT = 5;

export function dateNumber(date: string): number {
  return Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

export function buildListingColumns(rows: readonly ListingRow[]): ListingColumns {
  const n = rows.length;
  const allInCents = new Int32Array(n);
  const seatQuality = new Float64Array(n);
  const localDate = new Int32Array(n);
  const flags = new Uint16Array(n);
  const splitsMask = new Uint32Array(n);
  const startsAtMs = new Float64Array(n);
  const city = new Int32Array(n);
  const sectionStart = new Int32Array(n + 1);
  const sectionIds: number[] = [];
  const sectionDictionary = new Map<string, number>();
  const cityDictionary = new Map<string, number>();
  const intern = (dict: Map<string, number>, key: string): number => {
    let id = dict.get(key);
    if (id === undefined) dict.set(key, (id = dict.size));
    return id;
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    allInCents[i] = r.allInCents;
    seatQuality[i] = r.seatQuality;
    localDate[i] = dateNumber(r.localDate);
    for (const q of r.splits) if (q >= 1 && q <= 31 && allowsQuantity(r.splits, q)) splitsMask[i]! |= 1 << q;
    flags[i] = (1 << r.weekday) | (r.matinee ? MATINEE : EVENING) | (r.hasViewNotes ? VIEW_NOTES : 0);
    startsAtMs[i] = r.startsAtMs;
    city[i] = intern(cityDictionary, r.cityKey);
    sectionStart[i] = sectionIds.length;
    const first = sectionIds.length;
    for (const key of r.sectionKeys) {
      const id = intern(sectionDictionary, key);
      let seen = false;
      for (let k = first; k < sectionIds.length; k++) seen ||= sectionIds[k] === id;
      if (!seen) sectionIds.push(id);
    }
  }
  sectionStart[n] = sectionIds.length;
  const ids = rows.map((r) => r.listingId);
  // Sorted once (numeric keys packed with the index, so the native sort does it without a
  // comparator; ties by index); each partition takes its members in that order.
  const byPrice = sortedBy(n, (i) => allInCents[i]!);
  const byQuality = sortedBy(n, (i) => Math.round((1000 - seatQuality[i]!) * 10_000));
  const byDate = sortedBy(n, (i) => localDate[i]!);

  // Dense partition ids: each listing is in (any, any), (city, any), and per section key
  // (any, section) and (city, section). Counted first, then filled order by order.
  const partitionOf = new Map<number, number>();
  const memberOf = new Int32Array(sectionIds.length * 2 + n * 2);
  const memberStart = new Int32Array(n + 1);
  const sizes: number[] = [];
  let m = 0;
  const add = (key: number) => {
    let p = partitionOf.get(key);
    if (p === undefined) {
      partitionOf.set(key, (p = sizes.length));
      sizes.push(0);
    }
    sizes[p]!++;
    memberOf[m++] = p;
  };
  for (let i = 0; i < n; i++) {
    memberStart[i] = m;
    add(partitionKey(-1, -1));
    add(partitionKey(city[i]!, -1));
    for (let k = sectionStart[i]!; k < sectionStart[i + 1]!; k++) {
      add(partitionKey(-1, sectionIds[k]!));
      add(partitionKey(city[i]!, sectionIds[k]!));
    }
  }
  memberStart[n] = m;
  const spread = (order: Uint32Array): Uint32Array[] => {
    const lists = sizes.map((size) => new Uint32Array(size));
    const fill = new Int32Array(sizes.length);
    for (const i of order) {
      for (let k = memberStart[i]!; k < memberStart[i + 1]!; k++) {
        const p = memberOf[k]!;
        lists[p]![fill[p]!++] = i;
      }
    }
    return lists;
  };
  const prices = spread(byPrice);
  const qualities = spread(byQuality);
  const dates = spread(byDate);
  const partitions = new Map<number, ListingOrders>();
  for (const [key, p] of partitionOf) {
    const byP = prices[p]!;
    const byQ = qualities[p]!;
    const byD = dates[p]!;
    const blocks = (byP.length >> BLOCK_SHIFT) + 1;
    const priceBlockMaxQuality = new Float64Array(blocks).fill(-Infinity);
    const qualityBlockMinPrice = new Int32Array(blocks).fill(2 ** 31 - 1);
    for (let k = 0; k < byP.length; k++) {
      const b = k >> BLOCK_SHIFT;
      priceBlockMaxQuality[b] = Math.max(priceBlockMaxQuality[b]!, seatQuality[byP[k]!]!);
      qualityBlockMinPrice[b] = Math.min(qualityBlockMinPrice[b]!, allInCents[byQ[k]!]!);
    }
    const priceSorted = new Int32Array(byP.length);
    const qualitySorted = new Float64Array(byQ.length);
    const dateSorted = new Int32Array(byD.length);
    for (let k = 0; k < byP.length; k++) {
      priceSorted[k] = allInCents[byP[k]!]!;
      qualitySorted[k] = seatQuality[byQ[k]!]!;
      dateSorted[k] = localDate[byD[k]!]!;
    }
    partitions.set(key, {
      byPrice: byP,
      priceSorted,
      byQuality: byQ,
      qualitySorted,
      priceBlockMaxQuality,
      qualityBlockMinPrice,
      byDate: byD,
      dateSorted,
    });
  }
  return {
    size: n,
    ids,
    allInCents,
    seatQuality,
    localDate,
    flags,
    startsAtMs,
    splits: rows.map((r) => r.splits),
    splitsMask,
    sectionStart,
    sectionKeys: Int32Array.from(sectionIds),
    sectionDictionary,
    city,
    cityDictionary,
    partitions,
  };
}

/** Indexes 0..n-1 by ascending non-negative integer key (< 2^30), ties by index. */
function sortedBy(n: number, key: (i: number) => number): Uint32Array {
  const out = new Uint32Array(n);
  if (n < 2 ** 22) {
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = key(i) * 2 ** 22 + i;
    packed.sort();
    for (let k = 0; k < n; k++) out[k] = packed[k]! % 2 ** 22;
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = i;
  return out.sort((a, b) => key(a) - key(b) || a - b);
}
