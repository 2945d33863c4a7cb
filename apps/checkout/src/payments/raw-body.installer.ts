import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { PAYMENTS_WEBHOOK_PATH } from './payments-webhook.controller.js';
import { keepRawBody } from './raw-body.js';

/** Installs the raw-body JSON parser on checkout's Fastify before it starts listening. */
@Injectable()
export class RawBodyInstaller implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify) keepRawBody(fastify, [PAYMENTS_WEBHOOK_PATH]);
  }
}
