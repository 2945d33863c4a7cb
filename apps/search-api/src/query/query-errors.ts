/**
 * A query-string problem, naming the parameter and what is allowed. Pure (no Nest) so
 * the parsers stay unit-testable; the controllers turn it into a 400 BadRequestError.
 */
export class QueryError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

/** Raw query as Fastify parses it: a repeated parameter arrives as an array. */
export type RawQuery = Record<string, unknown>;

/** Rejects parameters the endpoint does not know, and repeated ones. */
export function checkParams(raw: RawQuery, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (!allowed.includes(key)) {
      throw new QueryError(key, `unknown query parameter "${clip(key)}"; allowed: ${allowed.join(', ')}`);
    }
    if (typeof value !== 'string') {
      throw new QueryError(key, `query parameter "${key}" must be given once, as a single value`);
    }
    out[key] = value;
  }
  return out;
}

export function clip(value: string, max = 40): string {
  const printable = value.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > max ? `${printable.slice(0, max)}…` : printable;
}
