import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A WebAuthn credential (security key or passkey) of one user; row-level security shows it to that user only. */
@Entity('webauthn_credential')
export class WebAuthnCredential {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  /** The authenticator's id for it, base64url as the browser sends it. */
  @Column('text', { name: 'credential_id' })
  credentialId: string;

  /** The COSE public key that checks its signatures. */
  @Column('bytea', { name: 'public_key' })
  publicKey: Buffer;

  /** The last signature counter seen; a later assertion must carry a higher one (or both stay 0). */
  @Column('bigint', {
    name: 'sign_count',
    transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
  })
  signCount: number;

  @Column('text', { array: true })
  transports: string[];

  /** The name its user gave it ("blue key"), to tell its credentials apart. */
  @Column('text')
  label: string;

  /** Whether the authenticator says the credential is backed up (a synced passkey). */
  @Column('boolean', { name: 'backed_up' })
  backedUp: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;
}
