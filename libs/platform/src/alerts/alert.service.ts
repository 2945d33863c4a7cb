import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SUBJECTS, type OpsAlertV1 } from '@hamiltix/contracts';
import type { Clock } from '@hamiltix/domain';
import { CLOCK } from '../clock/clock.provider.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { correlationId } from '../logging/correlation.js';
import { MessagingService } from '../messaging/messaging.service.js';
import { ALERT_DEDUPE_WINDOW_MS, type AlertInput } from './alert.types.js';
import { AlertWebhookService } from './alert-webhook.service.js';
import { Deduplicator } from './deduplicator.js';

/**
 * Raises an ops alert: an unhandled error or a purchase. Published as `ops.alerts.v1`
 * on JetStream, where the alert sink (one consumer across all services) pushes it to
 * the ops phone. Without NATS (or when publishing fails) it is pushed directly.
 * Never throws: alerting must not break the request that raised it.
 */
@Injectable()
export class AlertService {
  private readonly logger = new Logger(AlertService.name);
  // Repeats are folded here too, so an error storm does not flood NATS.
  private readonly dedupe = new Deduplicator(ALERT_DEDUPE_WINDOW_MS);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly webhook: AlertWebhookService,
    @Optional() private readonly messaging?: MessagingService,
  ) {}

  alert(input: AlertInput): void {
    const key = input.dedupeKey ?? `${this.config.service}:${input.kind}:${input.title}`;
    const suppressed = this.dedupe.admit(key);
    if (suppressed === undefined) return;
    const alert: OpsAlertV1 = {
      kind: input.kind,
      service: this.config.service,
      title: input.title.slice(0, 250),
      message: (input.message + (suppressed ? ` (+${suppressed} similar)` : '')).slice(0, 1024),
      dedupeKey: key.slice(0, 200),
      correlationId: correlationId(),
      at: this.clock.now().toISOString(),
    };
    void this.send(alert);
  }

  private async send(alert: OpsAlertV1): Promise<void> {
    try {
      if (this.messaging) {
        await this.messaging.publishDurable(SUBJECTS.opsAlerts, alert, randomUUID());
        return;
      }
    } catch (error) {
      this.logger.warn({
        message: 'could not publish alert; pushing directly',
        reason: (error as Error).message,
      });
    }
    try {
      await this.webhook.deliver(alert);
    } catch (error) {
      this.logger.error({
        message: 'alert push failed',
        reason: (error as Error).message,
        title: alert.title,
      });
    }
  }
}
