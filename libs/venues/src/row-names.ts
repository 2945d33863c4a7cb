/**
 * Row-name helpers. Theatres letter rows A, B, C... usually skipping I (and sometimes O),
 * with AA/BB in front of A; some number them. A spec writes ranges ("A-H,J-X") that expand here.
 */

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Expands "AA,A-H,J-X" or "1-12" into the list of row names. Letter ranges step through the alphabet inclusively. */
export function expandRowOrder(spec: string): string[] {
  const out: string[] = [];
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([A-Z]+|\d+)-([A-Z]+|\d+)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    const [, from, to] = m;
    if (/^\d+$/.test(from) && /^\d+$/.test(to)) {
      for (let n = Number(from); n <= Number(to); n++) out.push(String(n));
    } else if (from.length === 1 && to.length === 1) {
      for (let c = LETTERS.indexOf(from); c <= LETTERS.indexOf(to); c++) out.push(LETTERS[c]);
    } else if (from.length === 2 && to.length === 2 && from[0] === from[1] && to[0] === to[1]) {
      // Doubled letters: "AA-EE" → AA, BB, CC, DD, EE.
      for (let c = LETTERS.indexOf(from[0]); c <= LETTERS.indexOf(to[0]); c++)
        out.push(LETTERS[c] + LETTERS[c]);
    } else {
      throw new Error(`Cannot expand row range "${part}"`);
    }
  }
  return out;
}

/** Row names in a group spec ("A-H", "AA", "J,K") picked from the section's row order. */
export function rowsInRange(range: string, order: readonly string[]): string[] {
  const m = /^([A-Z0-9]+)-([A-Z0-9]+)$/.exec(range.trim());
  if (!m) return range.split(',').map((r) => r.trim());
  const a = order.indexOf(m[1]);
  const b = order.indexOf(m[2]);
  if (a < 0 || b < 0 || b < a) throw new Error(`Row range "${range}" is not in the row order`);
  return order.slice(a, b + 1);
}

const rowMemo = new Map<string, string>();

/** Canonical row name for matching the broker's: trimmed, upper case, "Row " prefix and leading zeros dropped. */
export function normaliseRowName(row: string): string {
  const memo = rowMemo.get(row);
  if (memo !== undefined) return memo;
  const r = row
    .trim()
    .toUpperCase()
    .replace(/^ROW\s*/, '');
  const out = /^\d+$/.test(r) ? String(Number(r)) : r;
  if (rowMemo.size < 10_000) rowMemo.set(row, out);
  return out;
}
