import type { SectionData, ViewNote } from '@hamiltix/venues';
import { mulberry32 } from '@hamiltix/domain';
import { hash32, pickWeighted } from './hash.js';
import type { SimEvent, SimVenue, Slot } from './inventory.types.js';
import { notesFor, seatValue, valueCents, venueGeometry, type VenueGeometry } from './seat-value.js';

/** Group sizes 1..8, pairs and fours most common (docs/domain.md §5). */
const SIZES = [1, 2, 3, 4, 5, 6, 7, 8];
const SIZE_WEIGHTS = [3, 38, 8, 26, 5, 11, 2, 7];

/** Share of time a slot has a live listing (see listing-state.ts): pool sized to hit the target. */
const PRESENCE = 0.75;

/** Ids pack the slot in three digits: at most this many places per event. */
export const MAX_SLOTS = 999;

interface RowRef {
  section: SectionData;
  sectionIndex: number;
  rowIndex: number;
}

interface VenueTable {
  geometry: VenueGeometry;
  rows: RowRef[];
  /** Running total of seats over `rows`, for a weighted pick by binary search. */
  cumulative: number[];
  /** Broker names of each section, by section index. */
  names: string[][];
}

function pickRow(table: VenueTable, u: number): RowRef {
  const x = u * table.cumulative[table.cumulative.length - 1];
  let lo = 0;
  let hi = table.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table.cumulative[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return table.rows[lo];
}

const tables = new WeakMap<SimVenue['data'], VenueTable>();

function venueTable(venue: SimVenue): VenueTable {
  let table = tables.get(venue.data);
  if (!table) {
    const rows: RowRef[] = [];
    const cumulative: number[] = [];
    let total = 0;
    venue.data.sections.forEach((section, sectionIndex) =>
      section.rows.forEach((row, rowIndex) => {
        if (row.seats.length === 0) return;
        rows.push({ section, sectionIndex, rowIndex });
        cumulative.push((total += row.seats.length));
      }),
    );
    const names = venue.data.sections.map((section) => brokerNames(venue, section));
    table = { geometry: venueGeometry(venue.data), rows, cumulative, names };
    tables.set(venue.data, table);
  }
  return table;
}

/**
 * Splits a seller allows for `quantity` seats, never leaving a single seat behind:
 * 4 → [2, 4], 3 → [1, 3] or [3], 6 → [2, 4, 6] or [2, 3, 4, 6] (policy chosen by `u`).
 */
/** Split lists are few and never changed: one array per distinct list, shared by every slot (and listing) with it. */
const SPLITS = new Map<string, readonly number[]>();
function interned(splits: number[]): number[] {
  const key = splits.join(',');
  let held = SPLITS.get(key);
  if (!held) SPLITS.set(key, (held = Object.freeze(splits)));
  return held as number[];
}

export function splitsFor(quantity: number, u: number): number[] {
  return interned(splitsOf(quantity, u));
}

function splitsOf(quantity: number, u: number): number[] {
  if (quantity <= 2) return [quantity];
  if (u < 0.2) return [quantity];
  const pairsOnly = quantity >= 4 && u < 0.55;
  const out: number[] = [];
  for (let k = quantity >= 4 ? 2 : 1; k <= quantity; k++) {
    if (quantity - k === 1) continue;
    if (pairsOnly && k % 2 === 1 && k !== quantity) continue;
    out.push(k);
  }
  return out;
}

/** What is left of `splits` after `sold` seats went: still no single seat left behind. */
export function remainingSplits(splits: number[], remaining: number): number[] {
  const out = splits.filter((k) => k <= remaining && remaining - k !== 1);
  return out.length ? out : [remaining];
}

/** The section's own names first; names of groups it belongs to ("Orchestra") too, as brokers use both. */
function brokerNames(venue: SimVenue, section: SectionData): string[] {
  const groupAliases = (venue.data.groups ?? [])
    .filter((g) => section.groups?.includes(g.id) || g.sections.includes(section.id))
    .flatMap((g) => [g.name, ...g.aliases]);
  const names = [
    ...new Set([...section.aliases, section.name, ...groupAliases].filter((n) => n.trim().length > 0)),
  ];
  return names.length ? names : [section.id];
}

const NO_NOTES = Object.freeze([]) as unknown as ViewNote[];

/**
 * The resale pool of one performance: enough seat blocks that, with the share of time a
 * block is listed, 180–300 seats (× scale) are for sale at any moment. Deterministic in
 * (seed, event id, scale); blocks never overlap.
 */
export function generateSlots(event: SimEvent, seed: number, scale: number): Slot[] {
  const table = venueTable(event.venue);
  if (table.rows.length === 0) return [];
  const random = mulberry32(hash32(seed, event.id, 0x5107));
  const target = Math.round((180 + random() * 120) * scale);
  const taken = new Map<number, Uint8Array>();
  const slots: Slot[] = [];
  let seats = 0;
  let failures = 0;
  while (seats < target / PRESENCE && failures < 300 && slots.length < MAX_SLOTS) {
    const ref = pickRow(table, random());
    const row = ref.section.rows[ref.rowIndex];
    const quantity = Math.min(pickWeighted(SIZES, SIZE_WEIGHTS, random()), row.seats.length);
    const start = Math.floor(random() * (row.seats.length - quantity + 1));
    const key = ref.sectionIndex * 1000 + ref.rowIndex;
    let used = taken.get(key);
    if (!used) taken.set(key, (used = new Uint8Array(row.seats.length)));
    let free = true;
    for (let i = start; i < start + quantity; i++) if (used[i]) free = false;
    if (!free) {
      failures++;
      continue;
    }
    used.fill(1, start, start + quantity);
    const numbers = row.seats.slice(start, start + quantity).map((s) => s.number);
    const found = notesFor(event.venue.data, ref.section, ref.rowIndex, numbers);
    // Most blocks have no view note: one shared empty list rather than one per block.
    const viewNotes = found.length ? found : NO_NOTES;
    const quality = seatValue(
      table.geometry,
      ref.section,
      ref.rowIndex,
      row,
      [start, start + quantity - 1],
      viewNotes,
    );
    const shape = random();
    slots.push({
      index: slots.length,
      sectionId: ref.section.id,
      sectionNames: table.names[ref.sectionIndex],
      row: row.name,
      lowSeat: Math.min(...numbers),
      highSeat: Math.max(...numbers),
      quantity,
      quality,
      viewNotes,
      aisle: start === 0 || start + quantity === row.seats.length,
      // A few brokers list general-admission style ("GA", no seats) even in seated houses.
      unseated: shape < 0.012,
      splits: splitsFor(quantity, random()),
      valueCents: valueCents(event.venue.market, quality),
      // 8 hours .. 2 days between relistings; phase spreads them over time.
      period: 240 + Math.floor(random() * 1200),
      phase: Math.floor(random() * 1_000_000),
      // 60% of sellers reprice every 1–12 hours.
      repriceEvery: random() < 0.6 ? 30 + Math.floor(random() * 330) : 0,
    });
    seats += quantity;
  }
  return slots;
}
