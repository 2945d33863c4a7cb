import { DAY_GROUPS, FINE_DAY_CELLS, HORIZON_DAYS, performanceCells } from './calendar.js';
import { groupedIqm, isotonicInPlace } from './robust.js';
import type { RankableListing } from './types.js';

/**
 * The expected all-in price of a seat on a date, fitted from a show's current inventory:
 *
 *   log expected = curve_venue(seatQuality) + day_type_effect + days_until_effect
 *
 * Estimated by back-fitting with interquartile means (robust.ts) on log price:
 *   1. base per (venue, quality bin);  2. day-type effect on what is left;
 *   3. days-until effect on what is left; 4. base again without the date effects,
 *   made non-decreasing in quality (isotonic) and interpolated between bin centres.
 *
 * Every cell (bin, day type, horizon) holds at least MIN_CELL listings, or is merged /
 * backed off to a coarser one, and cells are chosen from counts only, never prices. So
 * one listing's weight in each statistic stays at most 2 / MIN_CELL, its price moves its
 * own expected price far less than its price, and the score of the same listing made
 * cheaper always rises, though the fit is re-estimated from the inventory holding it.
 */
export const MIN_CELL = 16;
/** Quality bins of 10 points (0–9, 10–19, … 90–100) before merging sparse ones. */
export const QUALITY_BINS = 10;

export interface VenueCurve {
  /** Bin centres on the 0..100 quality scale, ascending. */
  centres: Float64Array;
  /** Log expected price at each centre (before date effects), non-decreasing. */
  values: Float64Array;
}

export interface ShowFit {
  curves: Map<string, VenueCurve>;
  /** Fine day type (0..13) → index into dayEffect, or -1 for no date adjustment. */
  fineToCell: Int32Array;
  dayEffect: Float64Array;
  /** Log effect per days-until bucket (0 where too few listings to tell). */
  horizonEffect: Float64Array;
  qualityBins: number;
  dayCells: number;
}

export interface FittedShow {
  fit: ShowFit;
  /** Log expected price of each input listing, same order as the input. */
  expectedLog: Float64Array;
}

export function qualityBin(q: number): number {
  const b = Math.floor(q / (100 / QUALITY_BINS));
  return b < 0 ? 0 : b >= QUALITY_BINS ? QUALITY_BINS - 1 : b;
}

/** Value of a venue's curve at quality q: linear between centres, flat beyond the ends. */
export function curveAt(curve: VenueCurve, q: number): number {
  const { centres, values } = curve;
  const last = centres.length - 1;
  if (q <= centres[0]) return values[0];
  if (q >= centres[last]) return values[last];
  let j = 1;
  while (centres[j] <= q) j++;
  const t = (q - centres[j - 1]) / (centres[j] - centres[j - 1]);
  return values[j - 1] + t * (values[j] - values[j - 1]);
}

/**
 * A show's inventory as columns (what the fit reads of each listing), for a full ranking that
 * never holds a listing object per row: per listing its all-in price, seat quality, venue
 * index and performance index; per performance its curtain and the venue's zone.
 */
export interface FitColumns {
  count: number;
  /** All-in cents per listing (> 0). */
  allInCents: Float64Array;
  /** 0..100 per listing. */
  seatQuality: Float64Array;
  venueOf: Int32Array;
  venueIds: readonly string[];
  perfOf: Int32Array;
  perfStartsAtMs: readonly number[];
  perfTimeZone: readonly string[];
}

export function fitShow(listings: readonly RankableListing[], nowMs: number): FittedShow {
  return fitColumns(columnsOf(listings), nowMs);
}

