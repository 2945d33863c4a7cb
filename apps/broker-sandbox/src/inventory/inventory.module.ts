import { Global, Module } from '@nestjs/common';
import type { Clock } from '@hamiltix/domain';
import { APP_CONFIG, CLOCK, type AppConfig } from '@hamiltix/platform';
import { listVenues, type VenueData } from '@hamiltix/venues';
import { InventoryWarmup } from './inventory-warmup.js';
import { SandboxJournal } from '../store/sandbox-journal.js';
import { Inventory } from './inventory.js';
import { SandboxClock } from './sandbox-clock.js';

/** The seat maps the market is generated from (tests swap in fixtures). */
export const SANDBOX_VENUES = Symbol('SANDBOX_VENUES');

@Global()
@Module({
  providers: [
    { provide: SANDBOX_VENUES, useFactory: (): readonly VenueData[] => listVenues() },
    {
      provide: SandboxClock,
      useFactory: (config: AppConfig, clock: Clock) =>
        new SandboxClock(config.sandbox.clockSpeed, undefined, clock),
      inject: [APP_CONFIG, CLOCK],
    },
    {
      provide: Inventory,
      useFactory: (
        config: AppConfig,
        venues: readonly VenueData[],
        clock: SandboxClock,
        journal: SandboxJournal,
      ) => new Inventory(venues, { seed: config.sandbox.seed, scale: config.sandbox.scale }, clock, journal),
      inject: [APP_CONFIG, SANDBOX_VENUES, SandboxClock, SandboxJournal],
    },
    InventoryWarmup,
  ],
  exports: [Inventory, SandboxClock],
})
export class InventoryModule {}
