/**
 * Labelled pairwise judgements: "listing `better` is the better buy than `worse`", written
 * from docs/domain.md facts about the Richard Rodgers (§3) and prices (§5), not from the model.
 * Each pair is ranked inside a realistic inventory (fixtures/synthetic-inventory.ts).
 *
 * Slots name a performance of the synthetic schedule: the weekday/time and the week
 * (0 = the first week on sale). Prices are all-in dollars per ticket.
 */
export type Slot =
  | 'tue-evening'
  | 'wed-matinee'
  | 'wed-evening'
  | 'thu-evening'
  | 'fri-evening'
  | 'sat-matinee'
  | 'sat-evening'
  | 'sun-matinee';

export interface JudgedListing {
  /** libs/venues section id at the Richard Rodgers. */
  section: string;
  row: string;
  seats: number[];
  dollars: number;
  slot: Slot;
  week?: number;
  notes?: string[];
}

export interface Judgement {
  why: string;
  better: JudgedListing;
  worse: JudgedListing;
}

const OC = 'orchestra-center';
const FM = 'front-mezzanine-center';
const RM = 'rear-mezzanine-center';
const at = (
  section: string,
  row: string,
  dollars: number,
  slot: Slot = 'sat-evening',
  extra: Partial<JudgedListing> = {},
): JudgedListing => ({ section, row, seats: extra.seats ?? [106, 107], dollars, slot, week: 3, ...extra });

