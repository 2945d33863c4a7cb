import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { OpsAlertV1 } from '@hamiltix/contracts';
import { MessagingService } from '../messaging/messaging.service.js';
import { AlertWebhookService } from './alert-webhook.service.js';

/** The shared durable consumer name: across every service, each alert is pushed once. */
export const ALERT_SINK_DURABLE = 'alert-sink';

/**
 * Consumes `ops.alerts.v1` and pushes each alert to the webhook. Runs in every service
 * that has NATS and a webhook URL; the durable consumer is shared, so one instance
 * handles each alert. A failed push is retried by redelivery.
 */
@Injectable()
export class AlertSinkService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AlertSinkService.name);

  constructor(
    private readonly messaging: MessagingService,
    private readonly webhook: AlertWebhookService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.webhook.enabled) return;
    await this.messaging.consume<OpsAlertV1>({
      stream: 'ALERTS',
      durable: ALERT_SINK_DURABLE,
      handler: async (alert) => {
        await this.webhook.deliver(alert);
      },
    });
    this.logger.log('alert sink consuming ops.alerts.v1');
  }
}
