import type { OutboxRow } from '@hamiltix/platform';

/**
 * The platform's transactional outbox and ops alerts, as checkout uses them. The outbox
 * port turns an event into the row that the order's own statement inserts into `outbox`
 * (OrderOutbox); alerts go to AlertService of @hamiltix/platform; tests may record them.
 */
export interface OutboxPort {
  /** Validates the event and returns its outbox row values (throws MessageValidationError). */
  message(subject: string, payload: unknown): OutboxMessage;
}

/** One `outbox` row, ready for an INSERT, and the channel to NOTIFY at commit (the platform's OutboxRow). */
export type OutboxMessage = OutboxRow;

export interface AlertsPort {
  alert(alert: {
    kind: 'error' | 'purchase' | 'warning';
    title: string;
    message: string;
    dedupeKey?: string;
  }): unknown;
}

export const CHECKOUT_OUTBOX = Symbol('CHECKOUT_OUTBOX');
export const CHECKOUT_ALERTS = Symbol('CHECKOUT_ALERTS');
