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

  @Column({ name: 'last_pulled_at', type: 'timestamptz', nullable: true })
  lastPulledAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
