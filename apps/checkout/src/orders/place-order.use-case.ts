import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { BrokerListing, BrokerOrder } from '@hamiltix/broker-client';
import {
  allInPrice,
  allowsQuantity,
  isOnSale,
  normaliseSplits,
  type PriceBreakdown,
  type Clock,
  type FeeSchedule,
  type SalesPolicy,
} from '@hamiltix/domain';
import type { DataSource } from 'typeorm';
import {
  BrokerNotAttemptedError,
  BrokerOrderRefusedError,
  orderOutcome,
  type CheckoutBroker,
} from '../broker/checkout-broker.js';
import type { IdempotencyStore } from '../idempotency/idempotency.store.js';
import {
  PaymentProviderError,
  type AuthorisationResult,
  type PaymentProvider,
} from '../payments/payment-provider.js';
import { generateAccessToken, hashAccessToken, hashRequest } from './access-token.js';
import {
  answerFromOrder,
  authenticationRequired,
  brokerUnavailable,
  created,
  orderNotFound,
  paymentDeclined,
  paymentProviderDown,
  performanceClosed,
  priceChanged,
  sellerRefused,
  soldOut,
  wrongQuantity,
} from './order-answers.js';
import { parseOrderRequest, type PlaceOrderBody } from './order-request.schema.js';
import type { OrderSettlement } from './order-settlement.service.js';
import { OPEN_STATUSES, type NewOrder, type OrderRecord, type OrderRepository } from './order.repository.js';
import { isReplayable, problem, type HttpOutcome } from './outcome.js';

export interface PlaceOrderCommand {
  /** The raw `Idempotency-Key` header. */
  idempotencyKey: unknown;
  /** The raw JSON body. */
  body: unknown;
}

export interface PlaceOrderOptions {
  fees: FeeSchedule;
  /** When performances stop selling (SALES_CUTOFF_MINUTES), judged on `clock`. */
  sales: SalesPolicy;
  clock: Clock;
  /** How long the request waits for a pending broker order to be accepted or rejected before answering 202. */
  brokerPendingWaitMs: number;
  brokerPollMs: number;
  /**
   * Hamiltix's client account at the broker, which every order is placed for (the buyer's
   * details stay with Hamiltix). The sandbox accepts any id.
   */
  brokerClientId: number;
}

export const DEFAULT_PLACE_ORDER_OPTIONS: Omit<PlaceOrderOptions, 'fees' | 'sales' | 'clock'> = {
  brokerPendingWaitMs: 4_000,
  brokerPollMs: 40,
  brokerClientId: 1,
};

/** A re-quote that passed every check: the broker's listing now and its all-in price. */
interface Quote {
  listing: BrokerListing;
  price: PriceBreakdown;
}

/** Set once the order exists, so failures know whether there is an order to answer from. */
interface PurchaseState {
  orderId?: string;
  /** The answer was stored for the key with the confirmation itself (no separate `complete`). */
  answerStored?: boolean;
  /** The order goes on (it awaits the buyer's authentication of the payment): the key stays in progress. */
  keepKey?: boolean;
}

/**
 * POST /api/v1/orders: validate, claim the idempotency key, re-quote with the broker,
 * hold the seats in Postgres, authorise the payment, place the broker order, then capture
 * (accepted) or void (rejected). The buyer pays only for an accepted order; anything left
 * open by a crash or an unknown broker answer is settled by the reconciler.
 */
export class PlaceOrder {
  private readonly logger = new Logger(PlaceOrder.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyStore,
    private readonly orders: OrderRepository,
    private readonly settlement: OrderSettlement,
    private readonly payments: PaymentProvider,
    private readonly broker: CheckoutBroker,
    private readonly options: PlaceOrderOptions,
  ) {}

