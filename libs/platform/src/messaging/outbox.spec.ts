import type { TestingModule } from '@nestjs/testing';
import { nanos } from '@nats-io/nats-core';
import { STREAMS, SUBJECTS, type InventoryChangedV1 } from '@hamiltix/contracts';
import { createDataSource } from '@hamiltix/persistence';
import { createTestDatabase, type TestDatabase } from '@hamiltix/persistence/testing';
import { startNatsServer, type PrivateServer } from '../testing/index.js';
import { MessageValidationError } from './messaging.errors.js';
import { MessagingMetrics } from './messaging-metrics.js';
import { MessagingService } from './messaging.service.js';
import { NatsConnectionService } from './nats-connection.service.js';
import { OutboxRelay } from './outbox-relay.service.js';
import { OutboxService } from './outbox.service.js';
import { inventoryChanged, messagingTestApp, waitFor } from './messaging.test-kit.js';

describe('outbox and idempotent consumers (real Postgres, private nats-server)', () => {
  let db: TestDatabase;
  let nats: PrivateServer;
  let app: TestingModule;
  let outbox: OutboxService;
  let relay: OutboxRelay;
  let messaging: MessagingService;
  let connection: NatsConnectionService;

  const streamCount = async (subject: string) => {
    const jsm = await connection.manager();
    const info = await jsm.streams.info(STREAMS.INVENTORY.name, { subjects_filter: subject });
    return info.state.subjects?.[subject] ?? 0;
  };
  const enqueueInTx = (subject: string, payload: unknown) =>
    db.dataSource.transaction((manager) => outbox.enqueue(manager, subject, payload));

  beforeAll(async () => {
    db = await createTestDatabase('messaging_outbox');
    nats = await startNatsServer();
    app = await messagingTestApp(nats.url, db);
    outbox = app.get(OutboxService);
    relay = app.get(OutboxRelay);
    messaging = app.get(MessagingService);
    connection = app.get(NatsConnectionService);
    await connection.waitUntilReady();
  });

  afterAll(async () => {
    await app?.close();
    await nats?.dispose();
    await db?.drop();
  });

  it('starts the relay on bootstrap and publishes an enqueued event within moments', async () => {
    expect(relay.isRunning).toBe(true);
    const subject = SUBJECTS.inventoryChanged('fast');
    const messageId = await enqueueInTx(subject, inventoryChanged(1, 'fast'));
    // NOTIFY at commit wakes the relay (typically a few ms: `npm run bench -- outbox-latency`,
    // where speed is measured). Here: it arrives, and the row is then marked published (the
    // relay marks it after JetStream's ack, so that can trail the message under load).
    await waitFor(async () => (await streamCount(subject)) === 1, 'the event in JetStream');
    await waitFor(async () => {
      const [row] = await db.dataSource.query('SELECT published_at FROM outbox WHERE message_id = $1', [
        messageId,
      ]);
      return row.published_at !== null;
    }, 'the outbox row marked published');
  });

  it('publishes nothing for a rolled-back transaction, and refuses invalid payloads', async () => {
    const subject = SUBJECTS.inventoryChanged('rollback');
    await expect(
      db.dataSource.transaction(async (manager) => {
        await outbox.enqueue(manager, subject, inventoryChanged(1, 'rollback'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await expect(enqueueInTx(subject, { showId: 'rollback' })).rejects.toBeInstanceOf(MessageValidationError);
    await new Promise((r) => setTimeout(r, 1_500)); // past a poll round
    expect(await streamCount(subject)).toBe(0);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE subject = $1`, [
      subject,
    ]);
    expect(n).toBe(0);
  });

  it('delivers every event written while NATS was down, once each and in order, after it returns', async () => {
    const subject = SUBJECTS.inventoryChanged('outage');
    await nats.stop();
    await waitFor(() => !connection.isHealthy(), 'the connection to notice the outage');
    const n = 30;
    for (let i = 0; i < n; i++) await enqueueInTx(subject, inventoryChanged(i, 'outage'));
    // The relay keeps trying (with backoff) and records why it failed.
    await waitFor(async () => {
      const [r] = await db.dataSource.query(
        `SELECT attempts, last_error FROM outbox WHERE subject = $1 ORDER BY id LIMIT 1`,
        [subject],
      );
      return r.attempts >= 2 && /NATS/.test(r.last_error ?? '');
    }, 'failed attempts recorded');

    await nats.start();
    await waitFor(
      async () => {
        const [{ pending }] = await db.dataSource.query(
          `SELECT count(*)::int AS pending FROM outbox WHERE subject = $1 AND published_at IS NULL`,
          [subject],
        );
        return pending === 0;
      },
      'the backlog to drain',
      20_000,
    );
    expect(await streamCount(subject)).toBe(n);

    const received: Array<{ added: number; messageId: string }> = [];
    const handle = messaging.consume<InventoryChangedV1>({
      stream: 'INVENTORY',
      durable: 'test-outage-reader',
      filterSubject: subject,
      concurrency: 1,
      handler: async (payload, meta) => {
        received.push({ added: payload.added, messageId: meta.messageId });
      },
    });
    try {
      await waitFor(() => received.length >= n, 'all events consumed');
      await new Promise((r) => setTimeout(r, 200));
      expect(received.map((r) => r.added)).toEqual([...Array(n).keys()]);
      expect(new Set(received.map((r) => r.messageId)).size).toBe(n);
      const ids = await db.dataSource.query(`SELECT message_id FROM outbox WHERE subject = $1 ORDER BY id`, [
        subject,
      ]);
      expect(received.map((r) => r.messageId)).toEqual(ids.map((r: { message_id: string }) => r.message_id));
    } finally {
      await handle.stop();
    }
  });

  it('a re-send by the relay (crash between publish and mark) is dropped by Nats-Msg-Id', async () => {
    const subject = SUBJECTS.inventoryChanged('resend');
    await relay.stop();
    try {
      const messageId = await enqueueInTx(subject, inventoryChanged(1, 'resend'));
      // As if a relay published it and died before marking the row.
      const [row] = await db.dataSource.query(`SELECT payload FROM outbox WHERE message_id = $1`, [
        messageId,
      ]);
      await messaging.publishDurable(subject, row.payload, messageId);
      expect(await relay.relayOnce()).toBe('idle');
      expect(await streamCount(subject)).toBe(1);
      const [after] = await db.dataSource.query(`SELECT published_at FROM outbox WHERE message_id = $1`, [
        messageId,
      ]);
      expect(after.published_at).not.toBeNull();
    } finally {
      relay.start();
    }
  });

  describe('idempotent consumer', () => {
    beforeAll(async () => {
      await db.dataSource.query(`CREATE TABLE test_counter (show_id text PRIMARY KEY, n integer NOT NULL)`);
    });

    const countingHandler =
      (failFirst: { remaining: number }) =>
      async (payload: InventoryChangedV1, meta: { manager?: import('typeorm').EntityManager }) => {
        await meta.manager!.query(
          `INSERT INTO test_counter (show_id, n) VALUES ($1, 1) ON CONFLICT (show_id) DO UPDATE SET n = test_counter.n + 1`,
          [payload.showId],
        );
        if (failFirst.remaining-- > 0) throw new Error('crash after writing');
      };
    const counter = async (showId: string) => {
      const rows = await db.dataSource.query(`SELECT n FROM test_counter WHERE show_id = $1`, [showId]);
      return rows[0]?.n ?? 0;
    };

    it('a handler failure rolls back its writes with the processed mark; the redelivery applies them once', async () => {
      const handle = messaging.consume<InventoryChangedV1>({
        stream: 'INVENTORY',
        durable: 'test-idem-fail',
        filterSubject: SUBJECTS.inventoryChanged('idemfail'),
        handler: countingHandler({ remaining: 1 }),
      });
      try {
        await enqueueInTx(SUBJECTS.inventoryChanged('idemfail'), inventoryChanged(1, 'idemfail'));
        await waitFor(async () => (await counter('idemfail')) === 1, 'the redelivery to be applied');
        await new Promise((r) => setTimeout(r, 300));
        expect(await counter('idemfail')).toBe(1);
        const marks = await db.dataSource.query(
          `SELECT * FROM processed_messages WHERE consumer = 'test-idem-fail'`,
        );
        expect(marks).toHaveLength(1);
      } finally {
        await handle.stop();
      }
    });

    it('a Postgres outage pauses the consumer and loses nothing (never dead-lettered)', async () => {
      const ds = createDataSource({ url: db.url, poolSize: 2 });
      await ds.initialize();
      const other = await messagingTestApp(nats.url, { url: db.url, dataSource: ds });
      const subject = SUBJECTS.inventoryChanged('pgdown');
      try {
        const handle = other.get(MessagingService).consume<InventoryChangedV1>({
          stream: 'INVENTORY',
          durable: 'test-pg-down',
          filterSubject: subject,
          maxDeliver: 1,
          handler: countingHandler({ remaining: 0 }),
        });
        await ds.destroy(); // Postgres "goes away" for this service
        await messaging.publishDurable(subject, inventoryChanged(1, 'pgdown'), 'pgdown-1');
        await new Promise((r) => setTimeout(r, 1_500));
        expect(await counter('pgdown')).toBe(0);
        expect(other.get(MessagingMetrics).snapshot().deadLettered).toBe(0);
        await ds.initialize(); // and comes back
        await waitFor(
          async () => (await counter('pgdown')) === 1,
          'the message after Postgres returns',
          20_000,
        );
        expect(other.get(MessagingMetrics).snapshot().deadLettered).toBe(0);
        await handle.stop();
      } finally {
        await other.close();
        if (ds.isInitialized) await ds.destroy();
      }
    });

    it('a redelivered message (same Nats-Msg-Id twice in the stream) changes nothing the second time', async () => {
      // Shrink the duplicate window so JetStream stores the second copy, as a redelivery would arrive.
      const jsm = await connection.manager();
      const info = await jsm.streams.info(STREAMS.INVENTORY.name);
      await jsm.streams.update(STREAMS.INVENTORY.name, { ...info.config, duplicate_window: nanos(100) });
      const subject = SUBJECTS.inventoryChanged('idemdup');
      const seen: string[] = [];
      const skippedBefore = app.get(MessagingMetrics).snapshot().duplicatesSkipped;
      const handler = countingHandler({ remaining: 0 });
      const handle = messaging.consume<InventoryChangedV1>({
        stream: 'INVENTORY',
        durable: 'test-idem-dup',
        filterSubject: subject,
        handler: async (payload, meta) => {
          seen.push(meta.messageId);
          await handler(payload, meta);
        },
      });
      try {
        const first = await messaging.publishDurable(subject, inventoryChanged(1, 'idemdup'), 'same-id');
        await new Promise((r) => setTimeout(r, 300));
        const second = await messaging.publishDurable(subject, inventoryChanged(1, 'idemdup'), 'same-id');
        expect(second.duplicate).toBe(false);
        expect(second.seq).toBeGreaterThan(first.seq);
        await waitFor(
          () => app.get(MessagingMetrics).snapshot().duplicatesSkipped === skippedBefore + 1,
          'the second copy to be skipped',
        );
        expect(seen).toEqual(['same-id']);
        expect(await counter('idemdup')).toBe(1);
      } finally {
        await handle.stop();
        await jsm.streams.update(STREAMS.INVENTORY.name, info.config);
      }
    });
  });
});
