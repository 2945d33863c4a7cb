import { WEEKDAYS, type Weekday } from '@hamiltix/domain';
import { RANK_SORTS } from '@hamiltix/contracts';
import { z } from 'zod';

/**
 * One zod schema per query parameter, each with the message a person can act on. The
 * same schemas describe the parameters in the OpenAPI document (z.toJSONSchema), so the
 * docs and the validation can never disagree.
 */

const ID = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

export const showParam = z
  .string()
  .regex(ID, { message: 'expected a show id such as "hamilton" (letters, digits, - or _; up to 64)' })
  .meta({ description: 'Show id, e.g. "hamilton".', example: 'hamilton' });

export const cityParam = z
  .string()
  .min(1, { message: 'expected a city name such as "New York"' })
  .max(64, { message: 'expected a city name of at most 64 characters' })
  .regex(/^[\p{L}\p{N} .'-]+$/u, {
    message: 'expected a city name such as "New York" (letters, spaces, . \' -)',
  })
  .meta({ description: 'City, case-insensitive, e.g. "Chicago".', example: 'New York' });

/** A real calendar date (2026-02-30 is refused), judged in the venue's time zone. */
export const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date as YYYY-MM-DD, e.g. 2026-12-05' })
  .refine(
    (v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return (
        !Number.isNaN(d.getTime()) &&
        d.toISOString().slice(0, 10) === v &&
        v >= '2000-01-01' &&
        v <= '2100-12-31'
      );
    },
    { message: 'expected a real calendar date as YYYY-MM-DD between 2000-01-01 and 2100-12-31' },
  )
  .meta({ description: "Date YYYY-MM-DD in the venue's time zone (inclusive).", example: '2026-12-05' });

export const daysParam = z
  .string()
  .transform((v, ctx) => {
    const parts = v
      .toLowerCase()
      .split(',')
      .map((p) => p.trim());
    const days = new Set<Weekday>();
    for (const p of parts) {
      if (!(WEEKDAYS as readonly string[]).includes(p)) {
        ctx.addIssue({
          code: 'custom',
          message: `expected comma-separated weekdays from ${WEEKDAYS.join(',')}, e.g. fri,sat`,
        });
        return z.NEVER;
      }
      days.add(p as Weekday);
    }
    return WEEKDAYS.filter((d) => days.has(d));
  })
  .meta({
    description: "Weekdays in the venue's time zone, comma-separated (sun..sat).",
    example: 'fri,sat',
  });

export const timeParam = z
  .enum(['matinee', 'evening'], { message: 'expected "matinee" (curtain before 17:00 local) or "evening"' })
  .meta({ description: "Matinee (curtain before 17:00 in the venue's zone) or evening." });

const wholeNumber = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, { message: `expected a whole number from ${min} to ${max}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `expected a whole number from ${min} to ${max}` })
    .meta({ description: name });

export const quantityParam = wholeNumber(
  'Tickets wanted: only listings whose splits allow exactly that many (1..50).',
  1,
  50,
);
export const limitParam = wholeNumber('Page size, 1..100 (default 25).', 1, 100);

/** Dollars per ticket, all-in (fees included); kept as integer cents from here on. */
export const maxPriceParam = z
  .string()
  .regex(/^\d{1,6}(\.\d{1,2})?$/, {
    message: 'expected dollars per ticket, all-in, e.g. 250 or 199.99 (at most 999999.99)',
  })
  .transform((v) => Math.round(Number(v) * 100))
  .refine((c) => c > 0, { message: 'expected a price above 0 dollars' })
  .meta({ description: 'Highest all-in price per ticket (fees included), in dollars.', example: '250' });

export const sectionParam = z
  .string()
  .min(1, { message: 'expected a section or level name such as "mezzanine" or "Orchestra Center"' })
  .max(64, { message: 'expected a section name of at most 64 characters' })
  .regex(/^[\p{L}\p{N} .'&/-]+$/u, {
    message: "expected a section or level name (letters, digits, spaces, . ' & / -)",
  })
  .meta({
    description:
      'Seat-map level (orchestra, mezzanine, dress-circle, balcony, box), section id, or the section name, case-insensitive.',
    example: 'mezzanine',
  });

export const clearViewParam = z
  .enum(['true', 'false'], { message: 'expected true or false' })
  .transform((v) => v === 'true')
  .meta({ description: 'true drops every listing with a view note.' });

export const sortParam = z
  .enum(RANK_SORTS, { message: `expected one of ${RANK_SORTS.join(', ')}` })
  .meta({ description: 'deal (default), price, quality or date.' });

export const cursorParam = z
  .string()
  .min(1, { message: 'expected the nextCursor of a previous page' })
  .max(512, { message: 'expected the nextCursor of a previous page' })
  .meta({ description: 'The nextCursor of the previous page (opaque).' });
