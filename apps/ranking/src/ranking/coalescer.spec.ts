import { Coalescer } from './coalescer.js';

describe('Coalescer', () => {
  it('runs a burst once more after the run in flight, not once per request', async () => {
    const c = new Coalescer();
    let runs = 0;
    let release!: () => void;
    const task = () =>
      new Promise<void>((resolve) => {
        runs++;
        release = resolve;
      });
    const first = c.run('hamilton', task);
    const burst = Array.from({ length: 10 }, () => c.run('hamilton', task));
    expect(runs).toBe(1);
    release();
    await first;
    await new Promise((r) => setImmediate(r));
    expect(runs).toBe(2);
    release();
    await Promise.all(burst);
    expect(runs).toBe(2);
    await c.idle();
  });

  it('keeps keys apart and survives a failing run', async () => {
    const c = new Coalescer();
    const order: string[] = [];
    await expect(c.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await Promise.all([
      c.run('a', async () => void order.push('a')),
      c.run('b', async () => void order.push('b')),
    ]);
    expect(order.sort()).toEqual(['a', 'b']);
  });
});
