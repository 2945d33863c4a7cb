import { Module } from '@nestjs/common';
import { APP_CONFIG, REDIS, type AppConfig } from '@hamiltix/platform';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { RankingsListener } from './cache/rankings-listener.service.js';
import { FrontCache } from './cache/front-cache.js';
import { ResponseCache } from './cache/response-cache.js';
import { CursorCodec } from './cursor/cursor.codec.js';
import { PostgresListings } from './fallback/postgres-listings.service.js';
import { DocsController } from './http/docs.controller.js';
import { HttpSetup } from './http/http-setup.service.js';
import { SearchMetrics } from './http/search-metrics.service.js';
import { ListingDetailService } from './listings/listing-detail.service.js';
import { ListingsController } from './listings/listings.controller.js';
import { ListingsService } from './listings/listings.service.js';
import { PerformancesController } from './performances/performances.controller.js';
import { PerformancesService } from './performances/performances.service.js';
import { RankedIndexReader } from './ranked-index/ranked-index.reader.js';
import { RankedSnapshots } from './ranked-index/ranked-snapshots.js';
import { SeatMapController } from './seatmap/seatmap.controller.js';
import { SightlinesWarmup } from './seatmap/sightlines-warmup.service.js';
import { SalesWindow } from './sales/sales-window.service.js';
import { KnownShows } from './shows/known-shows.service.js';
import { ShowsController } from './shows/shows.controller.js';
import { CURSOR_CODEC, FRONT_CACHE, RANKED_SNAPSHOTS, RESPONSE_CACHE } from './search.tokens.js';

/**
 * How often a scope's `current` pointer is re-read (one GET per scope per replica): a new
 * version is seen this soon after ranking swaps it in, before rankings.updated arrives
 * (ranking sends it after the all-shows index and the Postgres scores are written too).
 */
const POINTER_TTL_MS = 250;

@Module({
  controllers: [
    ShowsController,
    PerformancesController,
    ListingsController,
    SeatMapController,
    DocsController,
  ],
  providers: [
    HttpSetup,
    SalesWindow,
    SearchMetrics,
    PostgresListings,
    ListingsService,
    ListingDetailService,
    PerformancesService,
    RankingsListener,
    { provide: KnownShows, inject: [DataSource], useFactory: (db: DataSource) => new KnownShows(db) },
    SightlinesWarmup,
    {
      provide: RANKED_SNAPSHOTS,
      inject: [REDIS, SearchMetrics, SalesWindow],
      useFactory: (redis: Redis, metrics: SearchMetrics, sales: SalesWindow) =>
        new RankedSnapshots(
          new RankedIndexReader(redis),
          POINTER_TTL_MS,
          () => sales.nowMs(),
          (scope, ms) => metrics.snapshotLoad.observe({ scope }, ms / 1000),
        ),
    },
    {
      provide: FRONT_CACHE,
      inject: [RANKED_SNAPSHOTS, SalesWindow],
      useFactory: (snapshots: RankedSnapshots, sales: SalesWindow) => new FrontCache(snapshots, sales),
    },
    {
      provide: RESPONSE_CACHE,
      inject: [SalesWindow],
      useFactory: (sales: SalesWindow) => new ResponseCache(() => sales.nowMs()),
    },
    {
      provide: CURSOR_CODEC,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => CursorCodec.fromSharedSecret(config.search.cursorKey.reveal()),
    },
  ],
})
export class SearchModule {}
