import { Controller, Get, Param, Query } from '@nestjs/common';
import { NotFoundError } from '@hamiltix/platform';
import { BrokerApi } from '../http/broker-api.decorator.js';
import { dateParam, intParam, pageOf, paging, pathId, type Query as Q } from '../http/query.js';
import { Inventory } from '../inventory/inventory.js';
import { serializeEvent } from './event.serializer.js';
import { HAMILTON_PERFORMER } from './sim-venues.js';

/** `occurs_at.<op>` filters (docs/domain.md §1). */
const TIME_FILTERS: [string, (t: number, at: number) => boolean][] = [
  ['occurs_at.gte', (t, at) => t >= at],
  ['occurs_at.gt', (t, at) => t > at],
  ['occurs_at.lte', (t, at) => t <= at],
  ['occurs_at.lt', (t, at) => t < at],
  ['occurs_at.eq', (t, at) => t === at],
];

@BrokerApi()
@Controller('v9/events')
export class EventsController {
  constructor(private readonly inventory: Inventory) {}

  /** Upcoming performances (not yet started on the simulated clock), by time then id. */
  @Get()
  list(@Query() query: Q): Record<string, unknown> {
    const { page, perPage } = paging(query);
    const performerId = intParam(query, 'performer_id');
    const venueId = intParam(query, 'venue_id');
    const filters = TIME_FILTERS.flatMap(([name, test]) => {
      const at = dateParam(query, name);
      return at ? [(t: number) => test(t, at.getTime())] : [];
    });
    const now = this.inventory.clock.nowMs();
    const events = this.inventory.events.filter((e) => {
      const t = e.occursAt.getTime();
      return (
        t > now &&
        (performerId === undefined || performerId === HAMILTON_PERFORMER.id) &&
        (venueId === undefined || e.venue.id === venueId) &&
        filters.every((f) => f(t))
      );
    });
    const body = pageOf('events', events, page, perPage);
    body.events = (body.events as typeof events).map((e) => serializeEvent(e, this.inventory));
    return body;
  }

  @Get(':id')
  one(@Param('id') id: string): Record<string, unknown> {
    const event = this.inventory.event(pathId(id) ?? -1);
    if (!event) throw new NotFoundError(`event ${id} not found`);
    return serializeEvent(event, this.inventory);
  }
}
