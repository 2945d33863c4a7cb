import { Body, Controller, Delete, Get, HttpCode, Logger, Param, Post } from '@nestjs/common';
import { normaliseSplits, parseDollarsToCents, toZonedIso } from '@hamiltix/domain';
import { BadRequestError, NotFoundError, UnprocessableError } from '@hamiltix/platform';
import { utc } from '../http/query.js';
import { pathId } from '../http/query.js';
import { FaultsService, type Faults } from '../faults/faults.service.js';
import { Inventory } from '../inventory/inventory.js';
import { ListingSerializer } from '../listings/listing.serializer.js';
import { OrdersService } from '../orders/orders.service.js';
import { clockSchema, describe, faultsSchema, newListingSchema } from './admin-request.schemas.js';

/**
 * Operator and test endpoints (docs/architecture.md "Operator and test endpoints"): not signed, on the service port only.
 * Errors answer the platform's `{ statusCode, error, message }`.
 */
@Controller('sandbox')
export class SandboxAdminController {
  private readonly logger = new Logger(SandboxAdminController.name);

  constructor(
    private readonly inventory: Inventory,
    private readonly faults: FaultsService,
    private readonly orders: OrdersService,
    private readonly serializer: ListingSerializer,
  ) {}

  @Get('events')
  events(): Record<string, unknown> {
    const now = this.inventory.clock.nowMs();
    return {
      now: utc(new Date(now)),
      events: this.inventory.events
        .filter((e) => e.occursAt.getTime() > now)
        .map((e) => ({
          id: e.id,
          name: 'Hamilton',
          occursAt: utc(e.occursAt),
          occursAtLocal: toZonedIso(e.occursAt, e.venue.timeZone),
          matinee: e.matinee,
          venue: {
            id: e.venue.id,
            slug: e.venue.slug,
            name: e.venue.name,
            city: e.venue.city,
            timeZone: e.venue.timeZone,
          },
        })),
    };
  }

  @Post('listings')
  @HttpCode(201)
  addListing(@Body() body: unknown): Record<string, unknown> {
    const parsed = newListingSchema.safeParse(body ?? {});
    if (!parsed.success) throw new BadRequestError(describe(parsed.error));
    const b = parsed.data;
    // Dollars → cents through the domain's parser (no float drift); a price under a cent is no price.
    const retailCents = parseDollarsToCents(b.price);
    if (retailCents === undefined || retailCents < 1)
      throw new BadRequestError(`price: must be at least $0.01 per ticket, got ${b.price}`);
    const event = this.inventory.event(b.eventId);
    if (!event)
      throw new UnprocessableError(`eventId ${b.eventId} is not a simulated event (see GET /sandbox/events)`);
    if (event.occursAt.getTime() <= this.inventory.clock.nowMs()) {
      throw new UnprocessableError(`event ${b.eventId} has already started`);
    }
    const listing = this.inventory.add({
      eventId: b.eventId,
      section: b.section,
      row: b.row,
      lowSeat: b.lowSeat ?? null,
      highSeat: b.highSeat ?? null,
      quantity: b.quantity,
      splits: b.splits ? normaliseSplits(b.splits, b.quantity) : [b.quantity],
      retailCents,
      notes: b.notes?.trim() || null,
    });
    return this.serializer.serialize(listing, false);
  }

  @Delete('listings/:id')
  @HttpCode(204)
  removeListing(@Param('id') id: string): void {
    const listingId = pathId(id);
    if (listingId === undefined || !this.inventory.remove(listingId)) {
      throw new NotFoundError(`listing ${id} is not on sale`);
    }
  }

  @Get('faults')
  currentFaults(): Faults {
    return this.faults.current;
  }

  /** Replaces the fault set; fields left out are off. */
  @Post('faults')
  @HttpCode(200)
  setFaults(@Body() body: unknown): Faults {
    const parsed = faultsSchema.safeParse(body ?? {});
    if (!parsed.success) throw new BadRequestError(describe(parsed.error));
    return this.faults.set(parsed.data);
  }

  @Get('clock')
  clock(): Record<string, unknown> {
    return {
      now: utc(this.inventory.clock.now()),
      speed: this.inventory.clock.speed,
      startedAt: utc(this.inventory.clock.startedAt),
    };
  }

  @Post('clock')
  @HttpCode(200)
  advanceClock(@Body() body: unknown): Record<string, unknown> {
    const parsed = clockSchema.safeParse(body ?? {});
    if (!parsed.success) throw new BadRequestError(describe(parsed.error));
    this.inventory.advanceClock(parsed.data.advanceMinutes * 60_000);
    return this.clock();
  }

  @Post('reset')
  @HttpCode(200)
  reset(): Record<string, unknown> {
    this.inventory.reset();
    this.orders.reset();
    this.faults.clear();
    this.logger.log('sandbox reset: seeded inventory back, faults and orders cleared');
    return { reset: true, ...this.clock() };
  }
}
