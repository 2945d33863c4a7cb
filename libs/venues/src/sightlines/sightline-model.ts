/**
 * The sightline model: what share of the stage one eye sees, and what hides the rest.
 * Pure geometry, metres (see theatre-geometry.ts for the axes).
 *
 * The stage picture is the proscenium opening, measured on a vertical plane `focusY`
 * upstage of the lip (the middle of the playing area). Vertically the eye looks OVER the
 * edges in front and below it (the stage lip, the heads of the row in front, a rail or a
 * lower tier's parapet) and UNDER the edges above it (a tier's soffit, the proscenium arch):
 * each edge, projected from the eye onto the plane, bounds what is visible. Every edge runs
 * across the house (parallel to x), so the projection does not depend on where on the
 * plane the eye looks. Horizontally the proscenium's sides and box partitions are walls
 * from a vertical edge outwards, and columns cast a shadow wedge.
 */

export type Occluder = 'overhang' | 'rail' | 'heads' | 'stage-edge' | 'proscenium' | 'box-wall' | 'column';

export interface EyePoint {
  x: number;
  y: number;
  z: number;
}

/** An edge across the house at distance y and height z. */
export interface CrossEdge {
  by: Occluder;
  id: string;
  name: string;
  y: number;
  z: number;
}

/** A vertical edge at (x, y); the wall runs from it outwards to `side` and hides what lies behind it. */
export interface WallEdge {
  by: 'proscenium' | 'box-wall';
  id: string;
  name: string;
  side: 'left' | 'right';
  x: number;
  y: number;
}

export interface ColumnShape {
  id: string;
  name: string;
  x: number;
  y: number;
  radius: number;
  /** Height of its top (z). */
  top: number;
}

export interface Scene {
  /** Stage floor height (z). */
  stageFloor: number;
  prosceniumHeight: number;
  /** What the show needs seen, above the stage floor (≤ prosceniumHeight). */
  setHeight: number;
  halfWidth: number;
  /** The picture plane (negative: upstage of the lip). */
  focusY: number;
  /** Edges the eye looks over. */
  below: readonly CrossEdge[];
  /** Edges the eye looks under. */
  above: readonly CrossEdge[];
  walls: readonly WallEdge[];
  columns: readonly ColumnShape[];
  /** How far a spectator leans to either side to see past a column. */
  lean: number;
}

export type HiddenSide = 'top' | 'bottom' | 'left' | 'right' | 'middle';

export interface HiddenPart {
  by: Occluder;
  id: string;
  name: string;
  side: HiddenSide;
  /** Share of the proscenium opening's height (top / bottom) or width (left / right / middle). */
  share: number;
  /** Share of the SET picture this part costs (what seat quality charges; 0 for heads and the stage lip). */
  cost: number;
}

export interface Sightline {
  /** 0..1 of the proscenium opening's height seen. */
  visibleHeightShare: number;
  /** 0..1 of its width seen. */
  visibleWidthShare: number;
  /** 0..1 of the stage picture (height × width). */
  visibleShare: number;
  /** Visible band on the picture plane, metres above the stage floor and from the centre line. */
  bottom: number;
  top: number;
  left: number;
  right: number;
  hidden: HiddenPart[];
  /** Stretches of the plane's width hidden by columns (x from, x to), within left..right. */
  shadows: { id: string; from: number; to: number }[];
  /**
   * 0..1 of the set picture (stage floor to set height, full width) hidden by the rail, the
   * overhang, the proscenium, box walls and columns: what seat quality charges. Heads in front
   * and a high stage lip are left out: the rake and neck-angle factors already price them.
   */
  cost: number;
}

const CHARGED: ReadonlySet<Occluder> = new Set(['overhang', 'rail', 'proscenium', 'box-wall', 'column']);

/** Height (above the stage floor) where the line from the eye over/under `e` meets the plane. */
function project(eye: EyePoint, e: CrossEdge, scene: Scene): number {
  return eye.z + ((e.z - eye.z) * (eye.y - scene.focusY)) / (eye.y - e.y) - scene.stageFloor;
}

/** x on the plane of the line from the eye through (x, y). */
function projectX(eye: EyePoint, x: number, y: number, focusY: number): number {
  return eye.x + ((x - eye.x) * (eye.y - focusY)) / (eye.y - y);
}

const between = (eye: EyePoint, y: number, focusY: number): boolean => y < eye.y && y > focusY;

interface Bound {
  at: number;
  edge?: CrossEdge | WallEdge;
}

function lowest(eye: EyePoint, scene: Scene, charged: boolean): Bound {
  let out: Bound = { at: 0 };
  for (const e of scene.below) {
    // An edge above the eye (a high stage lip, a head level with a low eye) still blocks
    // what lies below the line over it.
    if (!between(eye, e.y, scene.focusY)) continue;
    if (charged && !CHARGED.has(e.by)) continue;
    const at = project(eye, e, scene);
    if (at > out.at) out = { at, edge: e };
  }
  return out;
}

function highest(eye: EyePoint, scene: Scene, limit: number, charged: boolean): Bound {
  let out: Bound = { at: limit };
  for (const e of scene.above) {
    if (!between(eye, e.y, scene.focusY) || e.z <= eye.z) continue;
    if (charged && !CHARGED.has(e.by)) continue;
    const at = project(eye, e, scene);
    if (at < out.at) out = { at, edge: e };
  }
  return out;
}

/**
 * What a column hides on the plane: the part in its shadow from BOTH head positions of a
 * spectator leaning `lean` to either side (what no leaning reveals), or undefined.
 */
