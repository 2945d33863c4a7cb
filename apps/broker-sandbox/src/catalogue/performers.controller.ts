import { Controller, Get, Param, Query } from '@nestjs/common';
import { NotFoundError } from '@hamiltix/platform';
import { BrokerApi } from '../http/broker-api.decorator.js';
import { pageOf, paging, pathId, textParam, type Query as Q } from '../http/query.js';
import { HAMILTON_PERFORMER } from './sim-venues.js';

const PERFORMERS = [{ ...HAMILTON_PERFORMER, category: { name: HAMILTON_PERFORMER.category } }];

@BrokerApi()
@Controller('v9/performers')
export class PerformersController {
  @Get()
  list(@Query() query: Q): Record<string, unknown> {
    const { page, perPage } = paging(query);
    const name = textParam(query, 'name')?.toLowerCase();
    const found = PERFORMERS.filter((p) => !name || p.name.toLowerCase().includes(name));
    return pageOf('performers', found, page, perPage);
  }

  @Get(':id')
  one(@Param('id') id: string): Record<string, unknown> {
    const performer = PERFORMERS.find((p) => p.id === pathId(id));
    if (!performer) throw new NotFoundError(`performer ${id} not found`);
    return performer;
  }
}
