import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A record's data key, stored only wrapped (AES-256-KWP) under KEK version `kekVersion`. `version`
 * is the data key's own generation, bound into every field it encrypts. Deleting the row shreds the
 * record's ciphertext.
 */
@Entity('data_key')
export class DataKey {
  @PrimaryColumn('uuid')
  id: string;

  @Column('integer')
  version: number;

  @Column('integer', { name: 'kek_version' })
  kekVersion: number;

  @Column('bytea', { name: 'wrapped_key' })
  wrappedKey: Buffer;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'rewrapped_at', nullable: true })
  rewrappedAt: Date | null;
}
