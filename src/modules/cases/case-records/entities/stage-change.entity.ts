import { Column, Entity } from 'typeorm';
import type { CaseStage, StatusDecisionMaker, TraffickingStatus } from '../../code-lists';
import { CaseOwnedRow } from './case-owned-row';

/**
 * One change in a case's history: a stage change (with the status decision when there is one) or a
 * transfer of the case to another organisation. `reason` is ciphertext under the case's data key;
 * `reasonCode` names changes the service made by itself.
 */
@Entity('stage_change')
export class StageChange extends CaseOwnedRow {
  @Column('text')
  kind: 'stage' | 'transfer';

  @Column('text', { name: 'from_stage' })
  fromStage: CaseStage;

  @Column('text', { name: 'to_stage' })
  toStage: CaseStage;

  @Column('text', { name: 'trafficking_status', nullable: true })
  traffickingStatus: TraffickingStatus | null;

  @Column('text', { name: 'status_decided_by', nullable: true })
  statusDecidedBy: StatusDecisionMaker | null;

  @Column('uuid', { name: 'deciding_organisation_id', nullable: true })
  decidingOrganisationId: string | null;

  @Column('boolean', { name: 'reflection_waived' })
  reflectionWaived: boolean;

  @Column('uuid', { name: 'from_organisation_id', nullable: true })
  fromOrganisationId: string | null;

  @Column('uuid', { name: 'to_organisation_id', nullable: true })
  toOrganisationId: string | null;

  @Column('bytea', { nullable: true })
  reason: Buffer | null;

  @Column('text', { name: 'reason_code', nullable: true })
  reasonCode: string | null;

  @Column('uuid', { name: 'changed_by' })
  changedBy: string;

  @Column('uuid', { name: 'changed_by_organisation_id' })
  changedByOrganisationId: string;

  @Column('text', { name: 'changed_by_role' })
  changedByRole: string;

  @Column('timestamptz', { name: 'changed_at' })
  changedAt: Date;
}
