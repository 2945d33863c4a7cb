import { z } from 'zod';

const rate = z.number().min(0).max(1);

export const faultsSchema = z
  .object({
    errorRate: rate.optional(),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    malformedRate: rate.optional(),
    rateLimit: z.number().int().min(0).max(1_000_000).optional(),
    orderAcceptDelayMs: z.number().int().min(0).max(60_000).optional(),
    orderRejectRate: rate.optional(),
  })
  .strict();

export const newListingSchema = z
  .object({
    eventId: z.number().int().positive(),
    section: z.string().trim().min(1).max(80),
    row: z.string().trim().min(1).max(20),
    lowSeat: z.number().int().positive().max(100_000).nullish(),
    highSeat: z.number().int().positive().max(100_000).nullish(),
    quantity: z.number().int().min(1).max(100),
    splits: z.array(z.number().int().positive()).min(1).max(100).optional(),
    /** Dollars per ticket, the broker's retail price before buyer fees. */
    price: z.number().positive().max(100_000),
    notes: z.string().max(500).nullish(),
  })
  .strict()
  .refine((b) => (b.lowSeat == null) === (b.highSeat == null), {
    message: 'give both lowSeat and highSeat, or neither',
  })
  .refine((b) => b.lowSeat == null || b.highSeat == null || b.lowSeat <= b.highSeat, {
    message: 'lowSeat must not be above highSeat',
  })
  .refine((b) => !b.splits || b.splits.every((k) => k <= b.quantity), {
    message: 'every split must be at most quantity',
  });

export const clockSchema = z
  .object({
    /** Moves the simulated clock forward. */
    advanceMinutes: z
      .number()
      .min(0)
      .max(366 * 24 * 60),
  })
  .strict();

export function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 4)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    .join('; ');
}
