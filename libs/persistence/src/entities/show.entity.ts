import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A production on sale, e.g. Hamilton. Written by ingestion. */
@Entity({ name: 'shows' })
export class ShowEntity {
  /** Stable slug, e.g. "hamilton". */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  /** The broker's performer id for this show. */
  @Column({ name: 'broker_performer_id', type: 'integer', unique: true })
  brokerPerformerId!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
