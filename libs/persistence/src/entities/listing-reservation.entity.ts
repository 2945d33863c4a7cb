import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Checkout's local hold on a listing's tickets, so two buyers can never both get the
 * same seats: every order adds its quantity to `reserved_quantity` in one conditional
 * upsert against the broker's count just re-quoted, and the CHECK makes Postgres itself
 * refuse any hold beyond what is available, whatever the application timing. An order
 * gives its quantity back when it ends, failed or confirmed; a confirmed sale then lowers
 * `available_quantity` and counts in `confirmed_sales`, so a re-quote read before it (which
 * may not show it yet) cannot sell its seats again. Written by checkout only.
 */
@Entity({ name: 'listing_reservations' })
@Check(
  'listing_reservations_within_available',
  '"reserved_quantity" >= 0 AND "reserved_quantity" <= "available_quantity"',
)
export class ListingReservationEntity {
  /** The broker listing id. */
  @PrimaryColumn({ name: 'listing_id', type: 'bigint' })
  listingId!: string;

  /** The broker's quantity at the latest successful hold, less the sales confirmed since. */
  @Column({ name: 'available_quantity', type: 'integer' })
  availableQuantity!: number;

  /** Tickets held by orders in flight (created, authorised, broker_pending). */
  @Column({ name: 'reserved_quantity', type: 'integer', default: 0 })
  reservedQuantity!: number;

  /**
   * Sales confirmed on the listing so far (a generation number). A hold whose re-quote was
   * read when fewer sales were confirmed takes the lower of that quote and
   * `available_quantity` (which each sale lowers): the quote may predate the sale.
   */
  @Column({ name: 'confirmed_sales', type: 'integer', default: 0 })
  confirmedSales!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
