import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed-login counters, kept in PostgreSQL so that every instance behind a load balancer sees them.
 * Keys are keyed hashes of `user:<username>` or `addr:<client address>`; unknown usernames are
 * counted exactly like known ones, so the counters reveal nothing about which accounts exist.
 */
@Entity('login_throttle')
export class LoginThrottle {
  @PrimaryColumn('bytea')
  key: Buffer;

  @Column('integer')
  failures: number;

  @Column('timestamptz', { name: 'last_failure_at', nullable: true })
  lastFailureAt: Date | null;

  @Column('timestamptz', { name: 'window_started_at' })
  windowStartedAt: Date;

  @Column('integer', { name: 'window_attempts' })
  windowAttempts: number;
}
