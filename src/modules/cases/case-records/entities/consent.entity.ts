import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConsentPurpose } from '../../code-lists/code-lists';

export { CONSENT_PURPOSES } from '../../code-lists/code-lists';
export type { ConsentPurpose } from '../../code-lists/code-lists';

/** The person's consent to one purpose on one case: given, and perhaps withdrawn, by whom and when. */
@Entity('consent')
export class Consent {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'owner_organisation_id' })
  ownerOrganisationId: string;

  @Column('text')
  purpose: ConsentPurpose;

  /**
   * For a referral: the named organisation the person agreed to be referred to. For a disclosure to
   * law enforcement: the one unit it covers, or null for any law-enforcement body.
   */
  @Column('uuid', { name: 'recipient_organisation_id', nullable: true })
  recipientOrganisationId: string | null;

  /** For a referral: the referral purposes (shelter, medical, ..., transfer) the person agreed to. */
  @Column('text', { name: 'referral_purposes', array: true })
  referralPurposes: string[];

  @Column('timestamptz', { name: 'given_at' })
  givenAt: Date;

  @Column('uuid', { name: 'given_by' })
  givenBy: string;

  @Column('timestamptz', { name: 'withdrawn_at', nullable: true })
  withdrawnAt: Date | null;

  @Column('uuid', { name: 'withdrawn_by', nullable: true })
  withdrawnBy: string | null;
}
