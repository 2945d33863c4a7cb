/**
 * The words sellers use in a listing's `public_notes`, each mapped to one fact. Notes are
 * written by thousands of sellers (docs/domain.md §1): any case, abbreviations ("obs", "ltd
 * view", "pv", "ada"), several facts per note, delivery words mixed in. Severities are how
 * much of the view a fact says is lost (0..1), set against the venue maps' own notes (a
 * column in front: 0.35; a deep overhang: 0.3): tunable data, not truth.
 */

/** What the note says about the view, from worst to best; `unknown` when it says nothing. */
export type NoteView = 'obstructed' | 'partial' | 'limited' | 'side' | 'clear' | 'unknown';

export type SeatFact =
  | 'aisle'
  | 'wheelchair'
  | 'companion'
  | 'piggyback'
  | 'together'
  | 'not-together'
  | 'standing-room'
  | 'limited-legroom';

export type DeliveryFact =
  | 'mobile'
  | 'electronic'
  | 'instant'
  | 'in-hand'
  | 'not-in-hand'
  | 'delayed'
  | 'physical'
  | 'will-call'
  | 'local-pickup'
  | 'paperless'
  | 'guest-list';

export type ViewFact =
  | 'clear'
  | 'limited-or-obstructed'
  | 'partial'
  | 'possible-obstruction'
  | 'obstructed'
  | 'column'
  | 'limited'
  | 'restricted'
  | 'overhang'
  | 'side-view'
  | 'rail';

export interface ViewTerm {
  domain: 'view';
  fact: ViewFact;
  pattern: RegExp;
  view: NoteView;
  severity: number;
  /** What the buyer is shown; reading it back gives the same fact. */
  wording?: string;
}
export interface SeatTerm {
  domain: 'seat';
  fact: SeatFact;
  pattern: RegExp;
}
export interface DeliveryTerm {
  domain: 'delivery';
  fact: DeliveryFact;
  pattern: RegExp;
}
export type Term = ViewTerm | SeatTerm | DeliveryTerm;

const OBS = String.raw`(?:obstruct\w*|obstr|obst|obstd|obs)`;
const VIEW = String.raw`(?:view|views|vw|visibility|vis|sight\s*lines?|sight)`;

/**
 * Tried in this order on each clause; a match consumes its words, so "Limited or obstructed
 * view" is not also "obstructed", "Partially obstructed" is partial, "possible obstruction"
 * is not a plain obstruction, and "unobstructed" is clear. Patterns must be global.
 */
