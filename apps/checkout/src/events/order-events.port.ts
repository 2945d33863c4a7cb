import type { EntityManager } from 'typeorm';

/**
 * The platform's transactional outbox and ops alerts, as checkout uses them. Wired to
 * OutboxService and AlertService of @hamiltix/platform; tests may record calls instead.
 */
export interface OutboxPort {
  enqueue(manager: EntityManager, subject: string, payload: unknown): Promise<unknown>;
}

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
