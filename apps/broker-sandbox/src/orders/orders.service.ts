import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { allowsQuantity, formatCents } from '@hamiltix/domain';
import { MetricsService, UnprocessableError } from '@hamiltix/platform';
import type { Counter } from 'prom-client';
import { FaultsService } from '../faults/faults.service.js';
import { Inventory } from '../inventory/inventory.js';
import { describeIssues, orderRequestSchema } from './order-request.schema.js';
import { SandboxJournal } from '../store/sandbox-journal.js';
import type { SandboxOrder } from './order.types.js';

const FIRST_ORDER_ID = 100_001;

/**
 * Orders (docs/domain.md §1): one item per order, checked against the live listing — the
 * signature must be the current one (a reprice or a sale makes it stale), the quantity
 * one of the splits, the price not below wholesale. A failed check answers 422 and
 * creates no order. A placed order holds its seats at once and is `pending` until the
 * seller decides (after `orderAcceptDelayMs`): `accepted`, or `rejected` (the
 * `orderRejectRate` fault) which puts the seats back. A reference (`client_reference`,
 * `reference` or `external_id`) makes a retried POST return the same order.
 */
@Injectable()
export class OrdersService implements OnModuleDestroy {
  private readonly logger = new Logger(OrdersService.name);
  private readonly orders = new Map<number, SandboxOrder>();
  private readonly byReference = new Map<string, number>();
  private readonly decideAt = new Map<number, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextId = FIRST_ORDER_ID;
  private readonly outcomes: Counter<'outcome'>;

  constructor(
    private readonly inventory: Inventory,
    private readonly faults: FaultsService,
    metrics: MetricsService,
    private readonly journal: SandboxJournal,
  ) {
    this.outcomes = metrics.counter('sandbox_orders_total', 'Broker sandbox orders by outcome', ['outcome']);
    // After a restart: the orders back as they were (a pending one is decided on its next read).
    journal.on('order', (e) => this.restore(e.order));
    journal.on('decided', (e) => {
      const order = this.orders.get(e.orderId);
      if (!order) return;
      order.state = e.state as SandboxOrder['state'];
      order.updatedAt = new Date(e.at);
      if (order.state === 'accepted') order.acceptedAt = order.updatedAt;
      if (order.state === 'rejected') order.rejectedAt = order.updatedAt;
    });
    journal.on('reset', () => this.reset());
  }

  place(body: unknown, ipAddress: string): { order: SandboxOrder; replayed: boolean } {
    const parsed = orderRequestSchema.safeParse(body);
    if (!parsed.success) throw this.refuse(describeIssues(parsed.error));
    if (parsed.data.orders.length !== 1) throw this.refuse('send exactly one order per request');
    const req = parsed.data.orders[0];
    const items = req.shipped_items.flatMap((s) => s.items);
    if (req.shipped_items.length !== 1 || items.length !== 1) {
      throw this.refuse('an order takes exactly one item: one shipped_items entry with one item');
    }
    const item = items[0];
    const reference = req.client_reference ?? req.reference ?? req.external_id ?? null;
    const fingerprint = `${item.ticket_group_id}|${item.quantity}|${item.price}`;
    if (reference !== null) {
      const existing = this.orders.get(this.byReference.get(reference) ?? -1);
      if (existing) {
        if (existing.fingerprint !== fingerprint) {
          throw this.refuse(
            `reference "${reference}" was already used for order ${existing.id} with another item`,
          );
        }
        this.outcomes.inc({ outcome: 'replayed' });
        return { order: this.settle(existing), replayed: true };
      }
    }

    const id = item.ticket_group_id;
    const listing = this.inventory.listing(id);
    if (!listing) throw this.refuse(`ticket group ${id} is no longer available (sold or withdrawn)`);
    if (item.ticket_group_signature !== this.inventory.signature(listing)) {
      throw this.refuse(
        `ticket_group_signature is stale: the price or quantity of ticket group ${id} changed; read the listing again`,
      );
    }
    if (item.quantity > listing.availableQuantity) {
      throw this.refuse(
        `quantity ${item.quantity} is more than the ${listing.availableQuantity} available in ticket group ${id}`,
      );
    }
    if (!allowsQuantity(listing.splits, item.quantity)) {
      throw this.refuse(
        `quantity ${item.quantity} is not allowed for ticket group ${id}; splits are [${listing.splits.join(', ')}]`,
      );
    }
    if (item.price < listing.wholesaleCents) {
      throw this.refuse(
        `price ${formatCents(item.price)} is below the wholesale price ${formatCents(listing.wholesaleCents)} of ticket group ${id}`,
      );
    }

    const now = this.inventory.clock.now();
    const order: SandboxOrder = {
      id: this.nextId++,
      state: 'pending',
      reference,
      fingerprint,
      clientId: req.client_id,
      createdAt: now,
      updatedAt: now,
      acceptedAt: null,
      rejectedAt: null,
      rejectionReason: null,
      item: {
        ticketGroupId: id,
        eventId: listing.eventId,
        quantity: item.quantity,
        priceCents: item.price,
        section: listing.section,
        row: listing.row,
        lowSeat: listing.lowSeat,
        highSeat: listing.highSeat,
        seatOrder: item.seat_order ?? null,
      },
      serviceFeeCents: req.service_fee ?? 0,
      shippingCents: req.shipping ?? 0,
      taxCents: req.tax ?? 0,
      discountCents: req.discount ?? 0,
      sessionId: req.session_id ?? null,
      createdByIpAddress: req.created_by_ip_address ?? ipAddress,
      payments: req.payments ?? [],
    };
    // The seats leave the market now, so nobody else can buy them while the order is pending.
    this.inventory.take(id, listing.eventId, item.quantity);
    this.orders.set(order.id, order);
    if (reference !== null) this.byReference.set(reference, order.id);
    this.schedule(order);
    this.journal.record({ kind: 'order', order: { ...order } as unknown as Record<string, unknown> });
    this.outcomes.inc({ outcome: 'placed' });
    this.logger.log({
      message: 'order placed',
      orderId: order.id,
      ticketGroupId: id,
      quantity: item.quantity,
    });
    return { order, replayed: false };
  }

