import { ArgumentsHost, Catch, HttpException, Inject, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AlertService } from '../alerts/alert.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DomainError } from './domain-errors.js';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Errors that mean a dependency is away, not a bug: answered 503, not alerted as a crash. */
function isDependencyDown(error: unknown): boolean {
  const e = error as { code?: string; message?: string; name?: string };
  return (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      '57P01',
      '57P03',
      '53300',
      '3D000',
      '08000',
      '08001',
      '08003',
      '08006',
    ].includes(e?.code ?? '') ||
    /Connection terminated|DataSource is not initialized|Driver not Connected|Connection is closed|timeout exceeded when trying to connect|Stream isn't writeable/i.test(
      e?.message ?? '',
    ) ||
    e?.name === 'CannotExecuteNotConnectedError'
  );
}

/**
 * The one exception filter: every error answers `{ statusCode, error, message }`.
 * Domain errors and 4xx keep their message; anything unexpected is a generic 500
 * (no stack to the client), logged once with its stack and raised as an ops alert.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  constructor(
    private readonly alerts: AlertService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      this.logger.error({ message: 'unhandled error outside HTTP', err: exception });
      return;
    }
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { status, body, retryAfter } = this.describe(exception, request);
    if (retryAfter !== undefined) void reply.header('Retry-After', String(retryAfter));
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private describe(
    exception: unknown,
    request: FastifyRequest,
  ): { status: number; body: Record<string, unknown>; retryAfter?: number } {
    if (exception instanceof DomainError) {
      return {
        status: exception.statusCode,
        body: {
          statusCode: exception.statusCode,
          error: exception.error,
          message: exception.message,
          ...exception.details,
        },
        retryAfter: exception.retryAfterSeconds,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const extra =
        typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
      const raw = typeof response === 'string' ? response : extra.message;
      const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
      if (status >= 500 && status !== 503) return this.unexpected(exception, request);
      return {
        status,
        body: { ...extra, statusCode: status, error: STATUS_TEXT[status] ?? 'Error', message },
      };
    }
    // Fastify's own client errors (bad JSON, body too large, wrong content type).
    const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return {
        status: fastifyStatus,
        body: {
          statusCode: fastifyStatus,
          error: STATUS_TEXT[fastifyStatus] ?? 'Bad Request',
          message: cleanFastifyMessage((exception as Error).message),
        },
      };
    }
    if (isDependencyDown(exception)) {
      this.logger.warn({
        message: 'dependency unavailable',
        reason: (exception as Error).message,
        route: routeOf(request),
      });
      return {
        status: 503,
        body: {
          statusCode: 503,
          error: STATUS_TEXT[503],
          message: 'Temporarily unavailable; please try again shortly.',
        },
        retryAfter: 5,
      };
    }
    return this.unexpected(exception, request);
  }

  private unexpected(
    exception: unknown,
    request: FastifyRequest,
  ): { status: number; body: Record<string, unknown> } {
    const err = exception instanceof Error ? exception : new Error(String(exception));
    const route = routeOf(request);
    this.logger.error({ message: `unhandled error on ${request.method} ${route}`, err });
    this.alerts.alert({
      kind: 'error',
      title: `${this.config.service}: ${err.name} on ${request.method} ${route}`,
      message: err.message || err.name,
      dedupeKey: `${this.config.service}:error:${err.name}:${request.method}:${route}`,
    });
    return {
      status: 500,
      body: {
        statusCode: 500,
        error: STATUS_TEXT[500],
        message: 'Something went wrong on our side. It has been reported; please try again.',
      },
    };
  }
}

function routeOf(request: FastifyRequest): string {
  return request.routeOptions?.url ?? request.url.split('?')[0];
}

function cleanFastifyMessage(message: string): string {
  return message.replace(/^FST_[A-Z_]+:\s*/, '') || 'The request could not be read.';
}
