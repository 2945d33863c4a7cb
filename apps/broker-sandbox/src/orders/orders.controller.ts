import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { NotFoundError } from '@hamiltix/platform';
import type { FastifyRequest } from 'fastify';
import { BrokerApi } from '../http/broker-api.decorator.js';
import { pageOf, paging, pathId, textParam, type Query as Q } from '../http/query.js';
import { serializeOrder } from './order.serializer.js';
import { OrdersService } from './orders.service.js';

@BrokerApi()
@Controller('v9/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  /** 201 with `{ orders: [order] }`; a retry with the same reference answers the same order. */
  @Post()
  @HttpCode(201)
  place(@Body() body: unknown, @Req() request: FastifyRequest): Record<string, unknown> {
    const { order } = this.orders.place(body, request.ip);
    return { orders: [serializeOrder(order)] };
  }

  /** Orders, newest last; `reference` (or `client_reference`/`external_id`) finds a retried one. */
  @Get()
  list(@Query() query: Q): Record<string, unknown> {
    const { page, perPage } = paging(query);
    const reference =
      textParam(query, 'reference') ??
      textParam(query, 'client_reference') ??
      textParam(query, 'external_id');
    const orders = this.orders.list({ reference, state: textParam(query, 'state') }).map(serializeOrder);
    return pageOf('orders', orders, page, perPage);
  }

  @Get(':id')
  one(@Param('id') id: string): Record<string, unknown> {
    const order = this.orders.get(pathId(id) ?? -1);
    if (!order) throw new NotFoundError(`order ${id} not found`);
    return serializeOrder(order);
  }
}
