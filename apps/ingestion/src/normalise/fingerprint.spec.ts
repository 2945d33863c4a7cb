import { fingerprintFields } from './fingerprint.js';

describe('fingerprintFields', () => {
  it('is stable and tells fields, types and order apart', () => {
    const a = fingerprintFields(['1', 2, null, true, [1, 2], ['x']]);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprintFields(['1', 2, null, true, [1, 2], ['x']])).toBe(a);
    const variants = [
      [12, null, true, [1, 2], ['x']],
      ['12', null, true, [1, 2], ['x']],
      ['1', 2, 'null', true, [1, 2], ['x']],
      ['1', 2, null, false, [1, 2], ['x']],
      ['1', 2, null, true, [12], ['x']],
      ['1', 2, null, true, [1, 2], []],
      ['1', 2, null, true, ['x'], [1, 2]],
      ['1', 2.5, null, true, [1, 2], ['x']],
    ];
    for (const v of variants) expect(fingerprintFields(v)).not.toBe(a);
    const seen = new Set(
      Array.from({ length: 10_000 }, (_, i) => fingerprintFields([`listing ${i}`, 25_000])),
    );
    expect(seen.size).toBe(10_000);
  });
});
