/**
 * A seat's sightline as the buyer is shown it: the shares, what hides the rest, a sentence
 * ("You see about 82% of the stage"), the generated notes, and the few points needed to
 * draw the side section and the plan wedge. Pure; metres, axes as in theatre-geometry.ts.
 */
import { getVenue } from '../venue-registry.js';
import { getVenueGeometry } from './geometry-registry.js';
import { rowScene } from './seat-scene.js';
import type { HiddenPart, Occluder, Sightline } from './sightline-model.js';
import { sightlineNotes } from './sightline-notes.js';
import { seatSightline } from './venue-sightlines.js';

export interface SightlineHidden {
  by: Occluder;
  /** "mezzanine", "row U column", "proscenium arch"... */
  name: string;
  side: HiddenPart['side'];
  /** Share of the opening's height (top/bottom) or width (left/right/middle) hidden. */
  share: number;
}

/** The compact form (one per seat on the seat map). */
export interface SightlineSummary {
  visibleHeightShare: number;
  visibleWidthShare: number;
  /** Of the whole opening (height × width). */
  visibleShare: number;
  hiddenBy: SightlineHidden[];
}

export interface SightlineDrawing {
  eye: { x: number; y: number; z: number };
  stage: {
    /** Stage floor above the orchestra floor. */
    floor: number;
    depth: number;
    prosceniumSetback: number;
    prosceniumHeight: number;
    setHeight: number;
    halfWidth: number;
    /** The picture plane, metres upstage of the lip (negative y). */
    focusY: number;
  };
  /** The visible band on the picture plane: heights above the stage floor, x across. */
  visible: { bottom: number; top: number; left: number; right: number };
  /** Edges across the house that matter to this seat: the tiers' fronts above it and what bounds its view. */
  edges: { by: Occluder; name: string; y: number; z: number }[];
  columns: { name: string; x: number; y: number; radius: number }[];
  /** Stretches of the picture plane's width the columns hide (x from, x to). */
  shadows: { from: number; to: number }[];
}

export interface SightlineView extends SightlineSummary {
  /** "You see about 82% of the stage". */
  summary: string;
  /** The buyer's wording for each element hiding part of the stage. */
  notes: string[];
  drawing: SightlineDrawing;
}

const r2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * The shares rounded to `digits` decimals, and the parts hiding at least `minShare`. The seat
 * map (every seat of a house in one answer) asks for 2 decimals and the parts worth a note.
 */
export function summariseSightline(sl: Sightline, digits = 3, minShare = 0.005): SightlineSummary {
  const f = 10 ** digits;
  const r = (v: number): number => Math.round(v * f) / f;
  return {
    visibleHeightShare: r(sl.visibleHeightShare),
    visibleWidthShare: r(sl.visibleWidthShare),
    visibleShare: r(sl.visibleShare),
    hiddenBy: sl.hidden
      .filter((h) => h.share >= minShare)
      .map((h) => ({ by: h.by, name: h.name, side: h.side, share: r(h.share) })),
  };
}

export const sightlineSentence = (sl: Pick<Sightline, 'visibleShare'>): string =>
  `You see about ${Math.round(sl.visibleShare * 100)}% of the stage`;

/** One seat's view, or undefined when the seat or the venue's geometry is unknown. */
export function seatSightlineView(
  venueId: string,
  sectionId: string,
  row: string,
  seat: number,
): SightlineView | undefined {
  const sl = seatSightline(venueId, sectionId, row, seat);
  const g = getVenueGeometry(venueId);
  const section = getVenue(venueId)?.sections.find((s) => s.id === sectionId);
  if (!sl || !g || !section) return undefined;
  const rowIndex = section.anyRow
    ? 0
    : section.rows.findIndex((r) => r.name.toUpperCase() === row.toUpperCase());
  const k = section.rows[rowIndex]?.seats.findIndex((s) => s.number === seat) ?? -1;
  if (rowIndex < 0 || k < 0) return undefined;
  const { scene, eyes } = rowScene(g, section, rowIndex);
  const eye = eyes[k];
  const binding = new Set(sl.hidden.map((h) => h.id));
  const edges = [...scene.above, ...scene.below]
    .filter((e) => e.y < eye.y && e.y > 0 && (e.by === 'overhang' || binding.has(e.id)))
    .map((e) => ({ by: e.by, name: e.name, y: r2(e.y), z: r2(e.z) }));
  return {
    ...summariseSightline(sl),
    summary: sightlineSentence(sl),
    notes: sightlineNotes(sl, section.level).map((n) => n.text),
    drawing: {
      eye: { x: r2(eye.x), y: r2(eye.y), z: r2(eye.z) },
      stage: {
        floor: r2(scene.stageFloor),
        depth: g.stage.depth.value,
        prosceniumSetback: g.stage.prosceniumSetback.value,
        prosceniumHeight: scene.prosceniumHeight,
        setHeight: scene.setHeight,
        halfWidth: scene.halfWidth,
        focusY: scene.focusY,
      },
      visible: { bottom: r2(sl.bottom), top: r2(sl.top), left: r2(sl.left), right: r2(sl.right) },
      edges,
      columns: scene.columns
        .filter((c) => binding.has(c.id))
        .map((c) => ({ name: c.name, x: c.x, y: c.y, radius: c.radius })),
      shadows: sl.shadows.map((s) => ({ from: r2(s.from), to: r2(s.to) })),
    },
  };
}
