import fc from 'fast-check';
import { canonicalFilters, LISTINGS_PARAMS, parseListingsQuery } from './listings-query.js';
import { parsePerformancesQuery } from './performances-query.js';
import { QueryError } from './query-errors.js';

function errorOf(fn: () => unknown): QueryError {
  try {
    fn();
  } catch (e) {
    if (e instanceof QueryError) return e;
    throw e;
  }
  throw new Error('expected a QueryError');
}

describe('parseListingsQuery', () => {
  it('applies the defaults', () => {
    expect(parseListingsQuery({})).toEqual({
      filters: { clearView: false },
      sort: 'deal',
      limit: 25,
      cursor: undefined,
    });
  });

  it('parses every filter', () => {
    const q = parseListingsQuery({
      show: 'hamilton',
      city: 'New York',
      from: '2026-12-01',
      to: '2026-12-31',
      days: 'sat,fri,sat',
      time: 'matinee',
      quantity: '2',
      maxPrice: '199.99',
      section: 'Mezzanine',
      clearView: 'true',
      sort: 'price',
      limit: '100',
    });
    expect(q.filters).toEqual({
      show: 'hamilton',
      city: 'new york',
      from: '2026-12-01',
      to: '2026-12-31',
      days: ['fri', 'sat'],
      time: 'matinee',
      quantity: 2,
      maxPriceCents: 19999,
      section: 'mezzanine',
      clearView: true,
    });
    expect(q.sort).toBe('price');
    expect(q.limit).toBe(100);
  });

  it.each([
    [{ sort: 'cheapest' }, 'sort', 'deal, price, quality, date'],
    [{ from: '2026-02-30' }, 'from', 'YYYY-MM-DD'],
    [{ from: '05/12/2026' }, 'from', 'YYYY-MM-DD'],
    [{ from: '2026-12-10', to: '2026-12-01' }, 'to', 'before from'],
    [{ limit: '0' }, 'limit', '1 to 100'],
    [{ limit: '101' }, 'limit', '1 to 100'],
    [{ limit: '2.5' }, 'limit', '1 to 100'],
    [{ quantity: '-1' }, 'quantity', 'whole number'],
    [{ maxPrice: 'abc' }, 'maxPrice', 'dollars'],
    [{ maxPrice: '0' }, 'maxPrice', 'above 0'],
    [{ days: 'fri,funday' }, 'days', 'sun,mon'],
    [{ time: 'night' }, 'time', 'matinee'],
    [{ clearView: 'yes' }, 'clearView', 'true or false'],
    [{ colour: 'red' }, 'colour', 'unknown query parameter'],
    [{ show: ['a', 'b'] }, 'show', 'once'],
  ])('refuses %j naming the parameter', (raw, param, hint) => {
    const e = errorOf(() => parseListingsQuery(raw as Record<string, unknown>));
    expect(e.parameter).toBe(param);
    expect(e.message).toContain(param);
    expect(e.message).toContain(hint);
  });

  it('never throws anything but a QueryError, whatever the input', () => {
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom('', '0', '-1', '1e3', 'NaN', 'true', '2026-13-01', 'fri'),
    );
    const key = fc.constantFrom(...Object.keys(LISTINGS_PARAMS), 'x', '__proto__');
    fc.assert(
      fc.property(fc.dictionary(key, fc.oneof(value, fc.array(value, { maxLength: 2 }))), (raw) => {
        try {
          parseListingsQuery(raw);
        } catch (e) {
          if (!(e instanceof QueryError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same canonical form to the same filters', () => {
    const a = parseListingsQuery({ days: 'sat,fri', city: 'CHICAGO' });
    const b = parseListingsQuery({ city: 'chicago', days: 'fri,sat', limit: '5' });
    expect(canonicalFilters(a.filters)).toBe(canonicalFilters(b.filters));
  });
});

describe('parsePerformancesQuery', () => {
  it('parses and checks the range', () => {
    expect(parsePerformancesQuery({ show: 'hamilton', from: '2026-12-01' })).toEqual({
      show: 'hamilton',
      from: '2026-12-01',
    });
    expect(errorOf(() => parsePerformancesQuery({ from: '2026-12-02', to: '2026-12-01' })).parameter).toBe(
      'to',
    );
    expect(errorOf(() => parsePerformancesQuery({ sort: 'deal' })).parameter).toBe('sort');
  });
});
