import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProceedingKind, ProceedingOutcome } from '../../cases/code-lists/investigation-lists';

/** A step of the criminal proceedings of a case: investigation, prosecution, trial or verdict. */
@Entity('proceeding')
export class Proceeding {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'owner_organisation_id' })
  ownerOrganisationId: string;

  @Column('uuid', { name: 'recorded_by_organisation_id' })
  recordedByOrganisationId: string;

  @Column('text')
  kind: ProceedingKind;

  @Column('date', { name: 'opened_on' })
  openedOn: string;

  @Column('date', { name: 'closed_on', nullable: true })
  closedOn: string | null;

  @Column('text', { nullable: true })
  outcome: ProceedingOutcome | null;

  /** Perpetrators of the same case the step concerns. */
  @Column('uuid', { name: 'perpetrator_ids', array: true })
  perpetratorIds: string[];

  /** Ciphertext under the case's data key: the file number in the criminal justice system. */
  @Column('bytea', { name: 'reference_number', nullable: true })
  referenceNumber: Buffer | null;

  @Column('bytea', { nullable: true })
  notes: Buffer | null;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('uuid', { name: 'updated_by' })
  updatedBy: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @Column('integer')
  version: number;
}
