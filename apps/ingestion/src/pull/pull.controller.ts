import { Controller, HttpCode, Post } from '@nestjs/common';
import { PullService } from './pull.service.js';
import type { PullSummary } from './pull.types.js';

/** Operator endpoint on the service port only (never through the ingress). */
@Controller('admin')
export class PullController {
  constructor(private readonly pulls: PullService) {}

  /**
   * Pulls now and answers once the pull is stored and its outbox messages relayed:
   * `{ fetched, upserted, removed, skipped, durationMs, outcome, failures... }`.
   * 409 when another replica's pull holds the lock for more than 30 s.
   */
  @Post('refresh')
  @HttpCode(200)
  refresh(): Promise<PullSummary> {
    return this.pulls.pull('refresh');
  }
}
