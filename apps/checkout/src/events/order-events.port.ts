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

export interface OpsAlert {
  kind: 'error' | 'purchase' | 'warning';
  title: string;
  message: string;
  dedupeKey?: string;
}

export interface AlertsPort {
  alert(alert: OpsAlert): unknown;
}

/**
 * Sends an ops alert after the order's change is written: a failure to send (sync or async)
 * is logged as a warning, never thrown, so it cannot undo or repeat the change.
 */
export async function sendAlert(
  alerts: AlertsPort,
  logger: { warn(message: string): unknown },
  alert: OpsAlert,
  orderId: string,
): Promise<void> {
  try {
    await alerts.alert(alert);
  } catch (error) {
    logger.warn(`alert for ${orderId} not sent: ${(error as Error).message}`);
  }
}

export const CHECKOUT_OUTBOX = Symbol('CHECKOUT_OUTBOX');
export const CHECKOUT_ALERTS = Symbol('CHECKOUT_ALERTS');
