import { toZonedIso } from '@hamiltix/domain';
import { utc } from '../http/query.js';
import type { Inventory } from '../inventory/inventory.js';
import type { SimEvent, SimVenue } from '../inventory/inventory.types.js';
import { HAMILTON_PERFORMER } from './sim-venues.js';

export function serializeVenue(venue: SimVenue): Record<string, unknown> {
  return {
    id: venue.id,
    name: venue.name,
    slug: venue.slug,
    location: venue.city,
    time_zone: venue.timeZone,
    address: { locality: venue.city },
  };
}

export function serializeEvent(event: SimEvent, inventory: Inventory): Record<string, unknown> {
  return {
    id: event.id,
    name: HAMILTON_PERFORMER.name,
    state: 'shown',
    occurs_at: utc(event.occursAt),
    occurs_at_local: toZonedIso(event.occursAt, event.venue.timeZone),
    updated_at: utc(inventory.eventUpdatedAt(event)),
    venue: { id: event.venue.id, name: event.venue.name, location: event.venue.city },
    configuration: { id: event.venue.configurationId, name: 'Full house' },
    performances: [
      { performer: { id: HAMILTON_PERFORMER.id, name: HAMILTON_PERFORMER.name }, primary: true },
    ],
    available_count: inventory.availableCount(event.id),
    popularity_score: event.popularity,
  };
}
