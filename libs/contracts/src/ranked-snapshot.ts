/**
 * A compact, columnar copy of one ranked-index version (key `rankedKeys.snapshot`), written
 * once by ranking beside the zsets and docs hash, read by search-api in ONE GET instead of
 * an HSCAN of every doc plus a ZRANGE per sort (100k listings: ~0.3 s instead of ~5 s, and
 * no JSON.parse of 100k docs: items stay UTF-8 bytes until a page needs them).
 *
 * Layout (all integers little-endian):
 *   "HXS1" | u32 header length | header JSON (UTF-8) | padding to 8 | sections, each 8-aligned
 * The header lists the dictionaries (ids, shows, lower-cased cities, sorted local dates,
 * performance ids, section keys) and each section's [offset, byteLength]. Per listing i:
 * allInCents, startsAtMs, dealScore, weekday (0 = Sunday), flags (1 matinee, 2 view notes),
 * dictionary indexes, splits (offsets + values), section keys (3 per listing, 0xffff none),
 * the item JSON (offsets + bytes, exactly JSON.stringify(doc.item)); per sort the order
 * (listing indexes, RANK_SCORES ascending, ties by id in byte order like a zset) and scores.
 */
import type { ListingItemDto, RankedListingDoc } from './api.js';
import { RANK_SCORES, RANK_SORTS, type RankSort } from './ranked-index.js';

const MAGIC = 'HXS1';
const WEEKDAY_INDEX: Record<RankedListingDoc['weekday'], number> = {
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
};
export const SNAPSHOT_FLAG_MATINEE = 1;
export const SNAPSHOT_FLAG_VIEW_NOTES = 2;
/** Section-key slot without a key. */
export const SNAPSHOT_NO_KEY = 0xffff;

/** The JSON header: the dictionaries, and where each column's bytes are. */
interface Header extends Pick<
  RankedSnapshotColumns,
  'count' | 'ids' | 'shows' | 'cities' | 'dates' | 'performances' | 'sectionKeys'
> {
  sections: Record<string, [number, number]>;
}

/** A decoded snapshot: typed-array views over the bytes (no copy) plus the dictionaries. */
export interface RankedSnapshotColumns {
  count: number;
  ids: string[];
  shows: string[];
  /** Lower-cased. */
  cities: string[];
  /** Sorted ascending, so index order is date order. */
  dates: string[];
  performances: string[];
  /** Lower-cased: seat-map level, section id, broker section name. */
  sectionKeys: string[];
  allInCents: Int32Array;
  startsAtMs: Float64Array;
  dealScore: Float64Array;
  weekday: Uint8Array;
  flags: Uint8Array;
  show: Uint16Array;
  city: Uint16Array;
  date: Uint16Array;
  performance: Uint32Array;
  splitOffsets: Uint32Array;
  splitValues: Uint8Array;
  /** 3 per listing. */
  keys: Uint16Array;
  itemOffsets: Uint32Array;
  itemBytes: Uint8Array;
  orders: Record<RankSort, { order: Uint32Array; scores: Float64Array }>;
}

/** Lower-cased keys the `section` filter matches: the level, the section id, the broker's name. */
export function sectionKeysOfDoc(d: RankedListingDoc): string[] {
  const keys = [d.level, d.sectionId?.toLowerCase(), d.item.section.toLowerCase()];
  return [...new Set(keys.filter((k): k is string => typeof k === 'string'))];
}

/** RANK_SCORES of a doc for one sort. */
export function rankScoreOf(d: RankedListingDoc, sort: RankSort): number {
  return RANK_SCORES[sort]({
    dealScore: d.item.dealScore,
    allInCents: d.allInCents,
    seatQuality: d.item.seatQuality,
    startsAtMs: d.startsAtMs,
  });
}