  async execute(command: PlaceOrderCommand): Promise<HttpOutcome> {
    const parsed = parseOrderRequest(command.idempotencyKey, command.body);
    if (!parsed.ok) return parsed.outcome;
    const { key, body } = parsed;

    const claim = await this.idempotency.claim(key, hashRequest(body));
    switch (claim.kind) {
      case 'replay':
        return claim.outcome;
      case 'mismatch':
        return problem(
          422,
          'This Idempotency-Key was already used for a different order. Use a new key for a new order.',
        );
      case 'busy':
        return problem(
          409,
          'An order with this Idempotency-Key is still being processed. Retry with the same key in a moment.',
          { reason: 'in_progress' },
          { 'Retry-After': '1' },
        );
      case 'resume':
        return this.resume(key, claim.orderId, claim.accessToken);
      case 'continue':
      case 'claimed':
        break;
    }

    const state: PurchaseState = claim.kind === 'continue' ? { orderId: claim.orderId } : {};
    let outcome: HttpOutcome;
    try {
      outcome =
        claim.kind === 'continue'
          ? await this.continueAfterAction(key, claim.orderId, claim.accessToken, state)
          : await this.purchase(key, body, state);
    } catch (error) {
      // Unexpected (e.g. Postgres away). Without an order the key is freed for a retry; with
      // one it stays claimed, so a retry after the lease answers from that order instead of buying twice.
      if (!state.orderId) await this.idempotency.release(key).catch(() => undefined);
      // A 3-D Secure continuation took the key's "awaiting the buyer's check" mark: put it
      // back, so the buyer's retry continues the order (which answers from its own state if it
      // moved on) instead of waiting out the lease for a 202.
      else if (claim.kind === 'continue')
        await this.idempotency.awaitAction(key, claim.orderId).catch(() => undefined);
      throw error;
    }
    // Final answers are kept for the key; transient failures (5xx, nothing charged) free it,
    // unless their order is still open (a void to retry): then the key stays claimed and a
    // retry after the lease answers from that order once the reconciler has settled it.
    if (state.answerStored || state.keepKey) return outcome;
    if (isReplayable(outcome)) await this.idempotency.complete(key, outcome);
    else if (!(await this.hasOpenOrder(state))) await this.idempotency.release(key);
    return outcome;
  }

  /** True when the performance is known and past its sales cut-off. */
  private closed(startsAt: Date | undefined): boolean {
    return startsAt !== undefined && !isOnSale(startsAt, this.options.clock.now(), this.options.sales);
  }

  /** The purchase, step by step: re-quote, hold and create the order, pay, order from the broker. */
  private async purchase(key: string, body: PlaceOrderBody, state: PurchaseState): Promise<HttpOutcome> {
    // 0. Past the sales cut-off nothing is re-quoted or charged. Read before the re-quote:
    // the sales already confirmed on the listing (a later one may be missing from the quote).
    const before = await this.orders.beforeQuote(body.listingId);
    if (this.closed(before.startsAt)) return performanceClosed();
    const quote = await this.requote(body, before.startsAt);
    if ('answer' in quote) return quote.answer;
    const accessToken = generateAccessToken();
    const order = await this.holdAndCreate(key, body, quote, before.salesSeen, accessToken);
    if (!order) return soldOut(0);
    state.orderId = order.id;
    const auth = await this.authorise(key, order, body.paymentToken, state);
    if ('answer' in auth) return auth.answer;
    return this.orderFromBroker(key, order, quote.listing, auth.providerReference, accessToken, state);
  }

  /**
   * The buyer authenticated the payment (3-D Secure) and sent the request again with its key:
   * the order, still `created` with its seats held, goes on from the authorisation — read
   * again from the provider — with a fresh re-quote for the broker order.
   */
  private async continueAfterAction(
    key: string,
    orderId: string,
    accessToken: string | undefined,
    state: PurchaseState,
  ): Promise<HttpOutcome> {
    const order = await this.orders.findById(orderId);
    if (!order) return orderNotFound();
    if (order.status !== 'created') {
      // Ended meanwhile (the intent cancelled or expired, the reconciler), or moved on: as it is.
      const answer = answerFromOrder(order, accessToken);
      state.keepKey = answer.status === 202;
      return answer;
    }
    let auth: AuthorisationResult;
    try {
      auth = await this.payments.resumeAuthorisation({ reference: order.id });
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      // The order still waits: the buyer may send the request again.
      this.logger.warn(`payment provider failed for order ${order.id}: ${error.message}`);
      await this.idempotency.awaitAction(key, order.id);
      state.keepKey = true;
      return paymentProviderDown();
    }
    const authorised = await this.afterAuthorisation(key, order, auth, state, { voidDeclined: true });
    if ('answer' in authorised) return authorised.answer;
    const quote = await this.requoteHeld(order);
    if ('answer' in quote) return quote.answer;
    return this.orderFromBroker(key, order, quote.listing, authorised.providerReference, accessToken, state);
  }

