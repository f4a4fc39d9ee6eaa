import { Column, Entity } from 'typeorm';
import { CasePartRecord } from '../../cases/case-records';
import type { ProceedingKind, ProceedingOutcome } from '../../cases/code-lists';

/** A step of the criminal proceedings of a case: investigation, prosecution, trial or verdict. */
@Entity('proceeding')
export class Proceeding extends CasePartRecord {
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
}
