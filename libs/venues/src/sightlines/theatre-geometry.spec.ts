import { listVenues } from '../venue-registry.js';
import { getVenueGeometry, listVenueGeometries } from './geometry-registry.js';
import { validateGeometry } from './validate-geometry.js';
import { seatSightline } from './venue-sightlines.js';

describe('theatre geometry', () => {
  it('exists for every mapped venue', () => {
    expect(listVenueGeometries().map((g) => g.venueId)).toEqual(listVenues().map((v) => v.id));
  });

  it.each(listVenues().map((v) => v.id))(
    '%s: every figure sourced, no row inside the tier above, soffits above the eyes beneath, every section reachable',
    (id) => {
      const venue = listVenues().find((v) => v.id === id)!;
      const g = getVenueGeometry(id)!;
      expect(validateGeometry(g, venue, (s, r, n) => seatSightline(id, s, r, n))).toEqual([]);
    },
  );

  it('says how every unmeasured figure was estimated', () => {
    const sources: string[] = [];
    const walk = (v: unknown): void => {
      if (!v || typeof v !== 'object') return;
      const o = v as Record<string, unknown>;
      if (typeof o.value === 'number' && typeof o.source === 'string') sources.push(o.source);
      else Object.values(o).forEach(walk);
    };
    listVenueGeometries().forEach(walk);
    expect(sources.length).toBeGreaterThan(100);
    // No public measured drawings: everything is an estimate that says how it was made.
    for (const s of sources) expect(s).toMatch(/^estimated: \S.{10,}/);
  });

  it('catches a row inside the level above and a section with no place in the cross-section', () => {
    const venue = listVenues().find((v) => v.id === 'richard-rodgers')!;
    const g = getVenueGeometry('richard-rodgers')!;
    const low = {
      ...g,
      tiers: g.tiers.map((t) => ({ ...t, soffit: { ...t.soffit, value: 2 }, sections: t.sections.slice(1) })),
    };
    const problems = validateGeometry(low, venue, (s, r, n) => seatSightline('richard-rodgers', s, r, n));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^orchestra-center row X is inside the mezzanine tier/),
        'front-mezzanine-left: on no tier and behind no box wall',
      ]),
    );
  });
});
