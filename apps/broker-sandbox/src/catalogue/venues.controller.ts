import { Controller, Get, Param, Query } from '@nestjs/common';
import { NotFoundError } from '@hamiltix/platform';
import { BrokerApi } from '../http/broker-api.decorator.js';
import { pageOf, paging, pathId, textParam, type Query as Q } from '../http/query.js';
import { Inventory } from '../inventory/inventory.js';
import { serializeVenue } from './event.serializer.js';

@BrokerApi()
@Controller('v9/venues')
export class VenuesController {
  constructor(private readonly inventory: Inventory) {}

  @Get()
  list(@Query() query: Q): Record<string, unknown> {
    const { page, perPage } = paging(query);
    const name = textParam(query, 'name')?.toLowerCase();
    const venues = this.inventory.venues
      .filter((v) => !name || v.name.toLowerCase().includes(name))
      .sort((a, b) => a.id - b.id)
      .map(serializeVenue);
    return pageOf('venues', venues, page, perPage);
  }

  @Get(':id')
  one(@Param('id') id: string): Record<string, unknown> {
    const venue = this.inventory.venues.find((v) => v.id === pathId(id));
    if (!venue) throw new NotFoundError(`venue ${id} not found`);
    return serializeVenue(venue);
  }
}
