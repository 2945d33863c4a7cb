import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { NotFoundError, UnprocessableError } from '@hamiltix/platform';
import { BrokerApi } from '../http/broker-api.decorator.js';
import { intParam, pathId, textParam, type Query as Q } from '../http/query.js';
import { Inventory } from '../inventory/inventory.js';
import type { Listing } from '../inventory/inventory.types.js';
import { ListingSerializer } from './listing.serializer.js';

type Order = (a: Listing, b: Listing) => number;
const ORDERS: Record<string, Order> = {
  retail_price: (a, b) => a.retailCents - b.retailCents,
  wholesale_price: (a, b) => a.wholesaleCents - b.wholesaleCents,
  available_quantity: (a, b) => a.availableQuantity - b.availableQuantity,
  section: (a, b) => a.section.localeCompare(b.section),
  row: (a, b) => a.row.localeCompare(b.row),
  id: (a, b) => a.id - b.id,
};

/** `order_by=retail_price` or `retail_price desc` (also `asc`, or a leading `-`). */
function ordering(raw: string | undefined): Order | undefined {
  if (!raw) return undefined;
  const m = /^(-)?([a-z_]+)(?:[ +](asc|desc))?$/i.exec(raw.trim());
  const by = m && ORDERS[m[2].toLowerCase()];
  if (!m || !by) {
    throw new UnprocessableError(
      `order_by must be one of ${Object.keys(ORDERS).join(', ')} with optional " asc"/" desc", got "${raw.slice(0, 40)}"`,
    );
  }
  const desc = m[1] === '-' || m[3]?.toLowerCase() === 'desc';
  return desc ? (a, b) => by(b, a) || a.id - b.id : (a, b) => by(a, b) || a.id - b.id;
}

@BrokerApi()
@Controller('v9/listings')
export class ListingsController {
  constructor(
    private readonly inventory: Inventory,
    private readonly serializer: ListingSerializer,
  ) {}

  /** Every listing of one event, not paged (docs/domain.md §1). */
  @Get()
  list(@Query() query: Q, @Res({ passthrough: true }) reply: FastifyReply): Record<string, unknown> | Buffer {
    const eventId = intParam(query, 'event_id');
    if (eventId === undefined) throw new UnprocessableError('event_id is required');
    const quantity = intParam(query, 'quantity');
    const section = textParam(query, 'section')?.toLowerCase();
    const row = textParam(query, 'row')?.toLowerCase();
    const order = ordering(textParam(query, 'order_by'));
    if (!this.inventory.event(eventId)) throw new NotFoundError(`event ${eventId} not found`);
    let listings = this.inventory.listings(eventId);
    if (quantity === undefined && !section && !row && !order) {
      // The common, unfiltered read: the same bytes until the event's inventory changes.
      const cached = this.serializer.eventAnswer(listings);
      if (cached) {
        void reply.header('content-type', 'application/json; charset=utf-8');
        return cached;
      }
    }
    if (quantity !== undefined || section || row) {
      listings = listings.filter(
        (l) =>
          (quantity === undefined || l.availableQuantity >= quantity) &&
          (!section || l.section.toLowerCase() === section) &&
          (!row || l.row.toLowerCase() === row),
      );
    }
    if (order) listings = [...listings].sort(order);
    return {
      total_entries: listings.length,
      ticket_groups: listings.map((l) => this.serializer.serialize(l)),
    };
  }

  @Get(':id')
  one(@Param('id') id: string): Record<string, unknown> {
    const listing = this.inventory.listing(pathId(id) ?? -1);
    if (!listing) throw new NotFoundError(`ticket group ${id} not found or no longer available`);
    return this.serializer.serialize(listing);
  }
}