/** The listings as FitColumns: venues and performances indexed in order of first appearance. */
export function columnsOf(listings: readonly RankableListing[]): FitColumns {
  const n = listings.length;
  const c: FitColumns = {
    count: n,
    allInCents: new Float64Array(n),
    seatQuality: new Float64Array(n),
    venueOf: new Int32Array(n),
    venueIds: [],
    perfOf: new Int32Array(n),
    perfStartsAtMs: [],
    perfTimeZone: [],
  };
  const venueIds = c.venueIds as string[];
  const perfStartsAtMs = c.perfStartsAtMs as number[];
  const perfTimeZone = c.perfTimeZone as string[];
  const venueIndex = new Map<string, number>();
  const perfIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const l = listings[i];
    c.allInCents[i] = l.allInCents;
    c.seatQuality[i] = l.seatQuality;
    let v = venueIndex.get(l.venueId);
    if (v === undefined) {
      v = venueIds.length;
      venueIds.push(l.venueId);
      venueIndex.set(l.venueId, v);
    }
    c.venueOf[i] = v;
    let p = perfIndex.get(l.performanceId);
    if (p === undefined) {
      p = perfStartsAtMs.length;
      perfStartsAtMs.push(l.startsAtMs);
      perfTimeZone.push(l.timeZone);
      perfIndex.set(l.performanceId, p);
    }
    c.perfOf[i] = p;
  }
  return c;
}

/** fitShow on columns: the same fit and expected prices, bit for bit, as of the same listings. */
export function fitColumns(columns: FitColumns, nowMs: number): FittedShow {
  const inventory = indexInventory(columns, nowMs);
  const bins = qualityBinsOf(columns.seatQuality, inventory);
  const cells = dateCellsOf(inventory);
  const { base, dayEffect, horizonEffect } = backfit(inventory.y, bins, cells);

  const curves = new Map<string, VenueCurve>();
  for (let v = 0; v < inventory.venueIds.length; v++) {
    const s = bins.venueFirstBin[v];
    const e = bins.venueFirstBin[v + 1];
    isotonicInPlace(base, bins.binWeight, s, e);
    curves.set(inventory.venueIds[v], {
      centres: Float64Array.from(bins.binCentre.slice(s, e)),
      values: base.slice(s, e),
    });
  }

  const n = columns.count;
  const quality = columns.seatQuality;
  const expectedLog = new Float64Array(n);
  const curveOfVenue = inventory.venueIds.map((id) => curves.get(id) as VenueCurve);
  for (let i = 0; i < n; i++) {
    expectedLog[i] =
      curveAt(curveOfVenue[inventory.venueOf[i]], quality[i]) +
      dayOf(dayEffect, cells.dayCellOf[i]) +
      dayOf(horizonEffect, cells.horizonOf[i]);
  }

  let dayCells = 0;
  for (let c = 0; c < cells.dayCellCount; c++) if (cells.fineToCell.includes(c)) dayCells++;
  return {
    fit: {
      curves,
      fineToCell: cells.fineToCell,
      dayEffect,
      horizonEffect,
      qualityBins: bins.count,
      dayCells,
    },
    expectedLog,
  };
}

/** The inventory as columns: log price, venue and performance index per listing; date cells per performance. */
interface IndexedInventory {
  /** Log price: multiplicative effects (a Saturday costs x% more) become additive. */
  y: Float64Array;
  venueOf: Int32Array;
  perfOf: Int32Array;
  venueIds: readonly string[];
  perfFine: number[];
  perfGroup: number[];
  perfHorizon: number[];
}

function indexInventory(c: FitColumns, nowMs: number): IndexedInventory {
  const n = c.count;
  const inv: IndexedInventory = {
    y: new Float64Array(n),
    venueOf: c.venueOf.subarray(0, n),
    perfOf: c.perfOf.subarray(0, n),
    venueIds: c.venueIds,
    perfFine: [],
    perfGroup: [],
    perfHorizon: [],
  };
  for (let i = 0; i < n; i++) inv.y[i] = Math.log(c.allInCents[i]);
  for (let p = 0; p < c.perfStartsAtMs.length; p++) {
    const cells = performanceCells(c.perfStartsAtMs[p], c.perfTimeZone[p], nowMs);
    inv.perfFine.push(cells.fine);
    inv.perfGroup.push(cells.group);
    inv.perfHorizon.push(cells.horizon);
  }
  return inv;
}