/** Byte order of ASCII ids, as Redis orders equal-score zset members. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function encodeRankedSnapshot(docs: readonly RankedListingDoc[]): Uint8Array {
  const builder = new RankedSnapshotBuilder(docs.length);
  builder.add(docs);
  return builder.finish();
}

/** Bytes a RankedSnapshotBuilder's item JSON grows by at least. */
const ITEM_CHUNK = 1 << 20;
/**
 * Address space a RankedSnapshotBuilder reserves for its snapshot (pages are committed as it
 * grows, so this costs no memory): 4 GiB, the most Node 20 accepts for a resizable buffer
 * (its item offsets are 32-bit anyway; 10× today's inventory is ~100 MB).
 */
const MAX_SNAPSHOT_BYTES = 2 ** 32;

/** A resizable ArrayBuffer (ES2024; the compiler's lib is ES2023). */
interface ResizableArrayBuffer extends ArrayBuffer {
  readonly maxByteLength: number;
  resize(byteLength: number): void;
}
const ResizableArrayBuffer = ArrayBuffer as unknown as new (
  byteLength: number,
  options: { maxByteLength: number },
) => ResizableArrayBuffer;

/** A dictionary in order of first use (index by value). */
class Dictionary {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  of(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

/**
 * encodeRankedSnapshot of `count` docs handed over a batch at a time (in the order of the
 * snapshot's rows), so a full ranking never holds every doc at once: the bytes equal
 * encodeRankedSnapshot of all the docs in one array. Holds the columns and each listing's
 * sort inputs until finish(), and the item JSON (UTF-8) in the buffer finish() returns: a
 * resizable ArrayBuffer, grown as items come and then to the snapshot's size, the items moved
 * to their section in place. So the items (most of a snapshot's bytes) exist once, not once
 * in the builder and again in the snapshot it is copied into (~26 MB at 57,800 listings).
 */
export class RankedSnapshotBuilder {
  private n = 0;
  private readonly ids: string[] = [];
  private readonly shows = new Dictionary();
  private readonly cities = new Dictionary();
  private readonly dates = new Dictionary();
  private readonly performances = new Dictionary();
  private readonly sectionKeys = new Dictionary();
  private readonly allInCents: Int32Array;
  private readonly startsAtMs: Float64Array;
  private readonly dealScore: Float64Array;
  private readonly seatQuality: Float64Array;
  private readonly weekday: Uint8Array;
  private readonly flags: Uint8Array;
  private readonly show: Uint16Array;
  private readonly city: Uint16Array;
  private readonly date: Uint16Array;
  private readonly performance: Uint32Array;
  private readonly splitOffsets: Uint32Array;
  private readonly keys: Uint16Array;
  private readonly itemOffsets: Uint32Array;
  /** Item JSON, UTF-8, from byte 0 (finish() grows it into the snapshot). */
  private readonly out = new ResizableArrayBuffer(0, { maxByteLength: MAX_SNAPSHOT_BYTES });
  private itemLength = 0;
  private splitValues: number[] = [];
  private readonly enc = new TextEncoder();

  /** `itemChunk`: bytes the item JSON grows by at least (tests make it small). */
  constructor(
    readonly count: number,
    private readonly itemChunk = ITEM_CHUNK,
  ) {
    const n = count;
    this.allInCents = new Int32Array(n);
    this.startsAtMs = new Float64Array(n);
    this.dealScore = new Float64Array(n);
    this.seatQuality = new Float64Array(n);
    this.weekday = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.show = new Uint16Array(n);
    this.city = new Uint16Array(n);
    this.date = new Uint16Array(n);
    this.performance = new Uint32Array(n);
    this.splitOffsets = new Uint32Array(n + 1);
    this.keys = new Uint16Array(3 * n).fill(SNAPSHOT_NO_KEY);
    this.itemOffsets = new Uint32Array(n + 1);
  }

  /** The next docs, in row order. */
  add(docs: readonly RankedListingDoc[]): void {
    if (this.n + docs.length > this.count) throw new Error('ranked snapshot: more docs than announced');
    for (const d of docs) {
      const i = this.n++;
      this.ids.push(d.item.id);
      this.allInCents[i] = d.allInCents;
      this.startsAtMs[i] = d.startsAtMs;
      this.dealScore[i] = d.item.dealScore;
      this.seatQuality[i] = d.item.seatQuality;
      this.weekday[i] = WEEKDAY_INDEX[d.weekday];
      this.flags[i] =
        (d.matinee ? SNAPSHOT_FLAG_MATINEE : 0) | (d.item.viewNotes.length ? SNAPSHOT_FLAG_VIEW_NOTES : 0);
      this.show[i] = this.narrow(this.shows.of(d.showId));
      this.city[i] = this.narrow(this.cities.of(d.item.performance.city.toLowerCase()));
      // First-use index for now; finish() renumbers dates in sorted order.
      this.date[i] = this.narrow(this.dates.of(d.localDate));
      this.performance[i] = this.performances.of(d.item.performance.id);
      // Splits are 1..255 tickets (the API accepts quantity 1..50); larger ones can never match.
      for (const s of d.item.splits) if (s >= 1 && s <= 255) this.splitValues.push(s);
      this.splitOffsets[i + 1] = this.splitValues.length;
      const keyList = sectionKeysOfDoc(d);
      for (const k of keyList) this.sectionKeys.of(k);
      keyList.slice(0, 3).forEach((k, j) => (this.keys[3 * i + j] = this.narrow(this.sectionKeys.of(k))));
      const json = JSON.stringify(d.item);
      // Item JSON encoded straight into the output: no ArrayBuffer per listing, and growing
      // it copies nothing (a resizable buffer commits more of its reserved pages). UTF-8
      // takes at most 3 bytes per UTF-16 unit.
      const need = this.itemLength + 3 * json.length;
      if (need > this.out.byteLength) this.out.resize(Math.max(need, this.out.byteLength + this.itemChunk));
      const written = this.enc.encodeInto(json, new Uint8Array(this.out, this.itemLength)).written;
      this.itemLength += written;
      if (this.itemLength > 0xffffffff) throw new Error('ranked snapshot: item JSON outgrew 32-bit offsets');
      this.itemOffsets[i + 1] = this.itemLength;
    }
  }

  /** The snapshot's bytes; every announced doc must have been added. */
  finish(): Uint8Array {
    const n = this.count;
    if (this.n !== n) throw new Error(`ranked snapshot: ${this.n} of ${n} docs added`);
    if ([this.shows, this.cities, this.dates, this.sectionKeys].some((d) => d.list.length >= SNAPSHOT_NO_KEY))
      throw new Error('ranked snapshot: a dictionary outgrew 16 bits');
    const dates = [...this.dates.list].sort(compareIds);
    const dateIndex = new Map(dates.map((v, i) => [v, i]));
    const renumber = Uint16Array.from(this.dates.list, (v) => dateIndex.get(v)!);
    for (let i = 0; i < n; i++) this.date[i] = renumber[this.date[i]];
    const { ids } = this;
    const orders = {} as RankedSnapshotColumns['orders'];
    for (const sort of RANK_SORTS) {
      const score = RANK_SCORES[sort];
      const raw = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        raw[i] = score({
          dealScore: this.dealScore[i],
          allInCents: this.allInCents[i],
          seatQuality: this.seatQuality[i],
          startsAtMs: this.startsAtMs[i],
        });
      }
      // A plain array sorts with a comparator far faster than a typed array does.
      const order = Uint32Array.from(
        Array.from({ length: n }, (_, i) => i).sort((a, b) => raw[a] - raw[b] || compareIds(ids[a], ids[b])),
      );
      orders[sort] = { order, scores: Float64Array.from(order, (i) => raw[i]) };
    }
    const splitValues = Uint8Array.from(this.splitValues);
    this.splitValues = [];
    return encodeRankedColumns(
      {
        count: n,
        ids,
        shows: this.shows.list,
        cities: this.cities.list,
        dates,
        performances: this.performances.list,
        sectionKeys: this.sectionKeys.list,
        allInCents: this.allInCents,
        startsAtMs: this.startsAtMs,
        dealScore: this.dealScore,
        weekday: this.weekday,
        flags: this.flags,
        show: this.show,
        city: this.city,
        date: this.date,
        performance: this.performance,
        splitOffsets: this.splitOffsets,
        splitValues,
        keys: this.keys,
        itemOffsets: this.itemOffsets,
        itemBytes: new Uint8Array(0),
        orders,
      },
      { buffer: this.out, length: this.itemLength },
    );
  }

  private narrow(index: number): number {
    if (index >= SNAPSHOT_NO_KEY) throw new Error('ranked snapshot: a dictionary outgrew 16 bits');
    return index;
  }
}

/**
 * The bytes of a snapshot from its columns (the layout described at the top): what
 * decodeRankedSnapshot reads back as the same columns. `itemsInPlace`, when given, is a
 * resizable buffer holding the item bytes from byte 0 (c.itemBytes is then ignored): it is
 * grown into the snapshot and the items moved to their section, so they are never copied
 * into a second buffer (RankedSnapshotBuilder).
 */
export function encodeRankedColumns(
  c: RankedSnapshotColumns,
  itemsInPlace?: { buffer: ResizableArrayBuffer; length: number },
): Uint8Array {
  const enc = new TextEncoder();
  const items = itemsInPlace ? new Uint8Array(0) : c.itemBytes;
  const itemsLength = itemsInPlace ? itemsInPlace.length : items.byteLength;
  const parts: [string, ArrayBufferView][] = [
    ['allInCents', c.allInCents],
    ['startsAtMs', c.startsAtMs],
    ['dealScore', c.dealScore],
    ['weekday', c.weekday],
    ['flags', c.flags],
    ['show', c.show],
    ['city', c.city],
    ['date', c.date],
    ['performance', c.performance],
    ['splitOffsets', c.splitOffsets],
    ['splitValues', c.splitValues],
    ['keys', c.keys],
    ['itemOffsets', c.itemOffsets],
    ['itemBytes', items],
  ];
  for (const sort of RANK_SORTS)
    parts.push([`order:${sort}`, c.orders[sort].order], [`scores:${sort}`, c.orders[sort].scores]);

  const sections: Record<string, [number, number]> = {};
  let offset = 0;
  for (const [name, view] of parts) {
    const length = name === 'itemBytes' ? itemsLength : view.byteLength;
    sections[name] = [offset, length];
    offset += align8(length);
  }
  const header: Header = {
    count: c.count,
    ids: c.ids,
    shows: c.shows,
    cities: c.cities,
    dates: c.dates,
    performances: c.performances,
    sectionKeys: c.sectionKeys,
    sections,
  };
  const headerBytes = enc.encode(JSON.stringify(header));
  const start = align8(8 + headerBytes.length);
  const total = start + offset;
  let out: Uint8Array;
  if (itemsInPlace) {
    if (total > itemsInPlace.buffer.maxByteLength) throw new Error(`ranked snapshot: over ${total} bytes`);
    itemsInPlace.buffer.resize(Math.max(total, itemsInPlace.buffer.byteLength));
    out = new Uint8Array(itemsInPlace.buffer, 0, total);
    // Items to their section (copyWithin moves overlapping ranges correctly), then zeros
    // where they were and past them: the padding of a fresh buffer.
    const at = start + sections.itemBytes[0];
    out.copyWithin(at, 0, itemsLength);
    out.fill(0, 0, at);
    out.fill(0, at + itemsLength);
    itemsInPlace.buffer.resize(total);
  } else {
    out = new Uint8Array(total);
  }
  out.set(enc.encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, headerBytes.length, true);
  out.set(headerBytes, 8);
  for (const [name, view] of parts) {
    out.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), start + sections[name][0]);
  }
  return out;
}

