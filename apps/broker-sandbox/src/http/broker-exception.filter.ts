import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError } from '@hamiltix/platform';
import type { FastifyReply } from 'fastify';

/**
 * The broker API answers errors as the real broker does: `{ "error": "..." }` with the
 * status (401 bad signature, 404, 422 validation, 429 with Retry-After, 500). Scoped to
 * the /v9 controllers; /sandbox/* keeps the platform's `{ statusCode, error, message }`.
 */
@Catch()
export class BrokerExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(BrokerExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let status = 500;
    let message = 'Internal Server Error';
    if (exception instanceof DomainError) {
      status = exception.statusCode;
      message = exception.message;
      if (exception.retryAfterSeconds !== undefined)
        void reply.header('Retry-After', String(exception.retryAfterSeconds));
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const body = exception.getResponse();
      const raw = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
    } else if (typeof (exception as { statusCode?: unknown })?.statusCode === 'number') {
      // Fastify's own client errors (bad JSON, body too large).
      status = (exception as { statusCode: number }).statusCode;
      message = (exception as Error).message;
    } else {
      this.logger.error({ message: 'unhandled error in the broker API', err: exception });
    }
    void reply
      .status(status)
      .header('content-type', 'application/json; charset=utf-8')
      .send({ error: message });
  }
}
