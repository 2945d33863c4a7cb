import { listVenues } from '../venue-registry.js';
import { hiddenPartText, isGeneratedText, sightlineNotes } from './sightline-notes.js';
import { venueSightlines } from './venue-sightlines.js';

describe('sightline notes', () => {
  it('words each hidden part for the buyer, with and without its figure', () => {
    expect(hiddenPartText({ by: 'overhang', name: 'mezzanine', side: 'top', share: 0.184 })).toBe(
      'The mezzanine overhang hides the top 18% of the stage',
    );
    expect(hiddenPartText({ by: 'column', name: 'row U column', side: 'middle', share: 0.59 })).toBe(
      'The row U column hides 59% of the stage width',
    );
    expect(hiddenPartText({ by: 'proscenium', name: 'proscenium', side: 'left', share: 0.12 })).toBe(
      'The proscenium hides the house-left 12% of the stage',
    );
    expect(hiddenPartText({ by: 'overhang', name: 'mezzanine', side: 'top' })).toBe(
      'The mezzanine overhang hides the top of the stage',
    );
    expect(hiddenPartText({ by: 'box-wall', name: 'box wall', side: 'right' })).toBe(
      'The box wall hides the house-right edge of the stage',
    );
  });

  it('recognises every text it generates, and never a broker phrase', () => {
    for (const v of listVenues())
      for (const rows of venueSightlines(v.id)!.bySeat.values())
        for (const seats of rows.values())
          for (const sl of seats.values())
            for (const n of sightlineNotes(sl, 'orchestra')) {
              expect(isGeneratedText(n.text)).toBe(true);
              expect(isGeneratedText(n.general)).toBe(true);
            }
    for (const broker of [
      'Obstructed view',
      'Mezzanine overhang',
      'Behind a pole',
      'The overhang hides nothing, great seats',
      'Partial view: the column hides 20% of the stage, aisle',
    ])
      expect(isGeneratedText(broker)).toBe(false);
  });

  it('leaves heads in front and the stage lip to the rake and neck-angle factors', () => {
    const sl = venueSightlines('cibc')!.bySeat.get('balcony-center')!.get('B')!.get(108)!;
    expect(sl.hidden.map((h) => h.by)).toContain('heads');
    expect(sightlineNotes(sl, 'balcony').map((n) => n.kind)).not.toContain('heads');
  });
});