  /**
   * The listing again, for an order whose seats we hold (its payment was being
   * authenticated): still there at the order's price, or the order fails, its payment released.
   */
  private async requoteHeld(
    order: OrderRecord,
  ): Promise<{ listing: BrokerListing } | { answer: HttpOutcome }> {
    const fail = (reason: string) =>
      this.settlement.fail(order, reason, { paymentStatus: 'voided', voidPayment: true });
    const read = await this.readListing(order.listingId);
    if (read === 'unavailable') {
      await fail('the broker was unavailable');
      return { answer: brokerUnavailable() };
    }
    const { listing } = read;
    if (!listing?.signature || listing.availableQuantity < order.quantity) {
      await fail('sold out while the payment was authenticated');
      return { answer: sellerRefused() };
    }
    const price = allInPrice(listing.retailCents, this.options.fees);
    if (price.total !== order.unitAllInCents) {
      await fail('the price changed while the payment was authenticated');
      return { answer: priceChanged(order.unitAllInCents, price.total) };
    }
    return { listing };
  }

  /**
   * 1. Re-quote: there are no holds at the broker, so the listing is read just before
   * ordering; the quantity, the split, the sales window and the price are checked against it.
   * `storedStart`: the performance's start as beforeQuote read it (undefined for a listing new to us).
   */
  private async requote(
    body: PlaceOrderBody,
    storedStart: Date | undefined,
  ): Promise<Quote | { answer: HttpOutcome }> {
    const read = await this.readListing(body.listingId);
    if (read === 'unavailable') return { answer: brokerUnavailable() };
    const { listing } = read;
    if (!listing || listing.availableQuantity < body.quantity)
      return { answer: soldOut(listing ? listing.availableQuantity : 0) };
    // A listing we had not stored yet: judge its performance by the broker's event (a stored
    // one was judged before the re-quote; no second read on the hot path).
    if (storedStart === undefined && this.closed(await this.orders.performanceStart(String(listing.eventId))))
      return { answer: performanceClosed() };
    const splits = normaliseSplits(listing.splits, listing.availableQuantity);
    if (!allowsQuantity(splits, body.quantity)) return { answer: wrongQuantity(splits) };
    const price = allInPrice(listing.retailCents, this.options.fees);
    if (price.total !== body.expectedAllInPrice)
      return { answer: priceChanged(body.expectedAllInPrice, price.total) };
    if (!listing.signature) return { answer: soldOut(0) };
    return { listing, price };
  }

  /** The broker's listing now (undefined: gone), or 'unavailable' when the broker could not be asked (logged). */
  private async readListing(
    listingId: string,
  ): Promise<{ listing: BrokerListing | undefined } | 'unavailable'> {
    try {
      return { listing: await this.broker.getListing(Number(listingId)) };
    } catch (error) {
      this.logger.warn(`re-quote of listing ${listingId} failed: ${(error as Error).message}`);
      return 'unavailable';
    }
  }

  /**
   * 2. Hold the seats and create the order (one statement); undefined when the seats are
   * held by others, or sold since the re-quote was read (`salesSeen`: see holdUpsert).
   */
  private async holdAndCreate(
    key: string,
    body: PlaceOrderBody,
    { listing, price }: Quote,
    salesSeen: number,
    accessToken: string,
  ): Promise<OrderRecord | undefined> {
    const orderId = randomUUID();
    const newOrder: NewOrder = {
      id: orderId,
      listingId: body.listingId,
      performanceId: String(listing.eventId),
      quantity: body.quantity,
      unitAllInCents: price.total,
      unitRetailCents: price.ticket,
      totalCents: price.total * body.quantity,
      buyerName: body.buyer.name,
      buyerEmail: body.buyer.email,
      accessTokenHash: hashAccessToken(accessToken),
      brokerReference: orderId,
    };
    return this.orders.createHeld(
      newOrder,
      this.payments.name,
      randomUUID(),
      { brokerAvailable: listing.availableQuantity, salesSeen },
      this.idempotency.orderLink(key, accessToken),
      this.settlement.heldEvent(newOrder),
    );
  }

