import { BadRequestError } from '@hamiltix/platform';
import { QueryError } from '../query/query-errors.js';

/** Runs a parser; a QueryError becomes a 400 naming the parameter and what is allowed. */
export function parseOr400<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof QueryError)
      throw new BadRequestError(e.message, { details: { parameter: e.parameter } });
    throw e;
  }
}
