import { decodeRankedSnapshot, encodeRankedSnapshot } from '@hamiltix/contracts';
import { makeListings } from '../testing/ranked-fixture.js';
import type { RankedIndexReader } from './ranked-index.reader.js';
import { RankedSnapshot } from './ranked-snapshot.js';
import { RankedSnapshots } from './ranked-snapshots.js';

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
  const reader = {
    currentVersion: async () => pointer,
    loadSnapshot: async (scope: string, version: string) => {
      loads++;
      await gate(version).promise;
      return new RankedSnapshot(scope, version, columns);
    },
  } as unknown as RankedIndexReader;
  return {
    reader,
    gate,
    move: (v: string | null) => (pointer = v),
    loads: () => loads,
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('RankedSnapshots: a version change never stalls a request', () => {
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
