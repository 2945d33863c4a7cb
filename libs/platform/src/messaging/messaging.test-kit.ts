// Test helpers for the messaging specs (not part of the public API).
import { Global, Logger, Module, type Provider } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { APP_CONFIG, loadConfig } from '../config/config.js';
import { MessagingModule } from './messaging.module.js';

/** A Nest testing module with MessagingModule wired to a private NATS (and optionally a test database). */
export async function messagingTestApp(
  natsUrl: string,
  db?: { url: string; dataSource: DataSource },
): Promise<TestingModule> {
  const config = loadConfig('ranking', {
    NATS_URL: natsUrl,
    DATABASE_URL: db?.url,
    SHUTDOWN_TIMEOUT_MS: '3000',
    LOG_LEVEL: 'warn',
  });
  const providers: Provider[] = [{ provide: APP_CONFIG, useValue: config }];
  if (db) providers.push({ provide: DataSource, useValue: db.dataSource });

  @Global()
  @Module({ providers, exports: providers.map((p) => (p as { provide: unknown }).provide as symbol) })
  class TestGlobalsModule {}

  Logger.overrideLogger(['error']);
  const moduleRef = await Test.createTestingModule({
    imports: [TestGlobalsModule, MessagingModule.forRoot({ postgres: !!db })],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}

/** Polls `check` until it returns truthy, or fails after `timeoutMs` with `what`. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A valid inventory.changed.v1 payload; `n` goes in `added` so tests can check order. */
export function inventoryChanged(n: number, showId = 'hamilton') {
  return {
    showId,
    pullId: `pull-${n}`,
    performanceIds: ['1001'],
    added: n,
    changed: 0,
    removed: 0,
    at: new Date().toISOString(),
  };
}
