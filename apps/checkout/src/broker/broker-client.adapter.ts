import type { OnApplicationShutdown } from '@nestjs/common';
import {
  BrokerClient,
  BrokerHttpError,
  BrokerUnavailableError,
  type BrokerListing,
  type BrokerOrder,
  type CreateOrderInput,
} from '@hamiltix/broker-client';
import { BrokerNotAttemptedError, BrokerOrderRefusedError, type CheckoutBroker } from './checkout-broker.js';

/** CheckoutBroker over the shared BrokerClient (signed requests, timeouts, retries on reads, breaker). */
export class BrokerClientAdapter implements CheckoutBroker, OnApplicationShutdown {
  constructor(
    private readonly client: BrokerClient,
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
    // The broker keeps one order per reference: the only way to learn whether a POST
    // whose answer was lost placed an order.
    return (await this.client.findOrderByReference(ref.reference)) ?? undefined;
  }
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
