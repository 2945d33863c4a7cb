import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@hamiltix/domain';
import type { SavedSearchEntity } from '@hamiltix/persistence';
import { CLOCK, ConflictError, NotFoundError, UnauthorizedError } from '@hamiltix/platform';
import { NotifierMetrics } from '../notifier.metrics.js';
import { MAX_SEARCHES_PER_ADDRESS, UNSUBSCRIBE_TOKENS } from '../notifier.tokens.js';
import { alertView } from './alert-view.js';
import { tokenMatches, type UnsubscribeTokens } from './alert-tokens.js';
import { SavedSearchRepository } from './saved-search.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOT_FOUND = 'No such alert, or the link is not valid (it may have been deleted).';

/**
 * Reading, confirming, deleting and unsubscribing one saved search. Every operation needs a
 * token from the alert's mail; a wrong token answers the same 404 as an unknown id, so the
 * API never reveals whether an alert exists.
 */
@Injectable()
export class ManageAlert {
  constructor(
    private readonly searches: SavedSearchRepository,
    private readonly metrics: NotifierMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(UNSUBSCRIBE_TOKENS) private readonly unsubscribeTokens: UnsubscribeTokens,
  ) {}

  async get(id: string, authorization: unknown): Promise<Record<string, unknown>> {
    return alertView(await this.withAccess(id, authorization));
  }

  async delete(id: string, authorization: unknown): Promise<void> {
    const search = await this.withAccess(id, authorization);
    await this.searches.delete(search.id);
  }

  /** The link in the confirmation mail: pending → active (idempotent). */
  async confirm(id: string, token: unknown): Promise<Record<string, unknown>> {
    const search = await this.find(id);
    if (!tokenMatches(token, search.confirmTokenHash)) throw new NotFoundError(NOT_FOUND);
    if (search.status === 'pending') {
      const outcome = await this.searches.activate(
        search.id,
        search.email,
        this.clock.now(),
        MAX_SEARCHES_PER_ADDRESS,
      );
      if (outcome === 'limit') {
        throw new ConflictError(
          `This address already has ${MAX_SEARCHES_PER_ADDRESS} active alerts. Delete one before confirming another.`,
        );
      }
      this.metrics.signups.inc({ outcome: 'confirmed' });
    }
    return { id: search.id, status: 'active' };
  }

  /** RFC 8058 one-click unsubscribe (and the mail's unsubscribe page): the search and its address are deleted. */
  async unsubscribe(id: string, token: unknown): Promise<Record<string, unknown>> {
    if (!UUID.test(id) || !this.unsubscribeTokens.matches(id, token)) throw new NotFoundError(NOT_FOUND);
    await this.searches.delete(id);
    // Idempotent: a second click (or a provider's retry) finds nothing to delete and says the same.
    return { id, status: 'unsubscribed' };
  }

  private async find(id: string): Promise<SavedSearchEntity> {
    if (!UUID.test(id)) throw new NotFoundError(NOT_FOUND);
    const search = await this.searches.find(id);
    if (!search) throw new NotFoundError(NOT_FOUND);
    return search;
  }

  private async withAccess(id: string, authorization: unknown): Promise<SavedSearchEntity> {
    const token = bearer(authorization);
    const search = await this.find(id);
    if (!tokenMatches(token, search.accessTokenHash)) throw new NotFoundError(NOT_FOUND);
    return search;
  }
}

function bearer(authorization: unknown): string {
  if (typeof authorization !== 'string' || !/^Bearer [A-Za-z0-9_-]{1,200}$/.test(authorization)) {
    throw new UnauthorizedError(
      'Send the access token from the alert\'s email as "Authorization: Bearer <token>".',
    );
  }
  return authorization.slice(7);
}
