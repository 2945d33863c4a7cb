import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { newCorrelationId, runWithCorrelationId } from './correlation.js';

/** Runs each HTTP handler inside its request's correlation context, so logs and published messages carry the id. */
@Injectable()
export class CorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const id = request.correlationId || newCorrelationId();
    return new Observable((subscriber) =>
      runWithCorrelationId(id, () => next.handle().subscribe(subscriber)),
    );
  }
}
