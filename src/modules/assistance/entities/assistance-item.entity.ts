import { Column, Entity } from 'typeorm';
import { CasePartRecord } from '../../cases/case-records';
import type { AssistanceStatus, AssistanceType } from '../../cases/code-lists';

/** One item of a case's support plan: what (spl_Type), by whom, when planned and when delivered. */
@Entity('assistance_item')
export class AssistanceItem extends CasePartRecord {
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
}
