import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A person registered by an organisation. Every identifying field is ciphertext under the person's
 * data key (PersonCodec encrypts and decrypts them); the database never holds them in clear.
 * Erasure destroys the data key, clears the ciphertext and keeps the row so the id answers 410.
 */
@Entity('person')
export class Person {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('uuid', { name: 'registered_by' })
  registeredBy: string;

  @Column('uuid', { name: 'data_key_id', nullable: true })
  dataKeyId: string | null;

  @Column('bytea', { name: 'family_name', nullable: true })
  familyName: Buffer | null;

  @Column('bytea', { name: 'given_name', nullable: true })
  givenName: Buffer | null;

  @Column('bytea', { nullable: true })
  patronymic: Buffer | null;

  @Column('bytea', { name: 'date_of_birth', nullable: true })
  dateOfBirth: Buffer | null;

  @Column('bytea', { name: 'identity_documents', nullable: true })
  identityDocuments: Buffer | null;

  @Column('bytea', { nullable: true })
  phone: Buffer | null;

  @Column('bytea', { nullable: true })
  address: Buffer | null;

  @Column('bytea', { nullable: true })
  notes: Buffer | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'erased_at', nullable: true })
  erasedAt: Date | null;
}