  /**
   * 3. Authorise: nothing is charged yet. A provider failure ends the order (voiding by our
   * reference: the provider may have authorised before failing).
   */
  private async authorise(
    key: string,
    order: OrderRecord,
    token: string,
    state: PurchaseState,
  ): Promise<{ providerReference: string } | { answer: HttpOutcome }> {
    let auth: AuthorisationResult;
    try {
      auth = await this.payments.authorise({ reference: order.id, token, amountCents: order.totalCents });
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      this.logger.warn(`payment provider failed for order ${order.id}: ${error.message}`);
      await this.settlement.fail(order, 'payment provider error', {
        paymentStatus: 'failed',
        voidPayment: true,
      });
      return { answer: paymentProviderDown() };
    }
    return this.afterAuthorisation(key, order, auth, state, { voidDeclined: false });
  }

  /**
   * What the provider said: authorised (go on); declined (the order fails, the seats are
   * released; `voidDeclined` also cancels what the provider keeps of the attempt); or the
   * buyer must authenticate (3-D Secure): the order waits with its seats held, its key marked
   * (IdempotencyStore.awaitAction), and the answer gives the page what it needs to ask the buyer.
   */
  private async afterAuthorisation(
    key: string,
    order: OrderRecord,
    auth: AuthorisationResult,
    state: PurchaseState,
    options: { voidDeclined: boolean },
  ): Promise<{ providerReference: string } | { answer: HttpOutcome }> {
    switch (auth.outcome) {
      case 'authorised':
        return { providerReference: auth.providerReference };
      case 'requires_action':
        await this.idempotency.awaitAction(key, order.id);
        state.keepKey = true;
        return { answer: authenticationRequired(order.id, auth.clientSecret) };
      case 'declined':
        await this.settlement.fail(order, `payment declined (${auth.reason})`, {
          paymentStatus: 'declined',
          voidPayment: options.voidDeclined,
        });
        return { answer: paymentDeclined() };
    }
  }

  /**
   * 4. The payment is authorised: record it, place the broker order (our order id is the
   * stable reference) and settle. Each step checks that it moved the order: when the
   * reconciler got there first (it found the order stuck), the order is the reconciler's and
   * this request stops.
   */
  private async orderFromBroker(
    key: string,
    order: OrderRecord,
    listing: BrokerListing,
    providerReference: string,
    accessToken: string | undefined,
    state: PurchaseState,
  ): Promise<HttpOutcome> {
    if (!(await this.orders.markAuthorised(order.id, providerReference)))
      return this.overtaken(order, accessToken);
    // broker_pending is written before the call, so after a crash the reconciler knows to ask the broker.
    if (!(await this.orders.markBrokerPending(order.id))) return this.overtaken(order, accessToken);
    const pending: OrderRecord = { ...order, status: 'broker_pending' };
    const placed = await this.placeBrokerOrder(pending, listing);
    if ('answer' in placed) return placed.answer;
    return this.settle(key, pending, placed.brokerOrder, accessToken, state);
  }

