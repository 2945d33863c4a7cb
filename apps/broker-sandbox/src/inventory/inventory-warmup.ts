import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Inventory } from './inventory.js';

/** Performances prepared per turn of the event loop: small, so requests are never held up. */
const CHUNK = 16;

/**
 * Generates every performance's seat pool in the background after start, a few at a time,
 * so the first full pull (ingestion at start, a benchmark) does not pay for all of them.
 */
@Injectable()
export class InventoryWarmup implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(InventoryWarmup.name);
  private stopped = false;

  constructor(private readonly inventory: Inventory) {}

  onApplicationBootstrap(): void {
    const started = performance.now();
    const events = this.inventory.events;
    let next = 0;
    const step = () => {
      if (this.stopped) return;
      const end = Math.min(next + CHUNK, events.length);
      for (; next < end; next++) this.inventory.prepare(events[next]);
      if (next < events.length) setImmediate(step);
      else
        this.logger.log({
          message: 'inventory ready',
          performances: events.length,
          ms: Math.round(performance.now() - started),
        });
    };
    setImmediate(step);
  }

  onModuleDestroy(): void {
    this.stopped = true;
  }
}
