import fc from 'fast-check';
import {
  guessLevel,
  listVenues,
  matchSection,
  normaliseSectionName,
  resolveSeats,
  viewNotesFor,
} from './index.js';

const ok = <T extends { ok: boolean }>(r: T) => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
};

describe('normaliseSectionName', () => {
  it.each([
    ['ORCH', 'Orchestra'],
    ['Orch Center', 'Center Orchestra'],
    ['Orchestra Centre', 'Orch Ctr'],
    ['FMEZZ', 'Front Mezzanine'],
    ['Front Mezz', 'front mezzanine'],
    ['Front Mezzanine Left', 'Left Front Mezz'],
    ['RMEZZ', 'Rear Mezz'],
    ['Section ORCH-L', 'orch l'],
  ])('%s ≡ %s', (a, b) => {
    expect(normaliseSectionName(a)).toBe(normaliseSectionName(b));
  });

  it('keeps single letters apart from words ("Box C" is not "Box Center")', () => {
    expect(normaliseSectionName('Box C')).not.toBe(normaliseSectionName('Box Center'));
  });

  it.each([
    ['ORCH', 'orchestra'],
    ['Rear Mezz', 'mezzanine'],
    ['Dress Circle C', 'dress-circle'],
    ['Balcony', 'balcony'],
    ['Box A', 'box'],
    ['Standing Room', undefined],
  ])('guesses the level of %s', (name, level) => {
    expect(guessLevel(name)).toBe(level);
  });
});

