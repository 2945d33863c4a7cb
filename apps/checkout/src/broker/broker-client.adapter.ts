import type { OnApplicationShutdown } from '@nestjs/common';
import {
  BrokerClient,
  BrokerHttpError,
  BrokerUnavailableError,
  signRequest,
  type BrokerListing,
  type BrokerOrder,
  type CreateOrderInput,
  type FetchLike,
} from '@hamiltix/broker-client';
import { BrokerNotAttemptedError, BrokerOrderRefusedError, type CheckoutBroker } from './checkout-broker.js';

export interface BrokerCredentials {
  baseUrl: string;
  token: string;
  secret: string;
  timeoutMs: number;
  /** The HTTP transport (checkout passes its keep-alive one); global `fetch` when absent. */
  fetch?: FetchLike;
}

/** CheckoutBroker over the shared BrokerClient (signed requests, timeouts, retries on reads, breaker). */
export class BrokerClientAdapter implements CheckoutBroker, OnApplicationShutdown {
  constructor(
    private readonly client: BrokerClient,
    private readonly credentials: BrokerCredentials,
    /** Releases what the client holds (breaker timers, pooled sockets); Nest calls it at shutdown. */
    private readonly release: () => void = () => undefined,
  ) {}

  onApplicationShutdown(): void {
    this.release();
  }

  async getListing(listingId: number): Promise<BrokerListing | undefined> {
    try {
      return await this.client.getListing(listingId);
    } catch (error) {
      if (error instanceof BrokerHttpError && (error.status === 404 || error.status === 410))
        return undefined;
      throw error;
    }
  }

  async createOrder(input: CreateOrderInput & { reference: string }): Promise<BrokerOrder> {
    try {
      return await this.client.createOrder(input);
    } catch (error) {
      if (error instanceof BrokerUnavailableError) throw new BrokerNotAttemptedError(error.message);
      // 4xx other than 408/429: the broker looked at the order and said no; nothing was placed.
      if (
        error instanceof BrokerHttpError &&
        error.status >= 400 &&
        error.status < 500 &&
        error.status !== 408 &&
        error.status !== 429
      ) {
        throw new BrokerOrderRefusedError(refusal(error.body), error.status);
      }
      throw error;
    }
  }

  async findOrder(ref: {
    reference: string;
    brokerOrderId?: string | null;
  }): Promise<BrokerOrder | undefined> {
    if (ref.brokerOrderId) {
      try {
        return await this.client.getOrder(ref.brokerOrderId);
      } catch (error) {
        if (!(error instanceof BrokerHttpError && error.status === 404)) throw error;
      }
    }
    return this.findByReference(ref.reference);
  }

  /**
   * `GET /v9/orders?reference=` — the only way to learn whether a POST whose answer was
   * lost placed an order. BrokerClient has no call for it yet, so it is signed here with
   * the same signing helper.
   */
  private async findByReference(reference: string): Promise<BrokerOrder | undefined> {
    const url = new URL('/v9/orders', this.credentials.baseUrl);
    url.searchParams.set('reference', reference);
    const signature = signRequest(this.credentials.secret, {
      method: 'GET',
      host: url.hostname,
      path: url.pathname,
      query: url.search,
    });
    const fetchFn = this.credentials.fetch ?? (globalThis.fetch as unknown as FetchLike);
    const res = await fetchFn(url.toString(), {
      method: 'GET',
      headers: { accept: 'application/json', 'x-token': this.credentials.token, 'x-signature': signature },
      signal: AbortSignal.timeout(this.credentials.timeoutMs),
    });
    const text = await res.text();
    if (res.status !== 200) throw new BrokerHttpError(res.status, text, 'GET', url.pathname);
    const rows = (JSON.parse(text) as { orders?: unknown }).orders;
    if (!Array.isArray(rows))
      throw new BrokerHttpError(res.status, 'no orders array in the answer', 'GET', url.pathname);
    const row = rows.find((r) => orderReference(r) === reference) as Record<string, unknown> | undefined;
    if (!row) return undefined;
    const item = (Array.isArray(row.items) ? row.items[0] : undefined) as
      { ticket_group_id?: unknown; quantity?: unknown } | undefined;
    return {
      id: row.id as number | string,
      state: String(row.state),
      totalCents: null,
      reference,
      ticketGroupId: typeof item?.ticket_group_id === 'number' ? item.ticket_group_id : null,
      quantity: typeof item?.quantity === 'number' ? item.quantity : null,
      reason: typeof row.rejection_reason === 'string' ? row.rejection_reason : null,
      raw: row,
    };
  }
}

function orderReference(row: unknown): string | undefined {
  const r = row as { client_reference?: unknown; reference?: unknown } | null;
  const value = r?.client_reference ?? r?.reference;
  return typeof value === 'string' ? value : undefined;
}

function refusal(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
    const text = parsed.message ?? parsed.error;
    if (typeof text === 'string' && text) return text.slice(0, 300);
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return body.slice(0, 300) || 'refused by the broker';
}