function shadow(eye: EyePoint, c: ColumnShape, focusY: number, lean: number): [number, number] | undefined {
  const a = shadowFrom({ ...eye, x: eye.x - lean }, c, focusY);
  const b = shadowFrom({ ...eye, x: eye.x + lean }, c, focusY);
  if (!a || !b) return undefined;
  const lo = Math.max(a[0], b[0]);
  const hi = Math.min(a[1], b[1]);
  return hi > lo ? [lo, hi] : undefined;
}

/** Shadow of a column on the plane from one eye (the two tangent lines), or undefined when it is not in front. */
function shadowFrom(eye: EyePoint, c: ColumnShape, focusY: number): [number, number] | undefined {
  if (!between(eye, c.y + c.radius, focusY)) return undefined;
  const dx = c.x - eye.x;
  const dy = eye.y - c.y;
  const dist = Math.hypot(dx, dy);
  if (dist <= c.radius) return undefined;
  const phi = Math.atan2(dx, dy);
  const alpha = Math.asin(c.radius / dist);
  const run = eye.y - focusY;
  if (phi + alpha >= Math.PI / 2 || phi - alpha <= -Math.PI / 2) return undefined;
  return [eye.x + run * Math.tan(phi - alpha), eye.x + run * Math.tan(phi + alpha)];
}

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

export function computeSightline(eye: EyePoint, scene: Scene): Sightline {
  const H = scene.prosceniumHeight;
  const W = scene.halfWidth * 2;
  const hidden: HiddenPart[] = [];

  // Vertical: the whole opening (what the buyer is shown) and the set (what is charged).
  const lo = lowest(eye, scene, false);
  const hi = highest(eye, scene, H, false);
  const bottom = Math.min(H, Math.max(0, lo.at));
  const top = Math.max(bottom, Math.min(H, hi.at));
  const S = scene.setHeight;
  const loC = lowest(eye, scene, true);
  const hiC = highest(eye, scene, S, true);
  const setBottom = Math.min(S, Math.max(0, loC.at));
  const setTop = Math.max(setBottom, Math.min(S, hiC.at));
  if (hi.edge && top < H) {
    const e = hi.edge as CrossEdge;
    const cost = hiC.edge === e ? (S - setTop) / S : 0;
    hidden.push({ by: e.by, id: e.id, name: e.name, side: 'top', share: (H - top) / H, cost });
  }
  if (lo.edge && bottom > 0) {
    const e = lo.edge as CrossEdge;
    const cost = loC.edge === e ? setBottom / S : 0;
    hidden.push({ by: e.by, id: e.id, name: e.name, side: 'bottom', share: bottom / H, cost });
  }
  // A charged edge that binds the set but not the whole opening (e.g. a rail under a higher stage lip).
  if (loC.edge && loC.edge !== lo.edge && setBottom > 0) {
    const e = loC.edge as CrossEdge;
    hidden.push({ by: e.by, id: e.id, name: e.name, side: 'bottom', share: 0, cost: setBottom / S });
  }

  // Horizontal: walls (the proscenium's sides, box partitions) from the outside in.
  let left: Bound = { at: -scene.halfWidth };
  let right: Bound = { at: scene.halfWidth };
  for (const w of scene.walls) {
    if (!between(eye, w.y, scene.focusY)) continue;
    const at = projectX(eye, w.x, w.y, scene.focusY);
    if (w.side === 'left' && at > left.at) left = { at, edge: w };
    if (w.side === 'right' && at < right.at) right = { at, edge: w };
  }
  const l = Math.min(scene.halfWidth, left.at);
  const r = Math.max(l, Math.min(scene.halfWidth, right.at));
  for (const [b, side, width] of [
    [left, 'left', l + scene.halfWidth],
    [right, 'right', scene.halfWidth - r],
  ] as const) {
    if (b.edge && width > 0) {
      const w = b.edge as WallEdge;
      const share = Math.min(1, width / W);
      hidden.push({ by: w.by, id: w.id, name: w.name, side, share, cost: share });
    }
  }
  // Columns: each shadow clipped to what the walls leave, overlaps counted once.
  let covered: [number, number][] = [];
  const shadows: Sightline['shadows'] = [];
  for (const c of scene.columns) {
    // A view passing above the column's top (from a tier over it) is not blocked by it.
    const overAt = eye.z + ((scene.stageFloor - eye.z) * (eye.y - c.y)) / (eye.y - scene.focusY);
    if (overAt >= c.top) continue;
    const s = shadow(eye, c, scene.focusY, scene.lean);
    if (!s) continue;
    const a = Math.max(l, s[0]);
    const b = Math.min(r, s[1]);
    if (b <= a) continue;
    let fresh = b - a;
    for (const [ca, cb] of covered) fresh -= Math.max(0, Math.min(b, cb) - Math.max(a, ca));
    covered = [...covered, [a, b]];
    if (fresh > 0) {
      shadows.push({ id: c.id, from: a, to: b });
      const share = fresh / W;
      hidden.push({ by: 'column', id: c.id, name: c.name, side: 'middle', share, cost: share });
    }
  }
  const columnShare = hidden.filter((h) => h.by === 'column').reduce((n, h) => n + h.share, 0);
  const visibleWidthShare = clamp01((r - l) / W - columnShare);
  const visibleHeightShare = clamp01((top - bottom) / H);
  const setShare = clamp01((setTop - setBottom) / S);
  return {
    visibleHeightShare,
    visibleWidthShare,
    visibleShare: visibleHeightShare * visibleWidthShare,
    bottom,
    top,
    left: l,
    right: r,
    hidden,
    shadows,
    cost: clamp01(1 - setShare * visibleWidthShare),
  };
}
