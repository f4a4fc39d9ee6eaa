import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '../../access/role';

/** A logged-in session. The bearer token itself is never stored, only its SHA-256. */
@Entity('auth_session')
export class AuthSession {
  @PrimaryColumn('uuid')
  id: string;

  @Column('bytea', { name: 'token_hash' })
  tokenHash: Buffer;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  /** The role at login; a role change ends the session. */
  @Column('text')
  role: Role;

  /** Whether this session was opened with a second factor (TOTP), not only a password. */
  @Column('boolean', { name: 'second_factor', default: false })
  secondFactor: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'last_seen_at' })
  lastSeenAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt: Date | null;

  @Column('text', { name: 'end_reason', nullable: true })
  endReason: string | null;
}
