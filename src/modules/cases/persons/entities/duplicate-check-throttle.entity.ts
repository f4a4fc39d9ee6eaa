import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Duplicate checks counted per user and window, in PostgreSQL so every instance sees them. */
@Entity('duplicate_check_throttle')
export class DuplicateCheckThrottle {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @Column('timestamptz', { name: 'window_started_at' })
  windowStartedAt: Date;

  @Column('integer')
  checks: number;
}