/** Quality bins of every venue after merging, and each listing's bin. */
interface QualityBins {
  count: number;
  binOf: Int32Array;
  /** Listings per bin (the isotonic weights). */
  binWeight: Float64Array;
  binCentre: number[];
  /** Bins of venue v are [venueFirstBin[v], venueFirstBin[v + 1]). */
  venueFirstBin: Int32Array;
}

/** Quality bins per venue, merged upwards until each holds MIN_CELL listings (counts only). */
function qualityBinsOf(quality: Float64Array, inv: IndexedInventory): QualityBins {
  const n = inv.y.length;
  const V = inv.venueIds.length;
  const rawCount = new Int32Array(V * QUALITY_BINS);
  for (let i = 0; i < n; i++) rawCount[inv.venueOf[i] * QUALITY_BINS + qualityBin(quality[i])]++;
  const rawToBin = new Int32Array(V * QUALITY_BINS).fill(-1);
  const binCentre: number[] = [];
  const venueFirstBin = new Int32Array(V + 1);
  const width = 100 / QUALITY_BINS;
  for (let v = 0; v < V; v++) {
    venueFirstBin[v] = binCentre.length;
    for (const range of mergedRanges(rawCount.subarray(v * QUALITY_BINS, (v + 1) * QUALITY_BINS))) {
      const b = binCentre.length;
      binCentre.push((range.lo * width + (range.hi + 1) * width) / 2);
      for (let r = range.lo; r <= range.hi; r++) rawToBin[v * QUALITY_BINS + r] = b;
    }
  }
  venueFirstBin[V] = binCentre.length;
  const count = binCentre.length;
  const binOf = new Int32Array(n);
  const binWeight = new Float64Array(count);
  for (let i = 0; i < n; i++) {
    const b = rawToBin[inv.venueOf[i] * QUALITY_BINS + qualityBin(quality[i])];
    binOf[i] = b;
    binWeight[b]++;
  }
  return { count, binOf, binWeight, binCentre, venueFirstBin };
}

/**
 * Consecutive raw bins of one venue grouped, lowest first, until each group holds MIN_CELL
 * listings; a short last group joins the one before it. Empty raw bins belong to no group.
 */
function mergedRanges(counts: Int32Array): { lo: number; hi: number; count: number }[] {
  const ranges: { lo: number; hi: number; count: number }[] = [];
  let open: { lo: number; hi: number; count: number } | null = null;
  for (let r = 0; r < counts.length; r++) {
    const c = counts[r];
    if (c === 0) continue;
    if (!open) open = { lo: r, hi: r, count: 0 };
    open.hi = r;
    open.count += c;
    if (open.count >= MIN_CELL) {
      ranges.push(open);
      open = null;
    }
  }
  if (open) {
    const prev = ranges[ranges.length - 1];
    if (prev) {
      prev.hi = open.hi;
      prev.count += open.count;
    } else ranges.push(open);
  }
  return ranges;
}

/** Each listing's day-type cell and horizon bucket (-1: too few listings, no adjustment). */
interface DateCells {
  fineToCell: Int32Array;
  dayCellCount: number;
  dayCellOf: Int32Array;
  horizonOf: Int32Array;
}

