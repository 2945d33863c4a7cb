/**
 * NATS subjects of docs/architecture.md "Messages". NEVER RENAME A PUBLISHED SUBJECT: consumers in
 * other services (and other versions of them) depend on it. A breaking change adds v2.
 */
export const SUBJECTS = {
  /** ingestion → ranking: listings added, changed or gone for one show. */
  inventoryChanged: (showId: string) => `inventory.changed.v1.${token(showId)}`,
  /** ranking → search-api: a new ranking was written; caches for that show are stale. */
  rankingsUpdated: (showId: string) => `rankings.updated.v1.${token(showId)}`,
  /**
   * ranking → search-api, core NATS (no stream: a lost one only delays freshness until
   * rankings.updated): what an incremental ranking changed, binary (ranked-delta.ts).
   */
  rankingsDelta: (showId: string) => `rankings.delta.v1.${token(showId)}`,
  /** checkout → ingestion, ops: an order was confirmed, failed or refunded. */
  orderEvent: (status: string) => `orders.events.v1.${token(status)}`,
  /** any → alert sink: an unhandled error or a purchase, for the ops phone push. */
  opsAlerts: 'ops.alerts.v1',
  /** Where a consumer puts a message it cannot accept (bad schema), with the reason in headers. */
  deadLetter: (subject: string) => `deadletter.v1.${subject}`,
} as const;

export const SUBJECT_PATTERNS = {
  inventoryChanged: 'inventory.changed.v1.*',
  rankingsUpdated: 'rankings.updated.v1.*',
  rankingsDelta: 'rankings.delta.v1.*',
  orderEvents: 'orders.events.v1.*',
  opsAlerts: 'ops.alerts.v1',
  deadLetter: 'deadletter.v1.>',
} as const;

/** JetStream streams (created idempotently at start by whoever uses them). */
export const STREAMS = {
  INVENTORY: { name: 'HAMILTIX_INVENTORY', subjects: [SUBJECT_PATTERNS.inventoryChanged] },
  RANKINGS: { name: 'HAMILTIX_RANKINGS', subjects: [SUBJECT_PATTERNS.rankingsUpdated] },
  ORDERS: { name: 'HAMILTIX_ORDERS', subjects: [SUBJECT_PATTERNS.orderEvents] },
  ALERTS: { name: 'HAMILTIX_ALERTS', subjects: [SUBJECT_PATTERNS.opsAlerts] },
  DEAD_LETTER: { name: 'HAMILTIX_DEAD_LETTER', subjects: [SUBJECT_PATTERNS.deadLetter] },
} as const;

export type StreamKey = keyof typeof STREAMS;

/** Header carrying the correlation id from HTTP through NATS. */
export const CORRELATION_HEADER = 'x-correlation-id';

function token(part: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) throw new Error(`invalid subject token "${part}"`);
  return part;
}
