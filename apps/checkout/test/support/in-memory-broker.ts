import type { BrokerListing, BrokerOrder, CreateOrderInput } from '@hamiltix/broker-client';
import {
  BrokerNotAttemptedError,
  BrokerOrderRefusedError,
  type CheckoutBroker,
} from '../../src/broker/checkout-broker.js';

export type OrderBehaviour = 'accept' | 'reject' | 'refuse' | 'pending' | 'timeout' | 'unavailable';

/**
 * A CheckoutBroker substitute for use-case tests that need a broker behaving in a way
 * the sandbox cannot be told to (reject after authorisation, time out on ordering).
 * The purchase flow's end-to-end tests use the real broker sandbox.
 */
export class InMemoryBroker implements CheckoutBroker {
  readonly listings = new Map<number, BrokerListing>();
  readonly orders = new Map<string, BrokerOrder>();
  createOrderCalls = 0;
  behaviour: OrderBehaviour = 'accept';
  latencyMs = 0;
  /** The broker's own words for a refusal or a rejection (what buyers must never see). */
  brokerText?: string;
  private gate?: Promise<void>;

  /**
   * Holds every order POST (before the broker records the order) until the returned function
   * is called: a broker that answers late.
   */
  holdOrders(): () => void {
    let release!: () => void;
    this.gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.gate = undefined;
      release();
    };
  }

  addListing(partial: Partial<BrokerListing> & { id: number }): BrokerListing {
    const listing: BrokerListing = {
      eventId: 900001,
      section: 'Center Orchestra',
      row: 'F',
      availableQuantity: 4,
      splits: [1, 2, 3, 4],
      retailCents: 20_000,
      wholesaleCents: 18_000,
      format: 'Eticket',
      inHand: true,
      inHandOn: null,
      instantDelivery: true,
      publicNotes: null,
      viewType: null,
      wheelchair: false,
      signature: `sig-${partial.id}`,
      ...partial,
    };
    this.listings.set(listing.id, listing);
    return listing;
  }

  async getListing(listingId: number): Promise<BrokerListing | undefined> {
    await this.pause();
    const l = this.listings.get(listingId);
    return l ? { ...l } : undefined;
  }

  async createOrder(input: CreateOrderInput & { reference: string }): Promise<BrokerOrder> {
    this.createOrderCalls++;
    await this.pause();
    await this.gate;
    const existing = this.orders.get(input.reference);
    if (existing) return existing;
    if (this.behaviour === 'unavailable')
      throw new BrokerNotAttemptedError('broker unavailable (circuit open)');
    if (this.behaviour === 'refuse')
      throw new BrokerOrderRefusedError(this.brokerText ?? 'signature is stale', 422);
    const listing = this.listings.get(input.ticketGroupId);
    if (!listing || listing.availableQuantity < input.quantity)
      throw new BrokerOrderRefusedError('not enough tickets left', 422);
    const state =
      this.behaviour === 'accept' ? 'accepted' : this.behaviour === 'reject' ? 'rejected' : 'pending';
    const order: BrokerOrder = {
      id: 5000 + this.orders.size,
      state,
      totalCents: input.priceCents * input.quantity,
      reference: input.reference,
      ticketGroupId: input.ticketGroupId,
      quantity: input.quantity,
      reason: state === 'rejected' ? (this.brokerText ?? 'seller rejected') : null,
      raw: {},
    };
    this.orders.set(input.reference, order);
    // Like the broker: a placed order takes its seats at once; a rejection gives them back.
    if (state !== 'rejected') listing.availableQuantity -= input.quantity;
    if (this.behaviour === 'timeout') throw new Error('broker POST /v9/orders timed out after 10000 ms');
    return order;
  }

  async findOrder(ref: { reference: string }): Promise<BrokerOrder | undefined> {
    await this.pause();
    return this.orders.get(ref.reference);
  }

  /** Decides a pending order, as the broker would later. */
  decide(reference: string, state: 'accepted' | 'rejected'): void {
    const order = this.orders.get(reference);
    if (!order) return;
    const listing = this.listings.get(order.ticketGroupId ?? -1);
    if (state === 'rejected' && order.state !== 'rejected' && listing)
      listing.availableQuantity += order.quantity ?? 0;
    order.state = state;
    if (state === 'rejected') order.reason = this.brokerText ?? 'seller rejected';
  }

  private async pause(): Promise<void> {
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
  }
}