describe('resolveSeats at the Richard Rodgers', () => {
  const rr = (section: string, row: string, lowSeat?: number, highSeat?: number, quantity = 2) =>
    resolveSeats('richard-rodgers', { section, row, lowSeat, highSeat, quantity });

  it('narrows "ORCH" to the centre block by its 1xx seat numbers', () => {
    const r = ok(rr('ORCH', 'D', 101, 104, 4));
    expect(r.sectionId).toBe('orchestra-center');
    expect(r.level).toBe('orchestra');
    expect(r.seats.map((s) => s.number)).toEqual([101, 102, 103, 104]);
    expect(r.seats[0].x).toBeLessThan(r.seats[3].x);
  });

  it('takes odd seats on the left and even seats on the right', () => {
    expect(ok(rr('Orchestra', 'F', 1, 5, 3)).seats.map((s) => `${s.section}:${s.number}`)).toEqual([
      'orchestra-left:1',
      'orchestra-left:3',
      'orchestra-left:5',
    ]);
    expect(ok(rr('Left Orchestra', 'F', 1, 5, 3)).sectionId).toBe('orchestra-left');
    expect(ok(rr('ORCH', 'F', 2, 6, 3)).sectionId).toBe('orchestra-right');
    // Low seat only: quantity seats from it outwards.
    expect(
      ok(rr('ORCH', 'F', 2, undefined, 3))
        .seats.map((s) => s.number)
        .sort((a, b) => a - b),
    ).toEqual([2, 4, 6]);
  });

  it.each([
    ['Orch Center', 'orchestra-center'],
    ['Center Orchestra', 'orchestra-center'],
    ['Left Orchestra', 'orchestra-left'],
    ['FMEZZ', 'front-mezzanine'],
    ['Front Mezz', 'front-mezzanine'],
    ['Front Mezzanine Left', 'front-mezzanine-left'],
    ['RMEZZ', 'rear-mezzanine'],
    ['Rear Mezz', 'rear-mezzanine'],
    ['Box A', 'box-a'],
    ['Mezz', 'mezzanine'],
  ])('matches "%s" to %s', (name, id) => {
    expect(matchSection('richard-rodgers', name)?.id).toBe(id);
  });

  it('resolves a row without seat numbers to the row, seats unknown', () => {
    const r = ok(rr('Orch Center', 'K'));
    expect(r).toMatchObject({ sectionId: 'orchestra-center', row: 'K', seats: [] });
    const mezz = ok(rr('Mezz', 'B'));
    expect(mezz.sectionId).toBe('mezzanine');
    expect(mezz.sectionIds).toHaveLength(6); // front and rear both letter from A
  });

  it('uses the row to tell front from rear mezzanine', () => {
    const r = ok(rr('Mezz', 'G', 1, 3, 2));
    expect(r.sectionId).toBe('rear-mezzanine-left');
    expect(ok(rr('FMEZZ', 'A', 101, 102)).seats.map((s) => s.section)).toEqual([
      'front-mezzanine-center',
      'front-mezzanine-center',
    ]);
  });

  it('matches unlisted spellings by their words, keeping the candidates', () => {
    const t = matchSection('richard-rodgers', 'Mezzanine Center')!;
    expect(t.sectionIds).toEqual(['front-mezzanine-center', 'rear-mezzanine-center']);
    // The ad-hoc id is re-derivable from its words (ranking passes back what ingestion stored).
    expect(matchSection('richard-rodgers', t.id)?.sectionIds).toEqual(t.sectionIds);
    expect(matchSection('richard-rodgers', 'Orchestra Center Left')).toBeUndefined();
  });

  it('accepts any row name for a box', () => {
    const r = ok(rr('Box A', 'BOX', 1, 3, 3));
    expect(r.seats.map((s) => s.number).sort()).toEqual([1, 2, 3]);
    expect(r.viewNotes.map((n) => n.kind)).toContain('box-angle');
  });

  it('accepts "Row d" and leading zeros in row names', () => {
    expect(ok(rr('ORCH', 'Row d', 101, 102)).row).toBe('D');
  });

  it('says clearly why not', () => {
    expect(resolveSeats('nowhere', { section: 'ORCH', row: 'A', quantity: 2 })).toMatchObject({
      ok: false,
      reason: 'unknown venue "nowhere"',
    });
    const balcony = rr('Balcony', 'B');
    expect(balcony).toMatchObject({ ok: false, level: 'balcony' });
    expect(!balcony.ok && balcony.reason).toMatch(/unknown section "Balcony"/);
    const row = rr('ORCH', 'ZZ');
    expect(!row.ok && row.reason).toMatch(/row "ZZ" is not in Orchestra/);
    const seats = rr('ORCH', 'D', 140, 142);
    expect(!seats.ok && seats.reason).toMatch(/seats 140–142 are not in row D of Orchestra/);
    const short = rr('Orch Center', 'D', 101, 102, 4);
    expect(!short.ok && short.reason).toMatch(/only 2 seat\(s\)/);
    const reversed = rr('ORCH', 'D', 110, 101);
    expect(!reversed.ok && reversed.reason).toMatch(/reversed/);
  });

  it('attaches the map view notes of the seats', () => {
    // Computed from the geometry (the hand-set overhang notes are replaced where it is modelled).
    const w = ok(rr('ORCH', 'W', 105, 106)).viewNotes;
    expect(w.map((n) => n.id)).toEqual(['mezzanine-overhang']);
    expect(w[0].text).toMatch(/^The mezzanine overhang hides the top \d+% of the stage$/);
    expect(ok(rr('ORCH', 'F', 105, 106)).viewNotes).toEqual([]);
    expect(ok(rr('ORCH', 'H', 105, 106)).viewNotes.map((n) => n.kind)).toEqual(['access']);
  });
});

describe('resolveSeats at the CIBC', () => {
  const cibc = (section: string, row: string, lowSeat?: number, highSeat?: number, quantity = 2) =>
    resolveSeats('cibc', { section, row, lowSeat, highSeat, quantity });

  it.each([
    ['Dress Circle C', 'dress-circle-c'],
    ['Dress Circle Center', 'dress-circle-c'],
    ['DC LC', 'dress-circle-lc'],
    ['Dress Circle Left Center', 'dress-circle-lc'],
    ['Balcony', 'balcony'],
    ['Mezz', 'mezzanine'],
    ['Mezzanine Center', 'mezzanine-center'],
  ])('matches "%s" to %s', (name, id) => {
    expect(matchSection('cibc', name)?.id).toBe(id);
  });

  it('knows the row-U column behind left orchestra seats 2–6 from row V', () => {
    const r = ok(cibc('ORCH', 'W', 2, 6, 3));
    expect(r.sectionId).toBe('orchestra-left');
    expect(r.viewNotes.map((n) => n.kind)).toEqual(['column']);
    expect(ok(cibc('ORCH', 'W', 8, 10)).viewNotes).toEqual([]);
    expect(ok(cibc('ORCH', 'U', 2, 6, 3)).viewNotes).toEqual([]);
  });
});

