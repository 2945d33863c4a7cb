/**
 * A theatre's cross-section and plan, as the sightline model needs it. Pure data types.
 *
 * Units: METRES (not the seat widths of the seat map), because the sources are in metres
 * and feet. Axes: x from house left (negative) to house right, 0 on the centre line;
 * y from the stage lip (0) into the house (positive), upstage negative; z height above
 * the orchestra floor at the stage lip. Seat rows keep their own positions
 * (RowData.distance / elevation, in seat widths): `seatWidth` converts.
 *
 * Every number is a `Figure`: a value and where it comes from. A measurement names its
 * source; anything else starts with "estimated:" and says how it was estimated.
 */

export interface Figure {
  value: number;
  source: string;
}

export interface StageGeometry {
  /** Stage floor above the orchestra floor at the lip. */
  height: Figure;
  /** Lip to back wall. */
  depth: Figure;
  /** The proscenium line's distance upstage of the lip (the apron). */
  prosceniumSetback: Figure;
  prosceniumWidth: Figure;
  /** Stage floor to the underside of the proscenium arch (or its masking border). */
  prosceniumHeight: Figure;
  /** Stage floor to the top of what the show needs seen (performers' heads on the set's upper level). */
  setHeight: Figure;
  /** Where a spectator's view is measured: a vertical plane this far upstage of the lip. */
  focusDepth: Figure;
}

/** A level above the orchestra (mezzanine, dress circle, balcony): its front edge is the overhang. */
export interface TierGeometry {
  id: string;
  /** How buyers are told about it: "mezzanine" → "The mezzanine overhang hides…". */
  name: string;
  /** Section ids seated on this tier. */
  sections: string[];
  /** Horizontal distance of the tier's front edge (parapet face) from the stage lip. */
  frontEdge: Figure;
  /** Underside of the tier at its front edge, above the orchestra floor. */
  soffit: Figure;
  /** Top of the parapet / safety rail at the front edge, above the orchestra floor. */
  railTop: Figure;
}

/** A rail inside a tier (behind a cross-aisle): it stands in front of `rows` of `sections`. */
export interface RailGeometry {
  id: string;
  name: string;
  sections: string[];
  /** The first row behind the rail (the rail applies to that row and those behind it). */
  row: string;
  /** Distance of the rail from the stage lip. */
  distance: Figure;
  /** Top of the rail above the orchestra floor. */
  top: Figure;
}

export interface ColumnGeometry {
  id: string;
  /** "row U column": buyers read it in "The row U column hides…". */
  name: string;
  x: Figure;
  y: Figure;
  diameter: Figure;
  /** Its top above the orchestra floor (the underside of the tier it carries): eyes whose view passes above it are not blocked. */
  top: Figure;
}

/**
 * The downstage partition of a side box: a wall from the auditorium side wall to `x`
 * (its inner end, towards the centre line) at distance `y`; it hides the stage on its side.
 */
export interface BoxWallGeometry {
  id: string;
  sections: string[];
  side: 'left' | 'right';
  x: Figure;
  y: Figure;
}

/**
 * Side aisles that fan out from the stage: seat x in the seat map is true at `reference`
 * and grows with distance along lines meeting `focus` metres upstage of the lip, so a seat
 * number sits further out in each row back (as in a house with radial aisles).
 */
export interface FanGeometry {
  sections: string[];
  focus: Figure;
  reference: Figure;
}

export interface VenueGeometry {
  venueId: string;
  /** Metres per seat width (RowData.distance / elevation and SeatData.x are in seat widths). */
  seatWidth: Figure;
  /** Seated eye height above the floor under the seat. */
  eyeHeight: Figure;
  /** Top of a seated head above its eye (what the row behind must see over: the C-value target). */
  headAboveEye: Figure;
  /** How far a seated spectator shifts the head to either side to see past a column. */
  lean: Figure;
  stage: StageGeometry;
  tiers: TierGeometry[];
  rails: RailGeometry[];
  columns: ColumnGeometry[];
  boxWalls: BoxWallGeometry[];
  fans?: FanGeometry[];
  sources: string[];
}

/** A measured figure: the value and the source it is read from. */
export const measured = (value: number, source: string): Figure => ({ value, source });
/** An estimated figure: the value and how it was estimated (the text starts "estimated: "). */
export const estimated = (value: number, how: string): Figure => ({ value, source: `estimated: ${how}` });
