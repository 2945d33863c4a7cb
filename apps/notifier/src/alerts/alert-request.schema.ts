import { WEEKDAYS, type Weekday } from '@hamiltix/domain';
import type { SavedSearchFilters } from '@hamiltix/persistence';
import { BadRequestError } from '@hamiltix/platform';
import { z } from 'zod';

const dollars = (what: string) =>
  z
    .number({ message: `${what}: expected dollars per ticket, all-in, e.g. 150 or 149.99` })
    .positive({ message: `${what}: expected a price above 0 dollars` })
    .max(999_999.99, { message: `${what}: expected at most 999999.99 dollars` })
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, {
      message: `${what}: expected at most two decimals (cents)`,
    })
    .transform((v) => Math.round(v * 100));

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date as YYYY-MM-DD, e.g. 2026-12-05' })
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return Number.isFinite(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, 'expected a real calendar date as YYYY-MM-DD');

const name = (what: string, pattern: RegExp) =>
  z
    .string()
    .trim()
    .min(1, { message: `expected a ${what}` })
    .max(64, { message: `expected a ${what} of at most 64 characters` })
    .regex(pattern, { message: `expected a ${what} (letters, digits, spaces and . ' - only)` })
    .transform((v) => v.toLowerCase());

/** The search page's filters, as the listings query names them (docs/architecture.md). */
const Filters = z
  .strictObject({
    city: name('city name such as "New York"', /^[\p{L}\p{N} .'-]+$/u).optional(),
    from: date.optional(),
    to: date.optional(),
    days: z
      .array(
        z.enum(WEEKDAYS as [Weekday, ...Weekday[]], { message: 'expected weekdays such as "fri", "sat"' }),
      )
      .min(1)
      .max(7)
      .optional(),
    time: z.enum(['matinee', 'evening'], { message: 'expected "matinee" or "evening"' }).optional(),
    quantity: z
      .number()
      .int({ message: 'expected a whole number of tickets from 1 to 50' })
      .min(1, { message: 'expected a whole number of tickets from 1 to 50' })
      .max(50, { message: 'expected a whole number of tickets from 1 to 50' })
      .optional(),
    maxPrice: dollars('maxPrice').optional(),
    section: name('section or level name such as "mezzanine"', /^[\p{L}\p{N} .'&/-]+$/u).optional(),
    clearView: z.boolean({ message: 'expected true or false' }).optional(),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, {
    message: '"to" is before "from"',
    path: ['to'],
  });

const Target = z
  .strictObject({
    maxPrice: dollars('target.maxPrice').optional(),
    minQuality: z
      .number({ message: 'expected a seat quality from 0 to 100' })
      .min(0, { message: 'expected a seat quality from 0 to 100' })
      .max(100, { message: 'expected a seat quality from 0 to 100' })
      .optional(),
  })
  .refine((t) => t.maxPrice !== undefined || t.minQuality !== undefined, {
    message:
      'give a price ("maxPrice", all-in dollars per ticket) and/or a seat quality ("minQuality", 0..100)',
  });

export const AlertRequest = z.strictObject({
  email: z
    .string({ message: 'expected an email address' })
    .trim()
    .max(254, { message: 'expected an email address of at most 254 characters' })
    .pipe(z.email({ message: 'expected a valid email address, e.g. you@example.com' }))
    .transform((v) => v.toLowerCase()),
  show: z
    .string({ message: 'expected a show id such as "hamilton"' })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'expected a show id such as "hamilton"' }),
  filters: Filters.default({}),
  target: Target,
});

export interface AlertInput {
  email: string;
  showId: string;
  filters: SavedSearchFilters;
  targetMaxCents: number | null;
  targetMinQuality: number | null;
}

/** Validates a POST /api/v1/alerts body; a bad one → 400 naming the field and what it expects. */
export function parseAlertRequest(body: unknown): AlertInput {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadRequestError('Expected a JSON object with "email", "show", "filters" and "target".');
  }
  const parsed = AlertRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || '(body)';
    const message =
      issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message;
    throw new BadRequestError(`${field}: ${message}`, { details: { field } });
  }
  const { email, show, filters: f, target } = parsed.data;
  const filters: SavedSearchFilters = {};
  if (f.city !== undefined) filters.city = f.city;
  if (f.from !== undefined) filters.from = f.from;
  if (f.to !== undefined) filters.to = f.to;
  if (f.days) filters.days = [...new Set(f.days.map((d) => WEEKDAYS.indexOf(d)))].sort();
  if (f.time !== undefined) filters.time = f.time;
  if (f.quantity !== undefined) filters.quantity = f.quantity;
  if (f.maxPrice !== undefined) filters.maxPriceCents = f.maxPrice;
  if (f.section !== undefined) filters.section = f.section;
  if (f.clearView) filters.clearView = true;
  return {
    email,
    showId: show,
    filters,
    targetMaxCents: target.maxPrice ?? null,
    targetMinQuality: target.minQuality ?? null,
  };
}
