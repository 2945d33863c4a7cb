import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Clock } from '@hamiltix/domain';
import { SavedSearchEntity } from '@hamiltix/persistence';
import { BadRequestError, CLOCK, ConflictError, UnavailableError } from '@hamiltix/platform';
import { confirmationMail } from '../mail/alert-mails.js';
import type { AlertLinks } from '../mail/alert-links.js';
import { MailTransport } from '../mail/mail-transport.js';
import { NotifierMetrics } from '../notifier.metrics.js';
import { ALERT_LINKS, MAX_SEARCHES_PER_ADDRESS, UNSUBSCRIBE_TOKENS } from '../notifier.tokens.js';
import { parseAlertRequest } from './alert-request.schema.js';
import { AlertRateLimiter } from './alert-rate-limiter.js';
import { addressKey, generateToken, hashToken, type UnsubscribeTokens } from './alert-tokens.js';
import { SavedSearchRepository } from './saved-search.repository.js';

/**
 * POST /api/v1/alerts: stores a pending saved search and mails the confirmation link (double
 * opt-in). Nothing else is ever mailed to the address until that link is followed.
 */
@Injectable()
export class CreateAlert {
  private readonly logger = new Logger(CreateAlert.name);

  constructor(
    private readonly searches: SavedSearchRepository,
    private readonly mail: MailTransport,
    private readonly limiter: AlertRateLimiter,
    private readonly metrics: NotifierMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ALERT_LINKS) private readonly links: AlertLinks,
    @Inject(UNSUBSCRIBE_TOKENS) private readonly unsubscribe: UnsubscribeTokens,
  ) {}

  async execute(body: unknown): Promise<{ id: string; status: 'pending'; message: string }> {
    const input = parseAlertRequest(body);
    if (!(await this.searches.showExists(input.showId))) {
      throw new BadRequestError(`show: no show "${input.showId}" is on sale (see GET /api/v1/shows).`, {
        details: { field: 'show' },
      });
    }
    const { limits } = this.limiter;
    await this.limiter.hit(
      `address:${addressKey(input.email)}`,
      limits.signupsPerAddressPerHour,
      3600,
      'Too many alert sign-ups for this address.',
    );
    const confirm = generateToken();
    const access = generateToken();
    const search = Object.assign(new SavedSearchEntity(), {
      id: randomUUID(),
      status: 'pending',
      email: input.email,
      showId: input.showId,
      filters: input.filters,
      targetMaxCents: input.targetMaxCents,
      targetMinQuality: input.targetMinQuality,
      accessTokenHash: hashToken(access),
      confirmTokenHash: hashToken(confirm),
      createdAt: this.clock.now(),
      confirmedAt: null,
      lastSentAt: null,
    } satisfies SavedSearchEntity);
    if (!(await this.searches.insertWithinLimit(search, MAX_SEARCHES_PER_ADDRESS))) {
      this.metrics.signups.inc({ outcome: 'limit' });
      throw new ConflictError(
        `This address already has ${MAX_SEARCHES_PER_ADDRESS} alerts. Delete one (the link is in each alert's mail) before adding another.`,
      );
    }
    try {
      await this.mail.send(
        confirmationMail(this.links, input.email, search, {
          confirm,
          access,
          unsubscribe: this.unsubscribe.tokenFor(search.id),
        }),
      );
      this.metrics.mailsSent.inc({ kind: 'confirmation' });
    } catch (error) {
      this.metrics.mailsFailed.inc({ kind: 'confirmation' });
      this.logger.warn(`confirmation mail for alert ${search.id} failed: ${(error as Error).message}`);
      // Nothing kept for a sign-up whose mail never left: the address goes with it.
      await this.searches.delete(search.id);
      throw new UnavailableError(
        'The confirmation email could not be sent just now; please try again shortly.',
        {
          retryAfterSeconds: 60,
        },
      );
    }
    this.metrics.signups.inc({ outcome: 'pending' });
    return {
      id: search.id,
      status: 'pending',
      message: 'Check your inbox: follow the link in the email we just sent to start the alert.',
    };
  }
}
