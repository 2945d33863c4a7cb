import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { verifySignature } from '@hamiltix/broker-client';
import { APP_CONFIG, UnauthorizedError, type AppConfig } from '@hamiltix/platform';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

type RawRequest = FastifyRequest & { rawBody?: string | Buffer };

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The broker's authentication (docs/domain.md §1): `X-Token` must be the configured token and
 * `X-Signature` the HMAC of `METHOD host/path?query` (query keys sorted, the JSON body in
 * place of the query for POST/PUT/DELETE), checked with the client's own signing code so
 * the two can never drift apart. Anything else is 401.
 */
@Injectable()
export class SignatureGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RawRequest>();
    const token = request.headers['x-token'];
    const signature = request.headers['x-signature'];
    if (typeof token !== 'string' || token === '') throw new UnauthorizedError('missing X-Token header');
    if (typeof signature !== 'string' || signature === '')
      throw new UnauthorizedError('missing X-Signature header');
    if (!sameText(token, this.config.broker.token.reveal())) throw new UnauthorizedError('unknown X-Token');

    const url = request.url;
    const q = url.indexOf('?');
    const method = request.method.toUpperCase();
    const withBody = method === 'POST' || method === 'PUT' || method === 'DELETE';
    const raw = request.rawBody;
    const body = !withBody
      ? undefined
      : raw !== undefined
        ? raw.toString()
        : request.body === undefined
          ? ''
          : JSON.stringify(request.body);
    const ok = verifySignature(
      this.config.broker.secret.reveal(),
      {
        method,
        host: request.headers.host ?? request.hostname,
        path: q < 0 ? url : url.slice(0, q),
        query: q < 0 ? '' : url.slice(q + 1),
        body,
      },
      signature,
    );
    if (!ok) {
      throw new UnauthorizedError(
        'X-Signature does not match: expected base64(HMAC-SHA256(secret, "METHOD host/path?query")) with the query keys sorted (the raw JSON body instead of the query for POST/PUT/DELETE), host without port',
      );
    }
    return true;
  }
}
