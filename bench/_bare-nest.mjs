// bench/idle.mjs's second baseline: the smallest Nest app on Fastify (one route), what every
// service costs before it loads its own code.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

class Hello {
  hello() {
    return 'ok';
  }
}
Controller()(Hello);
Get('/health/ready')(Hello.prototype, 'hello', Object.getOwnPropertyDescriptor(Hello.prototype, 'hello'));
class BareModule {}
Module({ controllers: [Hello] })(BareModule);

const app = await NestFactory.create(BareModule, new FastifyAdapter(), { logger: false });
await app.listen(Number(process.env.PORT), '127.0.0.1');
