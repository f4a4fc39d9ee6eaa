import { Column, Entity } from 'typeorm';
import { CasePartRecord } from '../../cases/case-records';
import type { PerpetratorRole } from '../../cases/code-lists';

/** A perpetrator in a case, as law enforcement records it: roles and coarse codes in clear, the rest sealed. */
@Entity('perpetrator')
export class Perpetrator extends CasePartRecord {
  @Column('uuid', { name: 'recorded_by_organisation_id' })
  recordedByOrganisationId: string;

  /** HTCDS per_RoleInProcess. */
  @Column('text', { array: true })
  roles: PerpetratorRole[];

  @Column('text', { nullable: true })
  gender: string | null;

  @Column('text', { nullable: true })
  nationality: string | null;

  /** Ciphertext under the case's data key, each column bound to `perpetrator|column|id|version`. */
  @Column('bytea', { nullable: true })
  name: Buffer | null;

  @Column('bytea', { nullable: true })
  aliases: Buffer | null;

  @Column('bytea', { name: 'date_of_birth', nullable: true })
  dateOfBirth: Buffer | null;

  @Column('bytea', { name: 'identity_documents', nullable: true })
  identityDocuments: Buffer | null;

  /** HTCDS per_RoleDetails. */
  @Column('bytea', { name: 'role_details', nullable: true })
  roleDetails: Buffer | null;

  @Column('bytea', { nullable: true })
  description: Buffer | null;
}
