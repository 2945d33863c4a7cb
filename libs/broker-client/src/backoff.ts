import { systemClock } from '@hamiltix/domain';
/**
 * Capped full-jitter exponential backoff (AWS Architecture Blog, "Exponential Backoff
 * And Jitter"): sleep = random(0, min(cap, base * 2^attempt)). Full jitter spreads
 * retries of many clients so they do not hit the broker in lock-step.
 */
export function fullJitterDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/**
 * `Retry-After` as milliseconds: either delta-seconds ("3") or an HTTP date.
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = systemClock.now().getTime(),
): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
