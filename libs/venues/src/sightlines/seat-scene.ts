/**
 * Builds the sightline model's scene for the seats of one row of a venue: which edges stand
 * between those eyes and the stage (the stage lip, the heads in front, rails, the soffits of
 * the tiers above, the proscenium) and which walls and columns. Pure.
 */
import type { RowData, SectionData } from '../types.js';
import type { CrossEdge, EyePoint, Scene, WallEdge } from './sightline-model.js';
import type { VenueGeometry } from './theatre-geometry.js';

export interface RowScene {
  scene: Scene;
  /** Eye of each seat of the row, in the row's seat order. */
  eyes: EyePoint[];
}

/** Eye of a seat: seat-map units (seat widths) to metres, eye height above the orchestra floor. */
export function eyeOf(g: VenueGeometry, row: RowData, seatX: number, sectionId?: string): EyePoint {
  const sw = g.seatWidth.value;
  const y = row.distance * sw;
  const fan = sectionId ? g.fans?.find((f) => f.sections.includes(sectionId)) : undefined;
  const spread = fan ? (y + fan.focus.value) / (fan.reference.value + fan.focus.value) : 1;
  return { x: seatX * sw * spread, y, z: g.stage.height.value + row.elevation * sw };
}

/** The walls every seat sees past: the proscenium's two sides. */
function prosceniumWalls(g: VenueGeometry): WallEdge[] {
  const half = g.stage.prosceniumWidth.value / 2;
  const y = -g.stage.prosceniumSetback.value;
  return [
    { by: 'proscenium', id: 'proscenium-left', name: 'proscenium', side: 'left', x: -half, y },
    { by: 'proscenium', id: 'proscenium-right', name: 'proscenium', side: 'right', x: half, y },
  ];
}

export function rowScene(g: VenueGeometry, section: SectionData, rowIndex: number): RowScene {
  const row = section.rows[rowIndex];
  const st = g.stage;
  const floor = st.height.value;
  const eyes = row.seats.map((s) => eyeOf(g, row, s.x, section.id));
  const eyeZ = eyes.length ? eyes[0].z : floor;
  const below: CrossEdge[] = [{ by: 'stage-edge', id: 'stage-edge', name: 'stage edge', y: 0, z: floor }];
  const above: CrossEdge[] = [
    {
      by: 'proscenium',
      id: 'proscenium-arch',
      name: 'proscenium arch',
      y: -st.prosceniumSetback.value,
      z: floor + st.prosceniumHeight.value,
    },
  ];
  if (rowIndex > 0 && !section.anyRow) {
    // Seats are staggered: an eye looks between the two heads of the row in front, over the
    // head two rows ahead (the usual theatre layout; the row in front when there is only one).
    const front = section.rows[Math.max(0, rowIndex - 2)];
    below.push({
      by: 'heads',
      id: 'heads',
      name: `heads in row ${front.name}`,
      y: front.distance * g.seatWidth.value,
      z: eyeOf(g, front, 0).z + g.headAboveEye.value,
    });
  }
  for (const t of g.tiers) {
    // A tier's front edge: its own rail, the overhang above the eye, or its front below it.
    const edge = (by: CrossEdge['by'], part: string, name: string, z: number): CrossEdge => ({
      by,
      id: `${t.id}-${part}`,
      name,
      y: t.frontEdge.value,
      z,
    });
    if (t.sections.includes(section.id)) below.push(edge('rail', 'rail', `${t.name} rail`, t.railTop.value));
    else if (t.soffit.value > eyeZ) above.push(edge('overhang', 'overhang', t.name, t.soffit.value));
    else if (t.railTop.value < eyeZ) below.push(edge('rail', 'front', `${t.name} front`, t.railTop.value));
  }
  const order = section.rows.map((r) => r.name);
  for (const r of g.rails) {
    const from = order.indexOf(r.row);
    if (r.sections.includes(section.id) && from >= 0 && rowIndex >= from) {
      below.push({ by: 'rail', id: r.id, name: r.name, y: r.distance.value, z: r.top.value });
    }
  }
  const walls = prosceniumWalls(g);
  for (const w of g.boxWalls) {
    if (w.sections.includes(section.id))
      walls.push({ by: 'box-wall', id: w.id, name: 'box wall', side: w.side, x: w.x.value, y: w.y.value });
  }
  return {
    eyes,
    scene: {
      stageFloor: floor,
      prosceniumHeight: st.prosceniumHeight.value,
      setHeight: Math.min(st.setHeight.value, st.prosceniumHeight.value),
      halfWidth: st.prosceniumWidth.value / 2,
      focusY: -st.focusDepth.value,
      lean: g.lean.value,
      below,
      above,
      walls,
      columns: g.columns.map((c) => ({
        id: c.id,
        name: c.name,
        x: c.x.value,
        y: c.y.value,
        radius: c.diameter.value / 2,
        top: c.top.value,
      })),
    },
  };
}
