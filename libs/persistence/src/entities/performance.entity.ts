import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One performance (a broker "event"). Written by ingestion. */
@Entity({ name: 'performances' })
@Index('performances_show_starts_idx', ['showId', 'startsAt'])
export class PerformanceEntity {
  /** The broker event id. */
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'show_id', type: 'text' })
  showId!: string;

  @Column({ name: 'venue_id', type: 'text' })
  venueId!: string;

  /** Curtain time, UTC. */
  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: 'shown' })
  state!: string;

  /**
   * The broker event's updated_at at the last pull that read its listings cleanly; while it
   * is unchanged, ingestion may skip re-reading the listings (see apps/ingestion).
   */
  @Column({ name: 'broker_updated_at', type: 'timestamptz', nullable: true })
  brokerUpdatedAt!: Date | null;

  @Column({ name: 'last_pulled_at', type: 'timestamptz', nullable: true })
  lastPulledAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
