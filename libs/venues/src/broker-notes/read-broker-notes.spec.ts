import fc from 'fast-check';
import { readBrokerNotes, viewRank } from '../index.js';
import { NOTE_CASES } from './broker-note.cases.js';

describe('readBrokerNotes: real-world phrasings', () => {
  it('has at least 60 phrasings', () => {
    expect(NOTE_CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(NOTE_CASES.map((c) => [c.note, c.viewType ?? '', c]))('%j (view_type %j)', (_n, _v, c) => {
    const r = readBrokerNotes(c.note, c.viewType);
    expect({ view: r.view, seats: r.seats, delivery: r.delivery }).toEqual({
      view: c.view,
      seats: c.seats ?? [],
      delivery: c.delivery ?? [],
    });
    // A clear or silent note never tells the buyer about a view problem, and vice versa.
    expect(r.viewNotes.length > 0).toBe(c.view !== 'clear' && c.view !== 'unknown');
  });
});

describe('readBrokerNotes: what it returns', () => {
  it('gives the words it matched, with the denial', () => {
    const r = readBrokerNotes('No obstruction, aisle');
    expect(r.matched).toEqual([
      { fact: 'clear', words: 'obstruction', negated: true, from: 'notes' },
      { fact: 'aisle', words: 'aisle', negated: false, from: 'notes' },
    ]);
    expect(readBrokerNotes(null, 'Obstructed').matched).toEqual([
      { fact: 'obstructed', words: 'obstructed view', negated: false, from: 'view_type' },
    ]);
  });

  it('words each view fact once, strongest kinds first', () => {
    expect(readBrokerNotes('OBSTRUCTED VIEW - behind column').viewNotes).toEqual([
      'Obstructed view',
      'A column may block part of the stage',
    ]);
    expect(readBrokerNotes('Rail in front; partial view; partial view').viewNotes).toEqual([
      'Partial view',
      'A rail is in the sightline',
    ]);
    expect(readBrokerNotes('No obstruction').viewNotes).toEqual([]);
  });

  it('keeps the severities the seat-quality model was tuned with', () => {
    const sev = (n: string) => readBrokerNotes(n).severity;
    expect(sev('Obstructed view')).toBe(0.35);
    expect(sev('Behind a pole')).toBe(0.35);
    expect(sev('Limited or Obstructed View')).toBe(0.3);
    expect(sev('Partially obstructed view')).toBe(0.25);
    expect(sev('Limited view')).toBe(0.2);
    expect(sev('Mezzanine overhang')).toBe(0.2);
    expect(sev('side view')).toBe(0.15);
    expect(sev('Rail in front')).toBe(0.08);
    expect(sev('Unobstructed view')).toBe(0);
    expect(readBrokerNotes(['Aisle', 'Obstructed view']).viewFacts).toEqual(['obstructed']);
  });

  it('reads its own wording back as the same view and severity (ranking reads the stored wording)', () => {
    for (const c of NOTE_CASES) {
      const r = readBrokerNotes(c.note, c.viewType);
      if (!r.viewNotes.length) continue;
      const again = readBrokerNotes(r.viewNotes);
      expect([c.note, again.view, again.severity]).toEqual([c.note, r.view, r.severity]);
    }
  });

  it('is memoised and frozen', () => {
    expect(readBrokerNotes('Obstructed view')).toBe(readBrokerNotes('Obstructed view'));
    expect(Object.isFrozen(readBrokerNotes('Partial view'))).toBe(true);
  });
});

describe('readBrokerNotes: a denial never makes a note worse', () => {
  const fragments = fc.oneof(
    fc.constantFrom(...NOTE_CASES.map((c) => c.note ?? '')),
    fc.constantFrom('obs', 'ltd', 'un', 'non', 'not', 'no', 'limited or', 'partial', 'w', 'pv', 'column'),
    fc.string({ maxLength: 12 }),
  );
  const note = fc.tuple(
    fc.array(fragments, { minLength: 1, maxLength: 4 }),
    fc.constantFrom(' ', ', ', '/', '. '),
  );
  const separator = fc.constantFrom(', ', '. ', ' / ', '; ', ' - ', ' | ', ' but ');
  const denial = fc.constantFrom(
    'no obstruction',
    'No obstructions',
    'not obstructed',
    'unobstructed',
    'Full view',
    'clear view',
    'obstruction free',
  );

  it('a note with an added "no obstruction" clause reads no more obstructed than the note', () => {
    fc.assert(
      fc.property(
        note,
        separator,
        denial,
        fc.option(fc.constantFrom('Obstructed', 'Full')),
        ([parts, join], sep, no, hint) => {
          const text = parts.join(join);
          const plain = readBrokerNotes(text, hint);
          const denied = readBrokerNotes(text + sep + no, hint);
          expect(viewRank(denied.view)).toBeLessThanOrEqual(viewRank(plain.view));
          expect(denied.severity).toBeLessThanOrEqual(plain.severity);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
