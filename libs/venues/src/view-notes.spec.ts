import { readTextNotes } from './view-notes.js';

// The seat-quality model's view of the broker's text: the severities and labels it was tuned
// with, now read by readBrokerNotes (broker-notes/).

describe('readTextNotes', () => {
  it.each([
    ['Obstructed view', 0.35, ['obstructed']],
    ['Partial view', 0.25, ['partial']],
    ['Partially obstructed view', 0.25, ['partial']],
    ['Limited view, printed on ticket', 0.2, ['limited']],
    ['Limited or Obstructed View', 0.3, ['limited-or-obstructed']],
    ['side view', 0.15, ['side-view']],
    ['Behind a pole', 0.35, ['column']],
    ['Aisle', 0, []],
    ['Unobstructed view', 0, ['clear']],
    ['No obstructions. Aisle seats', 0, ['clear']],
    ['Rail in front; partial view', 0.25, ['partial', 'rail']],
    ['', 0, []],
  ])('%j → %d', (text, severity, matched) => {
    const r = readTextNotes(text);
    expect(r.severity).toBe(severity);
    expect(r.matched).toEqual(matched);
  });

  it('reads a list of notes as one text, and spots aisle seats', () => {
    expect(readTextNotes(['Aisle', 'Obstructed view'])).toEqual({
      severity: 0.35,
      matched: ['obstructed'],
      aisle: true,
    });
    expect(readTextNotes(null).severity).toBe(0);
    // Memoised, and a repeated call gives the same answer (global regexes reset between calls).
    expect(readTextNotes('Obstructed view')).toBe(readTextNotes('Obstructed view'));
    expect(readTextNotes('obstructed VIEW').severity).toBe(0.35);
  });
});
