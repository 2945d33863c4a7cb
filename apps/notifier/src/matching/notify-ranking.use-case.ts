import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ListingItemDto } from '@hamiltix/contracts';
import { onSaleStartsAfter, type Clock } from '@hamiltix/domain';
import { APP_CONFIG, CLOCK, type AppConfig } from '@hamiltix/platform';
import { SavedSearchRepository, type ActiveSearchRow } from '../alerts/saved-search.repository.js';
import type { UnsubscribeTokens } from '../alerts/alert-tokens.js';
import { priceAlertMail } from '../mail/alert-mails.js';
import type { AlertLinks } from '../mail/alert-links.js';
import { MailTransport } from '../mail/mail-transport.js';
import { NotifierMetrics } from '../notifier.metrics.js';
import { ALERT_LINKS, UNSUBSCRIBE_TOKENS } from '../notifier.tokens.js';
import { matchSearches } from './matcher.js';
import { ShowListingsReader } from './show-listings.reader.js';

export interface NotifyOutcome {
  searches: number;
  listings: number;
  matched: number;
  sent: number;
  failed: number;
}

/**
 * A new ranking of one show → the mails it causes. Only active searches that have not been
 * mailed within ALERT_MIN_INTERVAL_MINUTES take part; each gets at most one mail, naming the
 * listings that newly reach its target (a listing mailed before only if it is cheaper now).
 * The send is claimed in Postgres first (so two replicas never both mail a search), and the
 * prices are recorded once the SMTP server took the message; a failed send releases the claim.
 */
@Injectable()
export class NotifyRanking {
  private readonly logger = new Logger(NotifyRanking.name);

  constructor(
    private readonly searches: SavedSearchRepository,
    private readonly listings: ShowListingsReader,
    private readonly mail: MailTransport,
    private readonly metrics: NotifierMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ALERT_LINKS) private readonly links: AlertLinks,
    @Inject(UNSUBSCRIBE_TOKENS) private readonly unsubscribe: UnsubscribeTokens,
  ) {}

  async execute(showId: string): Promise<NotifyOutcome> {
    const started = performance.now();
    const now = this.clock.now();
    const sentBefore = new Date(now.getTime() - this.config.mail.minIntervalMinutes * 60_000);
    const searches = await this.searches.activeForShow(showId, sentBefore);
    const outcome: NotifyOutcome = { searches: searches.length, listings: 0, matched: 0, sent: 0, failed: 0 };
    if (!searches.length) return outcome;

    const startsAfter = onSaleStartsAfter(now, this.config.sales);
    const columns = await this.listings.columns(showId, startsAfter);
    outcome.listings = columns.size;
    const matches = matchSearches(columns, searches, { startsAfterMs: startsAfter.getTime() });
    const items = await this.listings.items([
      ...new Set(matches.flatMap((m) => m.listings.map((i) => columns.ids[i]!))),
    ]);
    const byId = new Map(searches.map((s) => [s.id, s]));
    for (const match of matches) {
      const search = byId.get(match.searchId)!;
      const listed = match.listings
        .map((i) => items.get(columns.ids[i]!))
        .filter((item): item is ListingItemDto => item !== undefined);
      if (!listed.length) continue;
      outcome.matched += listed.length;
      this.metrics.matches.inc(listed.length);
      const result = await this.send(search, listed, now, sentBefore);
      if (result === 'sent') outcome.sent++;
      else if (result === 'failed') outcome.failed++;
    }
    this.metrics.matchDuration.observe((performance.now() - started) / 1000);
    this.logger.log(
      `ranking of ${showId}: ${outcome.searches} search(es) due, ${outcome.listings} listing(s), ${outcome.matched} match(es), ${outcome.sent} mail(s) sent, ${outcome.failed} failed, ${Math.round(performance.now() - started)} ms`,
    );
    return outcome;
  }

  private async send(
    search: ActiveSearchRow,
    listed: ListingItemDto[],
    now: Date,
    sentBefore: Date,
  ): Promise<'sent' | 'failed' | 'claimed elsewhere'> {
    // Another replica mailed this search meanwhile: its mail covers these listings' time.
    if (!(await this.searches.claimSend(search.id, now, sentBefore))) return 'claimed elsewhere';
    try {
      await this.mail.send(
        priceAlertMail(this.links, search.email, search, listed, this.unsubscribe.tokenFor(search.id)),
      );
    } catch (error) {
      this.metrics.mailsFailed.inc({ kind: 'alert' });
      this.logger.warn(`alert mail for saved search ${search.id} failed: ${(error as Error).message}`);
      await this.searches.releaseSend(search.id, search.lastSentAt);
      return 'failed';
    }
    this.metrics.mailsSent.inc({ kind: 'alert' });
    await this.searches.recordNotified(
      search.id,
      listed.map((l) => ({ listingId: l.id, allInCents: l.allInPrice.amount })),
      now,
    );
    return 'sent';
  }
}
