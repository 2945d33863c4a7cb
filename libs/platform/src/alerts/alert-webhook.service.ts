import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { OpsAlertV1 } from '@hamiltix/contracts';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { REDIS } from '../redis/redis.providers.js';
import { ALERT_DEDUPE_WINDOW_MS, ALERT_SOUNDS } from './alert.types.js';
import { SharedDeduplicator } from './shared-deduplicator.js';

const WEBHOOK_TIMEOUT_MS = 5_000;

/**
 * Posts alerts to ALERT_WEBHOOK_URL in the Pushover API's form (title, message, sound;
 * token/user when configured), one push per de-duplication key per minute so an error
 * storm sends one push a minute, not thousands. With Redis the minute is shared by every
 * replica of every service (one push in total); without it, per process. Without a URL it only logs.
 */
@Injectable()
export class AlertWebhookService {
  private readonly logger = new Logger(AlertWebhookService.name);
  private readonly dedupe: SharedDeduplicator;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(REDIS) redis?: Redis,
  ) {
    this.dedupe = new SharedDeduplicator(ALERT_DEDUPE_WINDOW_MS, redis);
  }

  get enabled(): boolean {
    return Boolean(this.config.alerts.webhookUrl);
  }

  /** Returns true when a push was sent, false when folded into an earlier one or disabled. Throws when the push failed. */
  async deliver(alert: OpsAlertV1): Promise<boolean> {
    const url = this.config.alerts.webhookUrl;
    if (!url) return false;
    const key = alert.dedupeKey ?? `${alert.service}:${alert.kind}:${alert.title}`;
    const suppressed = await this.dedupe.admit(key);
    if (suppressed === undefined) return false;
    try {
      await this.push(url, alert, suppressed);
    } catch (error) {
      await this.dedupe.release(key);
      throw error;
    }
    this.logger.log({ message: 'alert pushed', kind: alert.kind, title: alert.title });
    return true;
  }

  private async push(url: string, alert: OpsAlertV1, suppressed: number): Promise<void> {
    const form = new URLSearchParams({
      title: alert.title.slice(0, 250),
      message: (alert.message + (suppressed ? ` (+${suppressed} similar in the last minute)` : '')).slice(
        0,
        1024,
      ),
      sound: ALERT_SOUNDS[alert.kind],
      timestamp: String(Math.floor(Date.parse(alert.at) / 1000)),
    });
    if (this.config.alerts.token) form.set('token', this.config.alerts.token.reveal());
    if (this.config.alerts.user) form.set('user', this.config.alerts.user.reveal());
    if (alert.kind === 'error') form.set('priority', '1');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`alert webhook answered ${response.status}`);
  }
}
