/**
 * `changes`: the frequent pull that reads only events whose broker `updated_at` moved,
 * within the broker budget; the others read every event not read cleanly and recently.
 */
export type PullTrigger = 'schedule' | 'refresh' | 'startup' | 'changes';
export type PullOutcome = 'ok' | 'partial' | 'failed' | 'held-back' | 'skipped';

export interface EventFailure {
  eventId: number;
  error: string;
}

/** What POST /admin/refresh answers (and what each scheduled pull logs). */
export interface PullSummary {
  pullId: string;
  trigger: PullTrigger;
  outcome: PullOutcome;
  startedAt: string;
  durationMs: number;
  /** Valid listings the broker returned. */
  fetched: number;
  /** Listings written (added + changed). */
  upserted: number;
  added: number;
  changed: number;
  /** Listings marked gone. */
  removed: number;
  /** Broker rows left out (malformed, duplicate) and events whose venue is unknown. */
  skipped: number;
  priceChanges: number;
  events: number;
  eventsFailed: number;
  /** Events not re-read: the broker's updated_at is what we read cleanly last time. */
  eventsUnchanged: number;
  /** Changed events a changes pull left to the next one: the broker budget was spent. */
  eventsDeferred: number;
  failures: EventFailure[];
  /** Outbox message ids written (one per show with changes). */
  messages: string[];
  /** The relay took every message to JetStream before the answer (refresh waits briefly). */
  published: boolean;
  /**
   * Where the time went, ms: `brokerMs` until the last event was read and normalised
   * (Postgres merges batches meanwhile), `storeMs` after it (the last batch, removals,
   * catalogue, outbox, commit); `stageMs` and `mergeMs` are Postgres time summed over the
   * `batches`, most of it overlapped with the broker read; of `stageMs`, `probeMs` finds
   * which ids Postgres already has and `newMs` COPYs the new listings and their history.
   */
  timings: {
    brokerMs: number;
    storeMs: number;
    stageMs: number;
    mergeMs: number;
    batches?: number;
    probeMs?: number;
    newMs?: number;
  };
  /** Why the pull was held back or failed, when it was. */
  reason?: string;
}
