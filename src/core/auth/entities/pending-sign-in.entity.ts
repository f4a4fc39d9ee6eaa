import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A sign-in whose password was right and whose second factor is still to come. The token given to the
 * client is stored only as its SHA-256; it is good once, for five minutes.
 */
@Entity('pending_sign_in')
export class PendingSignIn {
  @PrimaryColumn('bytea', { name: 'token_hash' })
  tokenHash: Buffer;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  /** The WebAuthn challenge the assertion must sign, when the account has a credential. */
  @Column('text', { name: 'webauthn_challenge', nullable: true })
  webauthnChallenge: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;
}
