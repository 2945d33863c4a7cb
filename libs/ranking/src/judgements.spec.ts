import { seatQuality } from '@hamiltix/venues';
import { syntheticInventory, syntheticPerformances } from './fixtures/synthetic-inventory.js';
import { RICHARD_RODGERS_JUDGEMENTS, type JudgedListing } from './judgements/richard-rodgers.judgements.js';
import { rankShow } from './rank-show.js';
import { type ListingSeatInput, toRankable } from './seat-input.js';

const NOW = new Date('2026-09-01T16:00:00Z');
const VENUE = 'richard-rodgers';
const background = syntheticInventory({ listings: 3000, now: NOW, seed: 7 }).map(toRankable);
const perfs = syntheticPerformances({ now: NOW });

function listing(j: JudgedListing, id: string): ListingSeatInput {
  const perf = perfs.find((p) => p.slot === j.slot && p.week === (j.week ?? 3))!;
  return {
    id,
    venueId: VENUE,
    performanceId: perf.id,
    startsAtMs: perf.startsAtMs,
    timeZone: 'America/New_York',
    allInCents: j.dollars * 100,
    quantity: j.seats.length,
    section: j.section,
    sectionId: j.section,
    row: j.row,
    seats: j.seats,
    viewNotes: j.notes ?? [],
  };
}

describe('labelled pairwise judgements (Richard Rodgers)', () => {
  it('has at least 40 judgements, each naming a section and row the venue map knows', () => {
    expect(RICHARD_RODGERS_JUDGEMENTS.length).toBeGreaterThanOrEqual(40);
    for (const j of RICHARD_RODGERS_JUDGEMENTS) {
      for (const l of [j.better, j.worse]) {
        const q = seatQuality({ venueId: VENUE, section: l.section, row: l.row, seats: l.seats });
        // The map must know the section and row (seat numbering is libs/venues' business).
        expect({ why: j.why, known: ['seats', 'row'].includes(q.factors.basis) }).toEqual({
          why: j.why,
          known: true,
        });
      }
    }
  });

  it('the ranking agrees with at least 90% of them', () => {
    const disagreements: string[] = [];
    for (const j of RICHARD_RODGERS_JUDGEMENTS) {
      const better = toRankable(listing(j.better, '9000001'));
      const worse = toRankable(listing(j.worse, '9000002'));
      const { ranked } = rankShow([...background, better, worse], NOW);
      const a = ranked.find((r) => r.id === better.id)!;
      const b = ranked.find((r) => r.id === worse.id)!;
      if (!(a.dealScore > b.dealScore)) {
        disagreements.push(
          `${j.why}: ${a.dealScore.toFixed(1)} vs ${b.dealScore.toFixed(1)} (${a.explanation} | ${b.explanation})`,
        );
      }
    }
    const agreement = 1 - disagreements.length / RICHARD_RODGERS_JUDGEMENTS.length;
    if (disagreements.length)
      process.stderr.write(`judgements disagreed:\n  ${disagreements.join('\n  ')}\n`);
    expect(agreement).toBeGreaterThanOrEqual(0.9);
  });
});
