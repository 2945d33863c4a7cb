import fc from 'fast-check';
import { QueryError } from '../query/query-errors.js';
import { CursorCodec } from './cursor.codec.js';

const codec = CursorCodec.fromSharedSecret('test-secret-test-secret-test-secret-0000');
const filters = CursorCodec.filtersHash('["hamilton"]');
const position = { version: 'v42', sort: 'deal' as const, filters, score: -87.5, id: '1234567' };

describe('CursorCodec', () => {
  it('round-trips', () => {
    const c = codec.encode(position);
    expect(c).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(codec.decode(c, { sort: 'deal', filters })).toEqual(position);
  });

  it('refuses a cursor of another sort or other filters', () => {
    const c = codec.encode(position);
    expect(() => codec.decode(c, { sort: 'price', filters })).toThrow(/sort=deal/);
    expect(() => codec.decode(c, { sort: 'deal', filters: CursorCodec.filtersHash('x') })).toThrow(
      /other filters/,
    );
  });

  it('refuses a cursor signed with another key', () => {
    const other = CursorCodec.fromSharedSecret('another-secret-another-secret-another-00');
    expect(() => codec.decode(other.encode(position), { sort: 'deal', filters })).toThrow(QueryError);
  });

  it('detects any change to a valid cursor', () => {
    const c = codec.encode(position);
    fc.assert(
      fc.property(fc.nat(c.length - 1), fc.constantFrom(...'ABCxyz019-_.='), (at, ch) => {
        const forged = c.slice(0, at) + ch + c.slice(at + 1);
        if (forged === c) return;
        expect(() => codec.decode(forged, { sort: 'deal', filters })).toThrow(QueryError);
      }),
    );
  });

  it('turns any garbage into a QueryError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        expect(() => codec.decode(s, { sort: 'deal', filters })).toThrow(QueryError);
      }),
    );
  });
});