  /**
   * The broker order itself. A refusal or a broker that was never reached ends the order;
   * an unknown outcome (timeout, 5xx) is looked up by our reference, never placed again here.
   */
  private async placeBrokerOrder(
    order: OrderRecord,
    listing: BrokerListing,
  ): Promise<{ brokerOrder: BrokerOrder | undefined } | { answer: HttpOutcome }> {
    try {
      const brokerOrder = await this.broker.createOrder({
        ticketGroupId: listing.id,
        quantity: order.quantity,
        priceCents: listing.retailCents,
        ticketGroupSignature: listing.signature!,
        reference: order.id,
        clientId: this.options.brokerClientId,
      });
      return { brokerOrder };
    } catch (error) {
      if (error instanceof BrokerOrderRefusedError) {
        await this.settlement.fail(order, `broker refused the order: ${error.message}`, {
          paymentStatus: 'voided',
          voidPayment: true,
        });
        return { answer: sellerRefused() };
      }
      if (error instanceof BrokerNotAttemptedError) {
        await this.settlement.fail(order, 'the broker was unavailable', {
          paymentStatus: 'voided',
          voidPayment: true,
        });
        return { answer: brokerUnavailable() };
      }
      this.logger.warn(`broker order for ${order.id} has an unknown outcome: ${(error as Error).message}`);
      return { brokerOrder: await this.broker.findOrder({ reference: order.id }).catch(() => undefined) };
    }
  }

  private async hasOpenOrder(state: PurchaseState): Promise<boolean> {
    if (!state.orderId) return false;
    const order = await this.orders.findById(state.orderId);
    return !!order && OPEN_STATUSES.includes(order.status);
  }

  /** Waits (briefly) for the broker's decision, then captures or voids. */
  private async settle(
    key: string,
    order: OrderRecord,
    placed: BrokerOrder | undefined,
    accessToken: string | undefined,
    state: PurchaseState,
  ): Promise<HttpOutcome> {
    let brokerOrder = placed;
    const deadline = performance.now() + this.options.brokerPendingWaitMs;
    let polls = 0;
    while (brokerOrder && orderOutcome(brokerOrder) === 'pending' && performance.now() < deadline) {
      // Ask again at once (a broker that decides fast answers on the first read), then every pollMs.
      if (polls++ > 0) await sleep(this.options.brokerPollMs);
      const ref = { reference: order.id, brokerOrderId: String(brokerOrder.id) };
      brokerOrder = (await this.broker.findOrder(ref).catch(() => brokerOrder)) ?? brokerOrder;
    }
    const brokerOrderId = brokerOrder ? String(brokerOrder.id) : null;
    const outcome = brokerOrder ? orderOutcome(brokerOrder) : 'pending';
    if (outcome === 'accepted') {
      const answer = created(201, { ...order, status: 'confirmed', brokerOrderId }, accessToken);
      if (await this.settlement.confirm(order, brokerOrderId, this.idempotency.completion(key, answer))) {
        state.answerStored = true;
        return answer;
      }
    }
    if (outcome === 'rejected') {
      const reason = `broker rejected the order${brokerOrder?.reason ? `: ${brokerOrder.reason}` : ''}`;
      if (await this.settlement.fail(order, reason, { paymentStatus: 'voided', voidPayment: true }))
        return sellerRefused();
    }
    if (brokerOrderId) await this.orders.setBrokerOrderId(order.id, brokerOrderId);
    // Still open (the reconciler finishes it), or ended by someone else meanwhile: the buyer
    // gets the order as it is now.
    return answerFromOrder((await this.orders.findById(order.id)) ?? order, accessToken);
  }

  /**
   * The reconciler moved the order while this request was between two steps. The order is
   * its now; whatever this request authorised is released again (idempotent: the reconciler's
   * void may have come before the authorisation), and the buyer gets the order as it is.
   */
  private async overtaken(order: OrderRecord, accessToken: string | undefined): Promise<HttpOutcome> {
    const current = (await this.orders.findById(order.id)) ?? order;
    this.logger.warn(
      `order ${order.id} was ${current.status} by the reconciler during the purchase; stopping`,
    );
    if (current.status === 'failed') {
      await this.payments
        .void({ reference: order.id })
        .catch((error: Error) =>
          this.logger.error(`void of overtaken order ${order.id} failed: ${error.message}`),
        );
    }
    return answerFromOrder(current, accessToken);
  }

  /** A repeat of a request that died after creating its order: answer from the order as it is now. */
  private async resume(key: string, orderId: string, accessToken: string | undefined): Promise<HttpOutcome> {
    const order = await this.orders.findById(orderId);
    if (!order) return orderNotFound();
    const outcome = answerFromOrder(order, accessToken);
    if (outcome.status !== 202) await this.idempotency.complete(key, outcome);
    return outcome;
  }
}
