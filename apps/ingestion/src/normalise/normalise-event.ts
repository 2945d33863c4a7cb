import type { BrokerEvent } from '@hamiltix/broker-client';
import { toZonedIso } from '@hamiltix/domain';
import { storableText } from './storable-text.js';

export interface NormalisedPerformance {
  id: string;
  showId: string;
  venueId: string;
  /** Curtain, UTC. */
  startsAt: Date;
  /** The same instant in the venue's zone, e.g. 2026-12-05T20:00:00-05:00 (for logs and messages). */
  startsAtLocal: string;
  name: string;
  state: string;
  /** The broker's local time disagrees with the venue's zone: a data problem worth a log line. */
  zoneMismatch: boolean;
}

/** Broker event → performance. Times stay UTC; the local wall clock is judged in the venue's zone. Pure. */
export function normaliseEvent(
  e: BrokerEvent,
  showId: string,
  venue: { id: string; timeZone: string },
): NormalisedPerformance {
  const startsAtLocal = toZonedIso(e.occursAt, venue.timeZone);
  const brokerLocal = e.occursAtLocal?.replace(/\.\d+/, '');
  return {
    id: String(e.id),
    showId,
    venueId: venue.id,
    startsAt: e.occursAt,
    startsAtLocal,
    name: storableText(e.name),
    state: storableText(e.state),
    zoneMismatch:
      !!brokerLocal &&
      brokerLocal.slice(0, 19) + brokerLocal.slice(19).replace('Z', '+00:00') !== startsAtLocal,
  };
}
