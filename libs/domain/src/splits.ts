/**
 * Broker `splits`: the only quantities a buyer may take from a listing (e.g. [2, 4]:
 * asking for 3 fails). An empty list means the listing cannot be split at all.
 */
export function allowsQuantity(splits: readonly number[], quantity: number): boolean {
  return Number.isInteger(quantity) && quantity > 0 && splits.includes(quantity);
}

/** Keeps valid, positive, unique splits not above the available quantity, sorted. */
export function normaliseSplits(splits: readonly unknown[], available: number): number[] {
  const valid = new Set<number>();
  for (const s of splits) {
    const n = typeof s === 'string' ? Number(s) : s;
    if (typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= available) valid.add(n);
  }
  return [...valid].sort((a, b) => a - b);
}
