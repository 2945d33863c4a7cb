import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A theatre. The seat map itself is data in libs/venues; this row links the broker's id to it. Written by ingestion. */
@Entity({ name: 'venues' })
export class VenueEntity {
  /** libs/venues id, e.g. "richard-rodgers". */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'broker_venue_id', type: 'integer', unique: true })
  brokerVenueId!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  city!: string;

  /** IANA zone; performance times are shown and judged in it. */
  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;
}
