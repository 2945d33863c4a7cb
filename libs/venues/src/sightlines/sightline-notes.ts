/**
 * What a seat's computed sightline tells the buyer and costs the seat: one note per element
 * that hides part of the stage ("The mezzanine overhang hides the top 18% of the stage"),
 * replacing the hand-set overhang, rail, column, box-angle and side-angle notes wherever a
 * venue's geometry is modelled. The texts are generated here and recognised here, so the
 * copies ingestion stores in a listing's viewNotes are never charged a second time as if
 * the broker had written them (see isMapNoteText).
 */
import type { Level, ViewNoteKind } from '../types.js';
import type { HiddenPart, Sightline } from './sightline-model.js';

export interface SightlineNote {
  /** Stable per element: "mezzanine-overhang", "row-u-column-left", "proscenium-left", "box-a-wall". */
  id: string;
  kind: ViewNoteKind;
  text: string;
  /** The same without the figure, for a note that covers many seats ("The mezzanine overhang hides the top of the stage"). */
  general: string;
  /** The share of the set picture it hides (what seat quality charges), 0..1. */
  severity: number;
  /** The share of the opening's height or width it hides, 0..1. */
  share: number;
}

/** Hand-set note kinds the computation replaces where geometry exists. */
export const COMPUTED_KINDS: ReadonlySet<ViewNoteKind> = new Set([
  'overhang',
  'rail',
  'column',
  'box-angle',
  'side-angle',
]);

/**
 * Parts hiding less than this share of the opening's height or width are not worth telling
 * the buyer (nor a mark against `clearView`); seat quality still charges them (Sightline.cost).
 */
export const NOTE_THRESHOLD = 0.04;

const pct = (share: number): number => Math.round(share * 100);

const where = (side: HiddenPart['side']): string =>
  side === 'top'
    ? 'the top'
    : side === 'bottom'
      ? 'the bottom'
      : side === 'left'
        ? 'the house-left'
        : side === 'right'
          ? 'the house-right'
          : '';

/** "The mezzanine overhang hides the top 18% of the stage" (without `share`: "hides the top of the stage"). */
export function hiddenPartText(p: Pick<HiddenPart, 'by' | 'name' | 'side'> & { share?: number }): string {
  const what =
    p.by === 'overhang'
      ? `The ${p.name} overhang`
      : p.by === 'column'
        ? `The ${p.name}`
        : p.by === 'box-wall'
          ? 'The box wall'
          : p.by === 'rail'
            ? `The ${p.name}`
            : `The ${p.name}`;
  if (p.share === undefined)
    return p.side === 'middle'
      ? `${what} hides part of the stage width`
      : `${what} hides ${where(p.side)} edge of the stage`.replace(/the (top|bottom) edge/, 'the $1');
  const n = pct(p.share);
  return p.side === 'middle'
    ? `${what} hides ${n}% of the stage width`
    : `${what} hides ${where(p.side)} ${n}% of the stage`;
}

const TEXT =
  /^The .{1,60} hides ((the (top|bottom|house-left|house-right) )?\d{1,3}% of the stage( width)?|part of the stage width|the (top|bottom|house-left edge|house-right edge) of the stage)$/;

/** True for a note text this module generates (a listing's stored copy of a map note). */
export function isGeneratedText(text: string): boolean {
  return TEXT.test(text);
}

function kindOf(p: HiddenPart, level: Level): ViewNoteKind | undefined {
  switch (p.by) {
    case 'overhang':
      return 'overhang';
    case 'rail':
      return 'rail';
    case 'column':
      return 'column';
    case 'box-wall':
      return 'box-angle';
    case 'proscenium':
      return p.side === 'top' ? 'other' : level === 'box' ? 'box-angle' : 'side-angle';
    default:
      // Heads in front and a high stage lip are priced by the rake and neck-angle factors.
      return undefined;
  }
}

/** The notes of one seat's sightline, biggest first. */
export function sightlineNotes(sl: Sightline, level: Level): SightlineNote[] {
  const out: SightlineNote[] = [];
  for (const p of sl.hidden) {
    const kind = kindOf(p, level);
    if (!kind || p.share < NOTE_THRESHOLD) continue;
    out.push({
      id: p.id,
      kind,
      text: hiddenPartText(p),
      general: hiddenPartText({ by: p.by, name: p.name, side: p.side }),
      severity: p.cost,
      share: p.share,
    });
  }
  return out.sort((a, b) => b.share - a.share);
}
