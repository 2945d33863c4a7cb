/** Money is always an integer number of cents (USD) inside Hamiltix. */
export type Cents = number;

export interface Money {
  /** Integer cents. */
  amount: Cents;
  currency: 'USD';
}

const DECIMAL = /^\s*(-)?(\d+)(?:\.(\d+))?\s*$/;

/**
 * Parses a dollar amount that may arrive as a number (`189.5`) or a string (`"189.50"`),
 * as the broker sends both, into integer cents without floating-point drift.
 * Returns `undefined` for anything that is not a finite decimal.
 */
export function parseDollarsToCents(value: unknown): Cents | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = value.toFixed(6);
  } else if (typeof value === 'string') {
    text = value;
  } else {
    return undefined;
  }
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, minus, whole, fraction = ''] = match;
  const frac = (fraction + '000').slice(0, 3);
  // Round half up on the third decimal digit.
  let cents = Number(whole) * 100 + Number(frac.slice(0, 2)) + (Number(frac[2]) >= 5 ? 1 : 0);
  if (!Number.isSafeInteger(cents)) return undefined;
  if (minus) cents = -cents;
  return cents;
}

export function centsToDollars(cents: Cents): number {
  return cents / 100;
}

/** `$1,234.50` style, for logs and explanations. Whole dollars drop the `.00`. */
export function formatCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  const rest = abs % 100;
  return `${sign}$${dollars}${rest ? '.' + String(rest).padStart(2, '0') : ''}`;
}

export function usd(amount: Cents): Money {
  return { amount, currency: 'USD' };
}
