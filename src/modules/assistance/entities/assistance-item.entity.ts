import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AssistanceStatus, AssistanceType } from '../../cases/code-lists/support-plan-lists';

/** One item of a case's support plan: what (spl_Type), by whom, when planned and when delivered. */
@Entity('assistance_item')
export class AssistanceItem {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  /** The case's organisation, copied so that the row-level-security policies need not read the case. */
  @Column('uuid', { name: 'owner_organisation_id' })
  ownerOrganisationId: string;

  @Column('text')
  type: AssistanceType;

  @Column('uuid', { name: 'provider_organisation_id' })
  providerOrganisationId: string;

  @Column('text')
  status: AssistanceStatus;

  @Column('date', { name: 'planned_start', nullable: true })
  plannedStart: string | null;

  @Column('date', { name: 'planned_end', nullable: true })
  plannedEnd: string | null;

  @Column('date', { name: 'actual_start', nullable: true })
  actualStart: string | null;

  @Column('date', { name: 'actual_end', nullable: true })
  actualEnd: string | null;

  /** Ciphertext under the case's data key. */
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
