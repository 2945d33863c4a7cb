import { collectYoungGarbage, releaseGarbageNow } from './collect-garbage.js';

describe('collectYoungGarbage', () => {
  it('frees a young Buffer just let go, without waiting for V8 to start a collection', async () => {
    const MiB = 1 << 20;
    // A Buffer made and dropped in a turn of its own, as ioredis's copy of a snapshot piece is.
    const made = await new Promise<number>((resolve) =>
      setImmediate(() => resolve(Buffer.allocUnsafe(16 * MiB).fill(1).length)),
    );
    const held = process.memoryUsage().arrayBuffers;
    collectYoungGarbage();
    // V8's sweeper frees the memory moments after the scavenge.
    let now = held;
    for (let i = 0; i < 100 && held - now < made; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      now = process.memoryUsage().arrayBuffers;
    }
    expect(held - now).toBeGreaterThanOrEqual(made);
  });
});

describe('releaseGarbageNow', () => {
  it('hands back the pages a dropped heap used (a plain full collection keeps them pooled)', async () => {
    const MiB = 1 << 20;
    const rss = () => process.memoryUsage().rss;
    // ~60 MB of objects, held across turns (promoted, as a full ranking's batches are), then dropped.
    const grow = async () => {
      const held: { i: number; s: string }[][] = [];
      for (let r = 0; r < 40; r++) {
        held.push(Array.from({ length: 20_000 }, (_, i) => ({ i, s: `item ${i} of ${r}` })));
        await new Promise((resolve) => setImmediate(resolve));
      }
      return rss();
    };
    const grown = await grow();
    await new Promise((resolve) => setImmediate(resolve));
    releaseGarbageNow();
    expect(grown - rss()).toBeGreaterThan(30 * MiB);
  });
});