/** Rows of one decoded snapshot to carry into a composed one: all, or those `keep` accepts. */
export interface SnapshotPart {
  columns: RankedSnapshotColumns;
  keep?: (row: number) => boolean;
}

/**
 * One snapshot from rows of others, without materialising docs: the all-shows index from
 * each show's snapshot, or a show's snapshot with some performances' rows replaced (the
 * held rows minus the changed performances, plus a snapshot of their new docs). Columns are
 * copied, dictionaries cut to what the kept rows use and indexes remapped, item JSON bytes copied as they are, and each sort's
 * order merged from the parts' own orders (already sorted by score, ties by id in byte
 * order), so the result equals encodeRankedSnapshot of the same docs. An id must appear in
 * one kept row at most.
 */
export function composeRankedSnapshot(parts: readonly SnapshotPart[]): Uint8Array {
  return encodeRankedColumns(composeRankedColumns(parts));
}

/**
 * composeRankedSnapshot's columns, not yet written as bytes: what a reader that only
 * queries them (search-api applying a delta) keeps, sparing a copy of every column and
 * the header's JSON round trip. encodeRankedColumns of them is composeRankedSnapshot's answer.
 */
export function composeRankedColumns(parts: readonly SnapshotPart[]): RankedSnapshotColumns {
  const kept = parts.map(({ columns: c, keep }) => {
    if (!keep) return Uint32Array.from({ length: c.count }, (_, i) => i);
    const rows = new Uint32Array(c.count);
    let m = 0;
    for (let i = 0; i < c.count; i++) if (keep(i)) rows[m++] = i;
    return rows.subarray(0, m);
  });
  const n = kept.reduce((sum, rows) => sum + rows.length, 0);
  /** Row of part p, row i → row of the output (-1 when dropped). */
  const outRow = parts.map(({ columns: c }) => new Int32Array(c.count).fill(-1));
  /**
   * A dictionary of the entries the kept rows use, in first-use order (or sorted), and each
   * part's remap (-1: unused). `column` holds `stride` dictionary indexes per row.
   */
  const remap = (
    names: (c: RankedSnapshotColumns) => string[],
    column: (c: RankedSnapshotColumns) => Uint16Array | Uint32Array,
    stride = 1,
    sorted = false,
  ) => {
    const values = new Set<string>();
    parts.forEach(({ columns: c }, p) => {
      const dict = names(c);
      const col = column(c);
      const seen = new Uint8Array(dict.length);
      for (const i of kept[p]) {
        for (let j = stride * i; j < stride * i + stride; j++) {
          const k = col[j];
          if (k < dict.length && !seen[k]) {
            seen[k] = 1;
            values.add(dict[k]);
          }
        }
      }
    });
    const list = [...values];
    if (sorted) list.sort(compareIds);
    const index = new Map(list.map((v, i) => [v, i]));
    return { list, of: parts.map(({ columns: c }) => Int32Array.from(names(c), (v) => index.get(v) ?? -1)) };
  };
  const shows = remap(
    (c) => c.shows,
    (c) => c.show,
  );
  const cities = remap(
    (c) => c.cities,
    (c) => c.city,
  );
  const dates = remap(
    (c) => c.dates,
    (c) => c.date,
    1,
    true,
  );
  const performances = remap(
    (c) => c.performances,
    (c) => c.performance,
  );
  // SNAPSHOT_NO_KEY is never below a dictionary's length (dictionaries stay under it).
  const sectionKeys = remap(
    (c) => c.sectionKeys,
    (c) => c.keys,
    3,
  );
  if ([shows, cities, dates, sectionKeys].some((d) => d.list.length >= SNAPSHOT_NO_KEY))
    throw new Error('ranked snapshot: a dictionary outgrew 16 bits');

  let splitTotal = 0;
  let itemTotal = 0;
  parts.forEach(({ columns: c }, p) => {
    for (const i of kept[p]) {
      splitTotal += c.splitOffsets[i + 1] - c.splitOffsets[i];
      itemTotal += c.itemOffsets[i + 1] - c.itemOffsets[i];
    }
  });
  const out: RankedSnapshotColumns = {
    count: n,
    ids: new Array<string>(n),
    shows: shows.list,
    cities: cities.list,
    dates: dates.list,
    performances: performances.list,
    sectionKeys: sectionKeys.list,
    allInCents: new Int32Array(n),
    startsAtMs: new Float64Array(n),
    dealScore: new Float64Array(n),
    weekday: new Uint8Array(n),
    flags: new Uint8Array(n),
    show: new Uint16Array(n),
    city: new Uint16Array(n),
    date: new Uint16Array(n),
    performance: new Uint32Array(n),
    splitOffsets: new Uint32Array(n + 1),
    splitValues: new Uint8Array(splitTotal),
    keys: new Uint16Array(3 * n).fill(SNAPSHOT_NO_KEY),
    itemOffsets: new Uint32Array(n + 1),
    itemBytes: new Uint8Array(itemTotal),
    orders: {} as RankedSnapshotColumns['orders'],
  };
  let o = 0;
  let splitAt = 0;
  let itemAt = 0;
  parts.forEach(({ columns: c }, p) => {
    const map = outRow[p];
    const showOf = shows.of[p];
    const cityOf = cities.of[p];
    const dateOf = dates.of[p];
    const performanceOf = performances.of[p];
    const keyOf = sectionKeys.of[p];
    // Item bytes (and splits) are copied a run of consecutive kept rows at a time (one
    // set() per run). No run yet: -1 never equals a row's first byte, so the first starts one.
    let runFrom = 0;
    let runTo = -1;
    let runAt = 0;
    let splitFrom = 0;
    let splitTo = -1;
    let splitRunAt = 0;
    const flush = () => {
      if (runTo > runFrom) out.itemBytes.set(c.itemBytes.subarray(runFrom, runTo), runAt);
      if (splitTo > splitFrom) out.splitValues.set(c.splitValues.subarray(splitFrom, splitTo), splitRunAt);
    };
    for (const i of kept[p]) {
      map[i] = o;
      out.ids[o] = c.ids[i];
      out.allInCents[o] = c.allInCents[i];
      out.startsAtMs[o] = c.startsAtMs[i];
      out.dealScore[o] = c.dealScore[i];
      out.weekday[o] = c.weekday[i];
      out.flags[o] = c.flags[i];
      out.show[o] = showOf[c.show[i]];
      out.city[o] = cityOf[c.city[i]];
      out.date[o] = dateOf[c.date[i]];
      out.performance[o] = performanceOf[c.performance[i]];
      for (let j = 0; j < 3; j++) {
        const k = c.keys[3 * i + j];
        if (k !== SNAPSHOT_NO_KEY) out.keys[3 * o + j] = keyOf[k];
      }
      const from = c.itemOffsets[i];
      const to = c.itemOffsets[i + 1];
      const sFrom = c.splitOffsets[i];
      const sTo = c.splitOffsets[i + 1];
      if (from !== runTo || sFrom !== splitTo) {
        flush();
        runFrom = from;
        runAt = itemAt;
        splitFrom = sFrom;
        splitRunAt = splitAt;
      }
      runTo = to;
      splitTo = sTo;
      itemAt += to - from;
      splitAt += sTo - sFrom;
      out.itemOffsets[o + 1] = itemAt;
      out.splitOffsets[o + 1] = splitAt;
      o++;
    }
    flush();
  });
  for (const sort of RANK_SORTS) out.orders[sort] = mergeOrders(parts, outRow, out.ids, sort, n);
  return out;
}

