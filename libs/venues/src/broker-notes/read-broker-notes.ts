/**
 * The one reader of a listing's free text (`public_notes`) and its optional `view_type`
 * hint. Ingestion turns it into the buyer's view notes, the seat-quality model into a
 * severity, the broker sandbox into a `view_type`: one reading, so they cannot disagree.
 * Pure and memoised (feeds repeat a few strings).
 */
import {
  type DeliveryFact,
  NEGATION_FILLER,
  NEGATIONS,
  type NoteView,
  type SeatFact,
  type Term,
  TERMS,
  type ViewFact,
  type ViewTerm,
} from './note-vocabulary.js';

export interface NoteMatch {
  /**
   * The fact read, after denials ("no obstruction" is `clear`, "not together" `not-together`);
   * when a denial leaves no fact ("no piggyback"), the fact denied, with `negated` set.
   */
  fact: ViewFact | SeatFact | DeliveryFact;
  /** The seller's words that said it, lower-cased. */
  words: string;
  /** The words were denied ("no", "not", "un-", "… free"). */
  negated: boolean;
  from: 'notes' | 'view_type';
}

export interface BrokerNoteReading {
  /** The strongest thing said about the view; `unknown` when nothing was. */
  view: NoteView;
  /** 0..1: how much of the view the note says is lost (the strongest fact). */
  severity: number;
  /** Every view fact, in vocabulary order. */
  viewFacts: readonly ViewFact[];
  /** What the buyer must be shown, in one wording per fact; empty for a clear view. */
  viewNotes: readonly string[];
  seats: readonly SeatFact[];
  delivery: readonly DeliveryFact[];
  matched: readonly NoteMatch[];
}

interface Hit {
  term: Term;
  start: number;
  end: number;
  words: string;
  negated: boolean;
}