export const RICHARD_RODGERS_JUDGEMENTS: Judgement[] = [
  // The same seat, cheaper, is the better buy.
  { why: 'same seat, cheaper', better: at(OC, 'F', 500), worse: at(OC, 'F', 560) },
  {
    why: 'same seat, cheaper',
    better: at(RM, 'C', 250, 'wed-matinee'),
    worse: at(RM, 'C', 275, 'wed-matinee'),
  },
  {
    why: 'same seat, cheaper',
    better: at(FM, 'A', 400, 'sun-matinee'),
    worse: at(FM, 'A', 430, 'sun-matinee'),
  },
  {
    why: 'same seat, cheaper',
    better: at(OC, 'K', 300, 'tue-evening'),
    worse: at(OC, 'K', 330, 'tue-evening'),
  },
  {
    why: 'same seat, cheaper',
    better: at(OC, 'P', 280, 'fri-evening'),
    worse: at(OC, 'P', 300, 'fri-evening'),
  },
  {
    why: 'same seat, cheaper',
    better: at(OC, 'C', 480, 'sun-matinee'),
    worse: at(OC, 'C', 520, 'sun-matinee'),
  },
  {
    why: 'same seat, cheaper',
    better: at(RM, 'E', 180, 'thu-evening'),
    worse: at(RM, 'E', 200, 'thu-evening'),
  },
  { why: 'same seat, cheaper', better: at(FM, 'D', 300), worse: at(FM, 'D', 340) },
  {
    why: 'same box, cheaper',
    better: at('box-a', 'A', 220, 'sat-evening', { seats: [101, 102] }),
    worse: at('box-a', 'A', 240, 'sat-evening', { seats: [101, 102] }),
  },
  {
    why: 'same seat, cheaper, one week later',
    better: at(OC, 'F', 440, 'sat-evening', { week: 6 }),
    worse: at(OC, 'F', 500),
  },
  {
    why: 'same seat, cheaper, another Wednesday matinee',
    better: at(OC, 'H', 300, 'wed-matinee', { week: 8 }),
    worse: at(OC, 'H', 330, 'wed-matinee'),
  },
  {
    why: 'same seat, much cheaper, another Saturday',
    better: at(OC, 'K', 300, 'sat-evening', { week: 10 }),
    worse: at(OC, 'K', 600),
  },
  {
    why: 'same seat, 12% cheaper, Tuesday vs Thursday evening',
    better: at(RM, 'C', 230, 'tue-evening'),
    worse: at(RM, 'C', 260, 'thu-evening'),
  },
  {
    why: 'same seat, cheaper on the dearer night (Saturday vs Friday)',
    better: at(OC, 'H', 420),
    worse: at(OC, 'H', 480, 'fri-evening'),
  },

  // A view note at the same price is the worse buy (docs/domain.md §1 public_notes).
  {
    why: 'clear vs obstructed, same seat and price',
    better: at(OC, 'F', 450),
    worse: at(OC, 'F', 450, 'sat-evening', { notes: ['Obstructed view'] }),
  },
  {
    why: 'clear vs partial view, same seat and price',
    better: at(RM, 'D', 220),
    worse: at(RM, 'D', 220, 'sat-evening', { notes: ['Partial view'] }),
  },
  {
    why: 'clear vs limited view, same seat and price',
    better: at(OC, 'M', 300),
    worse: at(OC, 'M', 300, 'sat-evening', { notes: ['Limited view, printed on ticket'] }),
  },
  {
    why: 'clear vs obstructed, Wednesday matinee',
    better: at(FM, 'B', 350, 'wed-matinee'),
    worse: at(FM, 'B', 350, 'wed-matinee', { notes: ['Obstructed view'] }),
  },
  {
    why: 'clear seat 5% dearer vs obstructed',
    better: at(OC, 'E', 420),
    worse: at(OC, 'E', 400, 'sat-evening', { notes: ['Obstructed view'] }),
  },
  {
    why: 'clear seat 4% dearer vs partial view',
    better: at(RM, 'A', 250),
    worse: at(RM, 'A', 240, 'sat-evening', { notes: ['Partial view'] }),
  },

  // The mezzanine overhang: cuts the top of the stage from row M, badly after row S; W–X under it (§3).
  {
    why: 'centre orch F at $500 vs row W under the overhang at $480',
    better: at(OC, 'F', 500),
    worse: at(OC, 'W', 480),
  },
  {
    why: 'row E vs row T (overhang deep) for a little less',
    better: at(OC, 'E', 450),
    worse: at(OC, 'T', 420),
  },
  {
    why: 'row H vs row X (under the overhang) for a little less',
    better: at(OC, 'H', 400),
    worse: at(OC, 'X', 380),
  },
  { why: 'row G vs row V for a little less', better: at(OC, 'G', 420), worse: at(OC, 'V', 400) },
  {
    why: 'row J vs row N at the same price (overhang begins over M)',
    better: at(OC, 'J', 380),
    worse: at(OC, 'N', 380),
  },
  { why: 'row K vs row S at the same price', better: at(OC, 'K', 360), worse: at(OC, 'S', 360) },
  {
    why: 'row R clear of the worst overhang vs row U, same price',
    better: at(OC, 'R', 330),
    worse: at(OC, 'U', 330),
  },
  // What the hand-set notes (two steps: M–S, T–X) could not say: under the overhang each row
  // back loses more of the stage than the one in front (the computed sightlines; the row-by-row
  // ordering of seat quality itself is checked in libs/venues seat-quality.spec.ts).
  {
    why: 'row T vs row V at the same price (the overhang deepens row by row)',
    better: at(OC, 'T', 300),
    worse: at(OC, 'V', 300),
  },

  // High stage: AA/A strain the neck; the sweet spot is centre D–J (§3).
  {
    why: 'sweet-spot row E vs row AA for a little less',
    better: at(OC, 'E', 420),
    worse: at(OC, 'AA', 400, 'sat-evening', { seats: [106, 107] }),
  },
  { why: 'row G vs row A for a little less', better: at(OC, 'G', 450), worse: at(OC, 'A', 440) },
  {
    why: 'row D vs row AA at the same price',
    better: at(OC, 'D', 500, 'sun-matinee'),
    worse: at(OC, 'AA', 500, 'sun-matinee'),
  },

  // Boxes lose a stage edge (§3).
  {
    why: 'centre orchestra K vs a box at the same price',
    better: at(OC, 'K', 300),
    worse: at('box-a', 'A', 300, 'sat-evening', { seats: [101, 102] }),
  },
  {
    why: 'front mezzanine B vs a box at the same price',
    better: at(FM, 'B', 380),
    worse: at('box-c', 'A', 380, 'sat-evening', { seats: [101, 102] }),
  },

  // Same seat, same price, different demand (§5: Wednesday matinees 15–25% below Saturday night).
  {
    why: 'Saturday night at a Wednesday-matinee price, same seat',
    better: at(OC, 'F', 450),
    worse: at(OC, 'F', 450, 'wed-matinee'),
  },
  {
    why: 'Friday night vs Wednesday matinee, same seat and price',
    better: at(RM, 'B', 250, 'fri-evening'),
    worse: at(RM, 'B', 250, 'wed-matinee'),
  },
  {
    why: 'Saturday matinee vs Wednesday matinee, same seat and price',
    better: at(FM, 'C', 330, 'sat-matinee'),
    worse: at(FM, 'C', 330, 'wed-matinee'),
  },
  {
    why: 'Saturday matinee vs Wednesday matinee (another seat)',
    better: at(OC, 'J', 420, 'sat-matinee'),
    worse: at(OC, 'J', 420, 'wed-matinee'),
  },

  // Price far from value (§5: spikes, rip-offs).
  {
    why: 'a cheap rear mezzanine vs a fairly priced front mezzanine',
    better: at(RM, 'E', 150),
    worse: at(FM, 'A', 450),
  },
  { why: 'row L at a normal price vs row D at a spike', better: at(OC, 'L', 350), worse: at(OC, 'D', 900) },
  {
    why: 'rear mezzanine at a normal price vs front mezzanine A at $1,200',
    better: at(RM, 'C', 250),
    worse: at(FM, 'A', 1200),
  },
  {
    why: 'orchestra E vs a rear mezzanine back row, same price',
    better: at(OC, 'E', 450),
    worse: at(RM, 'G', 450),
  },
  {
    why: 'front mezzanine A vs rear mezzanine F, same price',
    better: at(FM, 'A', 300),
    worse: at(RM, 'F', 300),
  },
  {
    why: 'rear mezzanine A vs rear mezzanine G (back row), same price',
    better: at(RM, 'A', 200),
    worse: at(RM, 'G', 200),
  },
  {
    why: 'cheap overhang row at half price vs clear row at a spike',
    better: at(OC, 'W', 150),
    worse: at(OC, 'G', 900),
  },
  {
    why: 'sweet spot at normal price vs front row at double',
    better: at(OC, 'F', 450),
    worse: at(OC, 'AA', 900),
  },
];