/**
 * K-way merge of the parts' sorted orders (kept rows only), ties by id in byte order. Each
 * part's order is first cut to its kept rows (as output rows) in one tight pass, then merged
 * (a delta's second part is a few rows: the merge is mostly a copy of the first).
 */
function mergeOrders(
  parts: readonly SnapshotPart[],
  outRow: readonly Int32Array[],
  ids: readonly string[],
  sort: RankSort,
  n: number,
): { order: Uint32Array; scores: Float64Array } {
  const lists = parts.map(({ columns }, p) => {
    const { order: po, scores: ps } = columns.orders[sort];
    const map = outRow[p];
    const rows = new Uint32Array(po.length);
    const scores = new Float64Array(po.length);
    let m = 0;
    for (let j = 0; j < po.length; j++) {
      const row = map[po[j]];
      if (row >= 0) {
        rows[m] = row;
        scores[m++] = ps[j];
      }
    }
    return { rows, scores, length: m };
  });
  const order = new Uint32Array(n);
  const scores = new Float64Array(n);
  const heads = new Int32Array(lists.length);
  for (let k = 0; k < n; k++) {
    let best = -1;
    let bestRow = 0;
    let bestScore = 0;
    for (let p = 0; p < lists.length; p++) {
      const list = lists[p];
      const h = heads[p];
      if (h >= list.length) continue;
      const row = list.rows[h];
      const score = list.scores[h];
      if (best < 0 || score < bestScore || (score === bestScore && ids[row] < ids[bestRow])) {
        best = p;
        bestRow = row;
        bestScore = score;
      }
    }
    order[k] = bestRow;
    scores[k] = bestScore;
    heads[best]++;
  }
  return { order, scores };
}

