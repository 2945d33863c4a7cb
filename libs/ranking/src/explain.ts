import { formatCents } from '@hamiltix/domain';

/** Within this share of the expected price a listing is "about what comparable seats cost". */
export const FAIR_BAND = 0.03;

/**
 * One short sentence a buyer understands, e.g.
 * "Centre orchestra row F, $140 under what comparable seats cost; clear view."
 * `format` memoises formatCents per call: Intl number formatting is slow and a run of
 * 100,000 listings repeats the same few thousand dollar amounts.
 */
export function explain(
  seatLabel: string,
  actualCents: number,
  expectedCents: number,
  viewNotes: readonly string[],
  format: (cents: number) => string,
): string {
  const label = seatLabel.trim() || 'These seats';
  const diff = Math.round((actualCents - expectedCents) / 100) * 100;
  let price: string;
  if (Math.abs(actualCents - expectedCents) <= FAIR_BAND * expectedCents || diff === 0) {
    price = 'about what comparable seats cost';
  } else if (diff < 0) {
    price = `${format(-diff)} under what comparable seats cost`;
  } else {
    price = `${format(diff)} over what comparable seats cost`;
  }
  return `${label}, ${price}; ${viewPhrase(viewNotes)}.`;
}

function viewPhrase(notes: readonly string[]): string {
  const first = notes.find((n) => n.trim().length > 0);
  if (!first) return 'clear view';
  const text = first.trim().replace(/[.;]+$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function memoFormat(): (cents: number) => string {
  const cache = new Map<number, string>();
  return (cents) => {
    let s = cache.get(cents);
    if (s === undefined) {
      s = formatCents(cents);
      cache.set(cents, s);
    }
    return s;
  };
}
