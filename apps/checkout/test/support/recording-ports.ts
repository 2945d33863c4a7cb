import type { AlertsPort } from '../../src/events/order-events.port.js';

/** Records alerts (order events are read back from the `outbox` table). */
export class RecordingAlerts implements AlertsPort {
  readonly alerts: { kind: string; title: string; message: string }[] = [];
  alert(alert: { kind: 'error' | 'purchase' | 'warning'; title: string; message: string }): void {
    this.alerts.push(alert);
  }
}
