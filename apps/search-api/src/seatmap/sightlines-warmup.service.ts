import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { listVenues, precomputeSightlines, seatMap } from '@hamiltix/venues';
import { performance } from 'node:perf_hooks';

/**
 * Computes every seat's sightline (and the seat maps that carry them) at start-up, so the
 * first listing page or seat map asked for does not pay for it (docs/domain.md §7).
 */
@Injectable()
export class SightlinesWarmup implements OnApplicationBootstrap {
  private readonly logger = new Logger(SightlinesWarmup.name);

  onApplicationBootstrap(): void {
    const t0 = performance.now();
    const seats = precomputeSightlines();
    for (const v of listVenues()) seatMap(v.id);
    this.logger.log(`sightlines of ${seats} seats precomputed in ${Math.round(performance.now() - t0)} ms`);
  }
}