/** Decodes without copying the columns (copies once if the bytes are not 8-aligned). */
export function decodeRankedSnapshot(input: Uint8Array): RankedSnapshotColumns {
  // Typed views need aligned offsets; copy (new Uint8Array copies; Buffer#slice would not) when not.
  const bytes = input.byteOffset % 8 === 0 ? input : new Uint8Array(input);
  const dec = new TextDecoder();
  if (bytes.length < 8 || dec.decode(bytes.subarray(0, 4)) !== MAGIC)
    throw new Error('not a ranked snapshot (bad magic)');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4, true);
  const header = JSON.parse(dec.decode(bytes.subarray(8, 8 + headerLength))) as Header;
  const start = bytes.byteOffset + align8(8 + headerLength);
  const section = <T>(name: string, make: (b: ArrayBuffer, o: number, len: number) => T, size: number): T => {
    const s = header.sections[name];
    if (!s || start + s[0] + s[1] > bytes.byteOffset + bytes.byteLength)
      throw new Error(`ranked snapshot: section ${name} missing or truncated`);
    return make(bytes.buffer as ArrayBuffer, start + s[0], s[1] / size);
  };
  const u8 = (name: string) => section(name, (b, o, l) => new Uint8Array(b, o, l), 1);
  const u16 = (name: string) => section(name, (b, o, l) => new Uint16Array(b, o, l), 2);
  const u32 = (name: string) => section(name, (b, o, l) => new Uint32Array(b, o, l), 4);
  const f64 = (name: string) => section(name, (b, o, l) => new Float64Array(b, o, l), 8);
  const orders = {} as RankedSnapshotColumns['orders'];
  for (const sort of RANK_SORTS)
    orders[sort] = { order: u32(`order:${sort}`), scores: f64(`scores:${sort}`) };
  const columns: RankedSnapshotColumns = {
    count: header.count,
    ids: header.ids,
    shows: header.shows,
    cities: header.cities,
    dates: header.dates,
    performances: header.performances,
    sectionKeys: header.sectionKeys,
    allInCents: section('allInCents', (b, o, l) => new Int32Array(b, o, l), 4),
    startsAtMs: f64('startsAtMs'),
    dealScore: f64('dealScore'),
    weekday: u8('weekday'),
    flags: u8('flags'),
    show: u16('show'),
    city: u16('city'),
    date: u16('date'),
    performance: u32('performance'),
    splitOffsets: u32('splitOffsets'),
    splitValues: u8('splitValues'),
    keys: u16('keys'),
    itemOffsets: u32('itemOffsets'),
    itemBytes: u8('itemBytes'),
    orders,
  };
  if (columns.ids.length !== columns.count || columns.allInCents.length !== columns.count)
    throw new Error('ranked snapshot: column lengths disagree');
  return columns;
}

/** The item JSON of listing i, exactly as JSON.stringify(doc.item). */
export function snapshotItemJson(c: RankedSnapshotColumns, i: number, decoder = new TextDecoder()): string {
  return decoder.decode(c.itemBytes.subarray(c.itemOffsets[i], c.itemOffsets[i + 1]));
}

export function snapshotItem(c: RankedSnapshotColumns, i: number): ListingItemDto {
  return JSON.parse(snapshotItemJson(c, i)) as ListingItemDto;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
