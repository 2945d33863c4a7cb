import {
  ALL_SHOWS,
  decodeRankedSnapshot,
  encodeRankedColumns,
  encodeRankedSnapshot,
  type RankedDelta,
} from '@hamiltix/contracts';
import { cheaperBy, makeListings } from '../testing/ranked-fixture.js';
import type { RankedIndexReader } from './ranked-index.reader.js';
import { RankedSnapshot } from './ranked-snapshot.js';
import { AHEAD_OF_REDIS_MS, RankedSnapshots } from './ranked-snapshots.js';
import { collectGarbageSoon } from '@hamiltix/platform';

const columns = decodeRankedSnapshot(
  encodeRankedSnapshot(makeListings(50, 4, new Date('2026-06-10T15:00:00Z')).listings.map((l) => l.doc)),
);

/** A reader whose pointer we move and whose loads finish when we say so. */
function gatedReader() {
  let pointer: string | null = 'v1';
  const gates = new Map<string, { open: () => void; fail: (e: Error) => void; promise: Promise<void> }>();
  const gate = (version: string) => {
    let g = gates.get(version);
    if (!g) {
      let open!: () => void;
      let fail!: (e: Error) => void;
      const promise = new Promise<void>((res, rej) => {
        open = res;
        fail = rej;
      });
      g = { open, fail, promise };
      gates.set(version, g);
    }
    return g;
  };
  let loads = 0;
  /** All-shows version → the show version it is a copy of (a single show's index). */
  const copies = new Map<string, { scope: string; version: string }>();
  const reader = {
    currentVersion: async () => pointer,
    copiedShow: async (version: string) => copies.get(version),
    loadSnapshot: async (scope: string, version: string) => {
      loads++;
      await gate(version).promise;
      return new RankedSnapshot(scope, version, columns);
    },
  } as unknown as RankedIndexReader;
  return {
    reader,
    gate,
    copies,
    move: (v: string | null) => (pointer = v),
    loads: () => loads,
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('RankedSnapshots: a version change never stalls a request', () => {
  it('shares the columns of the show an all-shows version is a copy of (one show): read and held once', async () => {
    const r = gatedReader();
    r.copies.set('v1', { scope: 'hamilton', version: 'v1' });
    const snaps = new RankedSnapshots(r.reader, 1000, () => 0);
    const show = snaps.ready('hamilton');
    const all = snaps.ready(ALL_SHOWS);
    r.gate('v1').open();
    const [s, a] = await Promise.all([show, all]);
    expect(r.loads()).toBe(1);
    expect(a?.scope).toBe(ALL_SHOWS);
    expect(a?.columns).toBe(s?.columns);
    // Not a copy (several shows): read on its own.
    const other = gatedReader();
    const snaps2 = new RankedSnapshots(other.reader, 1000, () => 0);
    other.gate('v1').open();
    await Promise.all([snaps2.ready('hamilton'), snaps2.ready(ALL_SHOWS)]);
    expect(other.loads()).toBe(2);
  });

  it('loads the show an all-shows copy is of as that show, so asking for the show later reads nothing', async () => {
    const r = gatedReader();
    r.copies.set('v1', { scope: 'hamilton', version: 'v1' });
    const snaps = new RankedSnapshots(r.reader, 1000, () => 0);
    const all = snaps.ready(ALL_SHOWS);
    r.gate('v1').open();
    const a = await all;
    const s = await snaps.ready('hamilton');
    expect(r.loads()).toBe(1);
    expect(s?.scope).toBe('hamilton');
    expect(a?.columns).toBe(s?.columns);
  });

  it('answers null (Postgres) before the first load, then the previous version while the next one loads', async () => {
    const r = gatedReader();
    const snaps = new RankedSnapshots(r.reader, 1000, () => 0);
    expect(await snaps.get('hamilton')).toBeNull();
    expect(snaps.loading('hamilton')).toBe(true);
    r.gate('v1').open();
    expect((await snaps.ready('hamilton'))?.version).toBe('v1');
    expect(snaps.peek('hamilton')?.version).toBe('v1');

    r.move('v2');
    snaps.invalidate('hamilton');
    await tick();
    // The new version starts loading at once; requests keep the previous one, without waiting.
    expect(snaps.loading('hamilton')).toBe(true);
    for (let i = 0; i < 3; i++) expect((await snaps.get('hamilton'))?.version).toBe('v1');
    expect(snaps.peek('hamilton')).toBeUndefined();
    r.gate('v2').open();
    await tick();
    expect((await snaps.get('hamilton'))?.version).toBe('v2');
    expect(snaps.peek('hamilton')?.version).toBe('v2');
    expect(r.loads()).toBe(2);
  });

  it('asks for a collection after each load (its reads are garbage, and the version it replaced)', async () => {
    let pointer = 'v1';
    const reader = {
      currentVersion: async () => pointer,
      copiedShow: async () => undefined,
      // Each version its own bytes, as read from Redis.
      loadSnapshot: async (scope: string, version: string) =>
        new RankedSnapshot(scope, version, decodeRankedSnapshot(encodeRankedColumns(columns))),
    } as unknown as RankedIndexReader;
    let collections = 0;
    const snaps = new RankedSnapshots(
      reader,
      0,
      () => 0,
      undefined,
      () => collections++,
    );
    await snaps.ready('hamilton');
    expect(collections).toBe(1);
    pointer = 'v2';
    expect((await snaps.ready('hamilton'))?.version).toBe('v2');
    expect(collections).toBe(2);
  });

  it('collectGarbageSoon frees a dropped buffer without waiting for V8 to start a collection', async () => {
    const ref = new WeakRef(new Uint8Array(1 << 20));
    await tick();
    collectGarbageSoon(0);
    for (let i = 0; i < 100 && ref.deref(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(ref.deref()).toBeUndefined();
  });

  it('keeps the previous version when loading the new one fails, and retries later', async () => {
    let now = 0;
    const r = gatedReader();
    const snaps = new RankedSnapshots(r.reader, 1000, () => now);
    r.gate('v1').open();
    await snaps.ready('hamilton');
    r.move('v2');
    const failing = r.gate('v2');
    failing.promise.catch(() => undefined);
    failing.fail(new Error('Redis went away'));
    snaps.invalidate('hamilton');
    await tick();
    expect((await snaps.get('hamilton'))?.version).toBe('v1');
    expect(r.loads()).toBe(2);
    await tick();
    expect((await snaps.get('hamilton'))?.version).toBe('v1');
    expect(r.loads()).toBe(2);
    now += 2000;
    await snaps.get('hamilton');
    expect(r.loads()).toBe(3);
  });

  it('drops the scope when the index is emptied', async () => {
    const r = gatedReader();
    const snaps = new RankedSnapshots(r.reader, 0, () => 0);
    r.gate('v1').open();
    await snaps.ready('hamilton');
    r.move(null);
    expect(await snaps.get('hamilton')).toBeNull();
    expect(snaps.held()).toEqual({});
  });
});

describe('RankedSnapshots: ranked deltas', () => {
  const docs = makeListings(50, 4, new Date('2026-06-10T15:00:00Z')).listings.map((l) => l.doc);
  const performance = docs[0].item.performance.id;
  /** The delta re-pricing performance `performance`'s first listing, from `base` to `version`. */
  const deltaOf = (base: string, version: string): RankedDelta => ({
    showId: docs[0].showId,
    performances: [performance],
    scopes: [
      { scope: 'hamilton', base, version },
      { scope: ALL_SHOWS, base, version, copyOf: 'hamilton' },
    ],
    rows: decodeRankedSnapshot(
      encodeRankedSnapshot(
        cheaperBy(docs, docs[0].item.id, 100).filter((d) => d.item.performance.id === performance),
      ),
    ),
  });
  const price = (s: RankedSnapshot | null | undefined) => s?.item(docs[0].item.id)?.allInPrice.amount;

  it('moves a held scope to the new version without loading it, and keeps it while Redis still names the base', async () => {
    let now = 0;
    const r = gatedReader();
    const snaps = new RankedSnapshots(r.reader, 1000, () => now);
    r.gate('v1').open();
    await snaps.ready('hamilton');
    await snaps.ready(ALL_SHOWS);
    expect(r.loads()).toBe(2);

    expect(snaps.applyDelta(deltaOf('v1', 'v2'))).toEqual(['hamilton', ALL_SHOWS]);
    expect(snaps.peek('hamilton')?.version).toBe('v2');
    expect(price(await snaps.get('hamilton'))).toBe(docs[0].item.allInPrice.amount - 100);
    // The all-shows copy shares the show's new columns (applied once).
    expect((await snaps.get(ALL_SHOWS))?.columns).toBe((await snaps.get('hamilton'))?.columns);
    // Byte for byte what ranking writes to Redis as v2.
    const v2 = cheaperBy(docs, docs[0].item.id, 100);
    const expected = encodeRankedSnapshot([
      ...v2.filter((d) => d.item.performance.id !== performance),
      ...v2.filter((d) => d.item.performance.id === performance),
    ]);
    expect(Buffer.from(encodeRankedColumns((await snaps.get('hamilton'))!.columns))).toEqual(
      Buffer.from(expected),
    );

    // Redis still names v1 (ranking writes v2 after sending the delta): v2 stays.
    now += 2000;
    expect((await snaps.get('hamilton'))?.version).toBe('v2');
    // Redis catches up: nothing to load.
    r.move('v2');
    now += 2000;
    expect((await snaps.get('hamilton'))?.version).toBe('v2');
    expect(r.loads()).toBe(2);
  });

  it('leaves a scope held at another version to Redis, which it then loads from', async () => {
    let now = 0;
    const r = gatedReader();
    const snaps = new RankedSnapshots(r.reader, 1000, () => now);
    r.gate('v1').open();
    await snaps.ready('hamilton');
    // A delta from a base this replica never held (missed message, another replica ranked).
    expect(snaps.applyDelta(deltaOf('v0', 'v9'))).toEqual([]);
    expect((await snaps.get('hamilton'))?.version).toBe('v1');
    expect(price(await snaps.get('hamilton'))).toBe(docs[0].item.allInPrice.amount);
    r.move('v9');
    r.gate('v9').open();
    now += 2000;
    expect(await snaps.ready('hamilton')).toBeTruthy();
    expect((await snaps.get('hamilton'))?.version).toBe('v9');
    expect(r.loads()).toBe(2);
  });

  it('follows Redis when it names neither the base nor the new version, or once the wait is over', async () => {
    let now = 0;
    const r = gatedReader();
    const snaps = new RankedSnapshots(r.reader, 1000, () => now);
    r.gate('v1').open();
    await snaps.ready('hamilton');
    snaps.applyDelta(deltaOf('v1', 'v2'));
    // Ranking never wrote v2 (it failed): past AHEAD_OF_REDIS_MS, Redis's v1 wins again.
    now += AHEAD_OF_REDIS_MS + 1;
    expect(await snaps.ready('hamilton')).toBeTruthy();
    expect((await snaps.get('hamilton'))?.version).toBe('v1');
    // Another delta, then another version in Redis (a full ranking): loaded from Redis.
    snaps.applyDelta(deltaOf('v1', 'v2'));
    r.move('v3');
    r.gate('v3').open();
    now += 2000;
    await snaps.ready('hamilton');
    expect((await snaps.get('hamilton'))?.version).toBe('v3');
  });
});
