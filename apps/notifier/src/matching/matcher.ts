import { allowsQuantity } from '@hamiltix/domain';
import type { SavedSearchFilters } from '@hamiltix/persistence';
import {
  BLOCK_SHIFT,
  dateNumber,
  EVENING,
  MATINEE,
  partitionKey,
  VIEW_NOTES,
  type ListingColumns,
} from './listing-columns.js';

/** At most this many listings in one alert mail. */
export const MAX_LISTINGS_PER_MAIL = 10;

/** What matching needs of an active saved search. */
export interface MatchableSearch {
  id: string;
  filters: SavedSearchFilters;
  /** All-in per ticket, cents; null = no price target. */
  targetMaxCents: number | null;
  /** 0..100; null = no quality target. */
  targetMinQuality: number | null;
  /** Listing id → all-in cents it was last mailed at, for this search. */
  notified?: ReadonlyMap<string, number>;
}

export interface SearchMatch {
  searchId: string;
  /** Listing indexes into the columns, cheapest first. */
  listings: number[];
}

export interface MatchOptions {
  /** Listings whose performance starts at or before this are past the sales cut-off. */
  startsAfterMs: number;
  maxPerSearch?: number;
}

/**
 * Every search's new matches: listings that pass the search's filters and reach its target
 * (all-in at or below the price target and the filter's max price; seat quality at least the
 * floor), leaving out a listing already mailed for that search unless its price is now lower.
 * Walks, per search, only the listings of its city and section (a partition), and of those the
 * shortest run: the price order up to its cap (cheapest first, stopping at `maxPerSearch`),
 * the quality order down to its floor (best seats first, same stop), or its date window
 * (walked whole, cheapest kept). Blocks of the price and quality orders that cannot reach
 * the other target are skipped whole.
 */
export function matchSearches(
  columns: ListingColumns,
  searches: readonly MatchableSearch[],
  options: MatchOptions,
): SearchMatch[] {
  const out: SearchMatch[] = [];
  for (const search of searches) {
    const found = matchOne(columns, search, options);
    if (found.length) out.push({ searchId: search.id, listings: found });
  }
  return out;
}

function matchOne(c: ListingColumns, s: MatchableSearch, options: MatchOptions): number[] {
  const f = s.filters;
  const limit = options.maxPerSearch ?? MAX_LISTINGS_PER_MAIL;
  const cap = Math.min(f.maxPriceCents ?? Infinity, s.targetMaxCents ?? Infinity);
  const floor = s.targetMinQuality ?? -Infinity;
  // Dictionary ids resolved once per search: a key the show never uses matches nothing.
  const city = f.city === undefined ? -1 : (c.cityDictionary.get(f.city) ?? -2);
  const section = f.section === undefined ? -1 : (c.sectionDictionary.get(f.section) ?? -2);
  if (city === -2 || section === -2) return [];
  const from = f.from === undefined ? -Infinity : dateNumber(f.from);
  const to = f.to === undefined ? Infinity : dateNumber(f.to);
  // One flags test per listing: at least one wanted weekday, and none of the excluded flags.
  const daysMask = f.days?.length ? f.days.reduce((m, d) => m | (1 << d), 0) : 0x7f;
  const excluded =
    (f.time === 'matinee' ? EVENING : f.time === 'evening' ? MATINEE : 0) | (f.clearView ? VIEW_NOTES : 0);

  const quantity = f.quantity;
  const quantityBit = quantity !== undefined && quantity >= 1 && quantity <= 31 ? 1 << quantity : 0;
  const orders = c.partitions.get(partitionKey(city, section));
  if (!orders) return [];
  const priceLength = upperBound(orders.priceSorted, cap);
  const qualityLength =
    floor === -Infinity ? orders.byQuality.length : qualityPrefix(orders.qualitySorted, floor);
  // A date window names a contiguous run of the date order: walked whole when it is the shortest.
  const dateStart = from === -Infinity ? 0 : upperBound(orders.dateSorted, from - 1);
  const dateEnd = to === Infinity ? orders.dateSorted.length : upperBound(orders.dateSorted, to);
  // An ordered walk stops after `limit` matches, so it costs about limit / (share of the
  // partition in the window) steps; the window is walked whole. Take whichever is cheaper.
  const dateLength = dateEnd - dateStart;
  const share = dateLength / Math.max(1, orders.dateSorted.length);
  const orderedCost = Math.min(priceLength, qualityLength, share > 0 ? limit / share : Infinity);
  const byDate = dateLength < orderedCost;
  const byPrice = !byDate && priceLength <= qualityLength;
  const order = byDate ? orders.byDate : byPrice ? orders.byPrice : orders.byQuality;
  const start = byDate ? dateStart : 0;
  const length = byDate ? dateEnd : byPrice ? priceLength : qualityLength;
  const stopAt = byDate ? Infinity : limit;

  let found: number[] = [];
  const blockSize = 1 << BLOCK_SHIFT;
  for (let k = start; k < length && found.length < stopAt; k++) {
    if (!byDate && (k & (blockSize - 1)) === 0) {
      // A block that cannot reach the other target is skipped whole.
      const b = k >> BLOCK_SHIFT;
      const hopeless = byPrice
        ? orders.priceBlockMaxQuality[b]! < floor
        : orders.qualityBlockMinPrice[b]! > cap;
      if (hopeless) {
        k += blockSize - 1;
        continue;
      }
    }
    const i = order[k]!;
    const flags = c.flags[i]!;
    if ((flags & daysMask) === 0 || (flags & excluded) !== 0) continue;
    const cents = c.allInCents[i]!;
    if (cents > cap || c.seatQuality[i]! < floor) continue;
    const date = c.localDate[i]!;
    if (date < from || date > to) continue;
    // Splits are the only quantities the broker sells: [2, 4] cannot sell 3.
    if (quantity !== undefined) {
      if (
        quantityBit !== 0 ? (c.splitsMask[i]! & quantityBit) === 0 : !allowsQuantity(c.splits[i]!, quantity)
      )
        continue;
    }
    if (c.startsAtMs[i]! <= options.startsAfterMs) continue;
    const last = s.notified?.get(c.ids[i]!);
    if (last !== undefined && cents >= last) continue;
    found.push(i);
  }
  if (!byPrice) found.sort((a, b) => c.allInCents[a]! - c.allInCents[b]!);
  if (found.length > limit) found = found.slice(0, limit);
  return found;
}

/** Number of ascending values ≤ cap. */
function upperBound(sorted: Int32Array, cap: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= cap) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of descending values ≥ floor. */
function qualityPrefix(sorted: Float64Array, floor: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! >= floor) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
