import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Checkout's local hold on a listing's tickets, so two buyers can never both get the
 * same seats: every order adds its quantity to `reserved_quantity` in one conditional
 * UPDATE, and the CHECK makes Postgres itself refuse any hold beyond what is available,
 * whatever the application timing. Failed orders give their quantity back; confirmed
 * orders keep it (those tickets are sold). Written by checkout only.
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

  /** Tickets Hamiltix may sell from this listing: the broker's quantity when first reserved. */
  @Column({ name: 'available_quantity', type: 'integer' })
  availableQuantity!: number;

  /** Tickets held by orders in flight plus tickets sold. */
  @Column({ name: 'reserved_quantity', type: 'integer', default: 0 })
  reservedQuantity!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
