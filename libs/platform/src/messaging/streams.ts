import {
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { STREAMS } from '@hamiltix/contracts';
import { DUPLICATE_WINDOW_MS, STREAM_MAX_AGE_MS } from './messaging.constants.js';

/** The JetStream config of every stream of the contract. */
export function streamConfigs(): Array<Partial<StreamConfig> & { name: string }> {
  return Object.values(STREAMS).map((s) => ({
    name: s.name,
    subjects: [...s.subjects],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: nanos(STREAM_MAX_AGE_MS),
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    // Bounded even if a consumer is gone for the whole week: old messages go first.
    max_bytes: 1024 * 1024 * 1024,
    max_msg_size: 1024 * 1024,
    num_replicas: 1,
  }));
}

/**
 * Creates the streams, or updates them to the wanted config. Idempotent: safe at every
 * start and after every reconnect (a NATS server that lost its store gets them back).
 */
export async function ensureStreams(jsm: JetStreamManager): Promise<void> {
  for (const cfg of streamConfigs()) {
    const existing = await jsm.streams.info(cfg.name).catch(() => undefined);
    if (!existing) {
      await jsm.streams.add(cfg);
      continue;
    }
    const c = existing.config;
    const differs =
      c.max_age !== cfg.max_age ||
      c.duplicate_window !== cfg.duplicate_window ||
      c.max_bytes !== cfg.max_bytes ||
      JSON.stringify([...(c.subjects ?? [])].sort()) !== JSON.stringify([...(cfg.subjects ?? [])].sort());
    if (differs) {
      // storage and retention cannot change in place; the rest can.
      const { storage: _s, retention: _r, ...update } = cfg;
      await jsm.streams.update(cfg.name, update);
    }
  }
}
