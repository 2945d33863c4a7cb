import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@hamiltix/platform';
import { ALERT_LIMITS, AlertRateLimiter, DEFAULT_ALERT_LIMITS } from './alerts/alert-rate-limiter.js';
import { UnsubscribeTokens } from './alerts/alert-tokens.js';
import { AlertsController } from './alerts/alerts.controller.js';
import { CreateAlert } from './alerts/create-alert.use-case.js';
import { FormBodyParser } from './alerts/form-body.parser.js';
import { ManageAlert } from './alerts/manage-alert.use-case.js';
import { PendingSweeper } from './alerts/pending-sweeper.service.js';
import { SavedSearchRepository } from './alerts/saved-search.repository.js';
import { AlertLinks } from './mail/alert-links.js';
import { MailTransport } from './mail/mail-transport.js';
import { NotifyRanking } from './matching/notify-ranking.use-case.js';
import { RankingsUpdatedConsumer } from './matching/rankings-updated.consumer.js';
import { ShowListingsReader } from './matching/show-listings.reader.js';
import { NotifierMetrics } from './notifier.metrics.js';
import { ALERT_LINKS, UNSUBSCRIBE_TOKENS } from './notifier.tokens.js';

/** Saved searches, their API and the mail they cause. */
@Module({
  controllers: [AlertsController],
  providers: [
    { provide: ALERT_LIMITS, useValue: DEFAULT_ALERT_LIMITS },
    {
      provide: UNSUBSCRIBE_TOKENS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new UnsubscribeTokens(config.mail.tokenKey.reveal()),
    },
    {
      provide: ALERT_LINKS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new AlertLinks(config.siteOrigin),
    },
    AlertRateLimiter,
    SavedSearchRepository,
    MailTransport,
    NotifierMetrics,
    CreateAlert,
    ManageAlert,
    FormBodyParser,
    PendingSweeper,
    ShowListingsReader,
    NotifyRanking,
    RankingsUpdatedConsumer,
  ],
  exports: [NotifyRanking, PendingSweeper],
})
export class NotifierModule {}