describe('viewNotesFor', () => {
  it('returns the venue notes for the seats (or the row when none given)', () => {
    expect(viewNotesFor('richard-rodgers', 'orchestra-center', 'T', [105]).map((n) => n.id)).toEqual([
      'mezzanine-overhang',
    ]);
    const ids = (notes: { id: string }[]) => notes.map((n) => n.id).sort();
    expect(ids(viewNotesFor('cibc', 'orchestra-right', 'Y', [3]))).toEqual([
      'mezzanine-overhang',
      'row-u-column-right',
    ]);
    expect(ids(viewNotesFor('cibc', 'orchestra-right', 'U', [3]))).toEqual([]);
    expect(ids(viewNotesFor('cibc', 'orchestra-right', 'Y'))).toEqual([
      'mezzanine-overhang',
      'row-u-column-right',
    ]);
    // The far side seat loses a little of the near edge (a note from 4%), the aisle seat none.
    expect(viewNotesFor('richard-rodgers', 'orchestra-left', 'B', [13]).map((n) => n.text)).toEqual([
      'The proscenium hides the house-left 4% of the stage',
    ]);
    expect(viewNotesFor('richard-rodgers', 'orchestra-left', 'B', [1])).toEqual([]);
    expect(viewNotesFor('richard-rodgers', 'box-b', 'A', [3]).map((n) => n.text)).toEqual([
      expect.stringMatching(/^The proscenium hides the house-left \d+% of the stage$/),
    ]);
    expect(viewNotesFor('cibc', 'Dress Circle C', 'F').map((n) => n.kind)).toEqual(['overhang']);
    // The hand-set notes of other kinds still come from the map.
    expect(viewNotesFor('richard-rodgers', 'orchestra-center', 'H', [105]).map((n) => n.id)).toEqual([
      'rr-wheelchair-h',
    ]);
    expect(viewNotesFor('nowhere', 'x', 'A')).toEqual([]);
  });
});

describe('resolveSeats round trip', () => {
  it('resolves any block of adjacent seats under any of its broker names', () => {
    const rows = listVenues().flatMap((v) =>
      v.sections.flatMap((s) => {
        const groupNames = v.groups
          .filter((g) => g.sections.includes(s.id))
          .flatMap((g) => [g.name, ...g.aliases]);
        return s.rows.map((r) => ({
          venue: v.id,
          section: s,
          row: r,
          names: [s.name, ...s.aliases],
          groupNames,
        }));
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...rows),
        fc.nat(),
        fc.integer({ min: 1, max: 8 }),
        fc.nat(),
        fc.nat(),
        (r, start0, qty0, n1, n2) => {
          const numbers = r.row.seats.map((s) => s.number).sort((a, b) => a - b);
          const quantity = Math.min(qty0, numbers.length);
          const start = start0 % (numbers.length - quantity + 1);
          const block = numbers.slice(start, start + quantity);
          const query = { row: r.row.name, lowSeat: block[0], highSeat: block[block.length - 1], quantity };
          const own = resolveSeats(r.venue, { ...query, section: r.names[n1 % r.names.length] });
          expect(own).toMatchObject({ ok: true, sectionId: r.section.id });
          expect(own.ok && own.seats.map((s) => s.number)).toEqual(block);
          if (r.groupNames.length) {
            const viaGroup = resolveSeats(r.venue, {
              ...query,
              section: r.groupNames[n2 % r.groupNames.length],
            });
            expect(viaGroup.ok).toBe(true);
            expect(viaGroup.ok && viaGroup.sectionIds).toContain(r.section.id);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
