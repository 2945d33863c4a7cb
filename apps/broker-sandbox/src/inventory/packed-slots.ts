import type { ViewNote } from '@hamiltix/venues';
import type { Slot } from './inventory.types.js';

const NULL_SEAT = -0x80000000;

/** Index of `value` in `dict` (by identity), appended when new. */
function ref<T>(dict: T[], index: Map<T, number>, value: T): number {
  let i = index.get(value);
  if (i === undefined) {
    i = dict.length;
    dict.push(value);
    index.set(value, i);
  }
  return i;
}

/**
 * One performance's resale pool held as columns (typed arrays plus small dictionaries of the
 * shared section names, row names, view-note lists and split lists) rather than one object per
 * block: ~40 bytes a block instead of ~230, which at SANDBOX_SCALE=10 is the difference between
 * ~35 MB and ~170 MB for the whole market. `unpack()` gives the same Slot objects back (the
 * shared arrays are the very ones packed), built per read and dropped after it.
 */
export class PackedSlots {
  readonly length: number;
  private readonly sections: { id: string; names: string[] }[] = [];
  private readonly rows: string[] = [];
  private readonly notes: ViewNote[][] = [];
  private readonly splits: number[][] = [];
  private readonly section: Uint16Array;
  private readonly row: Uint16Array;
  private readonly note: Uint16Array;
  private readonly split: Uint16Array;
  private readonly seats: Int32Array;
  private readonly ints: Int32Array;
  private readonly reals: Float64Array;
  private readonly flags: Uint8Array;

  constructor(slots: readonly Slot[]) {
    const n = (this.length = slots.length);
    this.section = new Uint16Array(n);
    this.row = new Uint16Array(n);
    this.note = new Uint16Array(n);
    this.split = new Uint16Array(n);
    this.seats = new Int32Array(2 * n);
    this.ints = new Int32Array(4 * n);
    this.reals = new Float64Array(2 * n);
    this.flags = new Uint8Array(n);
    const sectionIndex = new Map<string, number>();
    const rowIndex = new Map<string, number>();
    const noteIndex = new Map<ViewNote[], number>();
    const splitIndex = new Map<number[], number>();
    slots.forEach((s, i) => {
      if (s.index !== i) throw new Error(`slot ${i} has index ${s.index}`);
      let k = sectionIndex.get(s.sectionId);
      if (k === undefined || this.sections[k].names !== s.sectionNames) {
        k = this.sections.length;
        this.sections.push({ id: s.sectionId, names: s.sectionNames });
        sectionIndex.set(s.sectionId, k);
      }
      this.section[i] = k;
      this.row[i] = ref(this.rows, rowIndex, s.row);
      this.note[i] = ref(this.notes, noteIndex, s.viewNotes);
      this.split[i] = ref(this.splits, splitIndex, s.splits);
      this.seats[2 * i] = s.lowSeat ?? NULL_SEAT;
      this.seats[2 * i + 1] = s.highSeat ?? NULL_SEAT;
      this.ints.set([s.quantity, s.period, s.phase, s.repriceEvery], 4 * i);
      this.reals[2 * i] = s.quality;
      this.reals[2 * i + 1] = s.valueCents;
      this.flags[i] = (s.aisle ? 1 : 0) | (s.unseated ? 2 : 0);
    });
    if (Math.max(this.sections.length, this.rows.length, this.notes.length, this.splits.length) > 0xffff)
      throw new Error('too many distinct sections, rows, notes or splits for one performance');
  }

  unpack(): Slot[] {
    const out: Slot[] = new Array<Slot>(this.length);
    for (let i = 0; i < this.length; i++) {
      const section = this.sections[this.section[i]];
      const low = this.seats[2 * i];
      const high = this.seats[2 * i + 1];
      out[i] = {
        index: i,
        sectionId: section.id,
        sectionNames: section.names,
        row: this.rows[this.row[i]],
        lowSeat: low === NULL_SEAT ? null : low,
        highSeat: high === NULL_SEAT ? null : high,
        quantity: this.ints[4 * i],
        quality: this.reals[2 * i],
        viewNotes: this.notes[this.note[i]],
        aisle: (this.flags[i] & 1) !== 0,
        unseated: (this.flags[i] & 2) !== 0,
        splits: this.splits[this.split[i]],
        valueCents: this.reals[2 * i + 1],
        period: this.ints[4 * i + 1],
        phase: this.ints[4 * i + 2],
        repriceEvery: this.ints[4 * i + 3],
      };
    }
    return out;
  }
}
