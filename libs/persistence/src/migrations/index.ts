import type { MigrationInterface } from 'typeorm';
import { Initial1795715918385 } from './1795715918385-Initial.js';
import { ListingReservations1795716215493 } from './1795716215493-ListingReservations.js';

/** Every migration, in order. `npm run migration:generate -- Name` writes new ones; add them here. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [Initial1795715918385, ListingReservations1795716215493];
