import { UnprocessableError } from '@hamiltix/platform';

export type Query = Record<string, unknown>;

/** docs/domain.md §1: `per_page` defaults to and is capped at 100. */
export const MAX_PER_PAGE = 100;

function single(q: Query, name: string): string | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  if (Array.isArray(v)) throw new UnprocessableError(`${name} was given more than once`);
  return String(v);
}

export function textParam(q: Query, name: string): string | undefined {
  const v = single(q, name);
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

export function intParam(q: Query, name: string, min = 1): number | undefined {
  const v = single(q, name);
  if (v === undefined || v === '') return undefined;
  if (!/^\d{1,15}$/.test(v) || Number(v) < min) {
    throw new UnprocessableError(
      `${name} must be a whole number of at least ${min}, got "${v.slice(0, 40)}"`,
    );
  }
  return Number(v);
}

export function dateParam(q: Query, name: string): Date | undefined {
  const v = single(q, name);
  if (v === undefined || v === '') return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t))
    throw new UnprocessableError(`${name} must be an ISO 8601 time, got "${v.slice(0, 40)}"`);
  return new Date(t);
}

export function paging(q: Query): { page: number; perPage: number } {
  const page = intParam(q, 'page') ?? 1;
  const perPage = Math.min(intParam(q, 'per_page') ?? MAX_PER_PAGE, MAX_PER_PAGE);
  return { page, perPage };
}

/** A page of `items` in the broker's envelope (`current_page` is TEvo's name for `page`). */
export function pageOf<T>(
  key: string,
  items: readonly T[],
  page: number,
  perPage: number,
): Record<string, unknown> {
  return {
    total_entries: items.length,
    current_page: page,
    page,
    per_page: perPage,
    [key]: items.slice((page - 1) * perPage, page * perPage),
  };
}

/** A path id: whole positive number, else 404 (as an unknown id would be). */
export function pathId(raw: string): number | undefined {
  return /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

/** UTC instant the way the broker prints it: `2026-12-05T01:00:00Z`. */
export function utc(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
