import type { EntityManager } from 'typeorm';
import type { AlertsPort, OutboxPort } from '../../src/events/order-events.port.js';

/** Records outbox events (still written in the caller's transaction, into `outbox`) and alerts. */
export class RecordingOutbox implements OutboxPort {
  readonly events: { subject: string; payload: unknown }[] = [];
  async enqueue(manager: EntityManager, subject: string, payload: unknown): Promise<void> {
    await manager.query(
      `INSERT INTO outbox (message_id, subject, payload) VALUES (gen_random_uuid(), $1, $2)`,
      [subject, JSON.stringify(payload)],
    );
    this.events.push({ subject, payload });
  }
}

export class RecordingAlerts implements AlertsPort {
  readonly alerts: { kind: string; title: string; message: string }[] = [];
  alert(alert: { kind: 'error' | 'purchase' | 'warning'; title: string; message: string }): void {
    this.alerts.push(alert);
  }
}
