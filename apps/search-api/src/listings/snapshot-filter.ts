import { SNAPSHOT_FLAG_MATINEE, SNAPSHOT_FLAG_VIEW_NOTES } from '@hamiltix/contracts';
import { WEEKDAYS } from '@hamiltix/domain';
import type { ListingFilters } from '../query/listings-query.js';
import type { RankedSnapshot } from '../ranked-index/ranked-snapshot.js';

const NEVER = () => false;

/**
 * listing-filter.ts (the rules, over a RankedListingDoc) over a columnar snapshot: the
 * parameters are resolved once against the snapshot's dictionaries (show, city, sorted local
 * dates, section keys), so each listing costs a few integer comparisons. Local dates,
 * weekdays and matinees were judged in the venue's zone by ranking. Listings of performances
 * starting at or before `startsAfterMs` (past the sales cut-off, SalesWindow) never pass,
 * however old the snapshot.
 */
export function snapshotFilter(
  snapshot: RankedSnapshot,
  f: ListingFilters,
  startsAfterMs: number,
): (i: number) => boolean {
  const c = snapshot.columns;
  // Nothing of this snapshot has closed yet (the usual case): skip the per-listing test.
  const cut = snapshot.salesEpoch(startsAfterMs) > 0;
  const show = f.show === undefined ? -1 : c.shows.indexOf(f.show);
  const city = f.city === undefined ? -1 : c.cities.indexOf(f.city);
  const section = f.section === undefined ? -1 : c.sectionKeys.indexOf(f.section);
  if ((f.show !== undefined && show < 0) || (f.city !== undefined && city < 0)) return NEVER;
  if (f.section !== undefined && section < 0) return NEVER;
  // Dates are sorted, so a date range is a range of dictionary indexes.
  const fromIdx = f.from === undefined ? 0 : lowerBound(c.dates, f.from);
  const toIdx = f.to === undefined ? c.dates.length - 1 : lowerBound(c.dates, nextString(f.to)) - 1;
  const dateRange = f.from !== undefined || f.to !== undefined;
  let dayMask = 0x7f;
  if (f.days) dayMask = f.days.reduce((m, d) => m | (1 << WEEKDAYS.indexOf(d)), 0);
  const wantMatinee = f.time === undefined ? -1 : f.time === 'matinee' ? SNAPSHOT_FLAG_MATINEE : 0;
  const q = f.quantity;
  const max = f.maxPriceCents;
  return (i) => {
    if (cut && c.startsAtMs[i] <= startsAfterMs) return false;
    if (show >= 0 && c.show[i] !== show) return false;
    if (city >= 0 && c.city[i] !== city) return false;
    if (dateRange && (c.date[i] < fromIdx || c.date[i] > toIdx)) return false;
    if (!((dayMask >> c.weekday[i]) & 1)) return false;
    if (wantMatinee >= 0 && (c.flags[i] & SNAPSHOT_FLAG_MATINEE) !== wantMatinee) return false;
    if (max !== undefined && c.allInCents[i] > max) return false;
    if (f.clearView && c.flags[i] & SNAPSHOT_FLAG_VIEW_NOTES) return false;
    if (q !== undefined && !hasSplit(c.splitValues, c.splitOffsets[i], c.splitOffsets[i + 1], q))
      return false;
    if (section >= 0) {
      const k = 3 * i;
      if (c.keys[k] !== section && c.keys[k + 1] !== section && c.keys[k + 2] !== section) return false;
    }
    return true;
  };
}

function hasSplit(values: Uint8Array, from: number, to: number, q: number): boolean {
  for (let j = from; j < to; j++) if (values[j] === q) return true;
  return false;
}

/** First index whose value is >= x (sorted ascending). */
function lowerBound(sorted: readonly string[], x: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A string just after `s` (and before any longer date), so `to` stays inclusive. */
function nextString(s: string): string {
  return `${s}\u0000`;
}