export const TERMS: readonly Term[] = [
  // View. Word-internal negation and stock "all clear" phrases first.
  {
    domain: 'view',
    fact: 'clear',
    pattern: new RegExp(
      String.raw`\b(?:un|non)${OBS}|\bunrestricted\s+${VIEW}|\b(?:clear|full|perfect|unblocked)\s+(?:stage\s+)?${VIEW}\b`,
      'g',
    ),
    view: 'clear',
    severity: 0,
  },
  {
    domain: 'view',
    fact: 'limited-or-obstructed',
    pattern: new RegExp(String.raw`\b(?:limited|ltd)\s*(?:or|and|&)\s*${OBS}(?:\s+${VIEW})?`, 'g'),
    view: 'obstructed',
    severity: 0.3,
    wording: 'Limited or obstructed view',
  },
  {
    domain: 'view',
    fact: 'partial',
    pattern: new RegExp(
      String.raw`\bpartial(?:ly)?(?:\s+(?:${OBS}|restricted|stage|${VIEW}))*\b|\bpv\b|\bpart\s+view\b`,
      'g',
    ),
    view: 'partial',
    severity: 0.25,
    wording: 'Partial view',
  },
  {
    // Hedged: the seller (or the box office's stock disclaimer) only warns it may be.
    domain: 'view',
    fact: 'possible-obstruction',
    pattern: new RegExp(
      String.raw`\b(?:possible|possibly|potential(?:ly)?|may(?:\s+be)?|might(?:\s+be)?|could(?:\s+be)?|slight(?:ly)?|minor|minimal)\s+${OBS}(?:\s+${VIEW})?`,
      'g',
    ),
    view: 'limited',
    severity: 0.2,
    wording: 'Possible obstruction',
  },
  {
    domain: 'view',
    fact: 'obstructed',
    pattern: new RegExp(
      String.raw`\b${OBS}(?:\s+${VIEW})?\b|\bblocked\s+${VIEW}\b|\b${VIEW}\s+(?:is\s+|may\s+be\s+)?blocked\b|\bblocking\b`,
      'g',
    ),
    view: 'obstructed',
    severity: 0.35,
    wording: 'Obstructed view',
  },
  {
    domain: 'view',
    fact: 'column',
    pattern: /\b(?:behind\s+(?:a\s+|the\s+)?)?(?:column|pillar|pole)s?\b/g,
    view: 'obstructed',
    severity: 0.35,
    wording: 'A column may block part of the stage',
  },
  // Legroom is a seat fact; taken before the view so "limited legroom" is never a view.
  {
    domain: 'seat',
    fact: 'limited-legroom',
    pattern: /\b(?:limited|restricted|less|reduced|tight)\s+leg\s*room\b/g,
  },
  {
    domain: 'view',
    fact: 'limited',
    pattern: new RegExp(
      String.raw`\b(?:limited|ltd|lim)\.?\s*(?:stage\s+)?${VIEW}\b|\b${VIEW}\s+(?:is\s+|may\s+be\s+)?limited\b|\blv\b`,
      'g',
    ),
    view: 'limited',
    severity: 0.2,
    wording: 'Limited view',
  },
  {
    domain: 'view',
    fact: 'restricted',
    pattern: new RegExp(
      String.raw`\brestricted\s+(?:stage\s+)?${VIEW}\b|\b${VIEW}\s+(?:is\s+|may\s+be\s+)?restricted\b`,
      'g',
    ),
    view: 'limited',
    severity: 0.2,
    wording: 'Restricted view',
  },
  {
    domain: 'view',
    fact: 'overhang',
    // Only the word: the venue maps' own notes ("Under the mezzanine: …") are read too and
    // already cost what the map says.
    pattern: /\boverhang\w*/g,
    view: 'limited',
    severity: 0.2,
    wording: 'Under the overhang',
  },
  {
    domain: 'view',
    fact: 'side-view',
    pattern: new RegExp(
      String.raw`\b(?:extreme|far)\s+side\b(?:\s+${VIEW})?|\bside[\s-]+(?:stage\s+)?${VIEW}\b|\bangled\s+${VIEW}\b`,
      'g',
    ),
    view: 'side',
    severity: 0.15,
    wording: 'Side view',
  },
  {
    domain: 'view',
    fact: 'rail',
    pattern: /\b(?:safety\s+|bar\s+)?rail(?:s|ing|ings)?\b/g,
    view: 'limited',
    severity: 0.08,
    wording: 'A rail is in the sightline',
  },

  // Seats.
  { domain: 'seat', fact: 'aisle', pattern: /\baisles?\b/g },
  {
    domain: 'seat',
    fact: 'wheelchair',
    pattern:
      /\bwheel\s*chairs?\b(?:\s+accessible)?|\bada\b(?:\s+accessible)?|\bhandicap\w*|\baccessible\s+seat\w*/g,
  },
  { domain: 'seat', fact: 'companion', pattern: /\bcompanion\b(?:\s+seats?)?/g },
  {
    domain: 'seat',
    fact: 'piggyback',
    pattern:
      /\bpiggy\s*-?\s*back\w*|\bone\s+behind\s+(?:the\s+)?other\b|\bbehind\s+each\s+other\b|\bfront\s+(?:and|&)\s+back\b/g,
  },
  {
    domain: 'seat',
    fact: 'not-together',
    pattern: /\bseparate(?:d)?\s+seats?\b|\bsplit\s+up\b|\balternating\s+seats?\b|\bnon[\s-]?adjacent\b/g,
  },
  {
    domain: 'seat',
    fact: 'together',
    pattern: /\btogether\b|\bside\s+by\s+side\b|\badjacent\b|\bconsecutive\b/g,
  },
  { domain: 'seat', fact: 'standing-room', pattern: /\bstanding\s+room(?:\s+only)?\b|\bsro\b/g },

  // Delivery.
  {
    domain: 'delivery',
    fact: 'delayed',
    pattern:
      /\bdelayed\s+delivery\b|\bwill\s+be\s+(?:delivered|transferred|sent|available)\b|\bships?\s+by\b|\bestimated\s+delivery\b/g,
  },
  {
    domain: 'delivery',
    fact: 'instant',
    pattern:
      /\binstant(?:ly)?\b(?:\s+(?:download|delivery|transfer))?|\bimmediate\s+(?:download|delivery)\b/g,
  },
  {
    domain: 'delivery',
    fact: 'mobile',
    pattern:
      /\b(?:tm\s*)?mobile\b(?:\s+(?:entry|transfer|tickets?|only|delivery|xfer))*|\bxfer\b|\btransfer\b/g,
  },
  {
    domain: 'delivery',
    fact: 'electronic',
    pattern:
      /\be[\s-]?tickets?\b|\betix\b|\bpdfs?\b|\bprint[\s-]*at[\s-]*home\b|\belectronic\b(?:\s+tickets?)?/g,
  },
  { domain: 'delivery', fact: 'in-hand', pattern: /\bin[\s-]*hand\b|\bih\b/g },
  {
    domain: 'delivery',
    fact: 'physical',
    pattern:
      /\b(?:physical|hard|paper)\s+tickets?\b|\bready\s+to\s+ship\b|\bhard\s*stock\b|\bfedex\b|\bups\b|\bshipping\b/g,
  },
  { domain: 'delivery', fact: 'will-call', pattern: /\bwill[\s-]*call\b/g },
  { domain: 'delivery', fact: 'local-pickup', pattern: /\b(?:local\s+)?pick[\s-]*up\b/g },
  {
    domain: 'delivery',
    fact: 'paperless',
    pattern: /\bpaperless\b|\bcredit\s+card\s+entry\b|\bflash\s*seats?\b/g,
  },
  { domain: 'delivery', fact: 'guest-list', pattern: /\bguest\s+list\b/g },
];

/** Words that deny what follows them in the clause ("no obstruction", "not together"). */
export const NEGATIONS: ReadonlySet<string> = new Set([
  'no',
  'not',
  'non',
  'without',
  'never',
  'zero',
  'none',
  'nothing',
  'neither',
  'nor',
  'isnt',
  'arent',
  'wasnt',
  'doesnt',
  'dont',
]);

/**
 * Words a denial reaches across ("not at all obstructed", "no partial or obstructed view",
 * "not seated together"). Anything else ends it, so "no obstructions and seats together"
 * denies only the obstruction.
 */
export const NEGATION_FILLER: ReadonlySet<string> = new Set(
  (
    'a an the any at all in on way ways of or nor your real major significant big visible really ' +
    'totally fully completely even so is are be been was seated sitting seats seat view views ' +
    'stage sight sightline sightlines'
  ).split(' '),
);
