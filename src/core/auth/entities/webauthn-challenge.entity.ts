import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A registration challenge: good once, until it expires, for the user it was made for. */
@Entity('webauthn_challenge')
export class WebAuthnChallenge {
  @PrimaryColumn('text')
  challenge: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;
}
