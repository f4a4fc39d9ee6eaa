import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Role } from '../../access/role';
import type { Language } from '../../web/i18n';

/** A member of staff. Holds no victim data; its TOTP secret is stored encrypted. */
@Entity('app_user')
export class User {
  @PrimaryColumn('uuid')
  id: string;

  /** Stored lower-cased; unique. */
  @Column('text')
  username: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('text')
  role: Role;

  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('timestamptz', { name: 'password_changed_at' })
  passwordChangedAt: Date;

  /** Set by an administrator's reset: until the person changes their password, they may do nothing else. */
  @Column('boolean', { name: 'password_change_required', default: false })
  passwordChangeRequired: boolean;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  @Column('integer', { name: 'failed_login_count', default: 0 })
  failedLoginCount: number;

  @Column('timestamptz', { name: 'locked_at', nullable: true })
  lockedAt: Date | null;

  @Column('bytea', { name: 'totp_secret', nullable: true })
  totpSecret: Buffer | null;

  @Column('bytea', { name: 'totp_pending_secret', nullable: true })
  totpPendingSecret: Buffer | null;

  @Column('timestamptz', { name: 'totp_enabled_at', nullable: true })
  totpEnabledAt: Date | null;

  /** The last 30-second step whose code was accepted: a code is good once. */
  @Column('bigint', {
    name: 'totp_last_step',
    nullable: true,
    transformer: { to: (v) => v, from: (v) => (v === null ? null : Number(v)) },
  })
  totpLastStep: number | null;

  /** The language the person reads the web interface in; null until chosen. */
  @Column('text', { nullable: true })
  language: Language | null;

  /** How many WebAuthn credentials the account has (kept by a trigger on webauthn_credential). */
  @Column('integer', { name: 'webauthn_credentials', default: 0 })
  webauthnCredentials: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