/** Lower case, one spelling for the variants the vocabulary would otherwise have to repeat. */
function normalise(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/['\u2018\u2019]/g, '') // isn't → isnt
      .replace(/[_\u2013\u2014]/g, ' - ')
      .replace(/\bw\/o\b/g, 'without ')
      .replace(/\bw\/c\b/g, 'wheelchair ')
      .replace(/\bw\//g, 'with ')
      .replace(/\b(ltd|lim|obs|obst|obstr)\.\s*(?=view|vw|vis|sight|stage)/g, '$1 ')
      // "limited/obstructed" is one fact, not two clauses.
      .replace(
        /\b(limited|ltd|partial|partially|obstructed|obs)\s*\/\s*(?=limited|ltd|obstruct|obs|partial)/g,
        '$1 or ',
      )
      .replace(/\b(un|non)-(?=[a-z])/g, '$1')
      .replace(/([a-z])-(?=[a-z])/g, '$1 ')
  );
}

/** Facts are separated by punctuation, " - " and contrast words (which also end a denial). */
const CLAUSE_BREAK = /[,;.!?|()[\]{}•*+:/\n]+|\s+-+\s*|\s*-+\s+|\b(?:but|however|except|although|though)\b/;

function hitsIn(clause: string): Hit[] {
  let rest = clause;
  const hits: Hit[] = [];
  for (const term of TERMS) {
    const pattern = term.pattern;
    pattern.lastIndex = 0; // global patterns keep state between calls
    let found = false;
    for (let m = pattern.exec(rest); m; m = pattern.exec(rest)) {
      if (!m[0]) {
        pattern.lastIndex++; // an empty match would loop forever
        continue;
      }
      found = true;
      hits.push({ term, start: m.index, end: m.index + m[0].length, words: m[0].trim(), negated: false });
    }
    // Consumed words are blanked (same length, so later positions stay true).
    if (found) rest = rest.replace(pattern, (w) => ' '.repeat(w.length));
  }
  return hits.sort((a, b) => a.start - b.start);
}

/**
 * A denial reaches forward over filler words and over further facts of the same kind
 * ("no partial or obstructed view"); anything else ends it. "… free" denies what precedes.
 */
function applyNegation(clause: string, hits: Hit[]): void {
  const tokens = [...clause.matchAll(/[a-z0-9]+/g)];
  let denying = false;
  let domain: Term['domain'] | null = null; // what the denial has reached so far
  let h = 0;
  for (let i = 0; i < tokens.length; i++) {
    const at = tokens[i].index;
    while (h < hits.length && hits[h].end <= at) h++;
    const hit = hits[h];
    if (hit && hit.start <= at) {
      if (denying && (domain === null || domain === hit.term.domain)) {
        hit.negated = true;
        domain = hit.term.domain;
      } else denying = false;
      while (i + 1 < tokens.length && tokens[i + 1].index < hit.end) i++;
      if (tokens[i + 1]?.[0] === 'free') hit.negated = true;
      continue;
    }
    const word = tokens[i][0];
    if (NEGATIONS.has(word)) {
      if (!denying) domain = null;
      denying = true;
    } else if (!(denying && NEGATION_FILLER.has(word))) denying = false;
  }
}

/** Cheap gate: most clauses deny nothing, and the token walk is the costly part. */
const MAY_DENY = new RegExp(`\\b(?:${[...NEGATIONS, 'free'].join('|')})\\b`);

const LIMITED: ViewTerm = TERMS.find((t): t is ViewTerm => t.fact === 'limited')!;
const CLEAR: ViewTerm = TERMS.find((t): t is ViewTerm => t.fact === 'clear')!;

/** The fact a hit states once its denial is applied, or undefined when a denial leaves nothing. */
function factOf(hit: Hit): Term | undefined {
  const t = hit.term;
  if (!hit.negated) return t;
  if (t.domain === 'view') return t.fact === 'clear' ? LIMITED : CLEAR; // "not a full view" is limited
  if (t.fact === 'together') return { ...t, fact: 'not-together' };
  if (t.fact === 'not-together') return { ...t, fact: 'together' };
  if (t.fact === 'in-hand') return { ...t, fact: 'not-in-hand' };
  return undefined;
}

function readText(text: string, from: NoteMatch['from']): { terms: Term[]; matched: NoteMatch[] } {
  const terms: Term[] = [];
  const matched: NoteMatch[] = [];
  for (const clause of normalise(text).split(CLAUSE_BREAK)) {
    if (!clause || !clause.trim()) continue;
    const hits = hitsIn(clause);
    if (!hits.length) continue;
    if (MAY_DENY.test(clause)) applyNegation(clause, hits);
    for (const hit of hits) {
      const term = factOf(hit);
      if (term) terms.push(term);
      matched.push({ fact: term?.fact ?? hit.term.fact, words: hit.words, negated: hit.negated, from });
    }
  }
  return { terms, matched };
}

const VIEW_RANK: Record<NoteView, number> = {
  unknown: 0,
  clear: 0,
  side: 1,
  limited: 2,
  partial: 3,
  obstructed: 4,
};
/** The order buyers see the view notes in (the strongest kinds first). */
const WORDING_ORDER: readonly ViewFact[] = [
  'obstructed',
  'limited-or-obstructed',
  'partial',
  'possible-obstruction',
  'limited',
  'restricted',
  'side-view',
  'column',
  'overhang',
  'rail',
];

/** How strongly a view reading says the view is lost, for comparing readings (clear = unknown = 0). */
export function viewRank(view: NoteView): number {
  return VIEW_RANK[view];
}

const VIEW_FACTS: readonly ViewFact[] = TERMS.flatMap((t) => (t.domain === 'view' ? [t.fact] : []));
const SEAT_FACTS: readonly SeatFact[] = [
  ...new Set(TERMS.flatMap((t) => (t.domain === 'seat' ? [t.fact] : []))),
];
const DELIVERY_FACTS: readonly DeliveryFact[] = TERMS.flatMap((t) =>
  t.domain !== 'delivery' ? [] : t.fact === 'in-hand' ? ['in-hand', 'not-in-hand'] : [t.fact],
);
const WORDING = new Map(
  TERMS.flatMap((t) => (t.domain === 'view' && t.wording ? [[t.fact, t.wording]] : [])),
);

/** One pass over the facts (fact names are unique across view, seat and delivery). */
function combine(terms: readonly Term[], matched: NoteMatch[]): BrokerNoteReading {
  let strongest: ViewTerm | undefined;
  const facts = new Set<string>();
  for (const t of terms) {
    facts.add(t.fact);
    if (t.domain !== 'view') continue;
    if (
      !strongest ||
      t.severity > strongest.severity ||
      (t.severity === strongest.severity && VIEW_RANK[t.view] > VIEW_RANK[strongest.view])
    )
      strongest = t;
  }
  const has = (f: string) => facts.has(f);
  const viewFacts = VIEW_FACTS.filter(has);
  return Object.freeze({
    view: strongest?.view ?? 'unknown',
    severity: strongest?.severity ?? 0,
    viewFacts,
    viewNotes: WORDING_ORDER.filter(has).map((f) => WORDING.get(f)!),
    // A denial outweighs the plain fact: "together, but not side by side" is not together.
    seats: SEAT_FACTS.filter((f) => has(f) && !(f === 'together' && has('not-together'))),
    delivery: DELIVERY_FACTS.filter((f) => has(f) && !(f === 'in-hand' && has('not-in-hand'))),
    matched,
  });
}

/** A `view_type` such as "Obstructed" or "Possible Obstruction" is read as a view phrase. */
function hintText(viewType: string): string {
  return /\bview\b/i.test(viewType) ? viewType : `${viewType} view`;
}

const memo = new Map<string, BrokerNoteReading>();

/**
 * What a listing's notes say about the view, the seats and delivery. Several notes (a
 * stored `view_notes` array) read as one text. The `view_type` hint counts only when the
 * text says nothing about the view: the seller's own words are the more specific.
 */
export function readBrokerNotes(
  notes: string | readonly string[] | null | undefined,
  viewType?: string | null,
): BrokerNoteReading {
  const text = typeof notes === 'string' ? notes : (notes ?? []).join(' | ');
  const hint = viewType?.trim() ?? '';
  const key = `${text}\u0000${hint}`;
  const known = memo.get(key);
  if (known) return known;
  const read = readText(text, 'notes');
  if (hint && !read.terms.some((t) => t.domain === 'view')) {
    const fromHint = readText(hintText(hint), 'view_type');
    for (const t of fromHint.terms) if (t.domain === 'view') read.terms.push(t);
    read.matched.push(...fromHint.matched.filter((m) => VIEW_FACTS.includes(m.fact as ViewFact)));
  }
  const reading = combine(read.terms, read.matched);
  if (memo.size < 10_000) memo.set(key, reading);
  return reading;
}
