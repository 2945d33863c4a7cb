/**
 * Per-venue lookup tables, built once on first use: sections and rows by name, the alias
 * map (normalised broker name → sections), and view notes by section. Everything the hot
 * paths (resolveSeats, seatQuality) need is an O(1) map lookup after this.
 */
import { normaliseRowName } from './row-names.js';
import { normaliseSectionName } from './section-names.js';
import type { Level, RowData, SectionData, VenueData, ViewNote } from './types.js';
import { getVenue } from './venue-registry.js';

/** What a broker's section name points at: one section, or a group of them. */
export interface SectionTarget {
  id: string;
  name: string;
  level: Level;
  sectionIds: string[];
}

export interface NoteRule {
  note: ViewNote;
  rowFrom: number;
  rowTo: number;
  seatFrom: number;
  seatTo: number;
}

export interface VenueIndex {
  venue: VenueData;
  sections: Map<string, SectionData>;
  /** sectionId → row name → row */
  rows: Map<string, Map<string, RowData>>;
  /** sectionId → row name → its index in the section (front = 0) */
  rowIndex: Map<string, Map<string, number>>;
  targets: Map<string, SectionTarget>;
  aliases: Map<string, SectionTarget>;
  /** Memo of raw broker names already matched (null: no match). */
  byRaw: Map<string, SectionTarget | null>;
  notesBySection: Map<string, NoteRule[]>;
  /** Words of each section's own name plus its groups' names, for the fallback match. */
  sectionWords: Map<string, Set<string>>;
}

const indexes = new Map<string, VenueIndex>();

function buildIndex(venue: VenueData): VenueIndex {
  const sections = new Map(venue.sections.map((s) => [s.id, s]));
  const rows = new Map<string, Map<string, RowData>>();
  const rowIndex = new Map<string, Map<string, number>>();
  for (const s of venue.sections) {
    rows.set(s.id, new Map(s.rows.map((r) => [normaliseRowName(r.name), r])));
    rowIndex.set(s.id, new Map(s.rows.map((r, i) => [normaliseRowName(r.name), i])));
  }
  const targets = new Map<string, SectionTarget>();
  const aliases = new Map<string, SectionTarget>();
  const add = (t: SectionTarget, names: string[]): void => {
    targets.set(t.id, t);
    for (const n of names) {
      const key = normaliseSectionName(n);
      const prior = aliases.get(key);
      if (prior && prior.id !== t.id)
        throw new Error(`${venue.id}: alias "${n}" names both ${prior.id} and ${t.id}`);
      aliases.set(key, t);
    }
  };
  for (const s of venue.sections) {
    add({ id: s.id, name: s.name, level: s.level, sectionIds: [s.id] }, [s.name, s.id, ...s.aliases]);
  }
  for (const g of venue.groups) {
    add({ id: g.id, name: g.name, level: g.level, sectionIds: g.sections }, [g.name, g.id, ...g.aliases]);
  }
  const sectionWords = new Map<string, Set<string>>();
  for (const s of venue.sections) {
    const groupNames = venue.groups.filter((g) => g.sections.includes(s.id)).map((g) => g.name);
    sectionWords.set(s.id, new Set(normaliseSectionName([s.name, ...groupNames].join(' ')).split(' ')));
  }
  const notesBySection = new Map<string, NoteRule[]>();
  for (const note of venue.viewNotes) {
    for (const w of note.where) {
      const idx = rowIndex.get(w.section);
      if (!idx) throw new Error(`${venue.id}: view note ${note.id} names unknown section ${w.section}`);
      const from = w.rows ? idx.get(normaliseRowName(w.rows[0])) : 0;
      const to = w.rows ? idx.get(normaliseRowName(w.rows[1])) : Number.MAX_SAFE_INTEGER;
      if (from === undefined || to === undefined) {
        throw new Error(
          `${venue.id}: view note ${note.id} names unknown rows ${w.rows?.join('–')} in ${w.section}`,
        );
      }
      const rule: NoteRule = {
        note,
        rowFrom: from,
        rowTo: to,
        seatFrom: w.seats ? w.seats[0] : -Infinity,
        seatTo: w.seats ? w.seats[1] : Infinity,
      };
      const list = notesBySection.get(w.section) ?? [];
      list.push(rule);
      notesBySection.set(w.section, list);
    }
  }
  return {
    venue,
    sections,
    rows,
    rowIndex,
    targets,
    aliases,
    byRaw: new Map(),
    notesBySection,
    sectionWords,
  };
}

export function venueIndex(venueId: string): VenueIndex | undefined {
  let idx = indexes.get(venueId);
  if (!idx) {
    const venue = getVenue(venueId);
    if (!venue) return undefined;
    idx = buildIndex(venue);
    indexes.set(venueId, idx);
  }
  return idx;
}

/**
 * The sections a broker's section name (or a section/group id) points at. Exact aliases
 * first; otherwise every section whose name words include all the given words
 * ("Mezzanine Center" → both centre mezzanine sections).
 */
export function findTarget(idx: VenueIndex, name: string): SectionTarget | undefined {
  const direct = idx.targets.get(name);
  if (direct) return direct;
  // Raw-name memo first: feeds repeat the same few spellings, and normalising costs regexes.
  const seen = idx.byRaw.get(name);
  if (seen !== undefined) return seen ?? undefined;
  const found = matchByName(idx, name);
  // Bounded memo: broker names are few, but a malformed feed must not grow it forever.
  if (idx.byRaw.size < 10_000) idx.byRaw.set(name, found ?? null);
  return found;
}

function matchByName(idx: VenueIndex, name: string): SectionTarget | undefined {
  const key = normaliseSectionName(name);
  const exact = idx.aliases.get(key);
  if (exact) return exact;
  const words = key.split(' ').filter(Boolean);
  if (words.length === 0) return undefined;
  const ids = [...idx.sectionWords].filter(([, set]) => words.every((w) => set.has(w))).map(([id]) => id);
  if (ids.length === 0) return undefined;
  const levels = new Set(ids.map((id) => idx.sections.get(id)!.level));
  if (levels.size !== 1) return undefined;
  const level = idx.sections.get(ids[0])!.level;
  if (ids.length === 1) return idx.targets.get(ids[0]);
  // Several sections: the group that is exactly them, else an id ("~" + the matching key)
  // that findTarget re-derives in any process.
  const group = idx.venue.groups.find(
    (g) => g.sections.length === ids.length && ids.every((id) => g.sections.includes(id)),
  );
  return group ? idx.targets.get(group.id) : { id: `~${key}`, name, level, sectionIds: ids };
}
