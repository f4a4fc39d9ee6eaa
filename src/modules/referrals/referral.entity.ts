import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReferralPurpose } from '../cases/code-lists';

export { REFERRAL_PURPOSES } from '../cases/code-lists';
export type { ReferralPurpose } from '../cases/code-lists';

export const REFERRAL_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/**
 * A referral of a case from one organisation to another organisation's inbox, with the consent that
 * allows it. `message` and `declineReason` are ciphertext under the case's data key (`dataKeyId`, so
 * that the receiver can read them before it may see the case).
 */
@Entity('referral')
export class Referral {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'from_organisation_id' })
  fromOrganisationId: string;

  @Column('uuid', { name: 'to_organisation_id' })
  toOrganisationId: string;

  @Column('text')
  purpose: ReferralPurpose;

  @Column('uuid', { name: 'consent_id' })
  consentId: string;

  @Column('uuid', { name: 'data_key_id', nullable: true })
  dataKeyId: string | null;

  @Column('bytea', { nullable: true })
  message: Buffer | null;

  @Column('text')
  status: ReferralStatus;

  @Column('timestamptz', { name: 'due_at' })
  dueAt: Date;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column('bytea', { name: 'decline_reason', nullable: true })
  declineReason: Buffer | null;

  @Column('uuid', { name: 'withdrawn_by', nullable: true })
  withdrawnBy: string | null;

  @Column('timestamptz', { name: 'withdrawn_at', nullable: true })
  withdrawnAt: Date | null;

  @Column('uuid', { name: 'share_id', nullable: true })
  shareId: string | null;

  @Column('integer')
  version: number;
}
