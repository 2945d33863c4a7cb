import type { BrokerClient, BrokerEvent } from '@hamiltix/broker-client';
import type { AppConfig } from '@hamiltix/platform';
import { FetchInventory, forEachLimit } from './fetch-inventory.js';

const NOW = new Date('2026-12-01T12:00:00Z');

const event: BrokerEvent = {
  id: 1001,
  name: 'Hamilton',
  state: 'shown',
  occursAt: new Date('2026-12-03T00:00:00Z'),
  occursAtLocal: '2026-12-02T19:00:00-05:00',
  updatedAt: null,
  venue: { id: 7, name: 'Richard Rodgers Theatre', location: 'New York, NY' },
  configurationId: null,
  performers: [],
  availableCount: null,
  popularityScore: null,
};

describe('FetchInventory.fetchCatalogue', () => {
  it('takes an event repeated across the broker pages once, and does not count it skipped', async () => {
    const broker = {
      listEvents: () => Promise.resolve({ events: [event, event], skipped: [] }),
      close: () => undefined,
    } as unknown as BrokerClient;
    const config = { ingestion: { windowDays: 3 } } as unknown as AppConfig;
    const cat = await new FetchInventory(broker, config, { now: () => NOW }).fetchCatalogue(
      'hamilton',
      1,
      NOW,
    );
    expect(cat.performances.map((p) => p.id)).toEqual(['1001']);
    expect(cat.events).toHaveLength(1);
    expect(cat.skippedEvents).toBe(0);
  });
});

describe('forEachLimit', () => {
  it('starts no item after one fails (the others in flight finish), and rejects with that failure', async () => {
    const started: number[] = [];
    const run = forEachLimit([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      await new Promise((resolve) => setImmediate(resolve));
      if (n === 2) throw new Error('merge failed');
    });
    await expect(run).rejects.toThrow('merge failed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([1, 2, 3]);
  });
});
