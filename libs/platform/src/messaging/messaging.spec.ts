import type { TestingModule } from '@nestjs/testing';
import { CORRELATION_HEADER, STREAMS, SUBJECTS, type InventoryChangedV1 } from '@hamiltix/contracts';
import { correlationId, runWithCorrelationId } from '../logging/correlation.js';
import { startNatsServer, type PrivateServer } from '../testing/index.js';
import { DEAD_LETTER_REASON_HEADER } from './messaging.constants.js';
import { MessageValidationError, RequestTimeoutError } from './messaging.errors.js';
import { MessagingMetrics } from './messaging-metrics.js';
import { MessagingService } from './messaging.service.js';
import { NatsConnectionService } from './nats-connection.service.js';
import { inventoryChanged, messagingTestApp, waitFor } from './messaging.test-kit.js';

describe('messaging (private nats-server, no Postgres)', () => {
  let nats: PrivateServer;
  let app: TestingModule;
  let messaging: MessagingService;
  let connection: NatsConnectionService;

  beforeAll(async () => {
    nats = await startNatsServer();
    app = await messagingTestApp(nats.url);
    messaging = app.get(MessagingService);
    connection = app.get(NatsConnectionService);
    await connection.waitUntilReady();
  });

  afterAll(async () => {
    await app?.close();
    await nats?.dispose();
  });

  it('creates every stream of the contract, idempotently', async () => {
    const jsm = await connection.manager();
    for (const s of Object.values(STREAMS)) {
      const info = await jsm.streams.info(s.name);
      expect(info.config.subjects).toEqual([...s.subjects]);
      expect(info.config.duplicate_window).toBe(120 * 1e9);
    }
    const { ensureStreams } = await import('./streams.js');
    await expect(ensureStreams(jsm)).resolves.toBeUndefined();
    await expect(connection.check()).resolves.toBeUndefined();
  });

  it('refuses to publish a payload that breaks the contract', async () => {
    expect(() => messaging.publish(SUBJECTS.rankingsUpdated('hamilton'), { showId: 'hamilton' })).toThrow(
      MessageValidationError,
    );
    await expect(
      messaging.publishDurable(SUBJECTS.inventoryChanged('hamilton'), { added: -1 }, 'x'),
    ).rejects.toThrow(/invalid message for "inventory\.changed\.v1\.hamilton"/);
  });

  it('request() fails with a clear timeout error when nobody answers in time', async () => {
    const nc = connection.require();
    const sub = nc.subscribe('test.silent'); // a responder that never replies
    try {
      const started = Date.now();
      const error = await messaging
        .request('test.silent', { q: 1 }, { timeoutMs: 300 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RequestTimeoutError);
      expect((error as Error).message).toBe('request to "test.silent" got no reply within 300 ms');
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      sub.unsubscribe();
    }
  });

  it('request() returns the reply and carries the correlation id', async () => {
    const nc = connection.require();
    const sub = nc.subscribe('test.echo', {
      callback: (_err, msg) => {
        msg.respond(JSON.stringify({ corr: msg.headers?.get(CORRELATION_HEADER) }));
      },
    });
    try {
      const reply = await runWithCorrelationId('corr-123', () =>
        messaging.request<{ corr: string }>('test.echo', {}),
      );
      expect(reply).toEqual({ corr: 'corr-123' });
    } finally {
      sub.unsubscribe();
    }
  });

  it('dead-letters an invalid message with the reason and keeps handling the next valid one', async () => {
    const seen: Array<{ payload: InventoryChangedV1; corr: string | undefined }> = [];
    const handle = messaging.consume<InventoryChangedV1>({
      stream: 'INVENTORY',
      durable: 'test-dead-letter',
      filterSubject: 'inventory.changed.v1.deadtest',
      handler: async (payload) => {
        seen.push({ payload, corr: correlationId() });
      },
    });
    try {
      const js = connection.jetstream();
      const subject = SUBJECTS.inventoryChanged('deadtest');
      await js.publish(subject, new TextEncoder().encode('{"showId": 42'), { msgID: 'bad-json' });
      await js.publish(subject, new TextEncoder().encode(JSON.stringify({ showId: 'deadtest' })), {
        msgID: 'bad-schema',
      });
      await runWithCorrelationId('corr-valid', () =>
        messaging.publishDurable(subject, inventoryChanged(7, 'deadtest'), 'good'),
      );

      await waitFor(() => seen.length === 1, 'the valid message');
      expect(seen[0].payload.added).toBe(7);
      expect(seen[0].corr).toBe('corr-valid');

      const dl = await connection.jetstream().consumers.get(STREAMS.DEAD_LETTER.name);
      const reasons: string[] = [];
      for (let i = 0; i < 2; i++) {
        const m = await dl.next({ expires: 5_000 });
        expect(m?.subject).toBe(SUBJECTS.deadLetter(subject));
        reasons.push(m?.headers?.get(DEAD_LETTER_REASON_HEADER) ?? '');
      }
      expect(reasons[0]).toMatch(/^invalid payload: not JSON/);
      expect(reasons[1]).toMatch(/^invalid payload: .*pullId/);
      expect(app.get(MessagingMetrics).snapshot().deadLettered).toBe(2);
    } finally {
      await handle.stop();
    }
  });

  it('retries a failing handler and dead-letters after maxDeliver', async () => {
    let calls = 0;
    const handle = messaging.consume<InventoryChangedV1>({
      stream: 'INVENTORY',
      durable: 'test-poison',
      filterSubject: 'inventory.changed.v1.poison',
      maxDeliver: 2,
      handler: async () => {
        calls++;
        throw new Error('boom');
      },
    });
    try {
      await messaging.publishDurable(
        SUBJECTS.inventoryChanged('poison'),
        inventoryChanged(1, 'poison'),
        'poison-1',
      );
      const dl = await connection.jetstream().consumers.get(STREAMS.DEAD_LETTER.name, undefined);
      const m = await waitFor(async () => {
        const next = await dl.next({ expires: 1_000 });
        return next && next.subject.endsWith('.poison') ? next : undefined;
      }, 'the poison message in the dead-letter stream');
      expect(m?.headers?.get(DEAD_LETTER_REASON_HEADER)).toBe('handler failed 2 times: boom');
      expect(calls).toBe(2);
    } finally {
      await handle.stop();
    }
  });

  it('lets an ops reader consume the dead-letter stream as it came (unvalidated)', async () => {
    const seen: unknown[] = [];
    const handle = messaging.consume<unknown>({
      stream: 'DEAD_LETTER',
      durable: 'test-dl-reader',
      filterSubject: SUBJECTS.deadLetter(SUBJECTS.inventoryChanged('deadtest')),
      handler: async (payload) => {
        seen.push(payload);
      },
    });
    try {
      await waitFor(() => seen.length === 2, 'both dead letters');
      expect(seen).toEqual(['{"showId": 42', { showId: 'deadtest' }]);
    } finally {
      await handle.stop();
    }
  });

  it("reports each durable consumer's backlog as it works through it", async () => {
    const seen: number[] = [];
    app.get(MessagingMetrics).onConsumerPending((consumer, n) => {
      if (consumer === 'test-lag') seen.push(n);
    });
    const n = 20;
    for (let i = 0; i < n; i++)
      await messaging.publishDurable(
        SUBJECTS.inventoryChanged('lag'),
        inventoryChanged(i, 'lag'),
        `lag-${i}`,
      );
    let handled = 0;
    const consumer = messaging.consume<InventoryChangedV1>({
      stream: 'INVENTORY',
      durable: 'test-lag',
      filterSubject: 'inventory.changed.v1.lag',
      handler: async () => {
        handled++;
      },
    });
    await waitFor(() => handled >= n, 'all messages handled');
    await consumer.stop();
    // The first delivery leaves the other 19 waiting; the last leaves none.
    expect(seen[0]).toBe(n - 1);
    expect(seen.at(-1)).toBe(0);
  });

  it('two replicas on the same durable never both handle one message', async () => {
    const other = await messagingTestApp(nats.url);
    try {
      await other.get(NatsConnectionService).waitUntilReady();
      const byReplica: string[][] = [[], []];
      const consumers = [messaging, other.get(MessagingService)].map((svc, i) =>
        svc.consume<InventoryChangedV1>({
          stream: 'INVENTORY',
          durable: 'test-shared',
          filterSubject: 'inventory.changed.v1.shared',
          handler: async (payload, meta) => {
            byReplica[i].push(meta.messageId);
            await new Promise((r) => setTimeout(r, payload.added % 3));
          },
        }),
      );
      const n = 200;
      for (let i = 0; i < n; i++) {
        await messaging.publishDurable(
          SUBJECTS.inventoryChanged('shared'),
          inventoryChanged(i, 'shared'),
          `shared-${i}`,
        );
      }
      await waitFor(() => byReplica[0].length + byReplica[1].length >= n, 'all messages handled');
      await new Promise((r) => setTimeout(r, 300)); // room for a wrong second delivery to show up
      const all = [...byReplica[0], ...byReplica[1]];
      expect(all).toHaveLength(n);
      expect(new Set(all).size).toBe(n);
      await Promise.all(consumers.map((c) => c.stop()));
    } finally {
      await other.close();
    }
  });
});

describe('messaging shutdown', () => {
  it('lets an in-flight handler finish and ack before the connection drains', async () => {
    const nats = await startNatsServer();
    const app = await messagingTestApp(nats.url);
    const observer = await messagingTestApp(nats.url);
    try {
      const messaging = app.get(MessagingService);
      await app.get(NatsConnectionService).waitUntilReady();
      let started = false;
      let finished = false;
      messaging.consume<InventoryChangedV1>({
        stream: 'INVENTORY',
        durable: 'test-shutdown',
        handler: async () => {
          started = true;
          await new Promise((r) => setTimeout(r, 500));
          finished = true;
        },
      });
      await messaging.publishDurable(
        SUBJECTS.inventoryChanged('slow'),
        inventoryChanged(1, 'slow'),
        'slow-1',
      );
      await waitFor(() => started, 'the handler to start');
      await app.close();
      expect(finished).toBe(true);
      const jsm = await observer.get(NatsConnectionService).manager();
      const info = await jsm.consumers.info(STREAMS.INVENTORY.name, 'test-shutdown');
      expect(info.num_ack_pending).toBe(0);
      expect(info.ack_floor.stream_seq).toBe(1);
    } finally {
      await app.close();
      await observer.close();
      await nats.dispose();
    }
  });
});

describe('messaging when NATS is away at start', () => {
  it('starts anyway, reports not ready, and connects once NATS comes', async () => {
    const nats = await startNatsServer();
    await nats.stop();
    const app = await messagingTestApp(nats.url);
    try {
      const connection = app.get(NatsConnectionService);
      expect(connection.isHealthy()).toBe(false);
      await expect(connection.check()).rejects.toThrow(
        /^NATS unavailable: connecting \(servers nats:\/\/127\.0\.0\.1:\d+\)$/,
      );
      expect(() =>
        app.get(MessagingService).publish(SUBJECTS.inventoryChanged('x'), inventoryChanged(1, 'x')),
      ).toThrow(/NATS unavailable/);
      await nats.start();
      await waitFor(() => connection.isHealthy(), 'connection after NATS starts');
      await expect(connection.check()).resolves.toBeUndefined();
    } finally {
      await app.close();
      await nats.dispose();
    }
  });
});