  get(id: number): SandboxOrder | undefined {
    const order = this.orders.get(id);
    return order && this.settle(order);
  }

  list(filter: { reference?: string; state?: string }): SandboxOrder[] {
    return [...this.orders.values()]
      .map((o) => this.settle(o))
      .filter(
        (o) =>
          (!filter.reference || o.reference === filter.reference) &&
          (!filter.state || o.state === filter.state),
      );
  }

  reset(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.orders.clear();
    this.byReference.clear();
    this.decideAt.clear();
    this.nextId = FIRST_ORDER_ID;
  }

  onModuleDestroy(): void {
    for (const t of this.timers) clearTimeout(t);
  }

  /** A refused order (422, nothing created), counted. */
  private refuse(message: string): UnprocessableError {
    this.outcomes.inc({ outcome: 'refused' });
    return new UnprocessableError(message);
  }

  private schedule(order: SandboxOrder): void {
    const delay = this.faults.current.orderAcceptDelayMs;
    const reject = this.faults.shouldReject();
    this.decideAt.set(order.id, performance.now() + delay);
    if (reject) order.rejectionReason = 'the seller rejected the order (sandbox orderRejectRate fault)';
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.settle(order);
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  /** Decides a pending order once its time has come (timer or read, whichever first). */
  private settle(order: SandboxOrder): SandboxOrder {
    if (order.state !== 'pending' || performance.now() < (this.decideAt.get(order.id) ?? 0)) return order;
    const now = this.inventory.clock.now();
    if (order.rejectionReason) {
      order.state = 'rejected';
      this.outcomes.inc({ outcome: 'rejected' });
      order.rejectedAt = now;
      this.inventory.release(order.item.ticketGroupId, order.item.eventId, order.item.quantity);
    } else {
      order.state = 'accepted';
      this.outcomes.inc({ outcome: 'accepted' });
      order.acceptedAt = now;
    }
    order.updatedAt = now;
    this.journal.record({ kind: 'decided', orderId: order.id, state: order.state, at: now.toISOString() });
    return order;
  }

  /** An order from the journal: kept as placed; its seats are held by the journal's `take`. */
  private restore(stored: Record<string, unknown>): void {
    const date = (v: unknown) => (v ? new Date(String(v)) : null);
    const order = {
      ...stored,
      createdAt: date(stored.createdAt),
      updatedAt: date(stored.updatedAt),
      acceptedAt: date(stored.acceptedAt),
      rejectedAt: date(stored.rejectedAt),
    } as SandboxOrder;
    this.orders.set(order.id, order);
    if (order.reference !== null) this.byReference.set(order.reference, order.id);
    this.nextId = Math.max(this.nextId, order.id + 1);
  }
}
