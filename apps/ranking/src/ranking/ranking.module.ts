import { Module } from '@nestjs/common';
import { InventoryChangedConsumer } from './inventory-changed.consumer.js';
import { OrderHoldsConsumer } from './order-holds.consumer.js';
import { RankedIndexWriter } from './ranked-index.writer.js';
import { RankingLock } from './ranking-lock.service.js';
import { RankingMetrics } from './ranking.metrics.js';
import { ShowListingsRepository } from './show-listings.repository.js';
import { ShowRanker } from './show-ranker.service.js';
import { StartupRebuild } from './startup-rebuild.service.js';

@Module({
  providers: [
    ShowListingsRepository,
    RankedIndexWriter,
    RankingMetrics,
    RankingLock,
    ShowRanker,
    InventoryChangedConsumer,
    OrderHoldsConsumer,
    StartupRebuild,
  ],
  exports: [ShowRanker, StartupRebuild],
})
export class RankingModule {}
