import {
  BrokerClient,
  BrokerHttpError,
  type BrokerListing,
  type BrokerOrder,
  type CreateOrderInput,
} from '@hamiltix/broker-client';
import { BrokerOrderRefusedError, type CheckoutBroker } from './checkout-broker.js';

/** CheckoutBroker over the shared BrokerClient (signed requests, timeouts, retries on reads, breaker). */
export class BrokerClientAdapter implements CheckoutBroker {
  constructor(private readonly client: BrokerClient) {}

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
    try {
      return await this.client.getOrder(ref.brokerOrderId ?? ref.reference);
    } catch (error) {
      if (error instanceof BrokerHttpError && error.status === 404) return undefined;
      throw error;
    }
  }
}

function refusal(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
    const text = parsed.error ?? parsed.message;
    if (typeof text === 'string' && text) return text.slice(0, 300);
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return body.slice(0, 300) || 'refused by the broker';
}