/** Day-type cells: fine (weekday × matinee) when populated, else its group, else none. */
function dateCellsOf(inv: IndexedInventory): DateCells {
  const n = inv.y.length;
  const { perfOf, perfFine, perfGroup, perfHorizon } = inv;
  const fineCount = new Int32Array(FINE_DAY_CELLS);
  const fineGroup = new Int32Array(FINE_DAY_CELLS).fill(-1);
  const horizonCount = new Int32Array(HORIZON_DAYS.length);
  for (let i = 0; i < n; i++) {
    fineCount[perfFine[perfOf[i]]]++;
    fineGroup[perfFine[perfOf[i]]] = perfGroup[perfOf[i]];
    horizonCount[perfHorizon[perfOf[i]]]++;
  }
  const fineToCell = new Int32Array(FINE_DAY_CELLS).fill(-1);
  const leftover = new Int32Array(DAY_GROUPS.length);
  for (let f = 0; f < FINE_DAY_CELLS; f++) {
    if (fineCount[f] >= MIN_CELL) fineToCell[f] = f;
    else if (fineCount[f] > 0) leftover[fineGroup[f]] += fineCount[f];
  }
  for (let f = 0; f < FINE_DAY_CELLS; f++) {
    if (fineToCell[f] < 0 && fineCount[f] > 0 && leftover[fineGroup[f]] >= MIN_CELL) {
      fineToCell[f] = FINE_DAY_CELLS + fineGroup[f];
    }
  }
  const dayCellOf = new Int32Array(n);
  const horizonOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    dayCellOf[i] = fineToCell[perfFine[perfOf[i]]];
    const h = perfHorizon[perfOf[i]];
    horizonOf[i] = horizonCount[h] >= MIN_CELL ? h : -1;
  }
  return { fineToCell, dayCellCount: FINE_DAY_CELLS + DAY_GROUPS.length, dayCellOf, horizonOf };
}

/**
 * Back-fitting with interquartile means: base per quality bin, the day-type effect on what
 * is left, the days-until effect on what is left, then the base again without the date effects.
 */
function backfit(
  y: Float64Array,
  bins: QualityBins,
  cells: DateCells,
): { base: Float64Array; dayEffect: Float64Array; horizonEffect: Float64Array } {
  const n = y.length;
  const { binOf } = bins;
  const { dayCellOf, horizonOf, dayCellCount } = cells;
  const scratch = new Float64Array(n);
  const resid = new Float64Array(n);
  const base0 = new Float64Array(bins.count);
  groupedIqm(y, binOf, bins.count, base0, scratch);

  const dayEffect = new Float64Array(dayCellCount);
  for (let i = 0; i < n; i++) resid[i] = y[i] - base0[binOf[i]];
  groupedIqm(resid, dayCellOf, dayCellCount, dayEffect, scratch);
  for (let c = 0; c < dayCellCount; c++) if (Number.isNaN(dayEffect[c])) dayEffect[c] = 0;

  const horizonEffect = new Float64Array(HORIZON_DAYS.length);
  for (let i = 0; i < n; i++) resid[i] = y[i] - base0[binOf[i]] - dayOf(dayEffect, dayCellOf[i]);
  groupedIqm(resid, horizonOf, HORIZON_DAYS.length, horizonEffect, scratch);
  for (let h = 0; h < horizonEffect.length; h++) if (Number.isNaN(horizonEffect[h])) horizonEffect[h] = 0;

  const base = new Float64Array(bins.count);
  for (let i = 0; i < n; i++) {
    resid[i] = y[i] - dayOf(dayEffect, dayCellOf[i]) - dayOf(horizonEffect, horizonOf[i]);
  }
  groupedIqm(resid, binOf, bins.count, base, scratch);
  return { base, dayEffect, horizonEffect };
}

/**
 * Expected log price of any listing under a fit held fixed (e.g. a listing that was not in
 * the inventory it was fitted on). NaN when the fit has never seen the listing's venue.
 */
export function predictLog(fit: ShowFit, listing: RankableListing, nowMs: number): number {
  const curve = fit.curves.get(listing.venueId);
  if (!curve) return NaN;
  const cells = performanceCells(listing.startsAtMs, listing.timeZone, nowMs);
  return (
    curveAt(curve, listing.seatQuality) +
    dayOf(fit.dayEffect, fit.fineToCell[cells.fine]) +
    fit.horizonEffect[cells.horizon]
  );
}

function dayOf(effects: Float64Array, cell: number): number {
  return cell < 0 ? 0 : effects[cell];
}
